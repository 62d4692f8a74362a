/**
 * The table files of a cell, fetched by the Lite kernel before its worker runs the cell
 * (the worker answers synchronously, so the page reads ahead what `table("...")` asks).
 */

import { tablePaths } from '../core/lang/tables';
import type { IRefusal } from '../core/lang/tables';
import type { TableFiles } from './protocol';

/** Reads a file at `full` (from the contents' root; `path` as the cell wrote it). */
export type ReadFile = (
  full: string,
  path: string
) => Promise<string | IRefusal>;

/** The files of the cell's `table("...")` lines, relative to the notebook's `location`. */
export async function tableFiles(
  code: string,
  location: string,
  read: ReadFile
): Promise<TableFiles> {
  const files: TableFiles = {};
  const folder = location.replace(/\/+$/, '');
  for (const path of tablePaths(code)) {
    files[path] = await read(folder ? `${folder}/${path}` : path, path);
  }
  return files;
}
