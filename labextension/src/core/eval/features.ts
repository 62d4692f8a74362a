/**
 * Points of interest of the drawn curves: zeros, extrema and intersections (SPEC §5),
 * mirroring the Python kernel's `features.py`.
 *
 * Found by root-finding on the program's own functions, not read off the polylines: a
 * fine grid brackets each sign change, then bisection narrows it to machine precision.
 * A sign change across a pole (`tan`, `1/x`) is no zero: the function is not small there.
 */

import type { Feature, Program } from '../types';
import type { Limits } from './limits';
import { CurveSpec, instantiate, Range } from './plan';

/** Samples that bracket the roots across the view. */
export const GRID = 4001;
/** Bisection steps: enough to reach adjacent floats from any bracket on the grid. */
export const STEPS = 80;

type Fn1 = (values: Float64Array) => Float64Array;

/**
 * Zeros, extrema and intersections of the program's curves y = f(x) inside `view`
 * (`view.y` null: any y), with `params` overriding parameter values.
 *
 * @throws TimeLimit from `check`.
 */
export function findFeatures(
  program: Program,
  view: { x: Range; y: Range | null },
  params: Readonly<Record<string, number>> = {},
  check: () => void = () => undefined,
  limits?: Partial<Limits>
): Feature[] {
  const { specs } = instantiate(program, { params, check, limits });
  const curves = specs.filter(
    (s): s is CurveSpec => s.kind === 'curve' && s.along === 'x'
  );
  let found: Feature[] = [];
  for (const spec of curves) {
    for (const [x, y, kind] of Private.curveFeatures(spec, view.x, check)) {
      found.push({ x, y, kind, items: [spec.id] });
    }
  }
  curves.forEach((a, i) => {
    for (const b of curves.slice(i + 1)) {
      check();
      for (const [x, y] of Private.crossings(a, b, view.x, check)) {
        found.push({ x, y, kind: 'intersection', items: [a.id, b.id] });
      }
    }
  });
  const y = view.y;
  if (y !== null) {
    found = found.filter(f => y[0] <= f.y && f.y <= y[1]);
  }
  return found.filter(
    f => view.x[0] <= f.x && f.x <= view.x[1] && Number.isFinite(f.y)
  );
}

namespace Private {
  type Found = [number, number, 'zero' | 'minimum' | 'maximum'];

  /** NumPy's `linspace(lo, hi, n)`. */
  export function linspace(lo: number, hi: number, n: number): Float64Array {
    const xs = new Float64Array(n);
    const step = (hi - lo) / (n - 1);
    for (let i = 0; i < n; i++) {
      xs[i] = lo + i * step;
    }
    xs[n - 1] = hi;
    return xs;
  }

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
    const exact: number[] = [];
    const a: number[] = [];
    const b: number[] = [];
    const fa: number[] = [];
    for (let i = 0; i < xs.length; i++) {
      if (sign(v[i]) === 0) {
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

  export function scaleOf(ys: Float64Array): number {
    let scale = -Infinity;
    for (const v of ys) {
      if (Number.isFinite(v)) {
        scale = Math.max(scale, Math.abs(v));
      }
    }
    return scale === -Infinity ? 1 : scale;
  }

  export function curveFeatures(
    spec: CurveSpec,
    x: Range,
    check: () => void
  ): Found[] {
    let [lo, hi] = x;
    if (spec.domain !== null) {
      lo = Math.max(lo, spec.domain[0]);
      hi = Math.min(hi, spec.domain[1]);
    }
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

  export function crossings(
    a: CurveSpec,
    b: CurveSpec,
    x: Range,
    check: () => void
  ): Array<[number, number]> {
    let [lo, hi] = x;
    for (const spec of [a, b]) {
      if (spec.domain !== null) {
        lo = Math.max(lo, spec.domain[0]);
        hi = Math.min(hi, spec.domain[1]);
      }
    }
    if (!(hi > lo)) {
      return [];
    }
    const gap: Fn1 = xs => {
      const u = a.fn(xs);
      const v = b.fn(xs);
      return u.map((value, i) => value - v[i]);
    };
    const xs = linspace(lo, hi, GRID);
    const big = Math.max(scaleOf(a.fn(xs)), 1);
    const where = unique(
      trueZero(gap, roots(gap, xs, check), 1e-9 * big),
      hi - lo
    );
    return Array.from(where, (p): [number, number] => [p, at(a.fn, p)]);
  }
}
