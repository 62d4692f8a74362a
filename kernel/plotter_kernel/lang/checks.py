"""Work out ``check`` lines (SPEC §11): a check that holds prints ``✓ …``, one that does
not is a located ``CheckError`` showing both sides."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from ..errors import PlotterError, Span
from ..plan import Range
from .closures import curve_fn
from .compile import Compiler, Scope
from .emit import format_any, format_value, interval
from .statements import Assertion
from .syntax import Call, Expr, Group, Name, Num, Unary, plot_variables

RELATIVE = 1e-9
"""How far apart (relative) the two sides of ``=`` may be."""
FLOOR = 1e-12
"""How far apart the two sides of ``=`` or ``≈`` may be near 0."""
APPROXIMATE = 0.01
"""How far apart (relative to the right side) the two sides of ``≈`` may be."""
POINTS = 201
"""Values of x where two functions are compared."""
WINDOW: Range = (-10.0, 10.0)
"""Where functions are compared when neither the check nor the cell says."""
CHECK_IN_X = Scope(frozenset({"x"}), where="a check in x", hint="a check compares numbers")
SHOWN = {"<=": "≤", ">=": "≥"}
FLIPPED = {"<": ">", ">": "<", "<=": ">=", ">=": "<=", "=": "=", "≈": "≈"}

Curve = Callable[[np.ndarray], np.ndarray]
Label = Callable[[float], str]


def _fail(message: str, span: Span) -> PlotterError:
    return PlotterError("CheckError", message, span, "check-failed")


def _defined(value: float) -> float:
    """``value``, or NaN (undefined) when it is not a finite number."""
    return value if math.isfinite(value) else math.nan


def _same(left: float, right: float, tolerance: float = RELATIVE) -> bool:
    """Whether two values agree: both undefined, or both numbers close enough."""
    left, right = _defined(left), _defined(right)
    if math.isnan(left) or math.isnan(right):
        return math.isnan(left) and math.isnan(right)
    if left == right:
        return True
    gap = abs(left - right)
    scale = abs(right) if tolerance == APPROXIMATE else max(abs(left), abs(right))
    return gap <= max(tolerance * scale, FLOOR)


def _holds(op: str, left: float, right: float) -> bool:
    if op == "=":
        return _same(left, right)
    if op == "≈":
        return _same(left, right, APPROXIMATE)
    left, right = _defined(left), _defined(right)
    if math.isnan(left) or math.isnan(right):
        return False
    return {
        "<": left < right,
        ">": left > right,
        "<=": left <= right,
        ">=": left >= right,
    }[op]


def _link_holds(op: str, left: Any, right: Any) -> bool:
    """Whether ``left op right`` holds for numbers or lists (element by element, all of
    them; lists of different lengths are never equal)."""
    left_list, right_list = isinstance(left, np.ndarray), isinstance(right, np.ndarray)
    if not left_list and not right_list:
        return _holds(op, float(left), float(right))
    if left_list and right_list and len(left) != len(right):
        return False
    if op in ("=", "≈") and left_list != right_list:
        return False
    pairs = np.broadcast_arrays(np.asarray(left, dtype=float), np.asarray(right, dtype=float))
    return all(_holds(op, float(a), float(b)) for a, b in zip(*pairs, strict=True))


def _is_number(node: Expr) -> bool:
    """A number as written: ``5``, ``-2``."""
    return isinstance(node, Num) or (isinstance(node, Unary) and isinstance(node.operand, Num))


def _function_name(compiler: Compiler, node: Expr) -> str | None:
    """The name of a user function when ``node`` is that name alone (``f``)."""
    if not isinstance(node, Name):
        return None
    definition = compiler.defs.get(node.id)
    if definition is None or definition.params is None:
        return None
    if len(definition.params) != 1:
        raise PlotterError(
            "TypeError",
            f"{node.id} has {len(definition.params)} inputs; a check compares functions "
            f"of one input, like {node.id}(x, 1).",
            node.span,
            "check-functions",
        )
    return node.id


def _curve(compiler: Compiler, node: Expr, source: str) -> tuple[Curve, Label] | None:
    """``node`` as a function of x with how its value at x is named (``f(3)``), or
    ``None`` when it is a value."""
    name = _function_name(compiler, node)
    if name is not None:
        x = Name("x", node.span)
        call = Call(name, node.span, (x,), node.span)
        fn = curve_fn(compiler.compile(call, CHECK_IN_X), "x")
        return fn, lambda at: f"{name}({format_value(at)})"
    if not any(n.id == "x" for n in plot_variables(node)):
        return None
    compiler.refuse_lists(node, CHECK_IN_X)
    text = source[node.span.start : node.span.end]
    fn = curve_fn(compiler.compile(node, CHECK_IN_X), "x")
    if isinstance(node, Call) and text.endswith("(x)"):  # `f(x)`: named as f(3)
        return fn, lambda at: f"{text[:-3]}({format_value(at)})"
    return fn, lambda at: text


def run_check(statement: Assertion, source: str, compiler: Compiler, window: Range | None) -> str:
    """What a check prints when it holds: ``✓`` and its text after the word ``check``.

    ``source`` is the line as typed; ``window`` the cell's x window, if it sets one.

    Raises
    ------
    PlotterError
        A located ``CheckError`` when the check does not hold, or the usual error of
        something in it.
    """
    check = statement.check
    text = source[check.span.start :].split("#", 1)[0].strip()
    if check.ops == ("on",):
        _on(check.operands[0], check.operands[1], source, compiler, check.span)
        return f"✓ {text}"
    curves = [_curve(compiler, node, source) for node in check.operands]
    if any(curve is not None for curve in curves):
        if check.ops != ("=",):
            raise PlotterError(
                "TypeError",
                "Functions of x are compared with one =, like check f = 2x + 1.",
                check.span,
                "check-functions",
            )
        bounds = interval(compiler, statement.domain) if statement.domain else None
        lo, hi = bounds or window or WINDOW
        xs = np.linspace(lo, hi, POINTS)
        _functions(compiler, check.operands, curves, xs, check.span)
        return f"✓ {text}"
    values = [compiler.value(node) for node in check.operands]
    for i, op in enumerate(check.ops):
        left, right = values[i], values[i + 1]
        if _link_holds(op, left, right):
            continue
        node, other = check.operands[i], check.operands[i + 1]
        if _is_number(node) and not _is_number(other):
            node, op, left, right = other, FLIPPED[op], right, left
        label = source[node.span.start : node.span.end]
        relation = "" if op == "=" else f"{SHOWN.get(op, op)} "
        message = f"{label} is {format_any(left)}, not {relation}{format_any(right)}"
        raise _fail(message, check.span)
    return f"✓ {text}"


def _functions(
    compiler: Compiler,
    operands: tuple[Expr, ...],
    curves: list[tuple[Curve, Label] | None],
    xs: np.ndarray,
    span: Span,
) -> None:
    """Two sides equal at every x of ``xs`` (undefined at the same x counts as equal)."""
    sides: list[np.ndarray] = []
    for node, curve in zip(operands, curves, strict=True):
        if curve is not None:
            sides.append(curve[0](xs))
            continue
        value = compiler.value(node)
        if isinstance(value, np.ndarray):
            raise PlotterError(
                "TypeError",
                "A function of x can't be compared with a list.",
                node.span,
                "check-functions",
            )
        sides.append(np.full(xs.shape, float(value)))
    left, right = sides
    for i, at in enumerate(xs):
        if not _same(float(left[i]), float(right[i])):
            shown, other = (left[i], right[i]) if curves[0] is not None else (right[i], left[i])
            named = curves[0] or curves[1]
            assert named is not None
            message = (
                f"{named[1](float(at))} is {format_value(float(shown))}, "
                f"not {format_value(float(other))} (at x = {format_value(float(at))})"
            )
            raise _fail(message, span)


def _on(point: Expr, target: Expr, source: str, compiler: Compiler, span: Span) -> None:
    """``(a, b) on f``: b is f(a), within the tolerance of ``=``."""
    if not isinstance(point, Group) or len(point.items) != 2:
        raise PlotterError(
            "TypeError",
            "Before on write a point, like check (3, 4) on f.",
            point.span,
            "not-a-point",
        )
    curve = _curve(compiler, target, source)
    if curve is None:
        raise PlotterError(
            "TypeError",
            "After on write a function of x, like f or x^2.",
            target.span,
            "check-functions",
        )
    x, y = (compiler.evaluate(item) for item in point.items)
    value = float(curve[0](np.array([x]))[0])
    if not _same(value, y):
        label = curve[1](x)
        where = "" if isinstance(target, Name) else f" (at x = {format_value(x)})"
        raise _fail(f"{label} is {format_value(value)}, not {format_value(y)}{where}", span)
