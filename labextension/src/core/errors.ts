/**
 * Located errors of the Plotter language and their LSP-shaped diagnostics.
 *
 * Spans index the JavaScript string of one source line (UTF-16 code units), which is
 * what the Python kernel sends after converting its own indices.
 */

import { TimeLimit } from './eval/errors';
import protocol from './protocol.json';
import type { Diagnostic } from './types';

export { formatG } from './eval/errors';

export type EName =
  | 'SyntaxError'
  | 'NameError'
  | 'TypeError'
  | 'ValueError'
  | 'ResourceError'
  | 'KeyboardInterrupt';

export const ERROR = 1;
export const WARNING = 2;

/** A range of one source line: 0-based line, UTF-16 start and end. */
export interface ISpan {
  line: number;
  start: number;
  end: number;
}

export function span(line: number, start: number, end: number): ISpan {
  return { line, start, end };
}

/** A problem in the user's cell, located at a span of its source. */
export class PlotterError extends Error {
  constructor(
    readonly ename: EName,
    message: string,
    readonly span: ISpan | null = null,
    readonly code: string = 'error'
  ) {
    super(message);
  }
}

/** A configured limit was exceeded. */
export class ResourceLimit extends PlotterError {
  constructor(message: string, where: ISpan | null = null, code = 'limit') {
    super('ResourceError', message, where, code);
  }
}

/**
 * The cell used up its seconds: every stage lets this one through. It is the
 * evaluator's class, so a deadline passed to `eval/` and `draw/` means the same there.
 */
export { TimeLimit };

/** One error or warning of a cell. */
export interface IProblem {
  ename: EName;
  message: string;
  span: ISpan;
  code: string;
  severity: 1 | 2;
}

export function problem(
  ename: EName,
  message: string,
  where: ISpan,
  code: string,
  severity: 1 | 2 = ERROR
): IProblem {
  return { ename, message, span: where, code, severity };
}

export function fromError(
  err: { ename: EName; message: string; span?: ISpan | null; code: string },
  fallback: ISpan
): IProblem {
  return problem(err.ename, err.message, err.span ?? fallback, err.code, ERROR);
}

/** Shape a problem as an LSP `Diagnostic` (spans are UTF-16 already). */
export function toDiagnostic(p: IProblem, lines: string[]): Diagnostic {
  const text = lines[p.span.line] ?? '';
  const start = Math.max(0, Math.min(p.span.start, text.length));
  const end = Math.max(start, Math.min(p.span.end, text.length));
  return {
    range: {
      start: { line: p.span.line, character: start },
      end: { line: p.span.line, character: end }
    },
    severity: p.severity,
    message: p.message,
    source: protocol.diagnosticSource,
    code: p.code
  };
}

/** Problems in reading order, errors before warnings on the same spot. */
export function sortProblems(problems: IProblem[]): IProblem[] {
  return problems
    .map((p, i) => [p, i] as const)
    .sort(
      ([a, i], [b, j]) =>
        a.span.line - b.span.line ||
        a.span.start - b.span.start ||
        a.severity - b.severity ||
        i - j
    )
    .map(([p]) => p);
}

/** Python's `repr` of a string: quotes and escapes as Python writes them. */
export function pyRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (ch === quote || ch === '\\') {
      out += '\\' + ch;
    } else if (ch === '\t') {
      out += '\\t';
    } else if (ch === '\n') {
      out += '\\n';
    } else if (ch === '\r') {
      out += '\\r';
    } else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) {
      out += '\\x' + code.toString(16).padStart(2, '0');
    } else if (!isPrintable(ch)) {
      out +=
        code < 0x100
          ? '\\x' + code.toString(16).padStart(2, '0')
          : code < 0x10000
            ? '\\u' + code.toString(16).padStart(4, '0')
            : '\\U' + code.toString(16).padStart(8, '0');
    } else {
      out += ch;
    }
  }
  return quote + out + quote;
}

const NOT_PRINTABLE = /^[\p{C}\p{Z}]$/u;

/** Python's `str.isprintable` for one character (space is printable). */
function isPrintable(ch: string): boolean {
  return ch === ' ' || !NOT_PRINTABLE.test(ch);
}
