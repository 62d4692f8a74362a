/**
 * Tables from CSV/TSV files: `table("data.csv")` defines one list per column (a port of
 * the Python kernel's `lang/tables.py`).
 *
 * Pure: the file's text comes through a reader the session is given (the Lite kernel
 * reads the site's contents, a test a map of texts), so the rules here (the line, the
 * path, the parsing, the names, the limit and the HTML) are the same in both kernels.
 */

import {
  EName,
  IProblem,
  ISpan,
  PlotterError,
  WARNING,
  problem,
  span
} from '../errors';
import { BUILTINS, CONSTANTS, PLOT_VARIABLES } from './builtins';
import { formatValue } from './emit';

/** Why a reader gives no text for a path: a message and its code (and error name). */
export interface IRefusal {
  message: string;
  code: string;
  ename?: EName;
}

/** Gives a table file's text, or why not. */
export type TableReader = (path: string) => string | IRefusal;

const START = /^\s*table\s*\(/;
const WHOLE = /^(\s*table\s*\(\s*)"([^"\n]*)"\s*\)\s*(?:#.*)?$/;
const NUMBER = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const NAME = /[A-Za-z][A-Za-z0-9]*/;
const KEYWORDS = new Set(['for', 'in', 'table', 'degrees', 'radians']);
/** A table of more rows is shown as its first rows and a row saying how many there are. */
export const SHOWN_ROWS = 20;

/** The reader of a session that has no files. */
export function notAvailable(): IRefusal {
  return {
    message: 'Tables are not available here: there is no folder to read.',
    code: 'table-none'
  };
}

/**
 * The table files a cell asks for, each once: the paths of its `table("...")` lines that
 * pass `checkPath` (so a transport that fetches them ahead never asks for another).
 */
export function tablePaths(code: string): string[] {
  const paths = new Set<string>();
  code.split('\n').forEach((text, index) => {
    try {
      const where = tableLine(text, index);
      if (where !== null) {
        const path = text.slice(where.start + 1, where.end - 1);
        checkPath(path, where);
        paths.add(path);
      }
    } catch {
      // the session reports it
    }
  });
  return [...paths];
}

/** The lists a table file defines: `[name, values]` per column, and the warnings. */
export interface ITable {
  path: string;
  columns: Array<[string, number[]]>;
  warnings: IProblem[];
  rows: number;
}

/**
 * The span of the file name (with its quotes) if the line is `table("...")`; null for
 * any other line. A line starting `table(` without a quoted name is an error.
 */
export function tableLine(text: string, index: number): ISpan | null {
  if (!START.test(text)) {
    return null;
  }
  const match = WHOLE.exec(text);
  if (match === null) {
    const end = text.split('#', 1)[0].trimEnd().length;
    throw new PlotterError(
      'SyntaxError',
      'Write the file name in double quotes, like table("data.csv").',
      span(index, text.length - text.trimStart().length, end),
      'table-syntax'
    );
  }
  const start = match[1].length;
  return span(index, start, start + match[2].length + 2);
}

/** Refuse what is not a file of the notebook's folder: absolute paths and `..`. */
export function checkPath(path: string, where: ISpan): void {
  const parts = path.split(/[\\/]/);
  let message: string;
  if (!path.trim()) {
    message = 'Write the file name, like table("data.csv").';
  } else if (/^[/\\~]/.test(path) || /^[A-Za-z]:/.test(path)) {
    message =
      "A table is read from the notebook's folder: write a name like data.csv, not a path from the top.";
  } else if (parts.includes('..')) {
    message =
      "A table is read from the notebook's folder or a folder in it; '..' leaves it.";
  } else if (!/\.(csv|tsv)$/i.test(path)) {
    message = 'A table is a .csv or .tsv file, like table("data.csv").';
  } else {
    return;
  }
  throw new PlotterError('ValueError', message, where, 'table-path');
}

/**
 * The records of a CSV text as Python's `csv.reader` reads them (its "excel" dialect):
 * a field that starts with a quote runs to the closing quote (`""` is a quote inside),
 * and an empty line is an empty record.
 */
export function csvRecords(text: string, delimiter: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStart = true;
  let started = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === delimiter) {
      record.push(field);
      field = '';
      fieldStart = true;
      started = true;
    } else if (c === '\r' || c === '\n') {
      if (started || field) {
        record.push(field);
      }
      records.push(record);
      record = [];
      field = '';
      fieldStart = true;
      started = false;
      if (c === '\r' && text[i + 1] === '\n') {
        i++;
      }
    } else if (c === '"' && fieldStart) {
      quoted = true;
      fieldStart = false;
      started = true;
    } else {
      field += c;
      fieldStart = false;
      started = true;
    }
  }
  if (started || field) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/**
 * The columns of a CSV (or, for `.tsv`, tab-separated) text whose first row names them.
 * Empty cells are undefined; a column with any other cell that is not a number is left
 * out with a warning naming the cell.
 */
export function readTable(
  path: string,
  text: string,
  mostRows: number,
  where: ISpan
): ITable {
  const delimiter = /\.tsv$/i.test(path) ? '\t' : ',';
  if (text.startsWith('\ufeff')) {
    text = text.slice(1);
  }
  if (text.includes('\0')) {
    throw new PlotterError(
      'ValueError',
      `${path} is not a text file.`,
      where,
      'table-unreadable'
    );
  }
  let header: string[] | null = null;
  const cells: string[][] = [];
  for (const record of csvRecords(text, delimiter)) {
    if (!record.length) {
      continue;
    }
    if (header === null) {
      header = record;
      continue;
    }
    if (cells.length >= mostRows) {
      throw new PlotterError(
        'ResourceError',
        `${path} has more than ${mostRows} rows; a table has at most ${mostRows}.`,
        where,
        'table-too-long'
      );
    }
    if (record.length !== header.length) {
      throw new PlotterError(
        'ValueError',
        `Row ${cells.length + 1} of ${path} has ${record.length} cells; ` +
          `its header has ${header.length}.`,
        where,
        'table-row'
      );
    }
    cells.push(record);
  }
  if (header === null) {
    throw new PlotterError(
      'ValueError',
      `${path} is empty.`,
      where,
      'table-empty'
    );
  }
  const table: ITable = { path, columns: [], warnings: [], rows: cells.length };
  const names = columnNames(header);
  header.forEach((title, index) => {
    const [name, why] = names[index];
    if (why) {
      table.warnings.push(
        problem('ValueError', why, where, 'table-name', WARNING)
      );
    }
    const values: number[] = [];
    for (let row = 0; row < cells.length; row++) {
      const value = cellNumber(cells[row][index]);
      if (value === null) {
        const message =
          `The column ${pyRepr(title)} is left out: row ${row + 1} holds ` +
          `${short(cells[row][index])}, which is not a number.`;
        table.warnings.push(
          problem('ValueError', message, where, 'table-text', WARNING)
        );
        return;
      }
      values.push(value);
    }
    table.columns.push([name, values]);
  });
  return table;
}

/** A cell's number; NaN (undefined) for an empty cell; null if it is not a number. */
export function cellNumber(cell: string): number | null {
  const text = cell.trim();
  if (!text) {
    return NaN;
  }
  if (!NUMBER.test(text)) {
    return null;
  }
  const value = Number(text);
  return Number.isFinite(value) ? value : NaN;
}

/**
 * Each column's list name, and why it is not named from its header (`''` if it is):
 * the first run of letters and digits that starts with a letter (`time (s)` is `time`),
 * else `c1`, `c2`... by position.
 */
export function columnNames(header: string[]): Array<[string, string]> {
  const taken = new Set<string>();
  const found: Array<[string, string]> = [];
  header.forEach((title, index) => {
    const match = NAME.exec(title);
    let name = match ? match[0] : '';
    let fallback = `c${index + 1}`;
    let why = '';
    const from = `${name} (from the header ${short(title)})`;
    if (!name) {
      why = `The header ${short(title)} has no name in it`;
    } else if (
      BUILTINS.has(name) ||
      CONSTANTS.has(name) ||
      KEYWORDS.has(name)
    ) {
      why = `${from} is a name of the calculator`;
    } else if (PLOT_VARIABLES.has(name)) {
      why = `${from} is a plot variable`;
    } else if (taken.has(name)) {
      why = `${from} names an earlier column too`;
    }
    if (why) {
      while (taken.has(fallback)) {
        fallback += '_';
      }
      name = fallback;
      why += `; its list is named ${name}.`;
    }
    taken.add(name);
    found.push([name, why]);
  });
  return found;
}

/** Python's `repr` of a short text: in single quotes unless it holds one. */
function pyRepr(text: string): string {
  if (text.includes("'") && !text.includes('"')) {
    return `"${text}"`;
  }
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function short(text: string, most = 30): string {
  const chars = Array.from(text);
  return pyRepr(
    chars.length <= most ? text : chars.slice(0, most - 1).join('') + '…'
  );
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#x27;'
};

/** Text made safe inside HTML, as Python's `html.escape`. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, c => ESCAPES[c]);
}

/**
 * The columns as an HTML table (escaped): the first `SHOWN_ROWS` rows, then a row
 * saying how many there are.
 */
export function tableHtml(
  columns: ReadonlyArray<readonly [string, ArrayLike<number>]>
): string {
  const rows = Math.max(0, ...columns.map(([, values]) => values.length));
  const shown = rows <= SHOWN_ROWS + 1 ? rows : SHOWN_ROWS;
  const head = columns.map(([name]) => `<th>${escapeHtml(name)}</th>`).join('');
  const body: string[] = [];
  for (let row = 0; row < shown; row++) {
    const cells = columns
      .map(
        ([, values]) =>
          `<td>${row < values.length ? formatValue(values[row]) : ''}</td>`
      )
      .join('');
    body.push(`<tr>${cells}</tr>`);
  }
  if (shown < rows) {
    body.push(`<tr><td colspan="${columns.length}">… (${rows} rows)</td></tr>`);
  }
  return (
    '<table class="plotter-table">' +
    `<thead><tr>${head}</tr></thead><tbody>${body.join('')}</tbody></table>`
  );
}
