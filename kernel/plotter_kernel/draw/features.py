"""Points of interest of the drawn curves: zeros, extrema and intersections (SPEC §5).

Found by root-finding on the program's own functions, not read off the polylines: a
fine grid brackets each sign change, then bisection narrows it to machine precision.
A sign change across a pole (``tan``, ``1/x``) is no zero: the function is not small there.

Curves ``y = f(x)`` and ``x = g(y)`` are both functions of one variable, so one search
serves both: a zero of ``g`` is where the curve meets the y axis, its extrema are the
leftmost and rightmost points. A curve in x meets a curve in y where ``f(g(y)) = y``.
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
    # A grid point where fn is exactly 0 is a root unless fn is 0 on a whole run (y = 0).
    zero = s == 0
    nonzero = ~zero & np.isfinite(v)
    beside = np.zeros_like(zero)
    beside[1:] |= nonzero[:-1]
    beside[:-1] |= nonzero[1:]
    exact = xs[zero & beside]
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
    spec: Curve, span: Range, check: Callable[[], None]
) -> list[tuple[float, float, str]]:
    """``(t, f(t), kind)`` of the zeros and extrema of ``spec.fn`` over ``span`` of its
    variable (x for ``y = f(x)``, y for ``x = g(y)``)."""
    lo, hi = _limited(spec, span)
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


def _zeros(fn: Fn1, ts: np.ndarray, tolerance: float, check: Callable[[], None]) -> list[float]:
    """The distinct zeros of ``fn`` on the grid ``ts`` (no poles)."""
    found = _unique(_true_zero(fn, _roots(fn, ts, check), tolerance), float(ts[-1] - ts[0]))
    return [float(t) for t in found]


def _limited(spec: Curve, span: Range) -> Range:
    """``span`` cut to the curve's ``for`` restriction (empty when ``hi <= lo``)."""
    lo, hi = span
    if spec.domain is not None:
        lo, hi = max(lo, spec.domain[0]), min(hi, spec.domain[1])
    return lo, hi


def _scale(fn: Fn1, ts: np.ndarray) -> float:
    """The largest finite size of ``fn`` on ``ts``: the yardstick of "small"."""
    values = _values(fn, ts)
    finite = values[np.isfinite(values)]
    return max(float(np.max(np.abs(finite))), 1.0) if finite.size else 1.0


def _crossings(a: Curve, b: Curve, span: Range, check: Callable[[], None]) -> list[float]:
    """Where two curves in the same variable meet: the variable's values."""
    lo, hi = _limited(b, _limited(a, span))
    if not hi > lo:
        return []

    def gap(ts: np.ndarray) -> np.ndarray:
        return _values(a.fn, ts) - _values(b.fn, ts)

    ts = np.linspace(lo, hi, GRID)
    return [
        float(p)
        for p in _unique(_true_zero(gap, _roots(gap, ts, check), 1e-9 * _scale(a.fn, ts)), hi - lo)
    ]


def _mixed_crossings(in_x: Curve, in_y: Curve, y: Range, check: Callable[[], None]) -> list[float]:
    """Where ``y = f(x)`` meets ``x = g(y)``: the y values where ``f(g(y)) = y``."""
    lo, hi = _limited(in_y, y)
    if not hi > lo:
        return []

    def gap(ys: np.ndarray) -> np.ndarray:
        xs = _values(in_y.fn, ys)
        if in_x.domain is not None:  # f is not drawn outside its restriction
            xs = np.where((xs >= in_x.domain[0]) & (xs <= in_x.domain[1]), xs, np.nan)
        return _values(in_x.fn, xs) - ys

    ys = np.linspace(lo, hi, GRID)
    return _zeros(gap, ys, 1e-9 * max(abs(lo), abs(hi), 1.0), check)


def _point(spec: Curve, t: float) -> tuple[float, float]:
    """The point of ``spec`` at the value ``t`` of its variable, as ``(x, y)``."""
    value = float(_values(spec.fn, np.array([t]))[0])
    return (t, value) if spec.var == "x" else (value, t)


def features(
    program: Program,
    limits: Limits,
    budget: Budget,
    view: tuple[Range, Range | None],
    params: Mapping[str, float] | None = None,
    y_search: Range | None = None,
) -> list[dict[str, Any]]:
    """Zeros, extrema and intersections of the program's curves y = f(x) and x = g(y)
    inside ``view``.

    Each is ``{"x", "y", "kind", "items": [ids]}``; ``kind`` is ``zero``, ``minimum``,
    ``maximum`` or ``intersection``. A zero of ``x = g(y)`` lies on the y axis, its
    extrema are in x. Curves in y are searched over the view's y range, or ``y_search``
    (the y range the output shows) when the view has none.
    """
    plan, _ = instantiate(program, limits, budget.check, params or {})
    x, y = view
    spans = {"x": x, "y": y or y_search or x}
    curves = [s for s in plan.specs if isinstance(s, Curve)]
    found: list[dict[str, Any]] = []

    def add(point: tuple[float, float], kind: str, *specs: Curve) -> None:
        ids = [statement_id(s.line) for s in specs]
        found.append({"x": point[0], "y": point[1], "kind": kind, "items": ids})

    for spec in curves:
        for t, value, kind in _curve_features(spec, spans[spec.var], budget.check):
            add((t, value) if spec.var == "x" else (value, t), kind, spec)
    for i, a in enumerate(curves):
        for b in curves[i + 1 :]:
            if a.line == b.line:
                continue  # the curves of one family (y = [1, 2, 3] x) are one statement
            budget.check()
            if a.var == b.var:
                on, ts = a, _crossings(a, b, spans[a.var], budget.check)
            else:
                in_x, on = (a, b) if a.var == "x" else (b, a)
                ts = _mixed_crossings(in_x, on, spans["y"], budget.check)
            for t in ts:
                add(_point(on, t), "intersection", a, b)
    if y is not None:
        found = [f for f in found if y[0] <= f["y"] <= y[1]]
    return [
        f for f in found if x[0] <= f["x"] <= x[1] and np.isfinite(f["x"]) and np.isfinite(f["y"])
    ]


HOLE = 1e-7
"""Distance, relative to the window, at which a hole's value (``sin(x)/x`` at 0) is read."""


def _intercept(fn: Fn1, width: float) -> float:
    """``fn(0)``, or the value the curve has beside 0 when 0 is a hole.

    A hole has one value at one and two steps either side; a pole (``1/x^2``) has not.
    """
    h = HOLE * width
    at, *beside = _values(fn, np.array([0.0, -2 * h, -h, h, 2 * h]))
    if np.isfinite(at):
        return float(at)
    if not np.all(np.isfinite(beside)):
        return float("nan")
    lo, hi = float(np.min(beside)), float(np.max(beside))
    if hi - lo <= 1e-6 * max(1.0, abs(lo)):
        return float(0.5 * (beside[1] + beside[2]))
    return float("nan")


def window_ys(curves: list[Curve], x: Range, check: Callable[[], None]) -> list[float]:
    """The heights the automatic window must show: every zero, extremum, y-intercept
    and crossing of the curves ``y = f(x)`` that lies in the x window ``x``."""
    ys: list[float] = []
    for spec in curves:
        ys += [value for _, value, _ in _curve_features(spec, x, check)]
        lo, hi = _limited(spec, x)
        if lo <= 0.0 <= hi:
            ys.append(_intercept(spec.fn, hi - lo))
    for i, a in enumerate(curves):
        for b in curves[i + 1 :]:
            if a.line == b.line:
                continue  # the curves of one family
            check()
            ys += [_point(a, t)[1] for t in _crossings(a, b, x, check)]
    return [y for y in ys if np.isfinite(y)]
