"""Points of interest of the drawn curves: zeros, extrema and intersections (SPEC §5).

Found by root-finding on the program's own functions, not read off the polylines: a
fine grid brackets each sign change, then bisection narrows it to machine precision.
A sign change across a pole (``tan``, ``1/x``) is no zero: the function is not small there.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from ..budget import Budget
from ..lang.program import Program, instantiate, statement_id
from ..limits import Limits
from ..plan import Curve, Fn1, Range

GRID = 4001
"""Samples that bracket the roots across the view."""
STEPS = 80
"""Bisection steps: enough to reach adjacent floats from any bracket on the grid."""


def _values(fn: Fn1, xs: np.ndarray) -> np.ndarray:
    with np.errstate(all="ignore"):
        return np.asarray(fn(xs), dtype=float)


def _slope(fn: Fn1, scale: float) -> Fn1:
    """The central difference of ``fn``, for the extrema (where the slope is zero)."""
    h = 1e-6 * scale

    def slope(xs: np.ndarray) -> np.ndarray:
        return (_values(fn, xs + h) - _values(fn, xs - h)) / (2 * h)

    return slope


def _roots(fn: Fn1, xs: np.ndarray, check: Callable[[], None]) -> np.ndarray:
    """Where ``fn`` changes sign between grid points (or is zero on one), to full precision."""
    v = _values(fn, xs)
    s = np.sign(v)
    exact = xs[s == 0]
    change = np.flatnonzero(s[:-1] * s[1:] < 0)
    a, b, fa = xs[change], xs[change + 1], v[change]
    for _ in range(STEPS):
        check()
        m = 0.5 * (a + b)
        fm = _values(fn, m)
        same = np.sign(fm) == np.sign(fa)
        a, fa, b = np.where(same, m, a), np.where(same, fm, fa), np.where(same, b, m)
    return np.sort(np.concatenate([exact, 0.5 * (a + b)]))


def _true_zero(fn: Fn1, xs: np.ndarray, tolerance: float) -> np.ndarray:
    """Which candidate roots are zeros, not poles: the function is tiny there."""
    if xs.size == 0:
        return xs
    return xs[np.abs(_values(fn, xs)) <= tolerance]


def _unique(xs: np.ndarray, width: float) -> np.ndarray:
    if xs.size == 0:
        return xs
    xs = np.sort(xs)
    keep = np.concatenate([[True], np.diff(xs) > 1e-9 * width])
    return xs[keep]


def _curve_features(
    spec: Curve, x: Range, check: Callable[[], None]
) -> list[tuple[float, float, str]]:
    lo, hi = x
    if spec.domain is not None:
        lo, hi = max(lo, spec.domain[0]), min(hi, spec.domain[1])
    if not hi > lo:
        return []
    xs = np.linspace(lo, hi, GRID)
    ys = _values(spec.fn, xs)
    finite = ys[np.isfinite(ys)]
    scale = float(np.max(np.abs(finite))) if finite.size else 1.0
    width = hi - lo
    found: list[tuple[float, float, str]] = []
    zeros = _unique(_true_zero(spec.fn, _roots(spec.fn, xs, check), 1e-9 * max(scale, 1.0)), width)
    found += [(float(z), 0.0, "zero") for z in zeros]
    slope = _slope(spec.fn, width)
    inner = xs[1:-1]
    flat = _true_zero(slope, _roots(slope, inner, check), 1e-3 * max(scale, 1.0) / width)
    for z in _unique(flat, width):
        y = float(_values(spec.fn, np.array([z]))[0])
        near = _values(spec.fn, np.array([z - 1e-3 * width, z + 1e-3 * width]))
        if not (np.isfinite(y) and np.all(np.isfinite(near))):
            continue
        if np.all(near > y):
            kind = "minimum"
        elif np.all(near < y):
            kind = "maximum"
        else:
            continue
        found.append((float(z), y, kind))
        if abs(y) <= 1e-12 * max(scale, 1.0) and not np.any(np.abs(zeros - z) < 1e-6 * width):
            found.append((float(z), 0.0, "zero"))  # a zero that touches, like x^2 at 0
    return found


def _crossings(
    a: Curve, b: Curve, x: Range, check: Callable[[], None]
) -> list[tuple[float, float]]:
    lo, hi = x
    for spec in (a, b):
        if spec.domain is not None:
            lo, hi = max(lo, spec.domain[0]), min(hi, spec.domain[1])
    if not hi > lo:
        return []

    def gap(xs: np.ndarray) -> np.ndarray:
        return _values(a.fn, xs) - _values(b.fn, xs)

    xs = np.linspace(lo, hi, GRID)
    ys = _values(a.fn, xs)
    finite = ys[np.isfinite(ys)]
    scale = float(np.max(np.abs(finite))) if finite.size else 1.0
    where = _unique(_true_zero(gap, _roots(gap, xs, check), 1e-9 * max(scale, 1.0)), hi - lo)
    return [(float(p), float(_values(a.fn, np.array([p]))[0])) for p in where]


def features(
    program: Program,
    limits: Limits,
    budget: Budget,
    view: tuple[Range, Range | None],
    params: Mapping[str, float] | None = None,
) -> list[dict[str, Any]]:
    """Zeros, extrema and intersections of the program's curves y = f(x) inside ``view``.

    Each is ``{"x", "y", "kind", "items": [ids]}``; ``kind`` is ``zero``, ``minimum``,
    ``maximum`` or ``intersection``.
    """
    plan, _ = instantiate(program, limits, budget.check, params or {})
    x, y = view
    curves = [s for s in plan.specs if isinstance(s, Curve) and s.var == "x"]
    found: list[dict[str, Any]] = []
    for spec in curves:
        for px, py, kind in _curve_features(spec, x, budget.check):
            found.append({"x": px, "y": py, "kind": kind, "items": [statement_id(spec.line)]})
    for i, a in enumerate(curves):
        for b in curves[i + 1 :]:
            budget.check()
            for px, py in _crossings(a, b, x, budget.check):
                ids = [statement_id(a.line), statement_id(b.line)]
                found.append({"x": px, "y": py, "kind": "intersection", "items": ids})
    if y is not None:
        found = [f for f in found if y[0] <= f["y"] <= y[1]]
    return [f for f in found if x[0] <= f["x"] <= x[1] and np.isfinite(f["y"])]
