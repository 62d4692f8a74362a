"""Degrees: ``30°`` and the session's angle unit, as rewrites of the syntax tree.

A line ``degrees`` (or ``radians``) switches the unit of the lines after it, in this cell
and later ones. Rather than teach the evaluator a unit, a line read in degrees has its
trig calls rewritten (``sin(u)`` is ``sin(u·π/180)``, ``asin(u)`` is ``asin(u)·180/π``)
and the angle of a polar (θ) or parametric (t) curve read in degrees; the tree then
carries the unit everywhere it goes: derivatives (the chain rule gives the π/180), the
program and a re-sampled view. A stored definition keeps the unit it was read in.
"""

from __future__ import annotations

import math
from dataclasses import fields, is_dataclass, replace
from typing import Any

from ..errors import PlotterError, Span
from .statements import ParametricCurve, PolarCurve, classify
from .syntax import Call, Interval, Line, Name, Num, Product, Restriction, substitute

DEGREE = math.pi / 180
"""One degree in radians: what ``°`` multiplies by."""
TRIG = frozenset({"sin", "cos", "tan", "sec", "csc", "cot"})
INVERSES = frozenset({"asin", "acos", "atan", "asec", "acsc", "acot", "atan2"})
UNITS = ("degrees", "radians")
NOTE = "Angles are in degrees."


def unit_line(text: str) -> str | None:
    """``degrees`` or ``radians`` if the line is that word alone (a comment allowed)."""
    word = text.split("#", 1)[0].strip()
    return word if word in UNITS else None


def scaled(node: Any, factor: float, span: Span) -> Product:
    """``node · factor``, spanning ``span``."""
    return Product((("*", node), ("*", Num(factor, span))), span)


def in_degrees(node: Any) -> Any:
    """``node`` with trig functions taking, and inverses giving, degrees."""
    if isinstance(node, tuple):
        return tuple(in_degrees(item) for item in node)
    if not is_dataclass(node) or isinstance(node, (type, Span, Num, Name)):
        return node
    node = replace(node, **{f.name: in_degrees(getattr(node, f.name)) for f in fields(node)})
    if isinstance(node, Call) and not node.primes:
        if node.func in TRIG:
            return replace(node, args=tuple(scaled(a, DEGREE, a.span) for a in node.args))
        if node.func in INVERSES:
            return scaled(node, 1 / DEGREE, node.span)
    return node


def degree_line(line: Line) -> Line:
    """``line`` read in degrees; the angle of a polar or parametric curve (θ or t) counts
    degrees too, so its default full turn is ``[0, 360]``."""
    line = in_degrees(line)
    try:
        kind = classify(line)
    except PlotterError:  # reported when the line is classified for real
        return line
    if isinstance(kind, PolarCurve):
        angle = "theta"
    elif isinstance(kind, ParametricCurve):
        angle = "t"
    else:
        return line
    in_turns = scaled(Name(angle, line.span), 1 / DEGREE, line.span)
    restriction = line.restriction
    if restriction is not None:
        lo, hi = restriction.interval.lo, restriction.interval.hi
        interval = Interval(
            scaled(lo, DEGREE, lo.span), scaled(hi, DEGREE, hi.span), restriction.interval.span
        )
        restriction = Restriction(restriction.var, interval, restriction.span)
    return replace(
        line,
        body=substitute(line.body, angle, in_turns),
        conditions=substitute(line.conditions, angle, in_turns),
        restriction=restriction,
    )
