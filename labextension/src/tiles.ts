/**
 * One launcher tile for the calculator.
 *
 * JupyterLab adds a Notebook and a Console tile for every kernelspec. For the `plotter`
 * kernel both carry the name "Graphing Calculator" and the Plotter logo, like the
 * calculator tile, yet the notebook one opens an empty notebook and the console one a
 * console. A student should meet one tile that gives the starter cell, so the launcher
 * leaves the kernelspec's two tiles out; the kernel stays in the kernel picker and in
 * File › New › Console.
 */

import type { ILauncher } from '@jupyterlab/launcher';

/** Command arguments, as JSON. */
type Args = { readonly [key: string]: unknown };

/** The parts of a launcher item this module reads. */
export interface ITileItem {
  /** Command the tile runs. */
  command: string;
  /** Arguments of that command. */
  args?: Args;
}

/** Where the notebook and console commands of JupyterLab name the kernel of their tile. */
const KERNEL_OF_TILE: {
  [command: string]: (args: Args) => unknown;
} = {
  'notebook:create-new': args => args['kernelName'],
  'console:create': args =>
    (args['kernelPreference'] as Args | undefined)?.['name']
};

/** Whether `item` is JupyterLab's own Notebook or Console tile for `kernelName`. */
export function isKernelTileOf(item: ITileItem, kernelName: string): boolean {
  const kernelOf = KERNEL_OF_TILE[item.command];
  return kernelOf !== undefined && kernelOf(item.args ?? {}) === kernelName;
}

/** A launcher that lists its items (JupyterLab's `LauncherModel`). */
function listsItems(launcher: ILauncher): launcher is ILauncher.IModel {
  return typeof (launcher as Partial<ILauncher.IModel>).items === 'function';
}

/**
 * Leave the kernelspec's own tiles for `kernelName` out of the launcher.
 *
 * The launcher widget asks its model for the items each time it renders, so filtering
 * there covers tiles added before and after this call, and again whenever the kernel
 * list changes. Returns whether the launcher could be filtered.
 */
export function leaveOutKernelTiles(
  launcher: ILauncher,
  kernelName: string
): boolean {
  if (!listsItems(launcher)) {
    return false;
  }
  const allItems = launcher.items.bind(launcher);
  launcher.items = function* () {
    for (const item of allItems()) {
      if (!isKernelTileOf(item, kernelName)) {
        yield item;
      }
    }
  };
  return true;
}
