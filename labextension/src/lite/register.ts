/**
 * Registers the `plotter` kernel with JupyterLite. Loaded only inside JupyterLite
 * (see `plugin.ts`), so JupyterLab never loads `@jupyterlite/services`.
 */

import type { JupyterFrontEnd } from '@jupyterlab/application';
import { IKernelClient, IKernelSpecs } from '@jupyterlite/services';
import type { IKernel } from '@jupyterlite/services';

import plotterSvg from '../../style/icons/plotter.svg';
import protocol from '../core/protocol.json';
import type { IWorkerLike } from './evaluator';
import { keepForOffline } from './offline';
import type { PlotterKernel } from './kernel';
import type { IRunSettings } from './protocol';
import type { IRefusal } from '../core/lang/tables';

/** The kernel spec, named and shown as the Python kernel's. */
export const KERNEL_SPEC = {
  name: protocol.kernelName,
  display_name: protocol.displayName,
  language: protocol.languageInfo.name,
  argv: [] as string[],
  resources: {
    'logo-32x32': `data:image/svg+xml,${encodeURIComponent(plotterSvg)}`,
    'logo-64x64': `data:image/svg+xml,${encodeURIComponent(plotterSvg)}`
  }
};

/** Figure size and limits of the Python kernel's defaults. */
const SETTINGS: IRunSettings = { width: 600, height: 400, limits: {} };

/** The cell time limit (the Python kernel's default `seconds_per_cell`). */
const SECONDS_PER_CELL = 10;

/**
 * Register the kernel with the Lite kernel specs, and route interrupts to it.
 *
 * @returns whether JupyterLite's kernel specs were there to register with
 */
export async function registerKernel(app: JupyterFrontEnd): Promise<boolean> {
  const specs = await app.resolveOptionalService(IKernelSpecs);
  if (!specs) {
    return false;
  }
  const running = new Map<string, PlotterKernel>();
  specs.register({
    spec: KERNEL_SPEC,
    create: async (options: IKernel.IOptions): Promise<IKernel> => {
      const { PlotterKernel } = await import('./kernel');
      const kernel = new PlotterKernel({
        ...options,
        createWorker,
        settings: SETTINGS,
        secondsPerCell: SECONDS_PER_CELL,
        readFile: (full, path) => readContents(app, full, path)
      });
      running.set(kernel.id, kernel);
      kernel.disposed.connect(() => running.delete(kernel.id));
      return kernel;
    }
  });
  const client = await app.resolveOptionalService(IKernelClient);
  if (client) {
    routeInterrupts(client, running);
  }
  void keepForOffline();
  return true;
}

/**
 * A table file's text from the site's contents (JupyterLite's files and the browser's
 * own), or why not.
 */
async function readContents(
  app: JupyterFrontEnd,
  full: string,
  path: string
): Promise<string | IRefusal> {
  try {
    const model = await app.serviceManager.contents.get(full, {
      content: true,
      type: 'file',
      format: 'text'
    });
    if (model.type !== 'directory' && typeof model.content === 'string') {
      return model.content;
    }
  } catch {
    // a missing file: said below
  }
  return {
    message: `There is no file ${path} in the notebook's folder.`,
    code: 'table-missing'
  };
}

/**
 * JupyterLite's kernel client only cancels the messages waiting for a kernel on
 * interrupt; it has no hook for the kernel itself. Wrap its `interrupt` so ours can end
 * its worker.
 */
function routeInterrupts(
  client: IKernelClient,
  running: Map<string, PlotterKernel>
): void {
  const interrupt = client.interrupt.bind(client);
  client.interrupt = async (id: string): Promise<void> => {
    running.get(id)?.interrupt();
    return interrupt(id);
  };
}

/**
 * A new evaluation worker (a separate chunk holding the language core); once it is
 * ready, its files are kept for offline use with the page's.
 */
function createWorker(): IWorkerLike {
  const worker = new Worker(new URL('./worker.js', import.meta.url));
  worker.addEventListener('message', (event: MessageEvent) => {
    const reply = event.data as { ready?: boolean; loaded?: string[] };
    if (reply?.ready) {
      void keepForOffline(reply.loaded ?? []);
    }
  });
  return worker as unknown as IWorkerLike;
}
