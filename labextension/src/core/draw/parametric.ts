/**
 * Adaptive arc-length sampling of parametric and polar curves into finite polylines
 * (the Python kernel's `parametric.py`, same constants and rules).
 */

import { Check, Fn1, Line, Span, evaluate1, fmax } from '../plan';

/** Largest arc-length step between samples, as a fraction of the curve's extent. */
const STEP = 1 / 200;
/** Turning angle (degrees) above which the two segments at a vertex are refined. */
const BEND_DEGREES = 8;
/** Below this fraction of STEP a segment is short enough even at a cusp. */
const MIN_STEP = STEP / 32;
/** Smallest parameter step, relative to the interval, before a gap counts as a jump. */
const MIN_DT = 1e-8;
/** Share of the samples kept back for pinning down jumps and domain edges. */
const RESERVE = 0.125;
/** Outside this many robust extents beyond the curve's bulk, points are off any view. */
const FAR = 2;
/** Within this many robust extents of the bulk, steps are fine; beyond, up to far, coarser. */
const NEAR = 0.5;
/** How much longer steps may be between near and far. */
const OUTER_STEP = 8;

type Pair = (ts: Float64Array) => [Float64Array, Float64Array];

/** Sample `(fx(t), fy(t))` for t in `t` into polylines of finite points, split at gaps and jumps. */
export function sampleParametric(
  fx: Fn1,
  fy: Fn1,
  t: Span,
  maxSamples: number,
  check: Check
): Line[] {
  return sample(
    ts => [evaluate1(fx, ts), evaluate1(fy, ts)],
    t,
    maxSamples,
    check
  );
}

/** Sample `r = fr(theta)` as `(r cos θ, r sin θ)`; see `sampleParametric`. */
export function samplePolar(
  fr: Fn1,
  theta: Span,
  maxSamples: number,
  check: Check
): Line[] {
  const pair: Pair = ts => {
    const r = evaluate1(fr, ts);
    const xs = new Float64Array(ts.length);
    const ys = new Float64Array(ts.length);
    for (let i = 0; i < ts.length; i++) {
      xs[i] = r[i] * Math.cos(ts[i]);
      ys[i] = r[i] * Math.sin(ts[i]);
    }
    return [xs, ys];
  };
  return sample(pair, theta, maxSamples, check);
}

/**
 * The robust extent of a curve: its scale per axis and the box beyond which it is off
 * view. Quantiles are weighted by each sample's share of the parameter interval, so
 * the extent does not drift outward as refinement crowds samples near poles.
 */
class Frame {
  scale: [number, number];
  lo: [number, number];
  hi: [number, number];
  nearLo: [number, number];
  nearHi: [number, number];

  constructor(t: Float64Array, x: Float64Array, y: Float64Array) {
    const n = t.length;
    const share = new Float64Array(n);
    if (n > 1) {
      share[0] = t[1] - t[0];
      share[n - 1] = t[n - 1] - t[n - 2];
      for (let i = 1; i < n - 1; i++) {
        share[i] = 0.5 * (t[i + 1] - t[i - 1]);
      }
    } else {
      share.fill(1);
    }
    const ok: number[] = [];
    for (let i = 0; i < n; i++) {
      if (Number.isFinite(x[i]) && Number.isFinite(y[i])) {
        ok.push(i);
      }
    }
    let lo: [number, number] = [0, 0];
    let hi: [number, number] = [0, 0];
    if (ok.length) {
      const qx = quantiles(ok, x, share);
      const qy = quantiles(ok, y, share);
      lo = [qx[0], qy[0]];
      hi = [qx[1], qy[1]];
    }
    const width = [hi[0] - lo[0], hi[1] - lo[1]];
    const biggest = Math.max(width[0], width[1]);
    const floor = biggest > 0 ? 0.05 * biggest : 1;
    this.scale = [Math.max(width[0], floor), Math.max(width[1], floor)];
    const s = this.scale;
    this.lo = [lo[0] - FAR * s[0], lo[1] - FAR * s[1]];
    this.hi = [hi[0] + FAR * s[0], hi[1] + FAR * s[1]];
    this.nearLo = [lo[0] - NEAR * s[0], lo[1] - NEAR * s[1]];
    this.nearHi = [hi[0] + NEAR * s[0], hi[1] + NEAR * s[1]];
  }

  /** Cohen-Sutherland outcode of a point against the far (or near) box. */
  outside(x: number, y: number, near = false): number {
    const lo = near ? this.nearLo : this.lo;
    const hi = near ? this.nearHi : this.hi;
    return (
      (x < lo[0] ? 1 : 0) |
      (x > hi[0] ? 2 : 0) |
      (y < lo[1] ? 4 : 0) |
      (y > hi[1] ? 8 : 0)
    );
  }
}

/** The weighted 2 % and 98 % quantiles of `v[ok]`. */
function quantiles(
  ok: number[],
  v: Float64Array,
  weight: Float64Array
): [number, number] {
  const order = ok.slice().sort((a, b) => v[a] - v[b] || a - b);
  const cum = new Float64Array(order.length);
  let total = 0;
  for (let k = 0; k < order.length; k++) {
    total += weight[order[k]];
    cum[k] = total;
  }
  const pick = (q: number): number => {
    const target = q * total;
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] < target) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return v[order[Math.min(lo, order.length - 1)]];
  };
  return [pick(0.02), pick(0.98)];
}

/** A near-uniform start, nudged off the even spacing that aliases `sin(k t)`. */
function start(t0: number, t1: number, n: number): Float64Array {
  const out = new Float64Array(n);
  const golden = 1 + Math.sqrt(5);
  for (let k = 0; k < n; k++) {
    const nudge = k === 0 || k === n - 1 ? 0 : 0.25 * Math.sin(k * golden);
    out[k] = t0 + ((t1 - t0) * (k + nudge)) / (n - 1);
  }
  return out;
}

/** Normalised chord lengths (0 where an end is undefined) and which ends are defined. */
function lengths(
  xs: Float64Array,
  ys: Float64Array,
  frame: Frame
): { ok: Uint8Array; length: Float64Array } {
  const n = xs.length;
  const ok = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    ok[i] = Number.isFinite(xs[i]) && Number.isFinite(ys[i]) ? 1 : 0;
  }
  const length = new Float64Array(Math.max(0, n - 1));
  for (let i = 0; i + 1 < n; i++) {
    length[i] =
      ok[i] && ok[i + 1]
        ? Math.hypot(
            (xs[i + 1] - xs[i]) / frame.scale[0],
            (ys[i + 1] - ys[i]) / frame.scale[1]
          )
        : 0;
  }
  return { ok, length };
}

function sample(pair: Pair, t: Span, maxSamples: number, check: Check): Line[] {
  const [t0, t1] = t;
  if (!Number.isFinite(t1 - t0) || t1 <= t0 || maxSamples < 2) {
    return [];
  }
  const n0 = Math.floor(
    Math.min(
      maxSamples,
      Math.max(17, Math.min(257, Math.floor(maxSamples / 8)))
    )
  );
  let ts = start(t0, t1, n0);
  let [xs, ys] = pair(ts);
  let frame = new Frame(ts, xs, ys);
  const dtMin = (t1 - t0) * MIN_DT;
  const cosBend = Math.cos((BEND_DEGREES * Math.PI) / 180);
  const general = maxSamples - Math.floor(RESERVE * maxSamples);
  while (ts.length < maxSamples) {
    check();
    if (ts.length < 4 * n0) {
      frame = new Frame(ts, xs, ys);
    }
    const { want, priority } = refinement(
      ts,
      xs,
      ys,
      frame,
      dtMin,
      cosBend,
      ts.length >= general
    );
    let chosen: number[] = [];
    for (let i = 0; i < want.length; i++) {
      if (want[i]) {
        chosen.push(i);
      }
    }
    if (chosen.length === 0) {
      break;
    }
    const room = maxSamples - ts.length;
    if (chosen.length > room) {
      const order = chosen.map((_, j) => j);
      order.sort((p, q) => priority[chosen[q]] - priority[chosen[p]] || p - q);
      chosen = order
        .slice(0, room)
        .sort((p, q) => p - q)
        .map(j => chosen[j]);
    }
    const mid = new Float64Array(chosen.length);
    chosen.forEach((i, j) => {
      mid[j] = 0.5 * (ts[i] + ts[i + 1]);
    });
    const [mx, my] = pair(mid);
    const n = ts.length + chosen.length;
    const t2 = new Float64Array(n);
    const x2 = new Float64Array(n);
    const y2 = new Float64Array(n);
    let j = 0;
    let out = 0;
    for (let i = 0; i < ts.length; i++) {
      t2[out] = ts[i];
      x2[out] = xs[i];
      y2[out] = ys[i];
      out++;
      if (j < chosen.length && chosen[j] === i) {
        t2[out] = mid[j];
        x2[out] = mx[j];
        y2[out] = my[j];
        out++;
        j++;
      }
    }
    ts = t2;
    xs = x2;
    ys = y2;
  }
  return split(ts, xs, ys, new Frame(ts, xs, ys), dtMin, ts.length >= general);
}

/** Which intervals to halve this pass, and how urgently (for a sample budget). */
function refinement(
  ts: Float64Array,
  xs: Float64Array,
  ys: Float64Array,
  frame: Frame,
  dtMin: number,
  cosBend: number,
  edgesOnly: boolean
): { want: Uint8Array; priority: Float64Array } {
  const n = ts.length;
  const m = n - 1;
  const { ok, length } = lengths(xs, ys, frame);
  const code = new Uint8Array(n);
  const outer = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const fx = ok[i] ? xs[i] : 0;
    const fy = ok[i] ? ys[i] : 0;
    code[i] = frame.outside(fx, fy);
    outer[i] = frame.outside(fx, fy, true) !== 0 ? 1 : 0;
  }
  const offView = new Uint8Array(m);
  const long = new Uint8Array(m);
  const bent = new Uint8Array(m);
  for (let i = 0; i < m; i++) {
    offView[i] = (code[i] & code[i + 1]) !== 0 ? 1 : 0;
    const step = outer[i] && outer[i + 1] ? OUTER_STEP * STEP : STEP;
    long[i] = ok[i] && ok[i + 1] && !offView[i] && length[i] > step ? 1 : 0;
  }
  if (n > 2) {
    for (let i = 0; i + 1 < m; i++) {
      if (!(ok[i] && ok[i + 1] && ok[i + 2])) {
        continue;
      }
      const ux0 = (xs[i + 1] - xs[i]) / frame.scale[0];
      const uy0 = (ys[i + 1] - ys[i]) / frame.scale[1];
      const ux1 = (xs[i + 2] - xs[i + 1]) / frame.scale[0];
      const uy1 = (ys[i + 2] - ys[i + 1]) / frame.scale[1];
      const norm = length[i] * length[i + 1];
      const cos = norm > 0 ? (ux0 * ux1 + uy0 * uy1) / norm : 1;
      const sharp = cos < cosBend && !(offView[i] && offView[i + 1]);
      if (sharp) {
        if (length[i] > MIN_STEP) {
          bent[i] = 1;
        }
        if (length[i + 1] > MIN_STEP) {
          bent[i + 1] = 1;
        }
      }
    }
  }
  const want = new Uint8Array(m);
  const priority = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const gapEdge = ok[i] !== ok[i + 1];
    const divisible = ts[i + 1] - ts[i] > dtMin;
    let w: boolean;
    if (edgesOnly) {
      const before = i > 0 ? length[i - 1] : NaN;
      const after = i + 1 < m ? length[i + 1] : NaN;
      const lonely = length[i] > 2 * fmax(before, after);
      w = divisible && ((!!long[i] && lonely) || gapEdge);
    } else {
      w = divisible && (!!long[i] || !!bent[i] || gapEdge);
    }
    want[i] = w ? 1 : 0;
    priority[i] = gapEdge ? 1e6 : length[i] / STEP + bent[i];
  }
  return { want, priority };
}

/** Cut the samples into polylines at undefined points, jumps and far-off-view stretches. */
function split(
  ts: Float64Array,
  xs: Float64Array,
  ys: Float64Array,
  frame: Frame,
  dtMin: number,
  exhausted: boolean
): Line[] {
  const n = ts.length;
  const m = n - 1;
  const { ok, length } = lengths(xs, ys, frame);
  const code = new Uint8Array(n);
  const near = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const fx = ok[i] ? xs[i] : 0;
    const fy = ok[i] ? ys[i] : 0;
    code[i] = frame.outside(fx, fy);
    near[i] = frame.outside(fx, fy, true);
  }
  const speed = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    speed[i] = length[i] / (ts[i + 1] - ts[i]);
  }
  const link = new Uint8Array(m);
  for (let i = 0; i < m; i++) {
    const unresolved = ts[i + 1] - ts[i] <= 2 * dtMin;
    const lonely =
      length[i] >
        4 *
          fmax(i > 0 ? length[i - 1] : NaN, i + 1 < m ? length[i + 1] : NaN) &&
      speed[i] >
        16 * fmax(i > 0 ? speed[i - 1] : NaN, i + 1 < m ? speed[i + 1] : NaN);
    let across = false;
    for (const [lowBit, highBit] of [
      [1, 2],
      [4, 8]
    ]) {
      const la = (near[i] & lowBit) !== 0;
      const ha = (near[i] & highBit) !== 0;
      const lb = (near[i + 1] & lowBit) !== 0;
      const hb = (near[i + 1] & highBit) !== 0;
      across = across || (la && hb) || (ha && lb);
    }
    const suspect = lonely || across;
    const jump =
      length[i] > STEP &&
      (unresolved || (exhausted && suspect && length[i] > 8 * STEP)) &&
      (code[i] & code[i + 1]) === 0;
    const far = code[i] !== 0 && code[i + 1] !== 0;
    link[i] = ok[i] && ok[i + 1] && !jump && !far ? 1 : 0;
  }
  const pieces: Line[] = [];
  let current: Line = [];
  for (let i = 0; i < n; i++) {
    const hasLink = (i > 0 && link[i - 1]) || (i < m && link[i]);
    if (ok[i] && (code[i] === 0 || hasLink)) {
      current.push([xs[i], ys[i]]);
    }
    if (i === m || !link[i]) {
      if (current.length >= 2) {
        pieces.push(current);
      }
      current = [];
    }
  }
  return pieces;
}
