/**
 * The automatic y window: showing every feature, robust to poles, never empty (SPEC
 * §9); and the x window of statistics plots, framing their data.
 */

import { Span } from '../plan';

/** Quantiles that bound the bulk of a curve's values. */
const CORE: Span = [0.05, 0.95];
/** The window stretches to the true extreme when it lies within this many core spans. */
const REACH = 0.5;
/** Margin added above and below, as a fraction of the span. */
const PAD = 0.08;
/** Margin around the features (zeros, extrema, ...), as a fraction of their spread. */
const MARGIN = 0.15;
/** The features keep at least this share of the plot height. */
const SHARE = 0.5;
/** Feature heights closer than this, relative to the curves' size, are one height. */
const FLAT = 1e-6;
/** Points and horizontal lines take in the x axis when it is within this many spreads. */
const AXIS_REACH = 3;
/** Room left either side of data (lists, statistics plots), as a fraction of its span. */
const DATA_MARGIN = 0.1;

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
 * The window that shows every feature height, then as much of `curves` as fits.
 *
 * The features get a margin of `MARGIN` of their spread; the window then grows towards
 * the curves' extent (evenly, or all on the side that wants it) until the features fill
 * only `SHARE` of it. Features at one height take in the x axis to have a spread
 * (`e^x` shows its intercept above the axis). Null when they still have none (`x^3`,
 * `tan x`: only zeros): the robust window decides.
 */
export function featureWindow(
  features: number[],
  curves: Span | null
): Span | null {
  const ys = features.filter(y => Number.isFinite(y));
  if (ys.length === 0) {
    return null;
  }
  let lo = Math.min(...ys);
  let hi = Math.max(...ys);
  const scale = curves === null ? 0 : curves[1] - curves[0];
  if (!apart(lo, hi, scale)) {
    lo = Math.min(lo, 0);
    hi = Math.max(hi, 0);
    if (!apart(lo, hi, scale)) {
      return null;
    }
  }
  const span = hi - lo;
  lo = lo - MARGIN * span;
  hi = hi + MARGIN * span;
  const room = span / SHARE - (hi - lo);
  if (curves === null) {
    return [lo, hi];
  }
  const below = Math.max(0, lo - curves[0]);
  const above = Math.max(0, curves[1] - hi);
  const down = Math.min(below, Math.max(0.5 * room, room - above));
  const up = Math.min(above, room - down);
  return [lo - down, hi + up];
}

/** `[lo, hi]` stretched to take in `y = 0` when that is within `AXIS_REACH` spreads. */
export function withAxis(lo: number, hi: number, spread: number): Span {
  if (lo - AXIS_REACH * spread <= 0 && 0 <= hi + AXIS_REACH * spread) {
    return [Math.min(lo, 0), Math.max(hi, 0)];
  }
  return [lo, hi];
}

/** The spread of heights `lo..hi`; one alone counts the window `padded` gives it. */
export function flatSize(lo: number, hi: number): number {
  if (spread(lo, hi)) {
    return hi - lo;
  }
  return 2 * Math.max(1, 0.5 * Math.abs(lo));
}

/** Whether feature heights differ by more than rounding (a kink found 1e-10 off 0). */
function apart(lo: number, hi: number, scale: number): boolean {
  return hi - lo > FLAT * Math.max(Math.abs(lo), Math.abs(hi), scale);
}

function spread(lo: number, hi: number): boolean {
  return hi - lo > 1e-12 * Math.max(1, Math.abs(lo), Math.abs(hi));
}

/**
 * The y window from item extents, point ordinates and feature heights.
 *
 * Features (and points among them) decide when they have a spread; else the robust
 * extents do, holding the features too. Horizontal lines alone take in the x axis when
 * near. An equal-aspect window when nothing has a y extent.
 */
export function autoY(
  extents: Array<Span | null>,
  points: number[],
  x: Span,
  size: [number, number],
  features: number[] = []
): Span {
  const finite = points.filter(p => Number.isFinite(p));
  const curves = merge(extents);
  const flat =
    curves !== null && extents.every(e => e === null || !spread(e[0], e[1]));
  if (!flat) {
    const chosen = featureWindow([...features, ...finite], curves);
    if (chosen !== null) {
      return chosen;
    }
  }
  const heights = [...finite, ...features.filter(f => Number.isFinite(f))];
  const extra: Span | null = heights.length
    ? [Math.min(...heights), Math.max(...heights)]
    : null;
  let extent = merge([curves, extra]);
  if (extent === null) {
    return equalAspect(x, size);
  }
  if (flat) {
    extent = withAxis(extent[0], extent[1], flatSize(extent[0], extent[1]));
  }
  const [lo, hi] = padded(extent);
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && hi > lo)) {
    return equalAspect(x, size);
  }
  return [lo, hi];
}

/**
 * The x window of a cell drawing data with no window given: the data with
 * `DATA_MARGIN` either side (one unit either side of a single value). Data comes in
 * its own units (years, seconds), so it is framed as it lies rather than shown in the
 * default window around 0.
 */
export function dataX(extents: Span[]): Span | null {
  const known = merge(extents);
  if (known === null) {
    return null;
  }
  const [lo, hi] = known;
  if (!spread(lo, hi)) {
    return [lo - 1, hi + 1];
  }
  const pad = DATA_MARGIN * (hi - lo);
  return [lo - pad, hi + pad];
}
