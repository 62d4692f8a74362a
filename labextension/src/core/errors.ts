/**
 * Located errors of the Plotter language and their LSP-shaped diagnostics: the one
 * error hierarchy of the core, as the Python kernel's `errors.py`.
 *
 * Spans index the JavaScript string of one source line (UTF-16 code units), which is
 * what the Python kernel sends after converting its own indices.
 */

import protocol from './protocol.json';
import type { Diagnostic } from './types';

/** The error names a cell may report (SPEC §2). */
export type EName =
  | 'SyntaxError'
  | 'NameError'
  | 'TypeError'
  | 'ValueError'
  | 'ResourceError'
  | 'CheckError'
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

/**
 * A problem in the user's cell, located at a span of its source. The span is `null`
 * where the caller attaches the statement's (program trees from JSON carry none).
 */
export class PlotterError extends Error {
  readonly span: ISpan | null;

  constructor(
    readonly ename: EName,
    message: string,
    where: ISpan | null = null,
    readonly code: string = 'error'
  ) {
    super(message);
    this.name = ename;
    this.span = where;
  }
}

/** A configured limit was exceeded (time, samples, number size, depth, length). */
export class ResourceLimit extends PlotterError {
  constructor(message: string, where: ISpan | null = null, code = 'limit') {
    super('ResourceError', message, where, code);
  }
}

/** The cell used up its seconds; every stage lets this one through to the top. */
export class TimeLimit extends ResourceLimit {
  constructor(readonly seconds: number) {
    super(
      `This cell would take longer than ${formatG(seconds)} seconds, so it was stopped.`,
      null,
      'time-limit'
    );
  }
}

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

/**
 * Python's `format(value, ".{precision}g")`: significant digits, no trailing zeros, an
 * exponent below 1e-4 and from 10^precision up; an exact tie goes to the even digit.
 */
export function formatG(value: number, precision = 6): string {
  if (!Number.isFinite(value)) {
    return Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf';
  }
  if (value === 0) {
    return Object.is(value, -0) ? '-0' : '0';
  }
  const sign = value < 0 ? '-' : '';
  const [digits, exponent] = Private.significant(Math.abs(value), precision);
  if (exponent < -4 || exponent >= precision) {
    const size = String(Math.abs(exponent)).padStart(2, '0');
    const mantissa = Private.trim(`${digits[0]}.${digits.slice(1)}`);
    return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${size}`;
  }
  if (exponent < 0) {
    return sign + Private.trim(`0.${'0'.repeat(-exponent - 1)}${digits}`);
  }
  const whole = digits.slice(0, exponent + 1);
  return sign + Private.trim(`${whole}.${digits.slice(exponent + 1)}`);
}

/**
 * Python's `format(value, ".{places}f")` for a finite value: `places` decimals, an exact
 * tie to the even digit (JavaScript's `toFixed` breaks it away from zero).
 */
export function formatF(value: number, places: number): string {
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  const digits = Private.scaled(Math.abs(value), places)
    .toString()
    .padStart(places + 1, '0');
  const whole = digits.slice(0, digits.length - places);
  return places > 0 ? `${sign}${whole}.${digits.slice(-places)}` : sign + whole;
}

/**
 * Decimal rounding as Python does it: on the exact value of the double (a BigInt ratio),
 * an exact tie to the even digit. `toFixed`, `toPrecision` and `toExponential` round
 * the exact value too but break a tie away from zero.
 */
namespace Private {
  export function trim(text: string): string {
    return text.replace(/\.?0*$/, '');
  }

  /** A finite `v >= 0` as exactly `numerator / 10^scale`. */
  export function exact(v: number): [bigint, number] {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, v);
    const bits = view.getBigUint64(0);
    const biased = Number((bits >> 52n) & 0x7ffn);
    const fraction = bits & ((1n << 52n) - 1n);
    const mantissa = biased ? fraction | (1n << 52n) : fraction;
    const power = (biased || 1) - 1075; // v = mantissa * 2^power
    if (power >= 0) {
      return [mantissa << BigInt(power), 0];
    }
    // m / 2^k = m * 5^k / 10^k
    return [mantissa * 5n ** BigInt(-power), -power];
  }

  /** `v * 10^places` rounded to an integer, a tie to the even one (`places` may be < 0). */
  export function scaled(v: number, places: number): bigint {
    const [numerator, scale] = exact(v);
    const shift = scale - places;
    if (shift <= 0) {
      return numerator * 10n ** BigInt(-shift);
    }
    const divisor = 10n ** BigInt(shift);
    const quotient = numerator / divisor;
    const twice = (numerator % divisor) * 2n;
    const odd = quotient % 2n === 1n;
    return twice > divisor || (twice === divisor && odd)
      ? quotient + 1n
      : quotient;
  }

  /**
   * The first `precision` significant digits of `v > 0`, rounded, and the decimal
   * exponent of the first.
   */
  export function significant(v: number, precision: number): [string, number] {
    const [numerator, scale] = exact(v);
    let exponent = numerator.toString().length - 1 - scale;
    let digits = scaled(v, precision - 1 - exponent).toString();
    if (digits.length > precision) {
      // rounded up to the next power of ten: 9.995 -> 10.0
      digits = digits.slice(0, precision);
      exponent += 1;
    }
    return [digits, exponent];
  }
}
