/**
 * The closures lists are made of: literals, ranges, indexing and comprehensions
 * (`docs/lists.md`; the length check of lists combined value by value is in `closures`),
 * the twin of the Python kernel's `lang/lists.py`.
 *
 * A list is a Float64Array. Lists live in calculations and definitions only; the
 * compiler refuses them in anything drawn, so an array here is never a curve's samples.
 */

import {
  ISpan,
  PlotterError,
  ResourceLimit,
  formatF,
  formatG
} from '../errors';
import { Env, Fn } from './closures';
import { asArray, Value } from './values';

/** How close (relative to the step) a range's last value must come to its end to end there. */
export const ROUNDING = 1e-9;
/** A comprehension checks the cell's deadline once per this many values. */
export const CHECK_EVERY = 256;

export function tooLong(
  count: number,
  most: number,
  where: ISpan,
  what: string
): ResourceLimit {
  return new ResourceLimit(
    `A list has at most ${most} values; ${what} has ${formatF(count, 0)}.`,
    where,
    'list-too-long'
  );
}

/** `[a, b, c]`: each item is a number. */
export function literal(items: Fn[]): Fn {
  return env => Float64Array.from(items, item => toScalar(item(env)));
}

/**
 * The values of `[first...last]` or `[first, second ... last]`.
 *
 * The step is 1 (-1 when `last < first`) or `second - first`; the end is included
 * when reached within rounding, and then is exactly `last`. The count is checked
 * against `most` before anything is allocated.
 */
export function rangeValues(
  first: number,
  second: number | null,
  last: number,
  where: ISpan,
  most: number
): Float64Array {
  const ends = second === null ? [first, last] : [first, second, last];
  if (!ends.every(Number.isFinite)) {
    throw new PlotterError(
      'ValueError',
      'The numbers of this range must be defined.',
      where,
      'not-a-number'
    );
  }
  const step = second === null ? (last >= first ? 1 : -1) : second - first;
  if (step === 0) {
    throw new PlotterError(
      'ValueError',
      'This range does not move: its first two numbers are equal.',
      where,
      'bad-range'
    );
  }
  const steps = (last - first) / step;
  if (steps < -ROUNDING) {
    throw new PlotterError(
      'ValueError',
      'This range goes the wrong way: its step leads away from its last number.',
      where,
      'bad-range'
    );
  }
  if (!Number.isFinite(steps) || steps + 1 > most) {
    throw tooLong(steps + 1, most, where, 'this range');
  }
  const count = Math.max(0, Math.floor(steps + ROUNDING)) + 1;
  const values = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    values[k] = first + step * k;
  }
  if (Math.abs(values[count - 1] - last) <= ROUNDING * Math.abs(step)) {
    values[count - 1] = last;
  }
  return values;
}

export function ranged(
  first: Fn,
  second: Fn | null,
  last: Fn,
  where: ISpan,
  most: number
): Fn {
  return env => {
    const between = second === null ? null : toScalar(second(env));
    return rangeValues(
      toScalar(first(env)),
      between,
      toScalar(last(env)),
      where,
      most
    );
  };
}

/** The 0-based position of the 1-based index `value`, or a located error. */
function position(
  value: number,
  length: number,
  id: string | null,
  where: ISpan
): number {
  const shown = formatG(value, 12);
  const written = `${id ?? 'L'}[${shown}]`;
  if (!Number.isFinite(value) || value !== Math.floor(value)) {
    throw new PlotterError(
      'ValueError',
      `A list index is a whole number, like ${id ?? 'L'}[1] for the first value; ` +
        `not ${shown}.`,
      where,
      'bad-index'
    );
  }
  if (!(value >= 1 && value <= length)) {
    const owner = id ?? 'This list';
    const missing = id
      ? `there is no ${written}`
      : `there is no value number ${shown}`;
    let message: string;
    if (length === 0) {
      message = `${owner} is empty; ${missing}.`;
    } else {
      const values = length === 1 ? '1 value' : `${length} values`;
      message = `${owner} has ${values}; ${missing}.`;
    }
    throw new PlotterError('ValueError', message, where, 'index-out-of-range');
  }
  return value - 1;
}

/**
 * `L[i]` (a number) or `L[[i, j]]`, `L[2...4]` (a list), counting from 1.
 *
 * `id` is the list's name for messages (`null`: not a name); outside a calculation
 * (`strict` false) a wrong index is undefined instead of an error.
 */
export function take(
  target: Fn,
  index: Fn,
  id: string | null,
  where: ISpan,
  strict: boolean
): Fn {
  return env => {
    const values = asArray(target(env));
    const at = index(env);
    const picks = asArray(at);
    const chosen = picks.map(value => {
      try {
        return values[position(value, values.length, id, where)];
      } catch (err) {
        if (strict || !(err instanceof PlotterError)) {
          throw err;
        }
        return NaN;
      }
    });
    return typeof at === 'number' ? chosen[0] : chosen;
  };
}

/** `[body for variable = source]`: `body` (a number) for each value of the list. */
export function comprehension(
  body: Fn,
  variable: string,
  source: Fn,
  check: () => void
): Fn {
  return env => {
    const values = asArray(source(env));
    const out = new Float64Array(values.length);
    const inner: Env = { ...env };
    for (let i = 0; i < values.length; i++) {
      if (i % CHECK_EVERY === 0) {
        check();
      }
      inner[variable] = values[i];
      out[i] = toScalar(body(inner));
    }
    return out;
  };
}

/** A value that must be a number (Python's `float(...)`; an array gives its first value). */
function toScalar(value: Value): number {
  return typeof value === 'number' ? value : value[0];
}
