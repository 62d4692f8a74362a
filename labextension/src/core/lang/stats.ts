/**
 * Statistics of lists, with Desmos's definitions: each takes lists (Float64Arrays), the
 * twin of the Python kernel's `lang/stats.py`.
 *
 * An empty list, or too few values (a sample deviation of one value), is undefined (NaN),
 * except `total` (0), `count` and `length` (0). `docs/lists.md` says where each
 * definition comes from. Sums add as NumPy's `np.sum` does (pairwise), so both kernels
 * print the same digits.
 */

import { asArray, Value } from './values';

/** `reduce(values, q)` for a number `q`, or for each value of a list `q`. */
function perValue(
  reduce: (values: Float64Array, q: number) => number
): (values: Value, q: Value) => Value {
  return (values, q) => {
    const data = asArray(values);
    if (typeof q === 'number') {
      return reduce(data, q);
    }
    return q.map(v => reduce(data, v));
  };
}

/** NumPy's pairwise summation (`np.sum` of a float64 array), bit for bit. */
function pairwise(data: Float64Array, start: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = start; i < start + n; i++) {
      res += data[i];
    }
    return res;
  }
  if (n <= 128) {
    const r = Array.from(data.subarray(start, start + 8));
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      for (let j = 0; j < 8; j++) {
        r[j] += data[start + i + j];
      }
    }
    let res = r[0] + r[1] + (r[2] + r[3]) + (r[4] + r[5] + (r[6] + r[7]));
    for (; i < n; i++) {
      res += data[start + i];
    }
    return res;
  }
  let half = Math.floor(n / 2);
  half -= half % 8;
  return pairwise(data, start, half) + pairwise(data, start + half, n - half);
}

function sumOf(data: Float64Array): number {
  return pairwise(data, 0, data.length);
}

function average(data: Float64Array): number {
  return sumOf(data) / data.length;
}

/** The sum of the values (0 for an empty list). */
export function total(values: Value): Value {
  return sumOf(asArray(values));
}

/** The arithmetic mean. */
export function mean(values: Value): Value {
  const data = asArray(values);
  return data.length ? average(data) : NaN;
}

/** The middle value of the sorted list, or the mean of the two middle values. */
export function median(values: Value): Value {
  const data = asArray(values);
  return data.some(Number.isNaN) ? NaN : medianOfSorted(sorted(data));
}

function variance(values: Value, ddof: number): number {
  const data = asArray(values);
  if (data.length <= ddof) {
    return NaN;
  }
  const middle = average(data);
  return sumOf(data.map(v => (v - middle) ** 2)) / (data.length - ddof);
}

/** The sample variance: squared deviations from the mean over n - 1. */
export function varOf(values: Value): Value {
  return variance(values, 1);
}

/** The population variance: squared deviations from the mean over n. */
export function varp(values: Value): Value {
  return variance(values, 0);
}

/** The sample standard deviation (n - 1). */
export function stdev(values: Value): Value {
  return Math.sqrt(variance(values, 1));
}

/** The population standard deviation (n). */
export function stdevp(values: Value): Value {
  return Math.sqrt(variance(values, 0));
}

/** The mean absolute deviation from the mean. */
export function mad(values: Value): Value {
  const data = asArray(values);
  if (!data.length) {
    return NaN;
  }
  const middle = average(data);
  return average(data.map(v => Math.abs(v - middle)));
}

/** The smallest value (`min` of one list). */
export function smallest(values: Value): Value {
  const data = asArray(values);
  return data.length
    ? data.reduce((a, b) => (a <= b || Number.isNaN(a) ? a : b))
    : NaN;
}

/** The largest value (`max` of one list). */
export function largest(values: Value): Value {
  const data = asArray(values);
  return data.length
    ? data.reduce((a, b) => (a >= b || Number.isNaN(a) ? a : b))
    : NaN;
}

/** How many values the list has. */
export function count(values: Value): Value {
  return asArray(values).length;
}

function medianOfSorted(data: Float64Array): number {
  const n = data.length;
  if (n === 0) {
    return NaN;
  }
  const middle = Math.floor(n / 2);
  return n % 2 ? data[middle] : (data[middle - 1] + data[middle]) / 2;
}

/**
 * Quartile `q` (0 to 4) by the exclusive median method: Q1 and Q3 are the medians
 * of the lower and upper halves, the median itself left out of both when n is odd.
 */
function quartileOf(values: Float64Array, q: number): number {
  const data = sorted(values);
  const n = data.length;
  if (n === 0 || ![0, 1, 2, 3, 4].includes(q)) {
    return NaN;
  }
  if (q === 0) {
    return data[0];
  }
  if (q === 4) {
    return data[n - 1];
  }
  if (q === 2) {
    return medianOfSorted(data);
  }
  if (n === 1) {
    return data[0];
  }
  const half = Math.floor(n / 2);
  return medianOfSorted(
    q === 1 ? data.subarray(0, half) : data.subarray(n - half)
  );
}

/**
 * Quantile `p` (0 to 1): linear interpolation between the order statistics
 * `x[1] <= ... <= x[n]` at position `1 + (n - 1) p`.
 */
function quantileOf(values: Float64Array, p: number): number {
  const data = sorted(values);
  const n = data.length;
  if (n === 0 || !(p >= 0 && p <= 1)) {
    return NaN;
  }
  const h = (n - 1) * p;
  const low = Math.floor(h);
  const high = Math.min(low + 1, n - 1);
  return data[low] + (h - low) * (data[high] - data[low]);
}

export const quartile = perValue(quartileOf);
export const quantile = perValue(quantileOf);

/** The deviations of two lists from their means, or null for fewer than two values. */
function deviations(xs: Value, ys: Value): [Float64Array, Float64Array] | null {
  const x = asArray(xs);
  const y = asArray(ys);
  if (x.length < 2) {
    return null;
  }
  const mx = average(x);
  const my = average(y);
  return [x.map(v => v - mx), y.map(v => v - my)];
}

/** The sample covariance of two lists of equal length (n - 1). */
export function cov(xs: Value, ys: Value): Value {
  const d = deviations(xs, ys);
  if (d === null) {
    return NaN;
  }
  const [dx, dy] = d;
  return sumOf(dx.map((v, i) => v * dy[i])) / (dx.length - 1);
}

/** Pearson's correlation coefficient of two lists of equal length. */
export function corr(xs: Value, ys: Value): Value {
  const d = deviations(xs, ys);
  if (d === null) {
    return NaN;
  }
  const [dx, dy] = d;
  const scale = Math.sqrt(
    sumOf(dx.map(v => v * v)) * sumOf(dy.map(v => v * v))
  );
  return scale > 0 ? sumOf(dx.map((v, i) => v * dy[i])) / scale : NaN;
}

/** The values in increasing order (undefined ones last). */
export function sort(values: Value): Value {
  return sorted(asArray(values));
}

/** The values without repeats, each where it first occurs. */
export function unique(values: Value): Value {
  const seen = new Set<number>(); // -0 and 0 are one value here (SameValueZero)
  let undefinedSeen = false;
  const keep: number[] = [];
  for (const value of asArray(values)) {
    if (Number.isNaN(value)) {
      if (undefinedSeen) {
        continue;
      }
      undefinedSeen = true;
    } else if (seen.has(value)) {
      continue;
    } else {
      seen.add(value);
    }
    keep.push(value);
  }
  return Float64Array.from(keep);
}

/** A sorted copy: increasing, NaN last (a typed array's sort, as `np.sort`). */
function sorted(values: Float64Array): Float64Array {
  return Float64Array.from(values).sort();
}
