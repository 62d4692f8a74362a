"""Zeros of ``F(x, y)`` where F touches 0 without changing sign (``(x - 1)^2 = 0``).

Sign changes cannot see them, so they are found as minima of ``|F|``: along each grid
row and column, a vertex lower than both neighbours (with no sign change among the
three) is refined by golden-section search; it is a zero when ``|F|`` there is tiny
next to ``|F|`` one cell away. Row zeros are joined across rows where the curve is
steep, column zeros across columns where it is flat. A 3x3 minimum refined in both
directions that lies on no such curve is a lone point (``x^2 + y^2 = 0``).
"""

from __future__ import annotations

import numpy as np

from ..budget import Budget
from ..plan import Fn2, Range
from .contour import evaluate, usable_range

CELLS = 200
"""Grid cells along the longer side of the window."""
RATIO = 1e-8
"""A minimum is a zero when ``|F|`` there is this small next to ``|F|`` one cell away."""
GOLDEN = 0.5 * (3.0 - 5.0**0.5)
STEPS = 60
"""Golden-section steps: the bracket shrinks by 0.618 each, to about 1e-13 of a cell."""
ROUNDS = 8
"""Alternating x and y refinements of a lone point."""
LINK = 2.0
"""Zeros in neighbouring rows (columns) join when this many cells apart or less."""


def _golden(
    fn: Fn2, lo: np.ndarray, hi: np.ndarray, other: np.ndarray, along_x: bool
) -> np.ndarray:
    """Where ``|fn|`` is least in each bracket ``[lo, hi]`` along one axis."""

    def size(t: np.ndarray) -> np.ndarray:
        v = evaluate(fn, t, other) if along_x else evaluate(fn, other, t)
        return np.where(np.isnan(v), np.inf, np.abs(v))

    a, b = lo.copy(), hi.copy()
    c, d = a + GOLDEN * (b - a), b - GOLDEN * (b - a)
    fc, fd = size(c), size(d)
    for _ in range(STEPS):
        left = fc <= fd
        a, b = np.where(left, a, c), np.where(left, d, b)
        c_new, d_new = a + GOLDEN * (b - a), b - GOLDEN * (b - a)
        fresh = size(np.where(left, c_new, d_new))
        c, d = np.where(left, c_new, d), np.where(left, c, d_new)
        fc, fd = np.where(left, fresh, fd), np.where(left, fc, fresh)
    return 0.5 * (a + b)


def _line_zeros(F: Fn2, v: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """``(row, x, y)`` of the tangent zeros along the rows of the grid ``v[row, col]``."""
    a = np.abs(v)
    mid, left, right = a[:, 1:-1], a[:, :-2], a[:, 2:]
    s = np.sign(v)
    same = (s[:, :-2] == s[:, 2:]) & ((s[:, 1:-1] == s[:, 2:]) | (s[:, 1:-1] == 0))
    low = (mid <= left) & (mid < right) & same & np.isfinite(left) & np.isfinite(right)
    rows, cols = np.nonzero(low)
    cols = cols + 1
    if rows.size == 0:
        return np.zeros((0, 3))
    y = ys[rows]
    x = _golden(F, xs[cols - 1], xs[cols + 1], y, True)
    found = np.abs(evaluate(F, x, y))
    near = np.maximum(a[rows, cols - 1], a[rows, cols + 1])
    keep = found <= RATIO * near
    return np.column_stack([rows[keep], x[keep], y[keep]])


def _join(zeros: np.ndarray, reach: float) -> list[np.ndarray]:
    """Chain ``(row, t, s)`` zeros into polylines of ``(t, s)``: each zero joins the nearest
    free zero of the next row no more than ``reach`` away along the row."""
    by_row: dict[int, list[int]] = {}
    for k, row in enumerate(zeros[:, 0].astype(int)):
        by_row.setdefault(int(row), []).append(k)
    nxt = np.full(len(zeros), -1)
    taken = np.zeros(len(zeros), dtype=bool)
    for row in sorted(by_row):
        below = by_row.get(row + 1, [])
        for k in by_row[row]:
            gaps = [(abs(zeros[m, 1] - zeros[k, 1]), m) for m in below if not taken[m]]
            if gaps:
                gap, m = min(gaps)
                if gap <= reach:
                    nxt[k], taken[m] = m, True
    lines = []
    for k in range(len(zeros)):
        if taken[k]:
            continue
        run = [k]
        while nxt[run[-1]] >= 0:
            run.append(int(nxt[run[-1]]))
        if len(run) >= 2:
            lines.append(zeros[run, 1:])
    return lines


def _lone_points(
    F: Fn2, v: np.ndarray, xs: np.ndarray, ys: np.ndarray, lines: list[np.ndarray]
) -> list[np.ndarray]:
    """Refined 3x3 minima of ``|F|`` that are zeros and lie on none of ``lines``."""
    a = np.abs(v)
    s = np.sign(v)
    inner, centre, first = a[1:-1, 1:-1], s[1:-1, 1:-1], s[:-2, :-2]
    low = np.isfinite(inner) & (first != 0) & ((centre == first) | (centre == 0))
    for dj in (-1, 0, 1):
        for di in (-1, 0, 1):
            if dj or di:
                around = a[1 + dj : a.shape[0] - 1 + dj, 1 + di : a.shape[1] - 1 + di]
                sign = s[1 + dj : a.shape[0] - 1 + dj, 1 + di : a.shape[1] - 1 + di]
                low &= (inner < around) & (sign == first)
    rows, cols = np.nonzero(low)
    rows, cols = rows + 1, cols + 1
    if rows.size == 0:
        return []
    x, y = xs[cols].astype(float), ys[rows].astype(float)
    hx, hy = xs[1] - xs[0], ys[1] - ys[0]
    for _ in range(ROUNDS):
        x = _golden(F, x - hx, x + hx, y, True)
        y = _golden(F, y - hy, y + hy, x, False)
    near = np.max([a[rows + dj, cols + di] for dj in (-1, 1) for di in (-1, 1)], axis=0)
    keep = np.abs(evaluate(F, x, y)) <= RATIO * near
    drawn = np.concatenate(lines) if lines else np.zeros((0, 2))
    points = []
    for px, py in zip(x[keep], y[keep], strict=True):
        if (
            drawn.size
            and np.min(np.hypot((drawn[:, 0] - px) / hx, (drawn[:, 1] - py) / hy)) <= LINK
        ):
            continue
        points.append(np.array([[px, py], [px, py]]))
    return points


def tangent_zeros(F: Fn2, x: Range, y: Range, budget: Budget) -> list[np.ndarray]:
    """Polylines of the sign-change-free zeros of ``F`` in the window ``x`` by ``y``.

    A lone point comes back as a polyline of one point twice.
    """
    if not usable_range(x) or not usable_range(y):
        return []
    wide = (x[1] - x[0]) >= (y[1] - y[0])
    nx = CELLS if wide else max(2, round(CELLS * (x[1] - x[0]) / (y[1] - y[0])))
    ny = CELLS if not wide else max(2, round(CELLS * (y[1] - y[0]) / (x[1] - x[0])))
    xs, ys = np.linspace(x[0], x[1], nx + 1), np.linspace(y[0], y[1], ny + 1)
    gx, gy = np.meshgrid(xs, ys)
    v = evaluate(F, gx, gy)
    budget.check()
    hx, hy = xs[1] - xs[0], ys[1] - ys[0]
    rows = _line_zeros(F, v, xs, ys)
    budget.check()
    swapped = _line_zeros(lambda b, a: F(a, b), v.T, ys, xs)
    budget.check()
    lines = _join(rows, LINK * hx)
    lines += [line[:, ::-1] for line in _join(swapped, LINK * hy)]
    budget.check()
    return lines + _lone_points(F, v, xs, ys, lines)
