/**
 * Closures for the v2 notation nodes: conditions, piecewise branches, sums and products
 * (a port of the Python kernel's `lang/notation.py`).
 */

import { PlotterError, ResourceLimit, ISpan } from '../errors';
import { Fn, Test, tooBig } from './closures';
import { add, at, lengthOf, Mask, multiply, Value, where } from './values';

/** Most terms of one `sum` or `prod`. */
export const MAX_TERMS = 10_000;

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
