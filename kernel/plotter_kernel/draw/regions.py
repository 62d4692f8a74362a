"""Shaded regions ``F(x, y) op 0`` as a few hole-free polygons plus their boundary curve."""

from __future__ import annotations

import numpy as np

from ..budget import Budget
from ..plan import Fn2, Range
from .contour import (
    Segments,
    SignGrid,
    cell_segments,
    edge_endpoints,
    edge_ids,
    sample_grid,
    usable_range,
)
from .implicit import chains, closed_runs, located_crossings, split_runs, zero_polylines

OPS = ("<", "<=", ">", ">=")


def shade_region(
    F: Fn2, op: str, x: Range, y: Range, grid: int, budget: Budget
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Polygons covering the window where ``F op 0`` holds, and the curve ``F = 0`` bounding them.

    Parameters
    ----------
    F
        Vectorised function of x and y; NaN where undefined (never part of the region).
    op
        One of ``<``, ``<=``, ``>``, ``>=``.
    x, y
        The window.
    grid
        Most cells along one axis of the finest grid.
    budget
        Checked between refinement passes.

    Returns
    -------
    polygons, boundary
        Closed rings ``(N, 2)`` (first point repeated at the end) without holes: a
        region with a hole is cut into bands so every ring can be filled on its own.
        Boundary polylines follow ``F = 0`` only, not poles, domain edges or the window.
        A region that holds nowhere on the window has no polygons.
    """
    if op not in OPS:
        raise ValueError(f"unknown comparison {op!r}")
    if not usable_range(x) or not usable_range(y):
        return [], []
    G: Fn2 = F if op in (">", ">=") else _negated(F)
    sg = sample_grid(G, x, y, grid, budget, strict=op in ("<", ">"))
    segments = cell_segments(sg)
    ids, points, kinds = located_crossings(sg, segments, budget)
    boundary = zero_polylines(sg, segments, ids, points, kinds, budget)
    ny = sg.shape[0]
    cuts: set[int] = set()
    for _ in range(3):
        bounds = [0, *sorted(cuts), ny]
        bands = [
            _band_rings(sg, segments, ids, points, r0, r1, budget)
            for r0, r1 in zip(bounds[:-1], bounds[1:], strict=True)
        ]
        rings, offsets = _concatenated(bands)
        areas = _areas(rings, offsets)
        new = _cut_rows(sg, rings, offsets, areas < 0) - cuts
        if not new:
            break
        cuts |= new
    # Rings are counter-clockwise; a clockwise one would be a hole that no cut opened.
    outer = np.flatnonzero(areas > 0)
    rings, offsets = _select(rings, offsets, outer)
    kept = _thinned(rings, offsets, _tolerance(sg), budget)
    counts = np.add.reduceat(kept, offsets[:-1]) if outer.size else np.zeros(0, dtype=np.int64)
    return split_runs(rings[kept], np.concatenate([[0], np.cumsum(counts)])), boundary


def _negated(F: Fn2) -> Fn2:
    """``-F``, so that every region reads "positive side"."""

    def G(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            return -np.asarray(F(x, y), dtype=float)

    return G


def _concatenated(bands: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """Join several (points, offsets) sets of runs into one."""
    points = np.concatenate([p for p, _ in bands]) if bands else np.zeros((0, 2))
    starts, total = [np.zeros(1, dtype=np.int64)], 0
    for p, off in bands:
        starts.append(off[1:] + total)
        total += len(p)
    return points, np.concatenate(starts)


def _select(
    points: np.ndarray, offsets: np.ndarray, which: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The runs listed in ``which``, as (points, offsets)."""
    sizes = np.diff(offsets)[which]
    run = np.repeat(which, sizes)
    new_offsets = np.concatenate([[0], np.cumsum(sizes)])
    pos = np.arange(new_offsets[-1]) - np.repeat(new_offsets[:-1], sizes)
    return points[offsets[run] + pos], new_offsets


def _areas(rings: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """Signed (shoelace) area of each closed ring: positive when counter-clockwise (outer)."""
    if offsets.size < 2:
        return np.zeros(0)
    x, y = rings[:, 0], rings[:, 1]
    cross = np.zeros(len(rings))
    cross[:-1] = x[:-1] * y[1:] - x[1:] * y[:-1]
    cross[offsets[1:] - 1] = 0.0  # no term from one ring's end to the next ring's start
    return 0.5 * np.add.reduceat(cross, offsets[:-1])


def _cut_rows(sg: SignGrid, rings: np.ndarray, offsets: np.ndarray, holes: np.ndarray) -> set[int]:
    """Grid rows strictly inside each hole's height: cutting there opens the hole to a band edge."""
    if not holes.any():
        return set()
    y = rings[:, 1]
    low = np.minimum.reduceat(y, offsets[:-1])[holes]
    high = np.maximum.reduceat(y, offsets[:-1])[holes]
    first = np.searchsorted(sg.ys, low, side="right")
    last = np.searchsorted(sg.ys, high, side="left") - 1
    ok = first <= last
    return set(((first[ok] + last[ok]) // 2).tolist())


def _band_rings(
    sg: SignGrid,
    segments: Segments,
    ids: np.ndarray,
    points: np.ndarray,
    r0: int,
    r1: int,
    budget: Budget,
) -> tuple[np.ndarray, np.ndarray]:
    """Closed rings (points, offsets) of the region in rows ``r0..r1``: contour plus band edges.

    The band's perimeter is walked counter-clockwise; an inside stretch of it links
    corner to corner, or a corner to where the contour meets the perimeter.
    """
    ny, nx = sg.shape
    n_h, n_v = edge_ids(sg)
    vertex_base = n_h + n_v
    js, is_, edges = _perimeter(nx, r0, r1, n_h)
    inside = sg.inside(sg.values[js, is_])
    vnode = vertex_base + js * (nx + 1) + is_
    a_in, b_in = inside[:-1], inside[1:]
    a_node, b_node = vnode[:-1], vnode[1:]
    starts = [
        a_node[a_in & b_in],
        a_node[a_in & ~b_in],
        edges[~a_in & b_in],
    ]
    ends = [
        b_node[a_in & b_in],
        edges[a_in & ~b_in],
        b_node[~a_in & b_in],
    ]
    in_band = (segments.row >= r0) & (segments.row < r1)
    start = np.concatenate([segments.start[in_band], *starts])
    end = np.concatenate([segments.end[in_band], *ends])
    corners = np.array([vertex_base + j * (nx + 1) + i for j in (r0, r1) for i in (0, nx)])
    nodes, offsets, _closed = chains(start, end, budget)
    ring_of = np.repeat(np.arange(offsets.size - 1), np.diff(offsets))
    # Perimeter vertices between corners lie on straight band edges: only corners stay.
    keep = (nodes < vertex_base) | np.isin(nodes, corners)
    nodes, ring_of = nodes[keep], ring_of[keep]
    sizes = np.bincount(ring_of, minlength=offsets.size - 1)
    enough = sizes >= 3
    nodes, sizes = nodes[enough[ring_of]], sizes[enough]
    offsets = np.concatenate([[0], np.cumsum(sizes)])
    ring_points = _node_points(sg, ids, points, nodes, vertex_base)
    return closed_runs(ring_points, offsets, np.ones(sizes.size, dtype=bool))


def _tolerance(sg: SignGrid) -> float:
    """How far a dropped vertex may lie from the ring: a tenth of the finest cell."""
    return 0.1 * float(min(np.diff(sg.xs).min(), np.diff(sg.ys).min()))


def _thinned(
    closed: np.ndarray, offsets: np.ndarray, tolerance: float, budget: Budget
) -> np.ndarray:
    """Douglas–Peucker on many closed rings at once, all open pieces split per round.

    ``closed[offsets[k]:offsets[k + 1]]`` is ring ``k`` with its first point repeated
    at the end. Returns which points to keep so that every dropped one lies within
    ``tolerance`` of the kept outline.
    """
    n = len(closed)
    keep = np.zeros(n, dtype=bool)
    if n == 0:
        return keep
    first, last = offsets[:-1], offsets[1:] - 1
    keep[first] = keep[last] = True
    ring = np.repeat(np.arange(first.size), np.diff(offsets))
    reach = np.hypot(*(closed - closed[first][ring]).T)
    farthest = np.flatnonzero(reach == np.maximum.reduceat(reach, first)[ring])
    keep[farthest] = True
    every = np.arange(n)
    while True:
        budget.check()
        kept = np.flatnonzero(keep)
        piece = np.minimum(np.searchsorted(kept, every, side="right") - 1, kept.size - 2)
        a, b = closed[kept[piece]], closed[kept[piece + 1]]
        d = b - a
        length = np.hypot(d[:, 0], d[:, 1])
        across = np.abs(d[:, 0] * (closed[:, 1] - a[:, 1]) - d[:, 1] * (closed[:, 0] - a[:, 0]))
        with np.errstate(invalid="ignore", divide="ignore"):
            gap = np.where(length > 0, across / length, np.hypot(*(closed - a).T))
        gap[keep] = -1.0
        worst = np.maximum.reduceat(gap, kept[:-1])
        split = worst > tolerance
        if not split.any():
            return keep
        pick = np.flatnonzero((gap == worst[piece]) & split[piece])
        keep[pick[np.concatenate([[True], piece[pick][1:] != piece[pick][:-1]])]] = True


def _perimeter(nx: int, r0: int, r1: int, n_h: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A band's boundary vertices (j, i) counter-clockwise, closed, and the edges between them."""
    i_up = np.arange(nx + 1)
    j_up = np.arange(r0, r1 + 1)
    js = np.concatenate([np.full(nx, r0), j_up[:-1], np.full(nx, r1), j_up[::-1][:-1], [r0]])
    is_ = np.concatenate(
        [i_up[:-1], np.full(r1 - r0, nx), i_up[::-1][:-1], np.zeros(r1 - r0, int), [0]]
    )
    bottom = r0 * nx + np.arange(nx)
    right = n_h + np.arange(r0, r1) * (nx + 1) + nx
    top = r1 * nx + np.arange(nx)[::-1]
    left = n_h + np.arange(r0, r1)[::-1] * (nx + 1)
    return js.astype(np.int64), is_.astype(np.int64), np.concatenate([bottom, right, top, left])


def _node_points(
    sg: SignGrid, ids: np.ndarray, points: np.ndarray, nodes: np.ndarray, vertex_base: int
) -> np.ndarray:
    """Coordinates of ring nodes: crossings on edges, or grid vertices."""
    out = np.empty((nodes.size, 2))
    edge = nodes < vertex_base
    k = np.minimum(np.searchsorted(ids, nodes[edge]), max(ids.size - 1, 0))
    found = ids[k] == nodes[edge] if ids.size else np.zeros(k.shape, dtype=bool)
    # Every changing edge has an active cell, so all are found; the middle is a fair fallback.
    ja, ia, jb, ib = edge_endpoints(sg, nodes[edge])
    middle = 0.5 * np.column_stack([sg.xs[ia] + sg.xs[ib], sg.ys[ja] + sg.ys[jb]])
    out[edge] = np.where(found[:, None], points[k] if ids.size else middle, middle)
    j, i = np.divmod(nodes[~edge] - vertex_base, sg.shape[1] + 1)
    out[~edge] = np.column_stack([sg.xs[i], sg.ys[j]])
    return out
