"""The automatic y window: robust to poles, never empty, always showing the points."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from ..plan import Range

CORE = (0.05, 0.95)
"""Quantiles that bound the bulk of a curve's values."""
REACH = 0.5
"""The window stretches to the true extreme when it lies within this many core spans."""
PAD = 0.08
"""Margin added above and below, as a fraction of the span."""


def robust_extent(values: np.ndarray) -> Range | None:
    """The range holding the bulk of one item's finite values.

    The 5–95 % quantiles bound the core; each side then extends to the true
    extreme if that is near (a parabola keeps its vertex and ends), and stays
    at the quantile if not (a pole such as ``1/x`` does not squash the plot).
    """
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return None
    lo, hi = float(finite.min()), float(finite.max())
    q_lo, q_hi = (float(q) for q in np.quantile(finite, CORE))
    reach = REACH * (q_hi - q_lo)
    if lo < q_lo - reach:
        lo = q_lo
    if hi > q_hi + reach:
        hi = q_hi
    return lo, hi


def merge(extents: Iterable[Range | None]) -> Range | None:
    """The smallest range covering every given range (``None`` entries skipped)."""
    known = [e for e in extents if e is not None]
    if not known:
        return None
    return min(e[0] for e in known), max(e[1] for e in known)


def padded(extent: Range) -> Range:
    """Add a margin; give a flat extent (``y = 3``) a window of its own size around it."""
    lo, hi = extent
    span = hi - lo
    if not span > 1e-12 * max(1.0, abs(lo), abs(hi)):
        half = max(1.0, 0.5 * abs(lo))
        return lo - half, hi + half
    return lo - PAD * span, hi + PAD * span


def equal_aspect(x: Range, size: Sequence[int]) -> Range:
    """A y window centred on 0 with the same scale as ``x`` on a figure of ``size`` pixels."""
    half = 0.5 * (x[1] - x[0]) * size[1] / size[0]
    return -half, half


def auto_y(
    extents: Iterable[Range | None],
    points: Sequence[float],
    x: Range,
    size: Sequence[int],
) -> Range:
    """Choose the y window from item extents and point ordinates.

    Falls back to an equal-aspect window when nothing has a y extent (only
    implicit curves, regions or ``x = f(y)`` curves).
    """
    finite_points = [float(p) for p in points if np.isfinite(p)]
    point_extent = (min(finite_points), max(finite_points)) if finite_points else None
    extent = merge([*extents, point_extent])
    if extent is None:
        return equal_aspect(x, size)
    lo, hi = padded(extent)
    if not (np.isfinite(lo) and np.isfinite(hi) and hi > lo):
        return equal_aspect(x, size)
    return lo, hi
