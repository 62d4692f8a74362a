"""Shaded regions ``F(x, y) op 0`` as a few hole-free polygons plus their boundary curve."""

from __future__ import annotations

import numpy as np

from .budget import Budget
from .contour import (
    Segments,
    SignGrid,
    cell_segments,
    edge_endpoints,
    edge_ids,
    join,
    sample_grid,
    usable_range,
)
from .implicit import located_crossings, zero_polylines
from .plan import Fn2, Range

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
    cuts: list[int] = []
    rings: list[np.ndarray] = []
    for _ in range(3):
        rings = []
        holes: list[np.ndarray] = []
        bounds = [0, *sorted(set(cuts)), ny]
        for r0, r1 in zip(bounds[:-1], bounds[1:], strict=True):
            for ring in _band_rings(sg, segments, ids, points, r0, r1, budget):
                (rings if _area(ring) >= 0 else holes).append(ring)
        if not holes:
            break
        cuts += [c for c in (_cut_row(sg, h) for h in holes) if c is not None]
    return rings, boundary


def _negated(F: Fn2) -> Fn2:
    """``-F``, so that every region reads "positive side"."""

    def G(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            return -np.asarray(F(x, y), dtype=float)

    return G


def _area(ring: np.ndarray) -> float:
    """Signed (shoelace) area: positive for counter-clockwise rings, which are outer boundaries."""
    x, y = ring[:, 0], ring[:, 1]
    return 0.5 * float(np.sum(x[:-1] * y[1:] - x[1:] * y[:-1]))


def _cut_row(sg: SignGrid, hole: np.ndarray) -> int | None:
    """A grid row strictly inside a hole's height: cutting there opens the hole to the band edge."""
    rows = np.flatnonzero((sg.ys > hole[:, 1].min()) & (sg.ys < hole[:, 1].max()))
    return int(rows[len(rows) // 2]) if rows.size else None


def _band_rings(
    sg: SignGrid,
    segments: Segments,
    ids: np.ndarray,
    points: np.ndarray,
    r0: int,
    r1: int,
    budget: Budget,
) -> list[np.ndarray]:
    """Rings of the region inside the rows ``r0..r1``: contour segments plus the band's edges.

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
    rings = []
    for nodes, _closed in join(start, end, budget):
        kept = nodes[(nodes < vertex_base) | np.isin(nodes, corners)]
        if len(kept) < 3:
            continue
        ring = _node_points(sg, ids, points, kept, vertex_base)
        ring = _thinned(ring, _tolerance(sg), budget)
        rings.append(np.vstack([ring, ring[:1]]))
    return rings


def _tolerance(sg: SignGrid) -> float:
    """How far a dropped vertex may lie from the ring: a tenth of the finest cell."""
    return 0.1 * float(min(np.diff(sg.xs).min(), np.diff(sg.ys).min()))


def _thinned(ring: np.ndarray, tolerance: float, budget: Budget) -> np.ndarray:
    """Douglas–Peucker on a ring, all open pieces split at once per round.

    Keeps the vertices needed for every dropped one to lie within ``tolerance``
    of the kept outline.
    """
    n = len(ring)
    if n < 4:
        return ring
    closed = np.vstack([ring, ring[:1]])
    keep = np.zeros(n + 1, dtype=bool)
    keep[[0, int(np.argmax(np.hypot(*(ring - ring[0]).T))), n]] = True
    every = np.arange(n + 1)
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
            return ring[keep[:n]]
        pick = np.flatnonzero((gap == worst[piece]) & split[piece])
        first = pick[np.concatenate([[True], piece[pick][1:] != piece[pick][:-1]])]
        keep[first] = True


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
