/**
 * Zeros of `F(x, y)` where F touches 0 without changing sign (`(x - 1)^2 = 0`),
 * mirroring the Python kernel's `draw/tangent.py`.
 *
 * Sign changes cannot see them, so they are found as minima of `|F|`: along each grid
 * row and column, a vertex lower than both neighbours (with no sign change among the
 * three) is refined by golden-section search; it is a zero when `|F|` there is tiny
 * next to `|F|` one cell away. Row zeros are joined across rows where the curve is
 * steep, column zeros across columns where it is flat. A 3x3 minimum refined in both
 * directions that lies on no such curve is a lone point (`x^2 + y^2 = 0`).
 */

import { usableRange } from './contour';
import { Check, Fn2, Line, Span, evaluate2, linspace } from '../plan';

/** Grid cells along the longer side of the window. */
const CELLS = 200;
/** A minimum is a zero when `|F|` there is this small next to `|F|` one cell away. */
const RATIO = 1e-8;
const GOLDEN = 0.5 * (3 - Math.sqrt(5));
/** Golden-section steps: the bracket shrinks by 0.618 each, to about 1e-13 of a cell. */
const STEPS = 60;
/** Alternating x and y refinements of a lone point. */
const ROUNDS = 8;
/** Zeros in neighbouring rows (columns) join when this many cells apart or less. */
const LINK = 2;

/** A zero found along a grid line: its line index and its two coordinates. */
type Zero = [number, number, number];

/**
 * Polylines of the sign-change-free zeros of `F` in the window `x` by `y`. A lone
 * point comes back as a polyline of one point twice.
 */
export function tangentZeros(F: Fn2, x: Span, y: Span, check: Check): Line[] {
  if (!usableRange(x) || !usableRange(y)) {
    return [];
  }
  const wide = x[1] - x[0] >= y[1] - y[0];
  const nx = wide
    ? CELLS
    : Math.max(2, Private.round((CELLS * (x[1] - x[0])) / (y[1] - y[0])));
  const ny = !wide
    ? CELLS
    : Math.max(2, Private.round((CELLS * (y[1] - y[0])) / (x[1] - x[0])));
  const xs = linspace(x[0], x[1], nx + 1);
  const ys = linspace(y[0], y[1], ny + 1);
  const gx = new Float64Array(xs.length * ys.length);
  const gy = new Float64Array(gx.length);
  for (let j = 0; j < ys.length; j++) {
    for (let i = 0; i < xs.length; i++) {
      gx[j * xs.length + i] = xs[i];
      gy[j * xs.length + i] = ys[j];
    }
  }
  const flat = evaluate2(F, gx, gy);
  const v: number[][] = [];
  for (let j = 0; j < ys.length; j++) {
    v.push(Array.from(flat.subarray(j * xs.length, (j + 1) * xs.length)));
  }
  check();
  const hx = xs[1] - xs[0];
  const hy = ys[1] - ys[0];
  const rows = Private.lineZeros(F, v, xs, ys);
  check();
  const vt = Array.from(xs, (_, i) => v.map(row => row[i]));
  const swapped = Private.lineZeros((b, a) => F(a, b), vt, ys, xs);
  check();
  const lines: Line[] = Private.join(rows, LINK * hx);
  for (const line of Private.join(swapped, LINK * hy)) {
    lines.push(line.map(([s, t]) => [t, s]));
  }
  check();
  return [...lines, ...Private.lonePoints(F, v, xs, ys, lines)];
}

namespace Private {
  /** Python's round(): halves go to the even neighbour. */
  export function round(x: number): number {
    const r = Math.round(x);
    return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
  }

  export function sign(v: number): number {
    return v > 0 ? 1 : v < 0 ? -1 : v === 0 ? 0 : NaN;
  }

  export function size(v: number): number {
    return Number.isNaN(v) ? Infinity : Math.abs(v);
  }

  /** Where `|fn|` is least in each bracket `[lo[k], hi[k]]` along one axis. */
  export function golden(
    fn: Fn2,
    lo: Float64Array,
    hi: Float64Array,
    other: Float64Array,
    alongX: boolean
  ): Float64Array {
    const sizes = (t: Float64Array): Float64Array =>
      (alongX ? evaluate2(fn, t, other) : evaluate2(fn, other, t)).map(size);
    const a = Float64Array.from(lo);
    const b = Float64Array.from(hi);
    const c = a.map((v, k) => v + GOLDEN * (b[k] - v));
    const d = b.map((v, k) => v - GOLDEN * (v - a[k]));
    const fc = sizes(c);
    const fd = sizes(d);
    for (let step = 0; step < STEPS; step++) {
      const left = Array.from(fc, (v, k) => v <= fd[k]);
      const probe = new Float64Array(a.length);
      for (let k = 0; k < a.length; k++) {
        if (left[k]) {
          b[k] = d[k];
        } else {
          a[k] = c[k];
        }
        const cNew = a[k] + GOLDEN * (b[k] - a[k]);
        const dNew = b[k] - GOLDEN * (b[k] - a[k]);
        probe[k] = left[k] ? cNew : dNew;
        if (left[k]) {
          d[k] = c[k];
          c[k] = cNew;
        } else {
          c[k] = d[k];
          d[k] = dNew;
        }
      }
      const fresh = sizes(probe);
      for (let k = 0; k < a.length; k++) {
        if (left[k]) {
          fd[k] = fc[k];
          fc[k] = fresh[k];
        } else {
          fc[k] = fd[k];
          fd[k] = fresh[k];
        }
      }
    }
    return a.map((v, k) => 0.5 * (v + b[k]));
  }

  /** `[row, x, y]` of the tangent zeros along the rows of the grid `v[row][col]`. */
  export function lineZeros(
    F: Fn2,
    v: number[][],
    xs: Float64Array,
    ys: Float64Array
  ): Zero[] {
    const rows: number[] = [];
    const cols: number[] = [];
    v.forEach((row, j) => {
      for (let i = 1; i + 1 < row.length; i++) {
        const [l, m, r] = [row[i - 1], row[i], row[i + 1]];
        const same =
          sign(l) === sign(r) && (sign(m) === sign(r) || sign(m) === 0);
        const [al, am, ar] = [Math.abs(l), Math.abs(m), Math.abs(r)];
        if (
          am <= al &&
          am < ar &&
          same &&
          Number.isFinite(al) &&
          Number.isFinite(ar)
        ) {
          rows.push(j);
          cols.push(i);
        }
      }
    });
    if (rows.length === 0) {
      return [];
    }
    const y = Float64Array.from(rows, j => ys[j]);
    const lo = Float64Array.from(cols, i => xs[i - 1]);
    const hi = Float64Array.from(cols, i => xs[i + 1]);
    const x = golden(F, lo, hi, y, true);
    const found = evaluate2(F, x, y);
    const out: Zero[] = [];
    rows.forEach((j, k) => {
      const i = cols[k];
      const near = Math.max(Math.abs(v[j][i - 1]), Math.abs(v[j][i + 1]));
      if (Math.abs(found[k]) <= RATIO * near) {
        out.push([j, x[k], y[k]]);
      }
    });
    return out;
  }

  /**
   * Chain `[row, t, s]` zeros into polylines of `[t, s]`: each zero joins the nearest
   * free zero of the next row no more than `reach` away along the row.
   */
  export function join(zeros: Zero[], reach: number): Line[] {
    const byRow = new Map<number, number[]>();
    zeros.forEach(([row], k) => {
      const list = byRow.get(row) ?? [];
      list.push(k);
      byRow.set(row, list);
    });
    const next = new Array<number>(zeros.length).fill(-1);
    const taken = new Array<boolean>(zeros.length).fill(false);
    for (const row of [...byRow.keys()].sort((a, b) => a - b)) {
      const below = byRow.get(row + 1) ?? [];
      for (const k of byRow.get(row)!) {
        let best = -1;
        let gap = Infinity;
        for (const m of below) {
          const g = Math.abs(zeros[m][1] - zeros[k][1]);
          // Python's min over (gap, index) pairs: ties go to the lower index.
          if (!taken[m] && (g < gap || (g === gap && m < best))) {
            gap = g;
            best = m;
          }
        }
        if (best >= 0 && gap <= reach) {
          next[k] = best;
          taken[best] = true;
        }
      }
    }
    const lines: Line[] = [];
    for (let k = 0; k < zeros.length; k++) {
      if (taken[k]) {
        continue;
      }
      const run = [k];
      while (next[run[run.length - 1]] >= 0) {
        run.push(next[run[run.length - 1]]);
      }
      if (run.length >= 2) {
        lines.push(run.map(m => [zeros[m][1], zeros[m][2]]));
      }
    }
    return lines;
  }

  /** Refined 3x3 minima of `|F|` that are zeros and lie on none of `lines`. */
  export function lonePoints(
    F: Fn2,
    v: number[][],
    xs: Float64Array,
    ys: Float64Array,
    lines: Line[]
  ): Line[] {
    const rows: number[] = [];
    const cols: number[] = [];
    for (let j = 1; j + 1 < v.length; j++) {
      for (let i = 1; i + 1 < v[j].length; i++) {
        const centre = sign(v[j][i]);
        const first = sign(v[j - 1][i - 1]);
        let low =
          Number.isFinite(v[j][i]) &&
          first !== 0 &&
          (centre === first || centre === 0);
        for (let dj = -1; dj <= 1 && low; dj++) {
          for (let di = -1; di <= 1 && low; di++) {
            if (dj || di) {
              const around = v[j + dj][i + di];
              low =
                Math.abs(v[j][i]) < Math.abs(around) && sign(around) === first;
            }
          }
        }
        if (low) {
          rows.push(j);
          cols.push(i);
        }
      }
    }
    if (rows.length === 0) {
      return [];
    }
    let x = Float64Array.from(cols, i => xs[i]);
    let y = Float64Array.from(rows, j => ys[j]);
    const hx = xs[1] - xs[0];
    const hy = ys[1] - ys[0];
    for (let round = 0; round < ROUNDS; round++) {
      x = golden(
        F,
        x.map(t => t - hx),
        x.map(t => t + hx),
        y,
        true
      );
      y = golden(
        F,
        y.map(t => t - hy),
        y.map(t => t + hy),
        x,
        false
      );
    }
    const found = evaluate2(F, x, y);
    const drawn = lines.flat();
    const points: Line[] = [];
    rows.forEach((j, k) => {
      const i = cols[k];
      const near = Math.max(
        ...[-1, 1].flatMap(dj => [-1, 1].map(di => Math.abs(v[j + dj][i + di])))
      );
      if (!(Math.abs(found[k]) <= RATIO * near)) {
        return;
      }
      const onLine = drawn.some(
        ([px, py]) => Math.hypot((px - x[k]) / hx, (py - y[k]) / hy) <= LINK
      );
      if (!onLine) {
        points.push([
          [x[k], y[k]],
          [x[k], y[k]]
        ]);
      }
    });
    return points;
  }
}
