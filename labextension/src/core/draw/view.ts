/**
 * The view rule (SPEC §5): which window a cell shows, and whether its axes share a
 * scale. A cell of explicit curves keeps x in the default window and a robust
 * automatic y; a cell that draws anything geometric shows its shapes undistorted and,
 * with no window given, fits what is drawn with a margin.
 */

import { flatSize, robustExtent, withAxis } from './autorange';
import { Line, Span, Spec } from '../plan';

/** Figure margins in CSS pixels beside and above/below an axis through the origin. */
export const SIDE = 22;
export const END = 12;
/** Room left around fitted shapes, as a fraction of their extent on each side. */
export const MARGIN = 0.1;
/** A shape this close (relative to the window) to the search window's edge runs past it. */
const EDGE = 1e-6;

/** A box `[x range, y range]`. */
export type Box = [Span, Span];

/**
 * Whether a cell draws anything geometric, so both axes must share one scale.
 * Points alone are geometry (`(1, 2), (3, 4)`), unless they are data from lists.
 */
export function isEqual(specs: Spec[]): boolean {
  if (specs.length && specs.every(s => s.kind === 'points' && !s.data)) {
    return true;
  }
  return specs.some(
    s =>
      s.kind === 'parametric' ||
      s.kind === 'polar' ||
      s.kind === 'implicit' ||
      s.kind === 'region' ||
      (s.kind === 'curve' && s.along === 'y')
  );
}

/** The pixels inside the frame of a figure of `size` CSS pixels. */
export function plotSize(size: [number, number]): [number, number] {
  return [Math.max(1, size[0] - 2 * SIDE), Math.max(1, size[1] - 2 * END)];
}

/** The other axis of an equal-scale view whose `along` axis shows `given`, centred on `centre`. */
export function follow(
  given: Span,
  centre: number,
  size: [number, number],
  along: 'x' | 'y'
): Span {
  const [w, h] = plotSize(size);
  const ratio = along === 'x' ? h / w : w / h;
  const half = 0.5 * (given[1] - given[0]) * ratio;
  return [centre - half, centre + half];
}

/** The equal-scale view that holds `box` with a margin of at least MARGIN. */
export function fit(box: Box, size: [number, number]): Box {
  const [[x0, x1], [y0, y1]] = box;
  let sx = x1 - x0;
  let sy = y1 - y0;
  if (sx <= 0 && sy <= 0) {
    sx = sy = 2 * Math.max(1, 0.5 * Math.max(Math.abs(x0), Math.abs(y0)));
  }
  sx = Math.max(sx, 0) * (1 + 2 * MARGIN);
  sy = Math.max(sy, 0) * (1 + 2 * MARGIN);
  const [w, h] = plotSize(size);
  const perPixel = Math.max(sx / w, sy / h);
  const cx = 0.5 * (x0 + x1);
  const cy = 0.5 * (y0 + y1);
  const hx = 0.5 * perPixel * w;
  const hy = 0.5 * perPixel * h;
  return [
    [cx - hx, cx + hx],
    [cy - hy, cy + hy]
  ];
}

/** The robust bounding box of drawn polylines: a pole does not blow it up. */
export function shapeBox(lines: Line[]): Box | null {
  let n = 0;
  for (const line of lines) {
    n += line.length;
  }
  if (lines.length === 0) {
    return null;
  }
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  let k = 0;
  for (const line of lines) {
    for (const [x, y] of line) {
      xs[k] = x;
      ys[k] = y;
      k++;
    }
  }
  const ex = robustExtent(xs);
  const ey = robustExtent(ys);
  return ex && ey ? [ex, ey] : null;
}

/** The bounding box of the finite points. */
export function pointBox(points: Array<[number, number]>): Box | null {
  const finite = points.filter(
    ([x, y]) => Number.isFinite(x) && Number.isFinite(y)
  );
  if (finite.length === 0) {
    return null;
  }
  const xs = finite.map(p => p[0]);
  const ys = finite.map(p => p[1]);
  return [
    [Math.min(...xs), Math.max(...xs)],
    [Math.min(...ys), Math.max(...ys)]
  ];
}

/** The smallest box holding every given box. */
/** Points alone take in the x axis when it is near them (SPEC §9). */
export function withXAxis([x, [y0, y1]]: Box): Box {
  return [x, withAxis(y0, y1, flatSize(y0, y1))];
}

export function union(boxes: Array<Box | null>): Box | null {
  const known = boxes.filter((b): b is Box => b !== null);
  if (known.length === 0) {
    return null;
  }
  return [
    [
      Math.min(...known.map(b => b[0][0])),
      Math.max(...known.map(b => b[0][1]))
    ],
    [Math.min(...known.map(b => b[1][0])), Math.max(...known.map(b => b[1][1]))]
  ];
}

/** Whether a shape found in `window` touches its edge (it goes on beyond the window). */
export function reachesEdge(box: Box, window: Box): boolean {
  for (let a = 0; a < 2; a++) {
    const [lo, hi] = box[a];
    const [w0, w1] = window[a];
    const tol = EDGE * (w1 - w0);
    if (lo <= w0 + tol || hi >= w1 - tol) {
      return true;
    }
  }
  return false;
}
