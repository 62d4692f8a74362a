/**
 * Turn a cell's problems into what Jupyter shows: ename, evalue and a caret traceback
 * (a port of the Python kernel's `report.py`).
 */

import {
  ERROR,
  IProblem,
  ISpan,
  sortProblems,
  span,
  toDiagnostic
} from './errors';
import type { Diagnostic } from './types';
import { pyRstrip, pyLstrip } from './lang/parser';

/** Most characters of a source line echoed in a traceback. */
const ECHO_CHARS = 80;
/** Most errors shown in a traceback; the diagnostics still list every one. */
const MAX_BLOCKS = 50;

const RED = '\x1b[31m';
const BOLD = '\x1b[1m';
const RESET = '\x1b[0m';

/** The span of a line's statement: its text without indentation, comment or trailing space. */
export function statementSpan(lines: string[], line: number): ISpan {
  const text = lines[line] ?? '';
  const code = pyRstrip(text.split('#', 1)[0]);
  const start = code.length - pyLstrip(code).length;
  if (start === code.length) {
    return span(line, 0, pyRstrip(text).length);
  }
  return span(line, start, code.length);
}

/** `text` with control characters written as `\x1b`, so a cell cannot drive a terminal. */
export function escaped(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (
      ch === '\t' ||
      !(
        code < 0x20 ||
        (code >= 0x7f && code < 0xa0) ||
        code === 0x2028 ||
        code === 0x2029
      )
    ) {
      out += ch;
    } else {
      out +=
        code < 0x100
          ? '\\x' + code.toString(16).padStart(2, '0')
          : '\\u' + code.toString(16).padStart(4, '0');
    }
  }
  return out;
}

/** The ename and one-sentence evalue of a cell with at least one error. */
export function summary(errors: IProblem[]): [string, string] {
  const first = errors[0];
  let evalue = `Line ${first.span.line + 1}: ${escaped(first.message)}`;
  if (errors.length > 1) {
    const more = errors.length - 1;
    evalue += ` (and ${more} more problem${more > 1 ? 's' : ''})`;
  }
  return [first.ename, evalue];
}

/**
 * At most about `width` escaped characters of `text` around the UTF-16 span
 * `[start, end)`, and the span's start and end in it, for the caret line. Counted in
 * code points as Python counts a line, so a character beyond the BMP (an emoji, `𝑥`)
 * takes one caret and one column, as in the Python kernel's traceback.
 */
function excerpt(
  text: string,
  start: number,
  end: number,
  width = ECHO_CHARS
): [string, number, number] {
  const chars = Array.from(text);
  const count = (s: string): number => Array.from(s).length;
  // UTF-16 index -> code point index (one past the line stays past it)
  const at = (i: number): number =>
    count(text.slice(0, i)) + Math.max(0, i - text.length);
  start = at(start);
  end = at(end);
  const slice = (from: number, to: number): string =>
    chars.slice(from, Math.max(from, to)).join('');
  const lo = Math.max(
    0,
    Math.min(start - Math.floor(width / 4), chars.length - width)
  );
  const hi = Math.min(chars.length, lo + width);
  const stop = Math.min(end, hi);
  const head = start >= lo ? escaped(slice(lo, start)) : '';
  const shown = escaped(slice(lo, hi));
  const from = Math.max(lo, start);
  const marked = escaped(slice(from, stop));
  const prefix = lo > 0 ? '…' : '';
  const suffix = hi < chars.length ? '…' : '';
  const column = prefix.length + count(head);
  return [prefix + shown + suffix, column, column + count(marked)];
}

/** Caret-underlined source lines, one block per error. */
export function traceback(errors: IProblem[], lines: string[]): string[] {
  const blocks = errors.slice(0, MAX_BLOCKS).map(p => {
    const text = lines[p.span.line] ?? '';
    const [shown, start, end] = excerpt(text, p.span.start, p.span.end);
    const caret = ' '.repeat(start) + '^'.repeat(Math.max(1, end - start));
    return (
      `${BOLD}${RED}${p.ename}${RESET}: line ${p.span.line + 1}: ${escaped(p.message)}\n` +
      `    ${shown}\n` +
      `    ${RED}${caret}${RESET}`
    );
  });
  if (errors.length > MAX_BLOCKS) {
    blocks.push(
      `… and ${errors.length - MAX_BLOCKS} more problems (see the marks in the cell)`
    );
  }
  return blocks;
}

/** Every problem of the cell in LSP `Diagnostic` shape, in reading order. */
export function diagnostics(
  problems: IProblem[],
  lines: string[]
): Diagnostic[] {
  return sortProblems(problems).map(p => toDiagnostic(p, lines));
}

/** Only the errors (not the warnings), in reading order. */
export function errorsOf(problems: IProblem[]): IProblem[] {
  return sortProblems(problems).filter(p => p.severity === ERROR);
}

/** One value alone, or `source = value` per line when a cell calculates several. */
export function formatValues(
  values: Array<[number, string]>,
  lines: string[]
): string {
  if (values.length === 1) {
    return values[0][1];
  }
  return values
    .map(([line, value]) => {
      if (
        value.includes(' = ') ||
        value.includes(': ') ||
        value.startsWith('✓ ')
      ) {
        return value; // `a = 3`, `residuals: e1`, `✓ L > 0` say what they are
      }
      const where = statementSpan(lines, line);
      return `${lines[line].slice(where.start, where.end)} = ${value}`;
    })
    .join('\n');
}
