/**
 * The closures compiled expressions are made of: arithmetic over values (a port of the
 * Python kernel's `lang/closures.py`; conditions, piecewise branches, sums and products
 * are in `notation.ts`).
 */

import { divide } from './builtins';
import { formatG, ResourceLimit, ISpan } from '../errors';
import { add, Mask, multiply, some, subtract, Value } from './values';

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

export function sumOf(
  terms: Fn[],
  minus: boolean[],
  span: ISpan | undefined,
  limit: number | null
): Fn {
  const [first, ...rest] = terms;
  const signs = minus.slice(1);
  return env => {
    let total = first(env);
    for (let i = 0; i < rest.length; i++) {
      total = signs[i]
        ? subtract(total, rest[i](env))
        : add(total, rest[i](env));
    }
    if (limit !== null) {
      tooBig(total, span, limit);
    }
    return total;
  };
}

export function productOf(
  factors: Fn[],
  dividing: boolean[],
  span: ISpan | undefined,
  limit: number | null
): Fn {
  const [first, ...rest] = factors;
  const ops = dividing.slice(1);
  return env => {
    let total = first(env);
    for (let i = 0; i < rest.length; i++) {
      total = ops[i]
        ? divide(total, rest[i](env))
        : multiply(total, rest[i](env));
      if (limit !== null) {
        tooBig(total, span, limit);
      }
    }
    return total;
  };
}

export function apply(
  impl: (...args: Value[]) => Value,
  args: Fn[],
  span: ISpan | undefined,
  limit: number | null
): Fn {
  return env => {
    const result = impl(...args.map(a => a(env)));
    if (limit !== null) {
      tooBig(result, span, limit);
    }
    return result;
  };
}
