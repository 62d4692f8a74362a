"""Implicit curves ``F(x, y) = 0`` traced on an adaptive grid into long polylines."""

from __future__ import annotations

import numpy as np

from ..budget import Budget
from ..plan import Fn2, Range
from .contour import ROOT, Segments, SignGrid, cell_segments, crossings, sample_grid, usable_range
from .tangent import tangent_zeros


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
        Zeros where F touches 0 without changing sign follow (:mod:`.tangent`); a
        lone one is a polyline of one point twice.
    """
    if not usable_range(x) or not usable_range(y):
        return []
    sg = sample_grid(F, x, y, grid, budget, strict=False)
    segments = cell_segments(sg)
    lines = zero_polylines(sg, segments, *located_crossings(sg, segments, budget), budget)
    return lines + tangent_zeros(F, x, y, budget)


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
    nodes, offsets, closed = chains(a[zero], b[zero], budget)
    nodes, offsets = closed_runs(nodes, offsets, closed)
    return [points[run] for run in split_runs(nodes, offsets) if len(run) >= 2]


def unique_ids(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct non-negative ids and each input's index among them (a fast ``np.unique``)."""
    present = np.zeros(int(ids.max()) + 1 if ids.size else 0, dtype=bool)
    present[ids] = True
    distinct = np.flatnonzero(present)
    position = np.empty(present.size, dtype=np.int64)
    position[distinct] = np.arange(distinct.size)
    return distinct, position[ids]


def chains(
    start: np.ndarray, end: np.ndarray, budget: Budget
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Join directed links ``start[k] -> end[k]`` into chains of node ids, all in NumPy.

    Each node has at most one outgoing and one incoming link, so the links form
    simple paths and cycles. Cycles are cut at their smallest node; then pointer
    doubling ranks every node by its distance to its chain's end.

    Returns
    -------
    nodes, offsets, closed
        The node ids of all chains one after another, chain ``k`` being
        ``nodes[offsets[k]:offsets[k + 1]]``, and whether it is a cycle (its first
        node is not repeated at its end).
    """
    if start.size == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(1, dtype=np.int64), np.zeros(0, dtype=bool)
    nodes, inverse = unique_ids(np.concatenate([start, end]))
    n = nodes.size
    here = np.arange(n)
    nxt = np.full(n, -1)
    nxt[inverse[: start.size]] = inverse[start.size :]
    rounds = int(np.ceil(np.log2(n + 1))) + 1
    ptr = np.where(nxt >= 0, nxt, here)
    reach, low = ptr.copy(), np.minimum(here, ptr)
    for _ in range(rounds):
        budget.check()
        low = np.minimum(low, low[reach])
        reach = reach[reach]
    cut = (nxt[reach] >= 0) & (nxt == low)
    cycle_heads = np.zeros(n, dtype=bool)
    cycle_heads[nxt[cut]] = True
    nxt[cut] = -1
    ptr = np.where(nxt >= 0, nxt, here)
    dist = (nxt >= 0).astype(np.int64)
    for _ in range(rounds):
        budget.check()
        dist = dist + dist[ptr]
        ptr = ptr[ptr]
    order = np.lexsort((-dist, ptr))
    offsets = np.concatenate([[0], np.flatnonzero(np.diff(ptr[order])) + 1, [n]])
    return nodes[order], offsets, cycle_heads[order[offsets[:-1]]]


def closed_runs(
    values: np.ndarray, offsets: np.ndarray, closed: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Repeat the first element at the end of each closed run; return values and new offsets."""
    lengths = np.diff(offsets)
    grown = lengths + closed.astype(np.int64)
    new_offsets = np.concatenate([[0], np.cumsum(grown)])
    run = np.repeat(np.arange(lengths.size), grown)
    pos = np.arange(new_offsets[-1]) - new_offsets[run]
    return values[offsets[run] + np.where(pos < lengths[run], pos, 0)], new_offsets


def split_runs(values: np.ndarray, offsets: np.ndarray) -> list[np.ndarray]:
    """The runs ``values[offsets[k]:offsets[k + 1]]`` as a list."""
    return np.split(values, offsets[1:-1]) if offsets.size > 1 else []
