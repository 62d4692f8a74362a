/**
 * Points of interest of the drawn curves: zeros, extrema and intersections (SPEC §5),
 * mirroring the Python kernel's `draw/features.py`.
 *
 * Found by root-finding on the program's own functions, not read off the polylines: a
 * fine grid brackets each sign change, then bisection narrows it to machine precision.
 * A sign change across a pole (`tan`, `1/x`) is no zero: the function is not small there.
 *
 * Curves `y = f(x)` and `x = g(y)` are both functions of one variable, so one search
 * serves both: a zero of `g` is where the curve meets the y axis, its extrema are the
 * leftmost and rightmost points. A curve in x meets a curve in y where `f(g(y)) = y`.
 */

import type { Feature, Program } from '../types';
import type { ILimits } from '../limits';
import { CurveSpec, instantiate, Range } from '../lang/evaluate';
import { linspace } from '../plan';

/** Samples that bracket the roots across the view. */
export const GRID = 4001;
/** Bisection steps: enough to reach adjacent floats from any bracket on the grid. */
export const STEPS = 80;

type Fn1 = (values: Float64Array) => Float64Array;

/** What the search needs of a curve: its function, variable and restriction. */
type Curve1 = Pick<CurveSpec, 'fn' | 'along' | 'domain' | 'line'>;

/** Distance, relative to the window, at which a hole's value (`sin(x)/x` at 0) is read. */
const HOLE = 1e-7;

/**
 * The heights the automatic window must show: every zero, extremum, y-intercept and
 * crossing of the curves `y = f(x)` that lies in the x window `x`.
 */
export function windowYs(
  curves: Curve1[],
  x: Range,
  check: () => void = () => undefined
): number[] {
  const ys: number[] = [];
  for (const spec of curves) {
    for (const [, value] of Private.curveFeatures(spec, x, check)) {
      ys.push(value);
    }
    const [lo, hi] = Private.limited(spec, x);
    if (lo <= 0 && 0 <= hi) {
      ys.push(Private.intercept(spec.fn, hi - lo));
    }
  }
  curves.forEach((a, i) => {
    for (const b of curves.slice(i + 1)) {
      if (a.line === b.line) {
        continue; // the curves of one family
      }
      check();
      for (const t of Private.crossings(a, b, x, check)) {
        ys.push(Private.point(a, t)[1]);
      }
    }
  });
  return ys.filter(y => Number.isFinite(y));
}

/**
 * Zeros, extrema and intersections of the program's curves y = f(x) and x = g(y)
 * inside `view` (`view.y` null: any y), with `params` overriding parameter values.
 *
 * A zero of `x = g(y)` lies on the y axis, its extrema are in x. Curves in y are
 * searched over `view.y`, or `view.ySearch` (the y range the output shows) when
 * `view.y` is null, or else `view.x`.
 *
 * @throws TimeLimit from `check`.
 */
export function findFeatures(
  program: Program,
  view: { x: Range; y: Range | null; ySearch?: Range | null },
  params: Readonly<Record<string, number>> = {},
  check: () => void = () => undefined,
  limits?: Partial<ILimits>
): Feature[] {
  const { specs } = instantiate(program, { params, check, limits });
  const spans = { x: view.x, y: view.y ?? view.ySearch ?? view.x };
  const curves = specs.filter((s): s is CurveSpec => s.kind === 'curve');
  let found: Feature[] = [];
  const add = (
    [x, y]: [number, number],
    kind: Feature['kind'],
    ...on: CurveSpec[]
  ): void => {
    found.push({ x, y, kind, items: on.map(s => s.id) });
  };
  for (const spec of curves) {
    const span = spans[spec.along];
    for (const [t, value, kind] of Private.curveFeatures(spec, span, check)) {
      add(spec.along === 'x' ? [t, value] : [value, t], kind, spec);
    }
  }
  curves.forEach((a, i) => {
    for (const b of curves.slice(i + 1)) {
      if (a.line === b.line) {
        continue; // the curves of one family (y = [1, 2, 3] x) are one statement
      }
      check();
      let on = a;
      let ts: Float64Array;
      if (a.along === b.along) {
        ts = Private.crossings(a, b, spans[a.along], check);
      } else {
        const inX = a.along === 'x' ? a : b;
        on = a.along === 'x' ? b : a;
        ts = Private.mixedCrossings(inX, on, spans.y, check);
      }
      for (const t of ts) {
        add(Private.point(on, t), 'intersection', a, b);
      }
    }
  });
  const y = view.y;
  if (y !== null) {
    found = found.filter(f => y[0] <= f.y && f.y <= y[1]);
  }
  return found.filter(
    f =>
      view.x[0] <= f.x &&
      f.x <= view.x[1] &&
      Number.isFinite(f.x) &&
      Number.isFinite(f.y)
  );
}

namespace Private {
  type Found = [number, number, 'zero' | 'minimum' | 'maximum'];

  export function sign(v: number): number {
    return v > 0 ? 1 : v < 0 ? -1 : v === 0 ? 0 : NaN;
  }

  export function slope(fn: Fn1, scale: number): Fn1 {
    const h = 1e-6 * scale;
    return xs => {
      const up = fn(xs.map(v => v + h));
      const down = fn(xs.map(v => v - h));
      return up.map((v, i) => (v - down[i]) / (2 * h));
    };
  }

  /** Where `fn` changes sign between grid points (or is zero on one), to full precision. */
  export function roots(
    fn: Fn1,
    xs: Float64Array,
    check: () => void
  ): Float64Array {
    const v = fn(xs);
    // A grid point where fn is exactly 0 is a root unless fn is 0 on a whole run (y = 0).
    const nonzero = (i: number): boolean =>
      i >= 0 && i < xs.length && v[i] !== 0 && Number.isFinite(v[i]);
    const exact: number[] = [];
    const a: number[] = [];
    const b: number[] = [];
    const fa: number[] = [];
    for (let i = 0; i < xs.length; i++) {
      if (v[i] === 0 && (nonzero(i - 1) || nonzero(i + 1))) {
        exact.push(xs[i]);
      }
      if (i + 1 < xs.length && sign(v[i]) * sign(v[i + 1]) < 0) {
        a.push(xs[i]);
        b.push(xs[i + 1]);
        fa.push(v[i]);
      }
    }
    for (let step = 0; step < STEPS; step++) {
      check();
      const m = Float64Array.from(a, (lo, i) => 0.5 * (lo + b[i]));
      const fm = fn(m);
      for (let i = 0; i < a.length; i++) {
        if (sign(fm[i]) === sign(fa[i])) {
          a[i] = m[i];
          fa[i] = fm[i];
        } else {
          b[i] = m[i];
        }
      }
    }
    const all = [...exact, ...a.map((lo, i) => 0.5 * (lo + b[i]))];
    return Float64Array.from(all).sort();
  }

  /** Which candidate roots are zeros, not poles: the function is tiny there. */
  export function trueZero(
    fn: Fn1,
    xs: Float64Array,
    tolerance: number
  ): Float64Array {
    if (xs.length === 0) {
      return xs;
    }
    const v = fn(xs);
    return xs.filter((_, i) => Math.abs(v[i]) <= tolerance);
  }

  export function unique(xs: Float64Array, width: number): Float64Array {
    if (xs.length === 0) {
      return xs;
    }
    const sorted = Float64Array.from(xs).sort();
    return sorted.filter((v, i) => i === 0 || v - sorted[i - 1] > 1e-9 * width);
  }

  export function at(fn: Fn1, x: number): number {
    return fn(Float64Array.of(x))[0];
  }

  /**
   * `fn(0)`, or the value the curve has beside 0 when 0 is a hole. A hole has one
   * value at one and two steps either side; a pole (`1/x^2`) has not.
   */
  export function intercept(fn: Fn1, width: number): number {
    const h = HOLE * width;
    const [value, ...beside] = fn(Float64Array.of(0, -2 * h, -h, h, 2 * h));
    if (Number.isFinite(value)) {
      return value;
    }
    if (!beside.every(Number.isFinite)) {
      return NaN;
    }
    const lo = Math.min(...beside);
    const hi = Math.max(...beside);
    if (hi - lo <= 1e-6 * Math.max(1, Math.abs(lo))) {
      return 0.5 * (beside[1] + beside[2]);
    }
    return NaN;
  }

  export function scaleOf(ys: Float64Array): number {
    let scale = -Infinity;
    for (const v of ys) {
      if (Number.isFinite(v)) {
        scale = Math.max(scale, Math.abs(v));
      }
    }
    return scale === -Infinity ? 1 : scale;
  }

  /**
   * `[t, f(t), kind]` of the zeros and extrema of `spec.fn` over `span` of its
   * variable (x for `y = f(x)`, y for `x = g(y)`).
   */
  export function curveFeatures(
    spec: Curve1,
    span: Range,
    check: () => void
  ): Found[] {
    const [lo, hi] = limited(spec, span);
    if (!(hi > lo)) {
      return [];
    }
    const fn = spec.fn;
    const xs = linspace(lo, hi, GRID);
    const scale = scaleOf(fn(xs));
    const big = Math.max(scale, 1);
    const width = hi - lo;
    const found: Found[] = [];
    const zeros = unique(trueZero(fn, roots(fn, xs, check), 1e-9 * big), width);
    for (const z of zeros) {
      found.push([z, 0, 'zero']);
    }
    const gradient = slope(fn, width);
    const inner = xs.subarray(1, xs.length - 1);
    const flat = trueZero(
      gradient,
      roots(gradient, inner, check),
      (1e-3 * big) / width
    );
    for (const z of unique(flat, width)) {
      const y = at(fn, z);
      const near = fn(Float64Array.of(z - 1e-3 * width, z + 1e-3 * width));
      if (!(Number.isFinite(y) && near.every(Number.isFinite))) {
        continue;
      }
      let kind: Found[2];
      if (near.every(v => v > y)) {
        kind = 'minimum';
      } else if (near.every(v => v < y)) {
        kind = 'maximum';
      } else {
        continue;
      }
      found.push([z, y, kind]);
      if (
        Math.abs(y) <= 1e-12 * big &&
        !zeros.some(w => Math.abs(w - z) < 1e-6 * width)
      ) {
        found.push([z, 0, 'zero']); // a zero that touches, like x^2 at 0
      }
    }
    return found;
  }

  /** `span` cut to the curve's `for` restriction (empty when `hi <= lo`). */
  export function limited(spec: Curve1, [lo, hi]: Range): Range {
    return spec.domain === null
      ? [lo, hi]
      : [Math.max(lo, spec.domain[0]), Math.min(hi, spec.domain[1])];
  }

  /** The distinct zeros of `fn` on the grid `ts` (no poles). */
  export function zeros(
    fn: Fn1,
    ts: Float64Array,
    tolerance: number,
    check: () => void
  ): Float64Array {
    const width = ts[ts.length - 1] - ts[0];
    return unique(trueZero(fn, roots(fn, ts, check), tolerance), width);
  }

  /** Where two curves in the same variable meet: the variable's values. */
  export function crossings(
    a: Curve1,
    b: Curve1,
    span: Range,
    check: () => void
  ): Float64Array {
    const [lo, hi] = limited(b, limited(a, span));
    if (!(hi > lo)) {
      return new Float64Array(0);
    }
    const gap: Fn1 = ts => {
      const u = a.fn(ts);
      const v = b.fn(ts);
      return u.map((value, i) => value - v[i]);
    };
    const ts = linspace(lo, hi, GRID);
    return zeros(gap, ts, 1e-9 * Math.max(scaleOf(a.fn(ts)), 1), check);
  }

  /** Where `y = f(x)` meets `x = g(y)`: the y values where `f(g(y)) = y`. */
  export function mixedCrossings(
    inX: CurveSpec,
    inY: CurveSpec,
    y: Range,
    check: () => void
  ): Float64Array {
    const [lo, hi] = limited(inY, y);
    if (!(hi > lo)) {
      return new Float64Array(0);
    }
    const domain = inX.domain;
    const gap: Fn1 = ys => {
      let xs = inY.fn(ys);
      if (domain !== null) {
        // f is not drawn outside its restriction
        xs = xs.map(x => (x >= domain[0] && x <= domain[1] ? x : NaN));
      }
      return inX.fn(xs).map((value, i) => value - ys[i]);
    };
    const ys = linspace(lo, hi, GRID);
    const tolerance = 1e-9 * Math.max(Math.abs(lo), Math.abs(hi), 1);
    return zeros(gap, ys, tolerance, check);
  }

  /** The point of `spec` at the value `t` of its variable, as `[x, y]`. */
  export function point(spec: Curve1, t: number): [number, number] {
    const value = at(spec.fn, t);
    return spec.along === 'x' ? [t, value] : [value, t];
  }
}
