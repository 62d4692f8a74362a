/**
 * The plugin that gives JupyterLite the Graphing Calculator kernel. It has no
 * `requires`, and loads the kernel code only when JupyterLite's kernel specs are
 * there: in JupyterLab it does nothing and logs nothing.
 */

import type {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';

import { keepListings } from './offline';

/** The JupyterLite plugin that provides the kernel specs service. */
export const LITE_KERNEL_SPECS_PLUGIN =
  '@jupyterlite/services-extension:kernel-specs';

/** Registers the in-browser `plotter` kernel inside JupyterLite. */
export const liteKernelPlugin: JupyterFrontEndPlugin<void> = {
  id: 'plotter-labextension:lite-kernel',
  description:
    'Runs the Graphing Calculator kernel in the browser when inside JupyterLite.',
  autoStart: true,
  // Asynchronous so the app starts only once the kernel is registered: a notebook
  // opened at start-up then finds its kernel.
  activate: async (app: JupyterFrontEnd): Promise<void> => {
    if (!app.hasPlugin(LITE_KERNEL_SPECS_PLUGIN)) {
      return;
    }
    // Before anything lists the site's contents, so that the listings are kept.
    keepListings();
    try {
      const { registerKernel } = await import('./register');
      await registerKernel(app);
    } catch (reason) {
      console.error('Plotter: could not start the in-browser kernel', reason);
    }
  }
};
