/** The automatic y window: robust to poles, never empty, always showing the points. */

import { Span } from './plan';

/** Quantiles that bound the bulk of a curve's values. */
const CORE: Span = [0.05, 0.95];
/** The window stretches to the true extreme when it lies within this many core spans. */
const REACH = 0.5;
/** Margin added above and below, as a fraction of the span. */
const PAD = 0.08;

/** NumPy's default (linear) quantile of sorted values. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  const frac = pos - lo;
  return sorted[lo] + (sorted[hi] - sorted[lo]) * frac;
}

/**
 * The range holding the bulk of one item's finite values.
 *
 * The 5-95 % quantiles bound the core; each side extends to the true extreme if that
 * is near (a parabola keeps its vertex), and stays at the quantile if not (a pole
 * such as `1/x` does not squash the plot).
 */
export function robustExtent(values: ArrayLike<number>): Span | null {
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if (Number.isFinite(values[i])) {
      finite.push(values[i]);
    }
  }
  if (finite.length === 0) {
    return null;
  }
  const sorted = Float64Array.from(finite).sort();
  let lo = sorted[0];
  let hi = sorted[sorted.length - 1];
  const qLo = quantile(sorted, CORE[0]);
  const qHi = quantile(sorted, CORE[1]);
  const reach = REACH * (qHi - qLo);
  if (lo < qLo - reach) {
    lo = qLo;
  }
  if (hi > qHi + reach) {
    hi = qHi;
  }
  return [lo, hi];
}

/** The smallest range covering every given range (null entries skipped). */
export function merge(extents: Array<Span | null>): Span | null {
  const known = extents.filter((e): e is Span => e !== null);
  if (known.length === 0) {
    return null;
  }
  return [Math.min(...known.map(e => e[0])), Math.max(...known.map(e => e[1]))];
}

/** Add a margin; give a flat extent (`y = 3`) a window of its own size around it. */
export function padded(extent: Span): Span {
  const [lo, hi] = extent;
  const span = hi - lo;
  if (!(span > 1e-12 * Math.max(1, Math.abs(lo), Math.abs(hi)))) {
    const half = Math.max(1, 0.5 * Math.abs(lo));
    return [lo - half, hi + half];
  }
  return [lo - PAD * span, hi + PAD * span];
}

/** A y window centred on 0 with the same scale as `x` on a figure of `size` pixels. */
export function equalAspect(x: Span, size: [number, number]): Span {
  const half = (0.5 * (x[1] - x[0]) * size[1]) / size[0];
  return [-half, half];
}

/**
 * The y window from item extents and point ordinates; an equal-aspect window when
 * nothing has a y extent.
 */
export function autoY(
  extents: Array<Span | null>,
  points: number[],
  x: Span,
  size: [number, number]
): Span {
  const finite = points.filter(p => Number.isFinite(p));
  const pointExtent: Span | null = finite.length
    ? [Math.min(...finite), Math.max(...finite)]
    : null;
  const extent = merge([...extents, pointExtent]);
  if (extent === null) {
    return equalAspect(x, size);
  }
  const [lo, hi] = padded(extent);
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && hi > lo)) {
    return equalAspect(x, size);
  }
  return [lo, hi];
}
