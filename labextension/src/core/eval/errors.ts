/**
 * Typed errors of the evaluator, mirroring the Python kernel's `errors.py`.
 *
 * Nothing a student types makes the evaluator throw anything else: every problem is
 * an {@link EvalError} carrying the same `ename`, `code` and message as the Python
 * kernel, and the cell's time limit is the one class {@link TimeLimit} that every
 * stage lets through.
 */

/** Where a problem is: the span of the tree node it came from, when the node has one. */
export type Span = {
  line: number;
  start: number;
  end: number;
};

/** The error names a cell may report (SPEC §2). */
export type EName =
  | 'SyntaxError'
  | 'NameError'
  | 'TypeError'
  | 'ValueError'
  | 'ResourceError'
  | 'KeyboardInterrupt';

/** A problem in the student's cell (Python's `PlotterError`). */
export class EvalError extends Error {
  readonly ename: EName;
  readonly code: string;
  /** The span of the node that failed, if the tree carries spans (see evaluate.ts). */
  readonly span: Span | undefined;

  constructor(ename: EName, message: string, span?: Span, code = 'error') {
    super(message);
    this.name = ename;
    this.ename = ename;
    this.code = code;
    this.span = span;
  }
}

/** A configured limit was exceeded (Python's `ResourceLimit`). */
export class ResourceError extends EvalError {
  constructor(message: string, span?: Span, code = 'limit') {
    super('ResourceError', message, span, code);
  }
}

/** The cell used up its seconds; every stage lets this one through to the top. */
export class TimeLimit extends ResourceError {
  readonly seconds: number;

  constructor(seconds: number) {
    super(
      `This cell would take longer than ${formatG(seconds)} seconds, so it was stopped.`,
      undefined,
      'time-limit'
    );
    this.seconds = seconds;
  }
}

/** A deadline `check()` as the Python `Budget` gives: throws {@link TimeLimit} once late. */
export function deadline(
  seconds: number,
  now: () => number = Date.now
): () => void {
  const end = now() + seconds * 1000;
  return () => {
    if (now() > end) {
      throw new TimeLimit(seconds);
    }
  };
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
  const [digits, exponent] = Private.rounded(Math.abs(value), precision);
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

namespace Private {
  export function trim(text: string): string {
    return text.replace(/\.?0*$/, '');
  }

  /**
   * The first `precision` significant digits of `v > 0`, rounded, and the decimal
   * exponent of the first. JavaScript breaks an exact tie upwards, Python (C's printf)
   * to the even digit; 100 digits show whether the double is exactly a tie.
   */
  export function rounded(v: number, precision: number): [string, number] {
    const [mantissa, power] = v.toExponential(precision - 1).split('e');
    const [exactMantissa, exactPower] = v.toExponential(100).split('e');
    const exact = exactMantissa.replace('.', '');
    const tie = /^50*$/.test(exact.slice(precision));
    if (tie && Number(exact[precision - 1]) % 2 === 0) {
      return [exact.slice(0, precision), Number(exactPower)];
    }
    return [mantissa.replace('.', ''), Number(power)];
  }
}
