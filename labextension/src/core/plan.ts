/**
 * What the drawing code samples: each drawable statement as plain functions of typed
 * arrays (the evaluator closed over the program), so sampling never sees a tree; the
 * contract between the language and the drawing, as the Python kernel's `plan.py`.
 * The specs are made by `lang/evaluate.ts` `instantiate`.
 */

import { DEFAULT_LIMITS, ILimits } from './limits';

/** A closed interval `[lo, hi]`. */
export type Span = [number, number];

/** A vectorised function of one variable: NaN where undefined. */
export type Fn1 = (ts: Float64Array) => Float64Array;

/** A vectorised function of x and y (arrays of one length): NaN where undefined. */
export type Fn2 = (xs: Float64Array, ys: Float64Array) => Float64Array;

/** The cell's deadline: throws (the evaluator's time limit) once it has passed. */
export type Check = () => void;

/** A polyline in data coordinates, as flat pairs. */
export type Line = Array<[number, number]>;

/** `y = f(x)` (`along` x) or `x = f(y)` (`along` y), maybe restricted to `domain`. */
export interface ICurveSpec {
  kind: 'curve';
  line: number;
  label: string;
  fn: Fn1;
  along: 'x' | 'y';
  domain: Span | null;
}

/** `(fx(t), fy(t))` for t in `t`. */
export interface IParametricSpec {
  kind: 'parametric';
  line: number;
  label: string;
  fx: Fn1;
  fy: Fn1;
  t: Span;
}

/** `r = fr(theta)` for theta in `theta`. */
export interface IPolarSpec {
  kind: 'polar';
  line: number;
  label: string;
  fr: Fn1;
  theta: Span;
}

/** The set where `F(x, y) = 0` (left side minus right side). */
export interface IImplicitSpec {
  kind: 'implicit';
  line: number;
  label: string;
  F: Fn2;
}

/** The region where `F(x, y) op 0`; strict comparisons get a dashed boundary. */
export interface IRegionSpec {
  kind: 'region';
  line: number;
  label: string;
  F: Fn2;
  op: '<' | '<=' | '>' | '>=';
}

/**
 * Marked points; `data` when they come from lists (a table's columns): data has its
 * own units on each axis, so it is framed as it is, not at equal scale.
 */
export interface IPointsSpec {
  kind: 'points';
  line: number;
  label: string;
  points: Array<[number, number]>;
  data?: boolean;
}

/**
 * `histogram(L, w)`, `boxplot(L)` or `dotplot(L)`: the numbers it draws, worked out by
 * the language (`lang/statplots.ts`), so drawing only lays them out.
 */
export interface IStatPlotSpec {
  kind: 'statplot';
  plot: 'histogram' | 'boxplot' | 'dotplot';
  line: number;
  label: string;
  /** How many values were drawn (undefined values are left out). */
  count: number;
  /** A histogram's bars `[from, to, count]`, left to right, empty ones included. */
  bars: Array<[number, number, number]>;
  /** A boxplot's five numbers: min, Q1, median, Q3, max. */
  box: [number, number, number, number, number] | null;
  /** A dotplot's distinct values, increasing, each with how many times it occurs. */
  dots: Array<[number, number]>;
}

export type Spec =
  | ICurveSpec
  | IParametricSpec
  | IPolarSpec
  | IImplicitSpec
  | IRegionSpec
  | IPointsSpec
  | IStatPlotSpec;

/**
 * A drawing-time problem with one statement: a warning (undefined everywhere, empty
 * region, thinned) or an error (the cell's time ran out while it was drawn).
 */
export interface IDrawProblem {
  line: number;
  message: string;
  code: string;
  ename: string;
  severity: 1 | 2;
}

/** The limits drawing works under: the drawing part of the one `ILimits`. */
export type IDrawLimits = Pick<
  ILimits,
  'maxSamples' | 'implicitGrid' | 'maxOutputBytes' | 'defaultX'
>;

export { DEFAULT_LIMITS };

/** Call `fn` and give a fresh array of `n` values, NaN wherever it is not finite. */
export function evaluate1(fn: Fn1, ts: Float64Array): Float64Array {
  return finite(fn(ts), ts.length);
}

/** Call `F` on points and give a fresh array, NaN wherever it is not finite. */
export function evaluate2(
  F: Fn2,
  xs: Float64Array,
  ys: Float64Array
): Float64Array {
  return finite(F(xs, ys), xs.length);
}

/** A fresh array of `n` values of `raw` (one value stands for all), NaN where not finite. */
function finite(raw: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n);
  if (raw.length === 1 && n !== 1) {
    out.fill(Number.isFinite(raw[0]) ? raw[0] : NaN);
    return out;
  }
  for (let i = 0; i < n; i++) {
    const v = raw[i];
    out[i] = Number.isFinite(v) ? v : NaN;
  }
  return out;
}

/** `n` evenly spaced numbers from `a` to `b` (both included), as NumPy's linspace. */
export function linspace(a: number, b: number, n: number): Float64Array {
  const out = new Float64Array(n);
  if (n === 1) {
    out[0] = a;
    return out;
  }
  const step = (b - a) / (n - 1);
  for (let k = 0; k < n; k++) {
    out[k] = a + k * step;
  }
  out[n - 1] = b;
  return out;
}

/** NumPy's `fmax`: NaN only when both are. */
export function fmax(a: number, b: number): number {
  if (Number.isNaN(a)) {
    return b;
  }
  if (Number.isNaN(b)) {
    return a;
  }
  return Math.max(a, b);
}
