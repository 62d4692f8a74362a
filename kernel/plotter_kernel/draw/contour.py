"""Adaptive marching squares: the sign grid, oriented cell segments and edge roots.

A function ``G`` is sampled on a grid whose coarse cells are refined (halved in
passes) only near a sign change, down to the finest grid that the ``grid`` limit
allows. Points where ``G`` is positive (or zero, unless strict) are "inside";
undefined points are outside. Each finest cell near the change yields oriented
segments between crossing points on its edges, inside on the left, so that
segments of neighbouring cells share crossing ids and join into long polylines.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..budget import Budget
from ..plan import Fn2, Range

#: Coarsest refinement level aims for at least this many cells on the long axis.
COARSE_CELLS = 64
#: The short axis gets at least this fraction of the long axis's cells.
MIN_ASPECT = 0.5
#: Bisection steps per crossing before the final linear interpolation.
ROOT_STEPS = 8

ROOT, POLE, DOMAIN = 0, 1, 2
"""Kinds of crossing: a true zero, a sign change through a pole or jump, a domain edge."""


def _segment_tables() -> tuple[np.ndarray, np.ndarray]:
    """Oriented segments (exit edge -> entry edge) per corner case, for both saddle readings.

    Corners c0..c3 run counter-clockwise from the lower left; edge k joins c_k and
    c_(k+1). Walking the cell boundary counter-clockwise, an exit edge leaves the
    inside and an entry edge comes back; joining exit to entry keeps inside on the left.
    """
    tables = np.full((2, 16, 2, 2), -1, dtype=np.int64)
    for centre_inside in (0, 1):
        for case in range(16):
            inside = [(case >> k) & 1 for k in range(4)]
            exits = [k for k in range(4) if inside[k] and not inside[(k + 1) % 4]]
            if len(exits) == 1:
                entry = next(k for k in range(4) if not inside[k] and inside[(k + 1) % 4])
                tables[centre_inside, case, 0] = (exits[0], entry)
            elif len(exits) == 2:
                pairs = []
                for k in range(4):
                    if centre_inside and not inside[k]:
                        pairs.append(((k - 1) % 4, k))  # cut off the outside corner k
                    elif not centre_inside and inside[k]:
                        pairs.append((k, (k - 1) % 4))  # cut off the inside corner k
                tables[centre_inside, case, : len(pairs)] = pairs
    return tables[0], tables[1]


_CASES_CENTRE_OUT, _CASES_CENTRE_IN = _segment_tables()


@dataclass
class SignGrid:
    """Samples of ``G`` on the finest grid; unsampled vertices carry their coarse cell's value."""

    G: Fn2
    strict: bool
    xs: np.ndarray
    ys: np.ndarray
    values: np.ndarray
    """Shape ``(len(ys), len(xs))``; NaN where undefined."""
    evaluated: np.ndarray
    """Which vertices were actually evaluated."""
    filled: np.ndarray
    """Which vertices took the value of an inactive cell's corner instead."""
    active: np.ndarray
    """Finest cells, shape ``(len(ys) - 1, len(xs) - 1)``, that may hold part of the zero set."""
    evaluations: int = 0

    @property
    def shape(self) -> tuple[int, int]:
        """Number of finest cells along (y, x)."""
        return len(self.ys) - 1, len(self.xs) - 1

    def inside(self, values: np.ndarray) -> np.ndarray:
        """Where ``G`` is positive (or zero when not strict); NaN is never inside."""
        with np.errstate(invalid="ignore"):
            return values > 0 if self.strict else values >= 0

    def evaluate_at(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Call ``G`` quietly at points; non-finite results become NaN."""
        self.evaluations += x.size
        return evaluate(self.G, x, y)


def evaluate(G: Fn2, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Call ``G`` with warnings silenced and return a float array shaped like ``x``."""
    with np.errstate(all="ignore"):
        out = np.asarray(G(x, y), dtype=float)
    out = np.array(np.broadcast_to(out, x.shape), dtype=float)
    out[~np.isfinite(out)] = np.nan
    return out


def usable_range(r: Range) -> bool:
    """An interval with finite ends and a finite, positive width."""
    low, high = float(r[0]), float(r[1])
    return bool(np.isfinite(high - low) and low < high)


def grid_shape(x: Range, y: Range, grid: int) -> tuple[int, int, int]:
    """Finest cells along x and y, and the coarse stride (a power of two dividing both)."""
    grid = max(2, int(grid))
    stride = 1
    while grid // (2 * stride) >= COARSE_CELLS and stride < 16:
        stride *= 2
    long_cells = max(1, grid // stride)
    wx, wy = abs(x[1] - x[0]), abs(y[1] - y[0])
    ratio = min(wx, wy) / max(wx, wy) if max(wx, wy) > 0 else 1.0
    short_cells = max(1, round(long_cells * min(1.0, max(ratio, MIN_ASPECT))))
    nx, ny = (long_cells, short_cells) if wx >= wy else (short_cells, long_cells)
    return nx * stride, ny * stride, stride


def sample_grid(G: Fn2, x: Range, y: Range, grid: int, budget: Budget, strict: bool) -> SignGrid:
    """Sample ``G`` coarsely, then refine cells near a change of inside/outside down to the grid.

    A cell is refined when its corners (or, on the coarsest level, its centre)
    disagree, or when its values are near zero relative to their spread. After each
    level, cells across any edge with a change are added until none is missing, so a
    curve found anywhere is followed all the way.
    """
    nx, ny, stride = grid_shape(x, y, grid)
    xs = np.linspace(float(x[0]), float(x[1]), nx + 1)
    ys = np.linspace(float(y[0]), float(y[1]), ny + 1)
    values = np.full((ny + 1, nx + 1), np.nan)
    sg = SignGrid(
        G,
        strict,
        xs,
        ys,
        values,
        np.zeros((ny + 1, nx + 1), dtype=bool),
        np.zeros((ny + 1, nx + 1), dtype=bool),
        np.zeros((ny, nx), dtype=bool),
    )

    _evaluate_vertices(
        sg, *np.meshgrid(np.arange(0, ny + 1, stride), np.arange(0, nx + 1, stride), indexing="ij")
    )
    active = _changing_cells(sg, stride)
    if stride > 1:
        # Centres of the coarse cells catch small loops that no coarse corner sees.
        half = stride // 2
        cj, ci = np.meshgrid(
            np.arange(half, ny, stride), np.arange(half, nx, stride), indexing="ij"
        )
        _evaluate_vertices(sg, cj, ci)
        centre = sg.inside(sg.values[half::stride, half::stride])
        corner = sg.inside(sg.values[::stride, ::stride])
        active |= centre != corner[:-1, :-1]
    active = _close(sg, stride, active, budget)
    level = stride
    while level > 1:
        budget.check()
        half = level // 2
        child = np.repeat(np.repeat(active, 2, axis=0), 2, axis=1)
        kj, ki = np.nonzero(child)
        _evaluate_cell_corners(sg, kj, ki, half)
        level = half
        _fill_level(sg, level)
        changing = _changing_cells(sg, level, kj, ki)
        active = np.zeros_like(child)
        active[kj[changing], ki[changing]] = True
        active = _close(sg, level, active, budget)
    sg.active = active
    return sg


def _evaluate_vertices(sg: SignGrid, j: np.ndarray, i: np.ndarray) -> None:
    """Evaluate ``G`` at the given finest-grid vertices that are not known yet."""
    j, i = j.ravel(), i.ravel()
    if 8 * j.size < sg.values.size:
        todo = ~sg.evaluated[j, i]
        flat = np.sort(j[todo] * sg.values.shape[1] + i[todo])
        flat = flat[np.concatenate([[True], flat[1:] != flat[:-1]])] if flat.size else flat
        jj, ii = np.divmod(flat, sg.values.shape[1])
    else:
        wanted = np.zeros(sg.values.shape, dtype=bool)
        wanted[j, i] = True
        jj, ii = np.nonzero(wanted & ~sg.evaluated)
    if jj.size == 0:
        return
    sg.values[jj, ii] = sg.evaluate_at(sg.xs[ii], sg.ys[jj])
    sg.evaluated[jj, ii] = True


def _evaluate_cell_corners(sg: SignGrid, cj: np.ndarray, ci: np.ndarray, size: int) -> None:
    """Evaluate the four corners of cells (indices on the level whose cells are ``size`` wide)."""
    j = np.concatenate([cj, cj, cj + 1, cj + 1]) * size
    i = np.concatenate([ci, ci + 1, ci, ci + 1]) * size
    _evaluate_vertices(sg, j, i)


def _changing_cells(
    sg: SignGrid, level: int, cj: np.ndarray | None = None, ci: np.ndarray | None = None
) -> np.ndarray:
    """Which cells of a level (all, or those listed) change, or are near zero for their spread."""
    v = sg.values[::level, ::level]
    if cj is None or ci is None:
        cj, ci = (a.ravel() for a in np.indices((v.shape[0] - 1, v.shape[1] - 1)))
        shape: tuple[int, ...] = (v.shape[0] - 1, v.shape[1] - 1)
    else:
        shape = cj.shape
    vals = np.stack([v[cj, ci], v[cj, ci + 1], v[cj + 1, ci], v[cj + 1, ci + 1]])
    inside = sg.inside(vals)
    change = inside.any(axis=0) & ~inside.all(axis=0)
    with np.errstate(invalid="ignore"):
        spread = np.max(vals, axis=0) - np.min(vals, axis=0)
        near = np.min(np.abs(vals), axis=0) <= spread
    return (change | (near & (spread > 0))).reshape(shape)


def _close(sg: SignGrid, level: int, active: np.ndarray, budget: Budget) -> np.ndarray:
    """Add every cell across an edge with a change from an active cell, until none is missing."""
    while True:
        budget.check()
        v = sg.values[::level, ::level]
        ok = (sg.evaluated | sg.filled)[::level, ::level]
        inside = sg.inside(v)
        h = (inside[:, :-1] != inside[:, 1:]) & ok[:, :-1] & ok[:, 1:]
        w = (inside[:-1, :] != inside[1:, :]) & ok[:-1, :] & ok[1:, :]
        need = h[:-1, :] | h[1:, :] | w[:, :-1] | w[:, 1:]
        new = need & ~active
        if not new.any():
            return active
        active = active | new
        cj, ci = np.nonzero(new)
        _evaluate_cell_corners(sg, cj, ci, level)


def _fill_level(sg: SignGrid, level: int) -> None:
    """Give the unevaluated vertices of a level the value of the coarser vertex below-left.

    Such a vertex lies in a coarser cell that was not refined, whose corners are all
    on one side, so the copied value has the right sign.
    """
    values = sg.values[::level, ::level]
    filled = sg.filled[::level, ::level]
    free = ~(sg.evaluated[::level, ::level] | filled)
    coarser = sg.values[:: 2 * level, :: 2 * level]
    below_left = np.repeat(np.repeat(coarser, 2, axis=0), 2, axis=1)[
        : values.shape[0], : values.shape[1]
    ]
    np.copyto(values, below_left, where=free)
    filled |= free


@dataclass
class Segments:
    """Oriented segments of the finest active cells, between crossing ids (global edge ids)."""

    start: np.ndarray
    end: np.ndarray
    row: np.ndarray
    """Cell row of each segment, for cutting the grid into bands."""


def edge_ids(sg: SignGrid) -> tuple[int, int]:
    """Numbers of horizontal and vertical edges; horizontal ids come first."""
    ny, nx = sg.shape
    return (ny + 1) * nx, ny * (nx + 1)


def cell_segments(sg: SignGrid) -> Segments:
    """Marching-squares segments of the active cells, saddles resolved by the centre's sign."""
    ny, nx = sg.shape
    cj, ci = np.nonzero(sg.active)
    v = sg.values
    inside = sg.inside(v)
    case = (
        inside[cj, ci].astype(np.int64)
        | inside[cj, ci + 1] << 1
        | inside[cj + 1, ci + 1] << 2
        | inside[cj + 1, ci] << 3
    )
    saddle = (case == 5) | (case == 10)
    centre_in = np.zeros(cj.shape, dtype=bool)
    if saddle.any():
        sj, si = cj[saddle], ci[saddle]
        mx = 0.5 * (sg.xs[si] + sg.xs[si + 1])
        my = 0.5 * (sg.ys[sj] + sg.ys[sj + 1])
        centre_in[saddle] = sg.inside(sg.evaluate_at(mx, my))
    local = np.where(centre_in[:, None, None], _CASES_CENTRE_IN[case], _CASES_CENTRE_OUT[case])
    n_h, _ = edge_ids(sg)
    ids = np.stack(
        [cj * nx + ci, n_h + cj * (nx + 1) + ci + 1, (cj + 1) * nx + ci, n_h + cj * (nx + 1) + ci],
        axis=1,
    )
    starts, ends, rows = [], [], []
    for k in (0, 1):
        has = local[:, k, 0] >= 0
        rows_k = np.flatnonzero(has)
        starts.append(ids[rows_k, local[has, k, 0]])
        ends.append(ids[rows_k, local[has, k, 1]])
        rows.append(cj[has])
    return Segments(np.concatenate(starts), np.concatenate(ends), np.concatenate(rows))


def edge_endpoints(
    sg: SignGrid, ids: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Vertex (j, i) of both ends of each edge id."""
    ny, nx = sg.shape
    n_h, _ = edge_ids(sg)
    horizontal = ids < n_h
    hj, hi = np.divmod(ids, nx)
    vj, vi = np.divmod(ids - n_h, nx + 1)
    ja = np.where(horizontal, hj, vj)
    ia = np.where(horizontal, hi, vi)
    jb = np.where(horizontal, hj, vj + 1)
    ib = np.where(horizontal, hi + 1, vi)
    return ja, ia, jb, ib


def crossings(sg: SignGrid, ids: np.ndarray, budget: Budget) -> tuple[np.ndarray, np.ndarray]:
    """Where the inside/outside change on each edge is, and what kind of change it is.

    Bisection narrows every change to 1/256 of its edge, then the point is placed by
    linear interpolation in what is left. At a true zero the values at both ends of
    the bracket shrink with it; through a pole they grow, across a jump they stay.

    Returns
    -------
    points, kinds
        ``(n, 2)`` crossing points and :data:`ROOT`, :data:`POLE` or :data:`DOMAIN` per edge.
    """
    ja, ia, jb, ib = edge_endpoints(sg, ids)
    pa = np.column_stack([sg.xs[ia], sg.ys[ja]])
    pb = np.column_stack([sg.xs[ib], sg.ys[jb]])
    fa, fb = sg.values[ja, ia], sg.values[jb, ib]
    swap = ~sg.inside(fa)
    pa[swap], pb[swap] = pb[swap].copy(), pa[swap].copy()
    fa, fb = np.where(swap, fb, fa), np.where(swap, fa, fb)
    largest = np.fmax(np.abs(fa), np.abs(fb))
    for _ in range(ROOT_STEPS):
        budget.check()
        mid = 0.5 * (pa + pb)
        fm = sg.evaluate_at(mid[:, 0], mid[:, 1])
        into_a = sg.inside(fm)
        pa[into_a], pb[~into_a] = mid[into_a], mid[~into_a]
        fa, fb = np.where(into_a, fm, fa), np.where(into_a, fb, fm)
    kinds = np.full(ids.shape, ROOT, dtype=np.int8)
    undefined = ~np.isfinite(fb)
    kinds[undefined] = DOMAIN
    with np.errstate(invalid="ignore"):
        shrank = np.fmax(np.abs(fa), np.abs(fb)) <= 0.5 * largest
    kinds[~undefined & ~shrank] = POLE
    with np.errstate(all="ignore"):
        t = np.where(undefined, 0.5, fa / (fa - fb))
    t = np.clip(np.nan_to_num(t, nan=0.5), 0.0, 1.0)
    return pa + t[:, None] * (pb - pa), kinds
