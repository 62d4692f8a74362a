/**
 * The closures compiled expressions are made of: arithmetic over values, conditions,
 * piecewise branches, sums and products (Python's `lang/closures.py` and `lang/notation.py`).
 */

import { divide } from './builtins';
import { PlotterError, formatG, ResourceLimit, ISpan } from '../errors';
import {
  add,
  at,
  lengthOf,
  Mask,
  multiply,
  some,
  subtract,
  Value,
  where
} from './values';

/** Most terms of one `sum` or `prod` (Python's `notation.MAX_TERMS`). */
export const MAX_TERMS = 10_000;

/** Variable name -> value. */
export type Env = Record<string, Value>;
/** A compiled expression. */
export type Fn = (env: Env) => Value;
/** A compiled condition: where it holds. */
export type Test = (env: Env) => Mask;

/** Throw a located ResourceLimit if some entry of `value` exceeds `limit` in magnitude. */
export function tooBig(
  value: Value,
  span: ISpan | undefined,
  limit: number
): void {
  if (some(value, v => Math.abs(v) > limit)) {
    throw new ResourceLimit(
      `This number is too big to work with (more than ${formatG(limit)}).`,
      span,
      'too-big'
    );
  }
}

export function negate(a: Value): Value {
  if (typeof a === 'number') {
    return -a;
  }
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    out[i] = -a[i];
  }
  return out;
}

/** The length of a list operand, checked against the lists before it (`length`). */
function agree(
  length: number | null,
  value: Value,
  span: ISpan | undefined
): number {
  const size = typeof value === 'number' ? 1 : value.length;
  if (length !== null && size !== length) {
    throw new PlotterError(
      'ValueError',
      `These lists have different lengths (${length} and ${size}).`,
      span,
      'list-lengths'
    );
  }
  return size;
}

/** The flags of the list operands, or none when fewer than two must agree. */
function paired(lists: readonly boolean[]): readonly boolean[] {
  return lists.filter(Boolean).length < 2 ? [] : lists;
}

/**
 * `operands[0] op operands[1] op ...` from left to right, with the lengths of the list
 * operands (`lists`) checked; `limit` is checked at each step (`eachStep`) or at the end.
 */
function chain(
  operands: Fn[],
  ops: Array<(a: Value, b: Value) => Value>,
  span: ISpan | undefined,
  limit: number | null,
  lists: readonly boolean[],
  eachStep: boolean
): Fn {
  const [first, ...rest] = operands;
  const flags = paired(lists);
  return env => {
    let total = first(env);
    let length = flags[0] ? agree(null, total, span) : null;
    for (let i = 0; i < rest.length; i++) {
      const value = rest[i](env);
      if (flags[i + 1]) {
        length = agree(length, value, span);
      }
      total = ops[i](total, value);
      if (eachStep && limit !== null) {
        tooBig(total, span, limit);
      }
    }
    if (!eachStep && limit !== null) {
      tooBig(total, span, limit);
    }
    return total;
  };
}

/** `a + b - c`; `lists` flags the terms that are lists, which must agree in length. */
export function sumOf(
  terms: Fn[],
  minus: boolean[],
  span: ISpan | undefined,
  limit: number | null,
  lists: readonly boolean[] = []
): Fn {
  const ops = minus.slice(1).map(m => (m ? subtract : add));
  return chain(terms, ops, span, limit, lists, false);
}

/** `a * b / c`; `lists` flags the factors that are lists, which must agree in length. */
export function productOf(
  factors: Fn[],
  dividing: boolean[],
  span: ISpan | undefined,
  limit: number | null,
  lists: readonly boolean[] = []
): Fn {
  const ops = dividing.slice(1).map(d => (d ? divide : multiply));
  return chain(factors, ops, span, limit, lists, true);
}

/** `impl` of the arguments; `lists` flags those that must agree in length. */
export function apply(
  impl: (...args: Value[]) => Value,
  args: Fn[],
  span: ISpan | undefined,
  limit: number | null,
  lists: readonly boolean[] = []
): Fn {
  const flags = paired(lists);
  return env => {
    const values = args.map(a => a(env));
    let length: number | null = null;
    for (let i = 0; i < flags.length; i++) {
      if (flags[i]) {
        length = agree(length, values[i], span);
      }
    }
    const result = impl(...values);
    if (limit !== null) {
      tooBig(result, span, limit);
    }
    return result;
  };
}

const COMPARE: Record<string, (a: number, b: number) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '=': (a, b) => a === b
};

/** Where every link of `a < b <= c` holds; undefined values never hold. */
export function compare(operands: Fn[], ops: readonly string[]): Test {
  return env => {
    let left = operands[0](env);
    let holds: Mask = true;
    for (let k = 0; k < ops.length; k++) {
      const right = operands[k + 1](env);
      const test = COMPARE[ops[k]];
      const n = lengthOf([left, right]);
      if (n < 0) {
        holds = (holds as boolean) && test(left as number, right as number);
      } else {
        const mask = new Uint8Array(n);
        for (let i = 0; i < n; i++) {
          mask[i] =
            (typeof holds === 'boolean' ? holds : holds[i]) &&
            test(at(left, i), at(right, i))
              ? 1
              : 0;
        }
        holds = mask;
      }
      left = right;
    }
    return holds;
  };
}

/**
 * The first branch whose condition holds, else the default, else undefined. A single
 * value evaluates only the branch taken, so a branch that would overflow elsewhere
 * does no harm.
 */
export function piecewise(
  branches: Array<[Test, Fn]>,
  fallback: Fn | null
): Fn {
  return env => {
    const masks = branches.map(([condition]) => condition(env));
    if (masks.every(m => typeof m === 'boolean')) {
      for (let i = 0; i < branches.length; i++) {
        if (masks[i]) {
          return branches[i][1](env);
        }
      }
      return fallback !== null ? fallback(env) : NaN;
    }
    let result: Value = fallback !== null ? fallback(env) : NaN;
    for (let i = branches.length - 1; i >= 0; i--) {
      const mask = masks[i];
      if (typeof mask === 'boolean' ? mask : mask.some(v => v === 1)) {
        result = where(mask, branches[i][1](env), result);
      }
    }
    return result;
  };
}

/**
 * `sum`/`prod` of `term` for the index from `first` to `last` (whole numbers). Bounds
 * may vary along a curve: each sample sums its own range. Non-whole bounds are
 * undefined; an empty range sums to 0 (product 1).
 */
export function series(
  kind: 'sum' | 'prod',
  index: string,
  span: ISpan | undefined,
  first: Fn,
  last: Fn,
  term: Fn,
  check: () => void,
  strict: boolean,
  limit: number | null
): Fn {
  const isSum = kind === 'sum';
  return env => {
    const lo = first(env);
    const hi = last(env);
    const n = lengthOf([lo, hi]);
    const scalar = n < 0;
    const count = scalar ? 1 : n;
    const whole = new Uint8Array(count);
    let start = Infinity;
    let stop = -Infinity;
    let allWhole = true;
    for (let i = 0; i < count; i++) {
      const a = at(lo, i);
      const b = at(hi, i);
      const ok =
        Number.isFinite(a) &&
        Number.isFinite(b) &&
        a === Math.floor(a) &&
        b === Math.floor(b);
      whole[i] = ok ? 1 : 0;
      if (ok) {
        start = Math.min(start, a);
        stop = Math.max(stop, b);
      } else {
        allWhole = false;
      }
    }
    if (strict && !allWhole) {
      throw new PlotterError(
        'ValueError',
        `The first and last index of ${kind} must be whole numbers.`,
        span,
        'bad-series'
      );
    }
    const empty: number = isSum ? 0 : 1;
    if (start === Infinity) {
      return scalar ? NaN : new Float64Array(count).fill(NaN);
    }
    if (stop - start + 1 > MAX_TERMS) {
      if (strict) {
        throw new ResourceLimit(
          `A ${kind} has at most ${MAX_TERMS} terms; this one has ${stop - start + 1}.`,
          span,
          'too-many-terms'
        );
      }
      return scalar ? NaN : new Float64Array(count).fill(NaN);
    }
    let total: Value = empty;
    for (let k = start; k <= stop; k++) {
      if (k % 64 === 0) {
        check();
      }
      const value = term({ ...env, [index]: k });
      const step: Value = isSum ? add(total, value) : multiply(total, value);
      if (scalar) {
        total = step;
      } else {
        const out = new Float64Array(count);
        for (let i = 0; i < count; i++) {
          out[i] =
            at(lo, i) <= k && k <= at(hi, i) ? at(step, i) : at(total, i);
        }
        total = out;
      }
      if (limit !== null) {
        tooBig(total, span, limit);
      }
    }
    if (scalar) {
      return total;
    }
    const out = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      out[i] = whole[i] ? at(total, i) : NaN;
    }
    return out;
  };
}
