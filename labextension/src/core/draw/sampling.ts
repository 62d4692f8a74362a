/**
 * Adaptive, deterministic sampling of explicit curves, broken at gaps and jumps
 * (the Python kernel's `sampling.py`, same constants and rules).
 */

import { Check, Fn1, Line, evaluate1, linspace } from '../plan';

/** A chord may stray this many CSS pixels from the curve before it is refined. */
export const BEND_PX = 0.25;
/** A step that stays this tall (in pixels) at float resolution is a discontinuity. */
export const JUMP_PX = 0.5;
/** Most refinement passes (each halves the intervals it touches). */
export const MAX_PASSES = 40;
/** Narrowest interval refined, as a fraction of the sampled range. */
export const MIN_WIDTH = 2 ** -31;
/** Bisection steps used to tell a jump from a steep but continuous stretch. */
export const JUMP_STEPS = 60;

/** One axis of the window: its data range and its size on screen in CSS pixels. */
export interface IAxis {
  lo: number;
  hi: number;
  pixels: number;
}

/** Pixels per data unit of an axis. */
export function perUnit(axis: IAxis): number {
  return axis.pixels / (axis.hi - axis.lo);
}

/** Points of the uniform starting grid: odd (a symmetric window hits 0), within the limit. */
export function gridSize(maxSamples: number): number {
  let n = Math.min(1001, Math.max(3, Math.floor(maxSamples / 8)));
  n -= 1 - (n % 2);
  return Math.max(2, Math.min(n, maxSamples));
}

/** Samples of a function: parameter values and values (NaN where undefined). */
export interface ISamples {
  t: Float64Array;
  v: Float64Array;
}

/** Evaluate `fn` on `n` evenly spaced points of `[a, b]`. */
export function uniform(fn: Fn1, a: number, b: number, n: number): ISamples {
  const t = linspace(a, b, n);
  return { t, v: evaluate1(fn, t) };
}

/**
 * Insert midpoints where the chord bends, at domain edges and at jumps.
 *
 * Breadth-first and deterministic; once the sample limit is near, the widest
 * pending intervals are refined first.
 */
export function refine(
  fn: Fn1,
  start: ISamples,
  dep: IAxis,
  maxSamples: number,
  check: Check
): ISamples {
  let { t, v } = start;
  const k = perUnit(dep);
  const minWidth = (t[t.length - 1] - t[0]) * MIN_WIDTH;
  let active = new Uint8Array(t.length - 1).fill(1);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    check();
    let idx: number[] = [];
    for (let i = 0; i < active.length; i++) {
      if (active[i]) {
        idx.push(i);
      }
    }
    const room = maxSamples - t.length;
    if (idx.length === 0 || room <= 0) {
      break;
    }
    if (idx.length > room) {
      const order = idx.map((_, j) => j);
      order.sort((p, q) => {
        const wp = t[idx[p] + 1] - t[idx[p]];
        const wq = t[idx[q] + 1] - t[idx[q]];
        return wq - wp || p - q;
      });
      idx = order
        .slice(0, room)
        .sort((p, q) => p - q)
        .map(j => idx[j]);
    }
    const m = idx.length;
    const tm = new Float64Array(m);
    for (let j = 0; j < m; j++) {
      tm[j] = 0.5 * (t[idx[j]] + t[idx[j] + 1]);
    }
    const vm = evaluate1(fn, tm);
    const n = t.length;
    const t2 = new Float64Array(n + m);
    const v2 = new Float64Array(n + m);
    const a2 = new Uint8Array(n + m - 1);
    let j = 0;
    let out = 0;
    for (let i = 0; i < n; i++) {
      t2[out] = t[i];
      v2[out] = v[i];
      if (i === n - 1) {
        break;
      }
      if (j < m && idx[j] === i) {
        const va = v[i];
        const vb = v[i + 1];
        const vmid = vm[j];
        const na = Number.isNaN(va);
        const nm = Number.isNaN(vmid);
        const nb = Number.isNaN(vb);
        const bend = Math.abs(vmid - 0.5 * (va + vb)) * k > BEND_PX;
        const edge = !(na && nm && nb) && (na || nm || nb);
        const narrow = 0.5 * (t[i + 1] - t[i]) <= minWidth;
        const gone = narrow || offscreen3(va, vmid, vb, dep);
        const left =
          ((bend && !edge) || (edge && na !== nm) || (edge && !na && !nm)) &&
          !gone;
        const right =
          ((bend && !edge) || (edge && nm !== nb) || (edge && !nm && !nb)) &&
          !gone;
        a2[out] = left ? 1 : 0;
        out++;
        t2[out] = tm[j];
        v2[out] = vmid;
        a2[out] = right ? 1 : 0;
        j++;
      } else {
        a2[out] = active[i];
      }
      out++;
    }
    t = t2;
    v = v2;
    active = a2;
  }
  return { t, v };
}

/** Whether three values lie wholly above or wholly below the window (and not all NaN). */
function offscreen3(a: number, b: number, c: number, dep: IAxis): boolean {
  if (Number.isNaN(a) && Number.isNaN(b) && Number.isNaN(c)) {
    return false;
  }
  const above =
    (Number.isNaN(a) || a > dep.hi) &&
    (Number.isNaN(b) || b > dep.hi) &&
    (Number.isNaN(c) || c > dep.hi);
  const below =
    (Number.isNaN(a) || a < dep.lo) &&
    (Number.isNaN(b) || b < dep.lo) &&
    (Number.isNaN(c) || c < dep.lo);
  return above || below;
}

/**
 * Flag the intervals between finite samples that hide a discontinuity.
 *
 * Each tall step is bisected towards its steepest half; a continuous curve's step
 * shrinks to nothing, a jump's (or a pole's) does not. A step that has shrunk to no
 * more than JUMP_PX is settled as continuous and bisected no further (as a step that
 * short is never a candidate to begin with).
 */
export function findJumps(
  fn: Fn1,
  s: ISamples,
  dep: IAxis,
  check: Check
): Uint8Array {
  const { t, v } = s;
  const k = perUnit(dep);
  const jumps = new Uint8Array(Math.max(0, t.length - 1));
  const cand: number[] = [];
  for (let i = 0; i + 1 < t.length; i++) {
    if (Math.abs(v[i + 1] - v[i]) * k > JUMP_PX) {
      cand.push(i);
    }
  }
  const c = cand.length;
  if (c === 0) {
    return jumps;
  }
  const loT = new Float64Array(c);
  const hiT = new Float64Array(c);
  const loV = new Float64Array(c);
  const hiV = new Float64Array(c);
  const hole = new Uint8Array(c);
  cand.forEach((i, r) => {
    loT[r] = t[i];
    hiT[r] = t[i + 1];
    loV[r] = v[i];
    hiV[r] = v[i + 1];
  });
  const mids = new Float64Array(c);
  const rows = new Int32Array(c);
  for (let step = 0; step < JUMP_STEPS; step++) {
    check();
    let live = 0;
    for (let r = 0; r < c; r++) {
      const mid = 0.5 * (loT[r] + hiT[r]);
      const tall = Math.abs(hiV[r] - loV[r]) * k > JUMP_PX;
      if (!hole[r] && tall && mid > loT[r] && mid < hiT[r]) {
        mids[live] = mid;
        rows[live] = r;
        live++;
      }
    }
    if (live === 0) {
      break;
    }
    const vm = evaluate1(fn, mids.subarray(0, live));
    for (let q = 0; q < live; q++) {
      const r = rows[q];
      const value = vm[q];
      if (Number.isNaN(value)) {
        hole[r] = 1;
        continue;
      }
      if (Math.abs(value - loV[r]) >= Math.abs(hiV[r] - value)) {
        hiT[r] = mids[q];
        hiV[r] = value;
      } else {
        loT[r] = mids[q];
        loV[r] = value;
      }
    }
  }
  for (let r = 0; r < c; r++) {
    jumps[cand[r]] = hole[r] || Math.abs(hiV[r] - loV[r]) * k > JUMP_PX ? 1 : 0;
  }
  return jumps;
}

/** Cut the samples into polylines at undefined samples and at jumps. */
export function splitPieces(s: ISamples, jumps: Uint8Array): Line[] {
  const { t, v } = s;
  // A sample is drawn only where both coordinates are finite numbers.
  const ok = (i: number): boolean =>
    Number.isFinite(v[i]) && Number.isFinite(t[i]);
  const pieces: Line[] = [];
  let current: Line = [];
  for (let i = 0; i < t.length; i++) {
    if (ok(i)) {
      current.push([t[i], v[i]]);
    }
    const joined = i + 1 < t.length && ok(i) && ok(i + 1) && !jumps[i];
    if (!joined) {
      if (current.length >= 2) {
        pieces.push(current);
      }
      current = [];
    }
  }
  return pieces;
}

/**
 * Clip a polyline to `lo <= value <= hi` (second coordinate), cutting where it leaves.
 *
 * Crossing points are interpolated along each segment, so what is visible is
 * unchanged while absurd values near poles never reach the scene.
 */
export function clipBand(piece: Line, lo: number, hi: number): Line[] {
  if (piece.every(p => p[1] >= lo && p[1] <= hi)) {
    return [piece];
  }
  const out: Line[] = [];
  let current: Line = [];
  let open = false;
  let lastS1 = 0;
  for (let i = 0; i + 1 < piece.length; i++) {
    const [ta, va] = piece[i];
    const [tb, vb] = piece[i + 1];
    const dv = vb - va;
    let sIn: number;
    let sOut: number;
    if (dv === 0) {
      const inside = va >= lo && va <= hi;
      sIn = inside ? 0 : 1;
      sOut = inside ? 1 : 0;
    } else {
      const sLo = (lo - va) / dv;
      const sHi = (hi - va) / dv;
      sIn = dv > 0 ? sLo : sHi;
      sOut = dv > 0 ? sHi : sLo;
    }
    const s0 = clip01(sIn);
    const s1 = clip01(sOut);
    const visible = s0 < s1;
    const cont = open && visible && lastS1 === 1 && s0 === 0;
    if (visible && !cont) {
      if (current.length >= 2) {
        out.push(current);
      }
      current = [at(s0, ta, tb, va, vb, dv)];
    }
    if (visible) {
      current.push(at(s1, ta, tb, va, vb, dv));
    }
    open = visible;
    lastS1 = s1;
  }
  if (current.length >= 2) {
    out.push(current);
  }
  return out;
}

function clip01(s: number): number {
  return s < 0 ? 0 : s > 1 ? 1 : Number.isNaN(s) ? s : s;
}

function at(
  s: number,
  ta: number,
  tb: number,
  va: number,
  vb: number,
  dv: number
): [number, number] {
  if (s === 1) {
    return [tb, vb];
  }
  if (s === 0) {
    return [ta, va];
  }
  return [ta + s * (tb - ta), va + s * dv];
}

/**
 * Drop samples within `tol` pixels of the chord of their neighbours.
 *
 * `sx`/`sy` are pixels per unit. Alternate candidates go in each pass, so no two
 * neighbours vanish at once and the drift stays below a pixel.
 */
export function simplify(
  piece: Line,
  sx: number,
  sy: number,
  tol = 0.03
): Line {
  const n = piece.length;
  if (n < 3) {
    return piece;
  }
  const px = new Float64Array(n);
  const py = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    px[i] = piece[i][0] * sx;
    py[i] = piece[i][1] * sy;
  }
  const keep = new Uint8Array(n).fill(1);
  let idle = 0;
  let idx: number[] = [];
  for (let i = 0; i < n; i++) {
    idx.push(i);
  }
  for (let parity = 0; parity < 32; parity++) {
    if (idx.length < 3 || idle >= 2) {
      break;
    }
    let dropped = false;
    for (let m = 0; m + 2 < idx.length; m++) {
      if (m % 2 !== parity % 2) {
        continue;
      }
      const a = idx[m];
      const b = idx[m + 1];
      const c = idx[m + 2];
      const acx = px[c] - px[a];
      const acy = py[c] - py[a];
      const abx = px[b] - px[a];
      const aby = py[b] - py[a];
      const norm = Math.hypot(acx, acy);
      const cross = Math.abs(acx * aby - acy * abx);
      const dist = norm > 0 ? cross / norm : Math.hypot(abx, aby);
      const along = abx * acx + aby * acy;
      if (dist < tol && along >= 0 && along <= norm * norm) {
        keep[b] = 0;
        dropped = true;
      }
    }
    if (dropped) {
      idx = idx.filter(i => keep[i]);
      idle = 0;
    } else {
      idle++;
    }
  }
  return piece.filter((_, i) => keep[i]);
}

/**
 * Sample `value = fn(t)` for t in `[a, b]` as polylines of `(t, value)`: split at every
 * gap and discontinuity, clipped to a band around the window, not yet simplified.
 *
 * `start` is the uniform grid already evaluated (for the automatic window), if any.
 */
export function sampleExplicit(
  fn: Fn1,
  a: number,
  b: number,
  dep: IAxis,
  maxSamples: number,
  check: Check,
  start?: ISamples
): Line[] {
  if (!(b > a)) {
    return [];
  }
  const first = start ?? uniform(fn, a, b, gridSize(maxSamples));
  if (first.v.every(x => Number.isNaN(x))) {
    return [];
  }
  const s = refine(fn, first, dep, maxSamples, check);
  const jumps = findJumps(fn, s, dep, check);
  const span = dep.hi - dep.lo;
  const pieces: Line[] = [];
  for (const piece of splitPieces(s, jumps)) {
    pieces.push(...clipBand(piece, dep.lo - span, dep.hi + span));
  }
  return pieces;
}
