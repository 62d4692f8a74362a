/**
 * The "new Graphing Calculator" command: a notebook on the Plotter kernel with a starter cell.
 */

import { CommandRegistry } from '@lumino/commands';
import { NotebookPanel } from '@jupyterlab/notebook';

import { KERNEL_NAME, STARTER_SOURCE } from './tokens';

/**
 * Create a notebook in `cwd` on the Plotter kernel and put the starter cell in it.
 *
 * Returns the notebook panel when the application hands one back (JupyterLab);
 * an application that opens the notebook elsewhere (Notebook 7) returns nothing.
 */
export async function newCalculator(
  commands: CommandRegistry,
  cwd: string
): Promise<NotebookPanel | undefined> {
  const widget: unknown = await commands.execute('notebook:create-new', {
    cwd,
    kernelName: KERNEL_NAME
  });
  if (!(widget instanceof NotebookPanel)) {
    return undefined;
  }
  await widget.context.ready;
  const model = widget.content.model;
  if (model) {
    const first = model.sharedModel.cells[0];
    if (first === undefined) {
      model.sharedModel.insertCell(0, {
        cell_type: 'code',
        source: STARTER_SOURCE
      });
    } else if (first.cell_type === 'code' && first.getSource() === '') {
      first.setSource(STARTER_SOURCE);
    }
  }
  return widget;
}
