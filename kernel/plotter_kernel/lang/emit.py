"""Turn classified statements into the drawing plan: specs, printed values and the window."""

from __future__ import annotations

import math
from typing import Any, Literal, cast

import numpy as np

from ..errors import PlotterError
from ..plan import (
    CellPlan,
    Curve,
    Fn1,
    Implicit,
    Inequality,
    Parametric,
    Points,
    Polar,
    Range,
)
from .closures import Fn, curve_fn, member_fn, one_at_a_time, surface_fn
from .compile import Compiler, Scope
from .statements import (
    Calculation,
    Explicit,
    FunctionDef,
    ImplicitCurve,
    ParameterDef,
    ParametricCurve,
    PointList,
    PolarCurve,
    Region,
    Statement,
    WindowSet,
)
from .statplots import StatStatement, plot
from .syntax import Expr, Group, Interval, Line

FULL_TURN: Range = (0.0, 2 * math.pi)
MAX_MEMBERS = 30
"""Most curves one family draws (``y = L x`` with a long list)."""
PROBES = (0.0, 1.0, -1.0, 0.5, -0.5, 10.0, -10.0)
"""Values of the drawing variable a family is first worked out at, to count its curves."""

CURVE_IN_X = Scope(
    frozenset({"x"}),
    where="a curve in x",
    hint="to draw an equation in x and y, write it with =, like x^2 + y^2 = 4",
)
CURVE_IN_Y = Scope(frozenset({"y"}), where="a curve x = f(y)")
PARAMETRIC = Scope(frozenset({"t"}), where="a parametric curve", hint="use t")
POLAR = Scope(frozenset({"theta"}), where="a polar curve", hint="use theta")
PLANE = Scope(frozenset({"x", "y"}), where="an equation in x and y")
POINT = Scope(where="a point", hint="a point needs numbers")
INTERVAL = Scope(where="an interval", hint="an interval needs numbers")


def format_value(value: float) -> str:
    """How a value is printed, as a calculator shows it: at most 12 significant digits
    without trailing zeros (``0.1 + 0.2`` prints ``0.3``, ``1/3`` ``0.333333333333``), an
    exponent from 1e12 up and below 1e-4 (``1e+20``, ``1.5e-07``); NaN is ``undefined``."""
    if not math.isfinite(value):
        return "undefined"
    text = f"{value:.12g}"
    return "0" if text == "-0" else text


SHORT_LIST = 10
"""A list of at most this many values is printed whole."""


def format_list(values: Any) -> str:
    """How a list is printed: whole up to ``SHORT_LIST`` values (``[1, 2, 3]``), else its
    first three and its last value with the count (``[1, 2, 3, …, 100] (100 values)``)."""
    numbers = [format_value(float(v)) for v in values]
    if len(numbers) <= SHORT_LIST:
        return "[" + ", ".join(numbers) + "]"
    return f"[{', '.join(numbers[:3])}, …, {numbers[-1]}] ({len(numbers)} values)"


def format_any(value: Any) -> str:
    """A calculated value, a number or a list, as printed."""
    if isinstance(value, np.ndarray):
        return format_list(value)
    return format_value(float(value))


def full_value(value: float) -> str:
    """Every digit of a value (the shortest text that reads back as the same double),
    for inspection: whole numbers below 1e16 without ``.0``."""
    if not math.isfinite(value):
        return "undefined"
    if value == math.floor(value) and abs(value) < 1e16:
        return str(int(value))
    return repr(value)


def _number(compiler: Compiler, node: Expr, scope: Scope, what: str) -> float:
    value = compiler.evaluate(node, scope)
    if not math.isfinite(value):
        raise PlotterError("ValueError", f"This {what} is undefined.", node.span, "not-a-number")
    return value


def interval(compiler: Compiler, node: Interval) -> Range:
    """The numbers of ``[lo, hi]``; an empty or undefined interval is a located error."""
    lo = _number(compiler, node.lo, INTERVAL, "end of the interval")
    hi = _number(compiler, node.hi, INTERVAL, "end of the interval")
    if lo >= hi:
        raise PlotterError(
            "ValueError",
            f"The interval [{format_value(lo)}, {format_value(hi)}] is empty: "
            "the first number must be the smaller one.",
            node.span,
            "empty-interval",
        )
    return (lo, hi)


def _domain(compiler: Compiler, node: Interval | None) -> Range | None:
    """The numbers of a curve's ``for`` interval (a statistic of a list is a number)."""
    if node is None:
        return None
    return interval(compiler, node)


def _curves(compiler: Compiler, node: Expr, fn: Fn, var: str, scope: Scope) -> list[Fn1]:
    """The functions drawing ``node``: one, or one per member when it is a list (a family,
    ``y = [1, 2, 3] x``). An expression using a list is worked out one value of ``var``
    at a time, so the list's values never meet the samples."""
    if compiler.list_use(node, scope) is None:
        return [curve_fn(fn, var)]
    count = 1
    with np.errstate(all="ignore"):
        for probe in PROBES:  # a list's length (a condition may hide it), a wrong one's error
            value = fn({var: np.float64(probe)})
            if isinstance(value, np.ndarray) and value.ndim == 1:
                count = len(value)
                break
    if not compiler.is_list(node, scope):
        return [member_fn(one_at_a_time(fn, var, 1), 0)]
    if count > MAX_MEMBERS:
        raise PlotterError(
            "ValueError",
            f"A family draws at most {MAX_MEMBERS} curves; this one has {count}.",
            node.span,
            "family-too-big",
        )
    family = one_at_a_time(fn, var, count)
    return [member_fn(family, i) for i in range(count)]


def _points(compiler: Compiler, group: Group) -> list[tuple[float, float]]:
    """The points ``(a, b)`` draws: one, or one per value when a coordinate is a list
    (``(X, Y)``; a number goes with every value, ``(X, 2)``)."""
    values = [compiler.value(item, POINT) for item in group.items]
    if not any(isinstance(v, np.ndarray) for v in values):
        x, y = (_number(compiler, item, POINT, "coordinate") for item in group.items)
        return [(x, y)]
    lengths = [len(v) for v in values if isinstance(v, np.ndarray)]
    if len(lengths) == 2 and lengths[0] != lengths[1]:
        raise PlotterError(
            "ValueError",
            f"These lists have different lengths ({lengths[0]} and {lengths[1]}).",
            group.span,
            "list-lengths",
        )
    xs, ys = np.broadcast_arrays(*[np.asarray(v, dtype=float) for v in values])
    return list(zip(xs.tolist(), ys.tolist(), strict=True))


def emit(statement: Statement, line: Line, compiler: Compiler, plan: CellPlan) -> None:
    """Add what ``statement`` asks for to ``plan``.

    Raises
    ------
    PlotterError
        A located problem of this statement; ``plan`` is then left unchanged.
    """
    number = line.span.line
    label = line.text
    if isinstance(statement, Explicit):
        scope = CURVE_IN_X if statement.var == "x" else CURVE_IN_Y
        along: Literal["x", "y"] = "x" if statement.var == "x" else "y"
        fns = _curves(
            compiler, statement.expr, compiler.compile(statement.expr, scope), along, scope
        )
        domain = _domain(compiler, statement.domain)
        plan.specs.extend(Curve(number, label, fn, along, domain) for fn in fns)
    elif isinstance(statement, FunctionDef):
        if len(statement.params) == 1:
            body = compiler.function(statement.name, statement.name_span)
            inputs = Scope(locals=statement.params)
            fns = _curves(compiler, statement.body, body, statement.params[0], inputs)
            domain = _domain(compiler, statement.domain)
            plan.specs.extend(Curve(number, label, fn, "x", domain) for fn in fns)
    elif isinstance(statement, ParameterDef):
        return
    elif isinstance(statement, Calculation):
        plan.values.append((number, format_any(compiler.value(statement.expr))))
    elif isinstance(statement, PointList):
        points = [p for group in statement.points for p in _points(compiler, group)]
        data = any(compiler.is_list(item, POINT) for g in statement.points for item in g.items)
        plan.specs.append(Points(number, label, points, data))
    elif isinstance(statement, StatStatement):
        plan.specs.append(plot(compiler, statement, number, label))
    elif isinstance(statement, WindowSet):
        bounds = interval(compiler, statement.interval)
        if statement.axis == "x":
            plan.window.x = bounds
        else:
            plan.window.y = bounds
    elif isinstance(statement, ParametricCurve):
        compiler.refuse_lists(statement.fx)
        compiler.refuse_lists(statement.fy)
        fx = curve_fn(compiler.compile(statement.fx, PARAMETRIC), "t")
        fy = curve_fn(compiler.compile(statement.fy, PARAMETRIC), "t")
        span = _domain(compiler, statement.domain) or FULL_TURN
        plan.specs.append(Parametric(number, label, fx, fy, span))
    elif isinstance(statement, PolarCurve):
        compiler.refuse_lists(statement.expr)
        fr = curve_fn(compiler.compile(statement.expr, POLAR), "theta")
        span = _domain(compiler, statement.domain) or FULL_TURN
        plan.specs.append(Polar(number, label, fr, span))
    elif isinstance(statement, (ImplicitCurve, Region)):
        compiler.refuse_lists(statement.left)
        compiler.refuse_lists(statement.right)
    if isinstance(statement, ImplicitCurve):
        left = compiler.compile(statement.left, PLANE)
        right = compiler.compile(statement.right, PLANE)
        plan.specs.append(Implicit(number, label, surface_fn(left, right)))
    elif isinstance(statement, Region):
        left = compiler.compile(statement.left, PLANE)
        right = compiler.compile(statement.right, PLANE)
        op = cast(Literal["<", "<=", ">", ">="], statement.op)
        plan.specs.append(Inequality(number, label, surface_fn(left, right), op))
