"""The view rule (SPEC section 5): which window a cell shows, and whether its axes share a scale.

A cell of explicit curves keeps x in the default window and a robust automatic y. A cell
that draws anything geometric (parametric, polar, implicit, a region, ``x = f(y)``, or
points alone) shows its shapes undistorted: one unit is as many pixels across as up, and
with no window given the view fits what is drawn with a margin.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from ..plan import Curve, Implicit, Inequality, Parametric, Points, Polar, Range, Spec
from .autorange import flat_size, robust_extent, with_axis

SIDE, END = 22, 12
"""Figure margins in CSS pixels beside and above/below an axis through the origin: the
plot area of an equal-scale view is the figure less these (see ``frame.layout``)."""
MARGIN = 0.1
"""Room left around fitted shapes, as a fraction of their extent on each side."""
EDGE = 1e-6
"""A shape this close (relative to the window) to the search window's edge runs past it."""

Box = tuple[Range, Range]


def is_equal(specs: Sequence[Spec]) -> bool:
    """Whether a cell draws anything geometric, so both axes must share one scale.

    Points alone are geometry (``(1, 2), (3, 4)``), unless they are data from lists.
    """
    if specs and all(isinstance(s, Points) and not s.data for s in specs):
        return True
    return any(
        isinstance(s, (Parametric, Polar, Implicit, Inequality))
        or (isinstance(s, Curve) and s.var == "y")
        for s in specs
    )


def plot_size(size: Sequence[int]) -> tuple[float, float]:
    """The pixels inside the frame of a figure of ``size`` CSS pixels."""
    return max(1.0, size[0] - 2 * SIDE), max(1.0, size[1] - 2 * END)


def follow(given: Range, centre: float, size: Sequence[int], along: str) -> Range:
    """The other axis of an equal-scale view whose ``along`` axis shows ``given``.

    ``along`` is ``"x"`` or ``"y"``; the result is centred on ``centre``.
    """
    w, h = plot_size(size)
    ratio = h / w if along == "x" else w / h
    half = 0.5 * (given[1] - given[0]) * ratio
    return centre - half, centre + half


def fit(box: Box, size: Sequence[int]) -> Box:
    """The equal-scale view that holds ``box`` with a margin of at least ``MARGIN``.

    A box with no extent (a single point) gets one unit around it.
    """
    (x0, x1), (y0, y1) = box
    sx, sy = x1 - x0, y1 - y0
    if sx <= 0 and sy <= 0:
        sx = sy = 2.0 * max(1.0, 0.5 * max(abs(x0), abs(y0)))
    sx, sy = max(sx, 0.0), max(sy, 0.0)
    sx, sy = sx * (1 + 2 * MARGIN), sy * (1 + 2 * MARGIN)
    w, h = plot_size(size)
    per_pixel = max(sx / w, sy / h)
    cx, cy = 0.5 * (x0 + x1), 0.5 * (y0 + y1)
    half_x, half_y = 0.5 * per_pixel * w, 0.5 * per_pixel * h
    return (cx - half_x, cx + half_x), (cy - half_y, cy + half_y)


def shape_box(lines: Iterable[np.ndarray]) -> Box | None:
    """The robust bounding box of drawn polylines: a pole does not blow it up."""
    stack = [np.asarray(line, dtype=float).reshape(-1, 2) for line in lines]
    if not stack:
        return None
    points = np.concatenate(stack)
    ex, ey = robust_extent(points[:, 0]), robust_extent(points[:, 1])
    if ex is None or ey is None:
        return None
    return ex, ey


def point_box(points: Iterable[tuple[float, float]]) -> Box | None:
    """The bounding box of the finite points."""
    finite = [(x, y) for x, y in points if np.isfinite(x) and np.isfinite(y)]
    if not finite:
        return None
    xs, ys = zip(*finite, strict=True)
    return (min(xs), max(xs)), (min(ys), max(ys))


def with_x_axis(box: Box) -> Box:
    """Points alone take in the x axis when it is near them (SPEC §9)."""
    (x0, x1), (y0, y1) = box
    return (x0, x1), with_axis(y0, y1, flat_size(y0, y1))


def union(boxes: Iterable[Box | None]) -> Box | None:
    """The smallest box holding every given box."""
    known = [b for b in boxes if b is not None]
    if not known:
        return None
    return (
        (min(b[0][0] for b in known), max(b[0][1] for b in known)),
        (min(b[1][0] for b in known), max(b[1][1] for b in known)),
    )


def reaches_edge(box: Box, window: Box) -> bool:
    """Whether a shape found in ``window`` touches its edge (it goes on beyond the window)."""
    for (lo, hi), (w0, w1) in zip(box, window, strict=True):
        tol = EDGE * (w1 - w0)
        if lo <= w0 + tol or hi >= w1 - tol:
            return True
    return False
