/**
 * The closures compiled expressions are made of: arithmetic over values (a port of the
 * Python kernel's `lang/closures.py`; conditions, piecewise branches, sums and products
 * are in `notation.ts`).
 */

import { divide } from './builtins';
import {
  PlotterError,
  formatG,
  ResourceLimit,
  ISpan,
  TimeLimit
} from '../errors';
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

/** Values of the drawing variable one family remembers (its members sample mostly alike). */
export const CACHED = 100_000;

/** A family's values: `count` per sample, one row per sample. */
export type Rows = (values: Float64Array) => Float64Array[];

/**
 * An expression using lists, drawn: evaluated at one value of `variable` at a time (the
 * list's values never meet the samples), giving `count` values per sample (rows), NaN
 * where undefined. Values are remembered, as a family's members share them.
 */
export function oneAtATime(fn: Fn, variable: string, count: number): Rows {
  const cache = new Map<number, Float64Array>();
  const undefinedRow = new Float64Array(count).fill(NaN);
  const one = (value: number): Float64Array => {
    let out: Value;
    try {
      out = fn({ [variable]: value });
    } catch (err) {
      if (err instanceof TimeLimit || !(err instanceof PlotterError)) {
        throw err;
      }
      return undefinedRow;
    }
    if (typeof out === 'number') {
      return new Float64Array(count).fill(Number.isFinite(out) ? out : NaN);
    }
    if (out.length !== count) {
      return out.length === 1
        ? new Float64Array(count).fill(Number.isFinite(out[0]) ? out[0] : NaN)
        : undefinedRow;
    }
    return Float64Array.from(out, v => (Number.isFinite(v) ? v : NaN));
  };
  return values => {
    const rows: Float64Array[] = new Array(values.length);
    for (let i = 0; i < values.length; i++) {
      let row = cache.get(values[i]);
      if (row === undefined) {
        if (cache.size >= CACHED) {
          cache.clear();
        }
        row = one(values[i]);
        cache.set(values[i], row);
      }
      rows[i] = row;
    }
    return rows;
  };
}

/** Member `index` of a family of curves: a function of one variable. */
export function memberFn(
  family: Rows,
  index: number
): (values: Float64Array) => Float64Array {
  return values => {
    const rows = family(values);
    const out = new Float64Array(values.length);
    for (let i = 0; i < values.length; i++) {
      out[i] = rows[i][index];
    }
    return out;
  };
}
