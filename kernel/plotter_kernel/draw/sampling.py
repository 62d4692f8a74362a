"""Adaptive, deterministic sampling of explicit curves, broken at gaps and jumps."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..budget import Budget
from ..plan import Fn1

BEND_PX = 0.25
"""A chord may stray this many CSS pixels from the curve before it is refined."""
JUMP_PX = 0.5
"""A step that stays this tall (in pixels) at float resolution is a discontinuity."""
MAX_PASSES = 40
"""Most refinement passes (each halves the intervals it touches)."""
MIN_WIDTH = 2.0**-31
"""Narrowest interval refined, as a fraction of the sampled range."""
JUMP_STEPS = 60
"""Bisection steps used to tell a jump from a steep but continuous stretch."""


@dataclass(frozen=True)
class Axis:
    """One axis of the window: its data range and its size on screen in CSS pixels."""

    lo: float
    hi: float
    pixels: float

    @property
    def per_unit(self) -> float:
        """Pixels per data unit."""
        return self.pixels / (self.hi - self.lo)


def evaluate(fn: Fn1, t: np.ndarray) -> np.ndarray:
    """Call ``fn`` on ``t`` and return a float array of the same shape, NaN where undefined."""
    with np.errstate(all="ignore"):
        raw = np.asarray(fn(t), dtype=float)
        values = np.array(np.broadcast_to(raw, t.shape), dtype=float)
    values[~np.isfinite(values)] = np.nan
    return values


def grid_size(max_samples: int) -> int:
    """Points of the uniform starting grid: odd (so a symmetric window hits 0), within the limit."""
    n = min(1001, max(3, max_samples // 8))
    n -= 1 - n % 2
    return max(2, min(n, max_samples))


def uniform(fn: Fn1, a: float, b: float, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Evaluate ``fn`` on ``n`` evenly spaced points of ``[a, b]``."""
    t = np.linspace(a, b, n)
    return t, evaluate(fn, t)


def _offscreen(values: np.ndarray, dep: Axis) -> np.ndarray:
    """Rows (of a 2-D stack of values) lying wholly above or wholly below the window."""
    nan = np.isnan(values)
    with np.errstate(invalid="ignore"):
        above = np.all((values > dep.hi) | nan, axis=0)
        below = np.all((values < dep.lo) | nan, axis=0)
    return (above | below) & ~np.all(nan, axis=0)


def refine(
    fn: Fn1,
    t: np.ndarray,
    v: np.ndarray,
    dep: Axis,
    max_samples: int,
    budget: Budget,
) -> tuple[np.ndarray, np.ndarray]:
    """Insert midpoints where the chord bends, at domain edges and at jumps.

    Refinement is breadth-first and deterministic; once the sample limit is
    near, the widest pending intervals are refined first.
    """
    k = dep.per_unit
    min_width = (t[-1] - t[0]) * MIN_WIDTH
    active = np.ones(t.size - 1, dtype=bool)
    for _ in range(MAX_PASSES):
        budget.check()
        idx = np.flatnonzero(active)
        room = max_samples - t.size
        if idx.size == 0 or room <= 0:
            break
        if idx.size > room:
            widths = t[idx + 1] - t[idx]
            idx = np.sort(idx[np.argsort(-widths, kind="stable")[:room]])
        ta, tb, va, vb = t[idx], t[idx + 1], v[idx], v[idx + 1]
        tm = 0.5 * (ta + tb)
        vm = evaluate(fn, tm)
        na, nm, nb = np.isnan(va), np.isnan(vm), np.isnan(vb)
        with np.errstate(all="ignore"):
            bend = np.abs(vm - 0.5 * (va + vb)) * k > BEND_PX
        edge = ~(na & nm & nb) & (na | nm | nb)
        narrow = 0.5 * (tb - ta) <= min_width
        gone = _offscreen(np.stack([va, vm, vb]), dep) | narrow
        left = ((bend & ~edge) | (edge & (na != nm)) | (edge & ~na & ~nm)) & ~gone
        right = ((bend & ~edge) | (edge & (nm != nb)) | (edge & ~nm & ~nb)) & ~gone
        active[idx] = False
        active = np.insert(active, idx + 1, right)
        active[idx + np.arange(idx.size)] = left
        t = np.insert(t, idx + 1, tm)
        v = np.insert(v, idx + 1, vm)
    return t, v


def find_jumps(fn: Fn1, t: np.ndarray, v: np.ndarray, dep: Axis, budget: Budget) -> np.ndarray:
    """Flag the intervals between finite samples that hide a discontinuity.

    Each tall step is bisected towards its steepest half; a continuous curve's
    step shrinks to nothing, a jump's (or a pole's) does not. A step that has shrunk
    to no more than ``JUMP_PX`` is settled as continuous and bisected no further (as
    a step that short is never a candidate to begin with).
    """
    k = dep.per_unit
    va, vb = v[:-1], v[1:]
    with np.errstate(all="ignore"):
        cand = np.flatnonzero(np.abs(vb - va) * k > JUMP_PX)
    jumps = np.zeros(va.size, dtype=bool)
    if cand.size == 0:
        return jumps
    lo_t, hi_t = t[cand].copy(), t[cand + 1].copy()
    lo_v, hi_v = va[cand].copy(), vb[cand].copy()
    hole = np.zeros(cand.size, dtype=bool)
    for _ in range(JUMP_STEPS):
        budget.check()
        mid = 0.5 * (lo_t + hi_t)
        with np.errstate(all="ignore"):
            tall = np.abs(hi_v - lo_v) * k > JUMP_PX
        live = ~hole & tall & (mid > lo_t) & (mid < hi_t)
        if not live.any():
            break
        vm = evaluate(fn, mid[live])
        rows = np.flatnonzero(live)
        hole[rows[np.isnan(vm)]] = True
        ok = ~np.isnan(vm)
        rows, vm = rows[ok], vm[ok]
        with np.errstate(all="ignore"):
            go_left = np.abs(vm - lo_v[rows]) >= np.abs(hi_v[rows] - vm)
        hi_rows, lo_rows = rows[go_left], rows[~go_left]
        hi_t[hi_rows], hi_v[hi_rows] = mid[hi_rows], vm[go_left]
        lo_t[lo_rows], lo_v[lo_rows] = mid[lo_rows], vm[~go_left]
    with np.errstate(all="ignore"):
        jumps[cand] = hole | (np.abs(hi_v - lo_v) * k > JUMP_PX)
    return jumps


def split_pieces(t: np.ndarray, v: np.ndarray, jumps: np.ndarray) -> list[np.ndarray]:
    """Cut the samples into polylines ``(N, 2)`` at undefined samples and at jumps."""
    finite = ~np.isnan(v)
    joined = finite[:-1] & finite[1:] & ~jumps
    cuts = np.flatnonzero(~joined) + 1
    pieces = []
    for ts, vs in zip(np.split(t, cuts), np.split(v, cuts), strict=True):
        keep = ~np.isnan(vs)
        if keep.sum() >= 2:
            pieces.append(np.column_stack([ts[keep], vs[keep]]))
    return pieces


def clip_band(piece: np.ndarray, lo: float, hi: float) -> list[np.ndarray]:
    """Clip a polyline to ``lo <= value <= hi`` (second column), cutting where it leaves.

    Crossing points are interpolated along each segment, so what is visible is
    unchanged while absurd values near poles never reach the scene.
    """
    t, v = piece[:, 0], piece[:, 1]
    if np.all((v >= lo) & (v <= hi)):
        return [piece]
    with np.errstate(all="ignore"):
        return _clip_outside(t, v, lo, hi)


def _clip_outside(t: np.ndarray, v: np.ndarray, lo: float, hi: float) -> list[np.ndarray]:
    """The vectorised body of :func:`clip_band` for a polyline that leaves the band."""
    ta, tb, va, vb = t[:-1], t[1:], v[:-1], v[1:]
    dv = vb - va
    flat = dv == 0
    inside_flat = flat & (va >= lo) & (va <= hi)
    safe = np.where(flat, 1.0, dv)
    s_lo, s_hi = (lo - va) / safe, (hi - va) / safe
    s_in = np.where(dv > 0, s_lo, s_hi)
    s_out = np.where(dv > 0, s_hi, s_lo)
    s_in = np.where(flat, np.where(inside_flat, 0.0, 1.0), s_in)
    s_out = np.where(flat, np.where(inside_flat, 1.0, 0.0), s_out)
    s0, s1 = np.clip(s_in, 0.0, 1.0), np.clip(s_out, 0.0, 1.0)
    visible = s0 < s1
    cont = np.zeros_like(visible)
    cont[1:] = visible[1:] & visible[:-1] & (s1[:-1] == 1.0) & (s0[1:] == 0.0)
    start = visible & ~cont

    def at(s: np.ndarray) -> np.ndarray:
        pt = np.where(s == 1.0, tb, np.where(s == 0.0, ta, ta + s * (tb - ta)))
        pv = np.where(s == 1.0, vb, np.where(s == 0.0, va, va + s * dv))
        return np.column_stack([pt, pv])

    points = np.empty((2 * va.size, 2))
    points[0::2], points[1::2] = at(s0), at(s1)
    emit = np.empty(2 * va.size, dtype=bool)
    emit[0::2], emit[1::2] = start, visible
    begins = np.zeros(2 * va.size, dtype=bool)
    begins[0::2] = start
    points, begins = points[emit], begins[emit]
    cuts = np.flatnonzero(begins)[1:]
    return [p for p in np.split(points, cuts) if len(p) >= 2]


def simplify(piece: np.ndarray, sx: float, sy: float, tol: float = 0.03) -> np.ndarray:
    """Drop samples that lie within ``tol`` pixels of the chord of their neighbours.

    ``sx``/``sy`` are pixels per unit. Alternate candidates go in each pass, so
    no two neighbours vanish at once and the drift stays below a pixel. Only the
    candidates of a pass's parity are measured: this runs on every view a slider asks for.
    """
    if len(piece) < 3:
        return piece
    x, y = piece[:, 0] * sx, piece[:, 1] * sy
    keep = np.ones(len(piece), dtype=bool)
    idle = 0
    for parity in range(32):
        idx = np.flatnonzero(keep)
        if idx.size < 3 or idle >= 2:
            break
        q = parity % 2
        a, b, c = idx[q:-2:2], idx[q + 1 : -1 : 2], idx[q + 2 :: 2]
        ax, ay = x[a], y[a]
        acx, acy = x[c] - ax, y[c] - ay
        abx, aby = x[b] - ax, y[b] - ay
        norm = np.hypot(acx, acy)
        cross = np.abs(acx * aby - acy * abx)
        safe = np.where(norm > 0, norm, 1.0)
        dist = np.where(norm > 0, cross / safe, np.hypot(abx, aby))
        along = abx * acx + aby * acy
        drop = (dist < tol) & (along >= 0) & (along <= norm * norm)
        if drop.any():
            keep[b[drop]] = False
            idle = 0
        else:
            idle += 1
    return piece[keep]


def sample_explicit(
    fn: Fn1,
    a: float,
    b: float,
    dep: Axis,
    max_samples: int,
    budget: Budget,
    start: tuple[np.ndarray, np.ndarray] | None = None,
) -> list[np.ndarray]:
    """Sample ``value = fn(t)`` for ``t`` in ``[a, b]`` as polylines ``(N, 2)`` of ``(t, value)``.

    Parameters
    ----------
    fn
        Vectorised function, NaN where undefined.
    a, b
        The sampled interval of the free variable.
    dep
        The window of the value axis; refinement and jump detection work in its pixels.
    max_samples
        Most evaluations kept for this curve.
    budget
        Checked between passes.
    start
        The uniform grid already evaluated (e.g. for the automatic window), if any.

    Returns
    -------
    list of numpy.ndarray
        Pieces split at every gap and discontinuity, clipped to a band around the
        window, not yet simplified.
    """
    if not b > a:
        return []
    t, v = start if start is not None else uniform(fn, a, b, grid_size(max_samples))
    if np.all(np.isnan(v)):
        return []
    t, v = refine(fn, t, v, dep, max_samples, budget)
    jumps = find_jumps(fn, t, v, dep, budget)
    span = dep.hi - dep.lo
    pieces = []
    for piece in split_pieces(t, v, jumps):
        pieces.extend(clip_band(piece, dep.lo - span, dep.hi + span))
    return pieces
