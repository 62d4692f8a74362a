/**
 * The plugin that shows Plotter outputs as live plots: a factory in every notebook's
 * own render registry with that notebook's kernel, and a kernel-less one everywhere else.
 */

import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';

import { plotRendererFactory, RENDERER_RANK } from './factory';

/** Give a notebook's outputs a renderer that reaches the notebook's kernel. */
export function addNotebookRenderer(panel: NotebookPanel): void {
  panel.content.rendermime.addFactory(
    plotRendererFactory(() => panel.sessionContext.session?.kernel ?? null),
    RENDERER_RANK
  );
}

/** Live plots of `application/vnd.plotter.v2+json` outputs. */
export const rendererPlugin: JupyterFrontEndPlugin<void> = {
  id: 'plotter-labextension:renderer',
  description:
    'Shows Plotter outputs as interactive plots: zoom, pan, sliders, trace.',
  autoStart: true,
  requires: [IRenderMimeRegistry],
  optional: [INotebookTracker],
  activate: (
    app: JupyterFrontEnd,
    rendermime: IRenderMimeRegistry,
    tracker: INotebookTracker | null
  ): void => {
    rendermime.addFactory(
      plotRendererFactory(() => null),
      RENDERER_RANK
    );
    tracker?.forEach(addNotebookRenderer);
    tracker?.widgetAdded.connect((_, panel) => addNotebookRenderer(panel));
  }
};
