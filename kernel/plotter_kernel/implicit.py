"""Implicit curves ``F(x, y) = 0`` traced on an adaptive grid into long polylines."""

from __future__ import annotations

import numpy as np

from .budget import Budget
from .contour import (
    ROOT,
    Segments,
    SignGrid,
    cell_segments,
    crossings,
    join,
    sample_grid,
    unique_ids,
    usable_range,
)
from .plan import Fn2, Range


def trace_implicit(F: Fn2, x: Range, y: Range, grid: int, budget: Budget) -> list[np.ndarray]:
    """Trace the zero set of ``F`` over the window ``x`` by ``y``.

    Parameters
    ----------
    F
        Vectorised function of x and y; NaN where undefined.
    x, y
        The window.
    grid
        Most cells along one axis of the finest grid.
    budget
        Checked between refinement passes.

    Returns
    -------
    list of numpy.ndarray
        Polylines of shape ``(N, 2)``; a closed curve repeats its first point at the end.
        Sign changes through poles or jumps (``1/x = y``) are not part of the curve.
    """
    if not usable_range(x) or not usable_range(y):
        return []
    sg = sample_grid(F, x, y, grid, budget, strict=False)
    segments = cell_segments(sg)
    return zero_polylines(sg, segments, *located_crossings(sg, segments, budget), budget)


def located_crossings(
    sg: SignGrid, segments: Segments, budget: Budget
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distinct crossing ids of the segments, with their points and kinds (sorted by id)."""
    ids, _ = unique_ids(np.concatenate([segments.start, segments.end]))
    points, kinds = crossings(sg, ids, budget)
    return ids, points, kinds


def zero_polylines(
    sg: SignGrid,
    segments: Segments,
    ids: np.ndarray,
    points: np.ndarray,
    kinds: np.ndarray,
    budget: Budget,
) -> list[np.ndarray]:
    """Join the segments whose both ends are true zeros into polylines."""
    if ids.size == 0:
        return []
    a = np.searchsorted(ids, segments.start)
    b = np.searchsorted(ids, segments.end)
    zero = (kinds[a] == ROOT) & (kinds[b] == ROOT)
    out = []
    for nodes, closed in join(a[zero], b[zero], budget):
        idx = np.concatenate([nodes, nodes[:1]]) if closed else nodes
        if len(idx) >= 2:
            out.append(points[idx])
    return out
