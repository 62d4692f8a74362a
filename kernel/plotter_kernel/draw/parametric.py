"""Adaptive arc-length sampling of parametric and polar curves into finite polylines."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..budget import Budget
from ..plan import Fn1, Range
from .sampling import evaluate

PairFn = Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]]

#: Largest arc-length step between samples, as a fraction of the curve's extent.
STEP = 1.0 / 200.0
#: Turning angle (degrees) above which the two segments at a vertex are refined.
BEND_DEGREES = 8.0
#: Below this fraction of STEP a segment is short enough even at a cusp.
MIN_STEP = STEP / 32.0
#: Smallest parameter step, relative to the interval, before a gap counts as a jump.
MIN_DT = 1e-8
#: Share of the samples kept back for pinning down jumps and domain edges.
RESERVE = 0.125
#: Outside this many robust extents beyond the curve's bulk, points are off any sensible view.
FAR = 2.0
#: Within this many robust extents of the bulk, steps are fine; beyond, up to far, coarser.
NEAR = 0.5
#: How much longer steps may be between near and far.
OUTER_STEP = 8.0


def sample_parametric(
    fx: Fn1, fy: Fn1, t: Range, max_samples: int, budget: Budget
) -> list[np.ndarray]:
    """Sample ``(fx(t), fy(t))`` for ``t`` in ``[t0, t1]`` into polylines.

    Parameters
    ----------
    fx, fy
        Vectorised functions of ``t``; NaN where undefined.
    t
        The parameter interval; an empty or reversed one gives no polylines.
    max_samples
        Most evaluations (and so most output points) in total.
    budget
        Checked between refinement passes.

    Returns
    -------
    list of numpy.ndarray
        Polylines of shape ``(N, 2)``, finite points only, split at gaps and jumps.
    """

    def pair(ts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return evaluate(fx, ts), evaluate(fy, ts)

    return _sample(pair, t, max_samples, budget)


def sample_polar(fr: Fn1, theta: Range, max_samples: int, budget: Budget) -> list[np.ndarray]:
    """Sample ``r = fr(theta)`` as ``(r cos θ, r sin θ)``; see :func:`sample_parametric`."""

    def pair(ts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        r = evaluate(fr, ts)
        with np.errstate(all="ignore"):
            return r * np.cos(ts), r * np.sin(ts)

    return _sample(pair, theta, max_samples, budget)


class _Frame:
    """The robust extent of a curve: its scale per axis and the box beyond which it is off view.

    Quantiles are weighted by each sample's share of the parameter interval, so the
    extent does not drift outward as refinement crowds samples near poles.
    """

    def __init__(self, t: np.ndarray, x: np.ndarray, y: np.ndarray):
        ok = np.isfinite(x) & np.isfinite(y)
        share = np.gradient(t) if t.size > 1 else np.ones(t.shape)
        lo, hi = np.zeros(2), np.zeros(2)
        if ok.any():
            (lo[0], hi[0]), (lo[1], hi[1]) = (
                _quantiles(x[ok], share[ok]),
                _quantiles(y[ok], share[ok]),
            )
        # A curve near the largest double (``1e308``) overflows these bounds to infinity,
        # which only means nothing is beyond them.
        with np.errstate(over="ignore", invalid="ignore"):
            width = hi - lo
            biggest = float(width.max())
            floor = 0.05 * biggest if biggest > 0 else 1.0
            self.scale = np.maximum(width, floor)
            self.lo = lo - FAR * self.scale
            self.hi = hi + FAR * self.scale
            self.near_lo = lo - NEAR * self.scale
            self.near_hi = hi + NEAR * self.scale

    def outside(self, x: np.ndarray, y: np.ndarray, near: bool = False) -> np.ndarray:
        """Cohen–Sutherland outcodes: which sides of the far (or near) box a point is beyond."""
        lo, hi = (self.near_lo, self.near_hi) if near else (self.lo, self.hi)
        code = np.zeros(x.shape, dtype=np.int8)
        code |= np.where(x < lo[0], 1, 0).astype(np.int8)
        code |= np.where(x > hi[0], 2, 0).astype(np.int8)
        code |= np.where(y < lo[1], 4, 0).astype(np.int8)
        code |= np.where(y > hi[1], 8, 0).astype(np.int8)
        return code


def _sample(pair: PairFn, t: Range, max_samples: int, budget: Budget) -> list[np.ndarray]:
    """Refine a uniform start in passes until every piece is short, straight, or at a gap."""
    t0, t1 = float(t[0]), float(t[1])
    if not np.isfinite(t1 - t0) or t1 <= t0 or max_samples < 2:
        return []
    n0 = int(min(max_samples, max(17, min(257, max_samples // 8))))
    ts = _start(t0, t1, n0)
    xs, ys = pair(ts)
    frame = _Frame(ts, xs, ys)
    dt_min = (t1 - t0) * MIN_DT
    cos_bend = np.cos(np.radians(BEND_DEGREES))
    general = max_samples - int(RESERVE * max_samples)
    while len(ts) < max_samples:
        budget.check()
        if len(ts) < 4 * n0:
            frame = _Frame(ts, xs, ys)  # early samples may alias; later ones barely move it
        want, priority = _refinement(ts, xs, ys, frame, dt_min, cos_bend, len(ts) >= general)
        chosen = np.flatnonzero(want)
        if chosen.size == 0:
            break
        room = max_samples - len(ts)
        if chosen.size > room:
            order = np.argsort(-priority[chosen], kind="stable")[:room]
            chosen = np.sort(chosen[order])
        mid = 0.5 * (ts[chosen] + ts[chosen + 1])
        mx, my = pair(mid)
        ts = np.insert(ts, chosen + 1, mid)
        xs = np.insert(xs, chosen + 1, mx)
        ys = np.insert(ys, chosen + 1, my)
    return _split(ts, xs, ys, _Frame(ts, xs, ys), dt_min, len(ts) >= general)


def _quantiles(v: np.ndarray, weight: np.ndarray) -> tuple[float, float]:
    """The weighted 2% and 98% quantiles of ``v``."""
    order = np.argsort(v, kind="stable")
    cum = np.cumsum(weight[order])
    at = np.searchsorted(cum, np.array([0.02, 0.98]) * cum[-1])
    low, high = v[order][np.minimum(at, v.size - 1)]
    return float(low), float(high)


def _start(t0: float, t1: float, n: int) -> np.ndarray:
    """A near-uniform start, nudged off the even spacing that aliases ``sin(k t)``."""
    k = np.arange(n, dtype=float)
    nudge = 0.25 * np.sin(k * (1 + 5**0.5))
    nudge[[0, -1]] = 0.0
    return t0 + (t1 - t0) * (k + nudge) / (n - 1)


def _lengths(xs: np.ndarray, ys: np.ndarray, frame: _Frame) -> np.ndarray:
    """Normalised chord length of each interval (NaN where an end is undefined)."""
    return np.hypot(np.diff(xs) / frame.scale[0], np.diff(ys) / frame.scale[1])


def _refinement(
    ts: np.ndarray,
    xs: np.ndarray,
    ys: np.ndarray,
    frame: _Frame,
    dt_min: float,
    cos_bend: float,
    edges_only: bool,
) -> tuple[np.ndarray, np.ndarray]:
    """Which intervals to halve this pass, and how urgently (for a sample budget).

    With ``edges_only`` (the reserve), only domain edges and links that stay much
    longer than both neighbours (jumps in the making) are halved.
    """
    ok = np.isfinite(xs) & np.isfinite(ys)
    both = ok[:-1] & ok[1:]
    gap_edge = ok[:-1] != ok[1:]
    length = np.where(both, _lengths(xs, ys, frame), 0.0)
    fx, fy = np.where(ok, xs, 0.0), np.where(ok, ys, 0.0)
    code = frame.outside(fx, fy)
    off_view = (code[:-1] & code[1:]) != 0
    outer = frame.outside(fx, fy, near=True) != 0
    step = np.where(outer[:-1] & outer[1:], OUTER_STEP * STEP, STEP)
    divisible = np.diff(ts) > dt_min

    long = both & ~off_view & (length > step)
    bent = np.zeros_like(long)
    if len(ts) > 2:
        ux = np.diff(xs) / frame.scale[0]
        uy = np.diff(ys) / frame.scale[1]
        dot = ux[:-1] * ux[1:] + uy[:-1] * uy[1:]
        norm = length[:-1] * length[1:]
        with np.errstate(all="ignore"):
            cos = np.where(norm > 0, dot / np.where(norm > 0, norm, 1.0), 1.0)
        sharp = both[:-1] & both[1:] & (cos < cos_bend)
        sharp &= ~(off_view[:-1] & off_view[1:])
        bent[:-1] |= sharp & (length[:-1] > MIN_STEP)
        bent[1:] |= sharp & (length[1:] > MIN_STEP)
    if edges_only:
        padded = np.pad(length, 1, constant_values=np.nan)
        lonely = length > 2 * np.fmax(padded[:-2], padded[2:])
        want = divisible & ((long & lonely) | gap_edge)
    else:
        want = divisible & (long | bent | gap_edge)
    priority = np.where(gap_edge, 1e6, length / STEP + bent)
    return want, priority


def _split(
    ts: np.ndarray,
    xs: np.ndarray,
    ys: np.ndarray,
    frame: _Frame,
    dt_min: float,
    exhausted: bool,
) -> list[np.ndarray]:
    """Cut the samples into polylines at undefined points, jumps and far-off-view stretches."""
    ok = np.isfinite(xs) & np.isfinite(ys)
    length = np.where(ok[:-1] & ok[1:], _lengths(xs, ys, frame), 0.0)
    code = frame.outside(np.where(ok, xs, 0.0), np.where(ok, ys, 0.0))
    far = code != 0
    unresolved = np.diff(ts) <= 2 * dt_min
    # Out of samples, a jump is a link far longer, and far faster in t, than its neighbours.
    padded = np.pad(length, 1, constant_values=np.nan)
    speed = length / np.diff(ts)
    fast = np.pad(speed, 1, constant_values=np.nan)
    lonely = (length > 4 * np.fmax(padded[:-2], padded[2:])) & (
        speed > 16 * np.fmax(fast[:-2], fast[2:])
    )
    # ... or one that runs from beyond one side of the view to beyond the opposite side.
    near = frame.outside(np.where(ok, xs, 0.0), np.where(ok, ys, 0.0), near=True)
    across = np.zeros(length.shape, dtype=bool)
    for low_bit, high_bit in ((1, 2), (4, 8)):  # left/right of the view, below/above it
        low, high = (near & low_bit) != 0, (near & high_bit) != 0
        across |= (low[:-1] & high[1:]) | (high[:-1] & low[1:])
    suspect = lonely | across
    jump = (length > STEP) & (unresolved | (exhausted & suspect & (length > 8 * STEP)))
    jump &= (code[:-1] & code[1:]) == 0
    # A link is drawn when both ends are defined, it is no jump, and not both ends are far off.
    link = ok[:-1] & ok[1:] & ~jump & ~(far[:-1] & far[1:])
    keep = ok.copy()
    # A far point is kept only as the end of a link that reaches back into view.
    has_link = np.zeros_like(ok)
    has_link[:-1] |= link
    has_link[1:] |= link
    keep &= ~far | has_link
    points = np.column_stack([xs, ys])
    chunks = np.split(np.arange(len(ts)), np.flatnonzero(~link) + 1)
    return [points[c[keep[c]]] for c in chunks if np.count_nonzero(keep[c]) >= 2]
