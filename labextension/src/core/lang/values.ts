/**
 * No Python twin: NumPy's float64 scalars and arrays, which the Python kernel imports.
 *
 * Values the evaluator computes with: a number (a scalar, like NumPy's float64) or a
 * Float64Array (one entry per sample). Scalars stay scalars, as in the Python kernel,
 * because some rules depend on it (an odd root `x^(1/3)` only for a scalar exponent).
 */

export type Value = number | Float64Array;

/** The length of the arrays among `values` (all arrays share it), or -1 if all are scalars. */
export function lengthOf(values: readonly Value[]): number {
  for (const value of values) {
    if (typeof value !== 'number') {
      return value.length;
    }
  }
  return -1;
}

/** A value as an array (a number is an array of one entry): a list's values. */
export function asArray(value: Value): Float64Array {
  return typeof value === 'number' ? Float64Array.of(value) : value;
}

/** `f` applied to every entry. */
export function map1(a: Value, f: (v: number) => number): Value {
  if (typeof a === 'number') {
    return f(a);
  }
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    out[i] = f(a[i]);
  }
  return out;
}

/** `f` applied entry by entry, a scalar standing for every entry. */
export function map2(
  a: Value,
  b: Value,
  f: (u: number, v: number) => number
): Value {
  if (typeof a === 'number') {
    if (typeof b === 'number') {
      return f(a, b);
    }
    const out = new Float64Array(b.length);
    for (let i = 0; i < b.length; i++) {
      out[i] = f(a, b[i]);
    }
    return out;
  }
  const out = new Float64Array(a.length);
  if (typeof b === 'number') {
    for (let i = 0; i < a.length; i++) {
      out[i] = f(a[i], b);
    }
  } else {
    for (let i = 0; i < a.length; i++) {
      out[i] = f(a[i], b[i]);
    }
  }
  return out;
}

/** Entry `i` of a value (a scalar is the same everywhere). */
export function at(a: Value, i: number): number {
  return typeof a === 'number' ? a : a[i];
}

/** Whether `test` holds for some entry. */
export function some(a: Value, test: (v: number) => boolean): boolean {
  if (typeof a === 'number') {
    return test(a);
  }
  for (let i = 0; i < a.length; i++) {
    if (test(a[i])) {
      return true;
    }
  }
  return false;
}

/** A value as an array of `n` entries (a scalar repeated). */
export function broadcast(a: Value, n: number): Float64Array {
  if (typeof a === 'number') {
    return new Float64Array(n).fill(a);
  }
  return a;
}

/** A boolean mask: `true` (a scalar) or one flag per entry. */
export type Mask = boolean | Uint8Array;

/** Where `pick` holds take `a`, else `b` (NumPy's `where`). */
export function where(mask: Mask, a: Value, b: Value): Value {
  if (typeof mask === 'boolean') {
    return mask ? a : b;
  }
  const out = new Float64Array(mask.length);
  for (let i = 0; i < mask.length; i++) {
    out[i] = mask[i] ? at(a, i) : at(b, i);
  }
  return out;
}

/** `a + b` entry by entry (loops written out: this is the hot path of sampling). */
export function add(a: Value, b: Value): Value {
  if (typeof a === 'number') {
    if (typeof b === 'number') {
      return a + b;
    }
    const out = new Float64Array(b.length);
    for (let i = 0; i < b.length; i++) {
      out[i] = a + b[i];
    }
    return out;
  }
  const out = new Float64Array(a.length);
  if (typeof b === 'number') {
    for (let i = 0; i < a.length; i++) {
      out[i] = a[i] + b;
    }
  } else {
    for (let i = 0; i < a.length; i++) {
      out[i] = a[i] + b[i];
    }
  }
  return out;
}

/** `a - b` entry by entry (loops written out: this is the hot path of sampling). */
export function subtract(a: Value, b: Value): Value {
  if (typeof a === 'number') {
    if (typeof b === 'number') {
      return a - b;
    }
    const out = new Float64Array(b.length);
    for (let i = 0; i < b.length; i++) {
      out[i] = a - b[i];
    }
    return out;
  }
  const out = new Float64Array(a.length);
  if (typeof b === 'number') {
    for (let i = 0; i < a.length; i++) {
      out[i] = a[i] - b;
    }
  } else {
    for (let i = 0; i < a.length; i++) {
      out[i] = a[i] - b[i];
    }
  }
  return out;
}

/** `a * b` entry by entry (loops written out: this is the hot path of sampling). */
export function multiply(a: Value, b: Value): Value {
  if (typeof a === 'number') {
    if (typeof b === 'number') {
      return a * b;
    }
    const out = new Float64Array(b.length);
    for (let i = 0; i < b.length; i++) {
      out[i] = a * b[i];
    }
    return out;
  }
  const out = new Float64Array(a.length);
  if (typeof b === 'number') {
    for (let i = 0; i < a.length; i++) {
      out[i] = a[i] * b;
    }
  } else {
    for (let i = 0; i < a.length; i++) {
      out[i] = a[i] * b[i];
    }
  }
  return out;
}
