"""The automatic window: y showing every feature, robust to poles, never empty (SPEC §9);
x framing the data of statistics plots."""

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
MARGIN = 0.15
"""Margin around the features (zeros, extrema, ...), as a fraction of their spread."""
SHARE = 0.5
"""The features keep at least this share of the plot height."""
FLAT = 1e-6
"""Feature heights closer than this, relative to the curves' size, are one height."""
AXIS_REACH = 3.0
"""Points and horizontal lines take in the x axis when it is within this many spreads."""
DATA_MARGIN = 0.1
"""Room left either side of data (lists, statistics plots), as a fraction of its span."""


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


def feature_window(features: Sequence[float], curves: Range | None) -> Range | None:
    """The window that shows every feature height, then as much of ``curves`` as fits.

    The features get a margin of ``MARGIN`` of their spread; the window then grows
    towards the curves' extent (evenly, or all on the side that wants it) until the
    features fill only ``SHARE`` of it. Features at one height take in the x axis to
    have a spread (``e^x`` shows its intercept above the axis). ``None`` when they
    still have none (``x^3``, ``tan x``: only zeros): the robust window decides.
    """
    ys = [float(y) for y in features if np.isfinite(y)]
    if not ys:
        return None
    lo, hi = min(ys), max(ys)
    scale = 0.0 if curves is None else curves[1] - curves[0]
    if not _apart(lo, hi, scale):
        lo, hi = min(lo, 0.0), max(hi, 0.0)
        if not _apart(lo, hi, scale):
            return None
    span = hi - lo
    lo, hi = lo - MARGIN * span, hi + MARGIN * span
    room = span / SHARE - (hi - lo)
    if curves is None:
        return lo, hi
    below, above = max(0.0, lo - curves[0]), max(0.0, curves[1] - hi)
    down = min(below, max(0.5 * room, room - above))
    up = min(above, room - down)
    return lo - down, hi + up


def with_axis(lo: float, hi: float, spread: float) -> Range:
    """``[lo, hi]`` stretched to take in ``y = 0`` when that is within ``AXIS_REACH`` spreads."""
    if lo - AXIS_REACH * spread <= 0.0 <= hi + AXIS_REACH * spread:
        return min(lo, 0.0), max(hi, 0.0)
    return lo, hi


def flat_size(lo: float, hi: float) -> float:
    """The spread of heights ``lo..hi``; one alone counts the window :func:`padded` gives it."""
    if _spread(lo, hi):
        return hi - lo
    return 2.0 * max(1.0, 0.5 * abs(lo))


def _apart(lo: float, hi: float, scale: float) -> bool:
    """Whether feature heights differ by more than rounding (a kink found 1e-10 off 0)."""
    return hi - lo > FLAT * max(abs(lo), abs(hi), scale)


def _spread(lo: float, hi: float) -> bool:
    return hi - lo > 1e-12 * max(1.0, abs(lo), abs(hi))


def auto_y(
    extents: Iterable[Range | None],
    points: Sequence[float],
    x: Range,
    size: Sequence[int],
    features: Sequence[float] = (),
) -> Range:
    """Choose the y window from item extents, point ordinates and feature heights.

    Features (and points among them) decide when they have a spread; else the robust
    extents do, holding the features too. Horizontal lines alone take in the x axis
    when near. Falls back to an equal-aspect window when nothing has a y extent (only
    implicit curves, regions or ``x = f(y)`` curves).
    """
    extents = list(extents)
    finite_points = [float(p) for p in points if np.isfinite(p)]
    curves = merge(extents)
    flat = curves is not None and all(e is None or not _spread(*e) for e in extents)
    if not flat:
        chosen = feature_window([*features, *finite_points], curves)
        if chosen is not None:
            return chosen
    heights = [*finite_points, *(f for f in features if np.isfinite(f))]
    extra = (min(heights), max(heights)) if heights else None
    extent = merge([curves, extra])
    if extent is None:
        return equal_aspect(x, size)
    if flat:
        extent = with_axis(*extent, flat_size(*extent))
    lo, hi = padded(extent)
    if not (np.isfinite(lo) and np.isfinite(hi) and hi > lo):
        return equal_aspect(x, size)
    return lo, hi


def data_x(extents: Iterable[Range]) -> Range | None:
    """The x window of a cell drawing data with no window given: the data with
    ``DATA_MARGIN`` either side (one unit either side of a single value).

    Data comes in its own units (years, seconds), so it is framed as it lies rather
    than shown in the default window around 0.
    """
    known = merge(extents)
    if known is None:
        return None
    lo, hi = known
    if not _spread(lo, hi):
        return lo - 1.0, hi + 1.0
    pad = DATA_MARGIN * (hi - lo)
    return lo - pad, hi + pad
