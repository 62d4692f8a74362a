/**
 * The toolbar over the plot: zoom in, zoom out, reset, listen, and the SVG and PNG
 * downloads. Each button is labelled for screen readers and keeps its keys from the
 * notebook's shortcuts; what a button does is the widget's.
 */

import { buttonKeys, ownKeys } from './keys';

/** What the toolbar's buttons do. */
export interface IToolbarActions {
  zoomIn(): void;
  zoomOut(): void;
  reset(): void;
  /** Start or stop the audio trace. */
  listen(): void;
  download(format: 'svg' | 'png'): void;
}

/** The toolbar and its audio button (whose `aria-pressed` follows the sound). */
export interface IToolbar {
  node: HTMLDivElement;
  audio: HTMLButtonElement;
}

/** Build the plot's toolbar. */
export function buildToolbar(actions: IToolbarActions): IToolbar {
  const node = document.createElement('div');
  node.className = 'jp-PlotterView-toolbar';
  const audio = button(
    'jp-PlotterView-audio',
    '\u266a',
    'Listen to the curve: pitch follows y, left to right follows x',
    () => actions.listen()
  );
  node.append(
    button('jp-PlotterView-zoom-in', '+', 'Zoom in (+)', () =>
      actions.zoomIn()
    ),
    button('jp-PlotterView-zoom-out', '\u2212', 'Zoom out (\u2212)', () =>
      actions.zoomOut()
    ),
    button('jp-PlotterView-reset', '\u27f2', 'Reset the view', () =>
      actions.reset()
    ),
    audio,
    button(
      'jp-PlotterView-download-svg',
      'SVG',
      'Download this view as SVG',
      () => actions.download('svg')
    ),
    button(
      'jp-PlotterView-download-png',
      'PNG',
      'Download this view as PNG',
      () => actions.download('png')
    )
  );
  audio.setAttribute('aria-pressed', 'false');
  return { node, audio };
}

/** A toolbar button: `text` shown, `label` as its tooltip and accessible name. */
function button(
  className: string,
  text: string,
  label: string,
  action: () => void
): HTMLButtonElement {
  const node = document.createElement('button');
  node.type = 'button';
  node.className = `jp-PlotterView-button ${className}`;
  node.textContent = text;
  node.title = label;
  node.setAttribute('aria-label', label);
  node.addEventListener('click', action);
  ownKeys(node, buttonKeys);
  return node;
}
