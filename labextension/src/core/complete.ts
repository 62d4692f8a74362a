/**
 * No Python twin: the console's assists for the Lite kernel; the Python kernel answers
 * them in its Jupyter shell (`shell/assist.py`, of which this is a port).
 *
 * Editor assists: completion, inspection and the is-complete check for the console.
 */

import {
  ALIASES,
  BUILTINS,
  CONSTANTS,
  SERIES,
  STATEMENTS,
  VARIABLE_DOCS
} from './lang/builtins';
import { fullValue } from './lang/emit';
import { PlotterError } from './errors';
import { tokenize } from './lang/lexer';
import { parseLine } from './lang/parser';
import type { Session } from './lang/session';
import { classify } from './lang/statements';

const PAIRS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
const SYMBOLS: Record<string, string> = {
  π: 'pi',
  θ: 'theta',
  '√': 'sqrt',
  '∛': 'cbrt'
};
const DIGIT = /^[\p{Nd}\u00b2\u00b3\u00b9\u2070\u2074-\u2079\u2080-\u2089]$/u;
const ALNUM = /^[\p{L}\p{N}]$/u;

/** The matches of a completion and the range of text they replace. */
export interface ICompletion {
  matches: string[];
  cursorStart: number;
  cursorEnd: number;
}

function isNameChar(ch: string): boolean {
  return ALNUM.test(ch) || ch === '_' || ch in SYMBOLS;
}

/** Start of the name that ends at `pos` (leading digits belong to a number: `2si`). */
function wordStart(code: string, pos: number): number {
  let start = pos;
  while (start > 0 && isNameChar(code[start - 1])) {
    start -= 1;
  }
  while (start < pos && DIGIT.test(code[start])) {
    start += 1;
  }
  return start;
}

/** Definitions written in `code` itself (not run yet), by name -> source text. */
function cellDefinitions(code: string): Map<string, string> {
  const found = new Map<string, string>();
  code.split('\n').forEach((text, index) => {
    try {
      const line = parseLine(text, index);
      const statement = line === null ? null : classify(line);
      if (line !== null && statement !== null) {
        if (statement.type === 'function' || statement.type === 'parameter') {
          found.set(statement.name, line.text);
        }
      }
    } catch (err) {
      if (!(err instanceof PlotterError || err instanceof RangeError)) {
        throw err;
      }
    }
  });
  return found;
}

/** Names that complete the word before the cursor (UTF-16 positions). */
export function complete(
  session: Session,
  code: string,
  cursor: number
): ICompletion {
  const pos = Math.max(0, Math.min(cursor, code.length));
  const lineStart = code.lastIndexOf('\n', pos - 1) + 1;
  if (code.slice(lineStart, pos).includes('#')) {
    return { matches: [], cursorStart: pos, cursorEnd: pos };
  }
  const start = wordStart(code, pos);
  const prefix = code.slice(start, pos);
  const names = new Set([
    ...BUILTINS.keys(),
    ...ALIASES.keys(),
    ...SERIES.keys(),
    ...STATEMENTS.keys(),
    ...CONSTANTS.keys(),
    ...session.definitions.keys(),
    'theta',
    ...cellDefinitions(code).keys()
  ]);
  const matches = [...names]
    .filter(n => n.startsWith(prefix))
    .sort(byCodePoint);
  return { matches, cursorStart: start, cursorEnd: pos };
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function nameAt(code: string, cursor: number): string {
  const pos = Math.max(0, Math.min(cursor, code.length));
  let end = pos;
  while (end < code.length && isNameChar(code[end])) {
    end += 1;
  }
  let start = wordStart(code, pos);
  if (start === end && pos > 0 && code[pos - 1] === '(') {
    end = pos - 1;
    start = wordStart(code, end);
  }
  const word = code.slice(start, end);
  return SYMBOLS[word] ?? word;
}

/**
 * Plain text about the name at the cursor, or null when it is on nothing known: a
 * stored parameter shows its value with every digit (a printed value has 12).
 */
export function inspect(
  session: Session,
  code: string,
  cursor: number
): string | null {
  let id = nameAt(code, cursor);
  if (!id) {
    return null;
  }
  id = ALIASES.get(id) ?? id;
  const series = SERIES.get(id) ?? STATEMENTS.get(id);
  if (series !== undefined) {
    return series;
  }
  const builtin = BUILTINS.get(id);
  if (builtin !== undefined) {
    return `${builtin.signature}\n${builtin.doc}`;
  }
  const constant = CONSTANTS.get(id);
  if (constant !== undefined) {
    return `${id} = ${pyFloatRepr(constant.value)}\n${constant.doc}`;
  }
  const variable = VARIABLE_DOCS.get(id);
  if (variable !== undefined) {
    return variable;
  }
  const written = cellDefinitions(code).get(id);
  const stored = session.definitions.get(id);
  if (written !== undefined && stored?.text !== written) {
    return written; // not run yet: no value to show
  }
  if (stored === undefined) {
    return null;
  }
  const value = session.value(id);
  if (value === null || stored.text === `${id} = ${fullValue(value)}`) {
    return stored.text;
  }
  return `${stored.text}\n${id} = ${fullValue(value)}`;
}

/** Python's `repr` of a float (shortest round-trip digits, as JavaScript prints them). */
function pyFloatRepr(value: number): string {
  const text = String(value);
  return /^-?\d+$/.test(text) ? `${text}.0` : text;
}

/**
 * `incomplete` while brackets are open, `invalid` for mismatched brackets or unknown
 * characters, else `complete`.
 */
export function isComplete(
  code: string
): 'complete' | 'incomplete' | 'invalid' {
  const open: string[] = [];
  const lines = code.split('\n');
  for (let index = 0; index < lines.length; index++) {
    let tokens;
    try {
      tokens = tokenize(lines[index], index);
    } catch (err) {
      return 'invalid';
    }
    for (const t of tokens) {
      if (t.kind !== 'op') {
        continue;
      }
      if (t.text === '(' || t.text === '[' || t.text === '{') {
        open.push(t.text);
      } else if (t.text in PAIRS) {
        if (!open.length || open.pop() !== PAIRS[t.text]) {
          return 'invalid';
        }
      }
    }
  }
  return open.length ? 'incomplete' : 'complete';
}
