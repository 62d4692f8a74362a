"""``histogram(L, w)``, ``boxplot(L)`` and ``dotplot(L)`` on a line of their own.

The numbers each draws (bars, the five-number summary, stacked dots) are worked out
here, when the statement is emitted, so a mistake is located at the call's input and
drawing only lays the numbers out (``draw.statplots``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal, cast

import numpy as np

from ..errors import PlotterError, ResourceLimit, Span
from ..plan import StatPlot
from . import stats
from .builtins import BUILTINS
from .compile import Compiler, Scope
from .syntax import Call, Expr

KINDS = ("histogram", "boxplot", "dotplot")
"""The builtins that draw (kind ``draw`` in the builtin table)."""
MAX_BARS = 1000
"""Most bars one histogram draws (``too-many-bars``)."""
MAX_DOTS = 2000
"""Most dots one dotplot draws (``too-many-dots``)."""
EDGE = 1e-9
"""A value within this fraction of a bar's width below an edge is on it (``0.3`` with
width ``0.1`` is in ``[0.3, 0.4)``, though ``0.3 / 0.1`` is ``2.9999999999999996``)."""
WIDTH_ONE_SPAN = 50.0
"""Values spanning less than this get bars of width 1 by default (as Desmos draws)."""
DEFAULT_BARS = 20
"""A wider spread gets the nice width giving at most about this many bars."""
DATA = Scope(where="a statistics plot", hint="it draws a list of numbers")
EXAMPLES = {
    "histogram": "histogram([1, 2, 2, 3], 1)",
    "boxplot": "boxplot([1, 2, 2, 3])",
    "dotplot": "dotplot([1, 2, 2, 3])",
}


@dataclass(frozen=True)
class StatStatement:
    """A statistics plot: ``kind`` of the list ``data`` (a histogram's ``width`` too)."""

    kind: Literal["histogram", "boxplot", "dotplot"]
    data: Expr
    width: Expr | None
    span: Span


def statement_of(body: object) -> StatStatement | None:
    """The statistics plot a line's body is, if it is a call of one with the inputs it
    takes (any other call is compiled, and refused there with ``wrong-arity``)."""
    if not isinstance(body, Call) or body.func not in KINDS or body.primes:
        return None
    if not BUILTINS[body.func].accepts(len(body.args)):
        return None
    kind = cast(Literal["histogram", "boxplot", "dotplot"], body.func)
    width = body.args[1] if len(body.args) > 1 else None
    return StatStatement(kind, body.args[0], width, body.span)


def nice_width(spread: float) -> float:
    """The default bar width: 1 for values spanning less than ``WIDTH_ONE_SPAN``, else the
    smallest of 1, 2 or 5 times a power of ten giving at most ``DEFAULT_BARS`` bars."""
    if not spread >= WIDTH_ONE_SPAN:
        return 1.0
    target = spread / DEFAULT_BARS
    power = 10.0 ** math.floor(math.log10(target))
    for step in (1.0, 2.0, 5.0):
        if step * power >= target:
            return step * power
    return 10.0 * power


def bars(values: np.ndarray, width: float, span: Span) -> list[tuple[float, float, int]]:
    """Bars ``[k w, (k + 1) w)`` (left-closed, aligned at 0) from the one holding the
    smallest value to the one holding the largest, with how many values each holds."""
    ks = np.floor(values / width + EDGE)
    first, last = float(ks.min()), float(ks.max())
    count = last - first + 1
    if not count <= MAX_BARS:
        shown = f"{count:.12g}" if math.isfinite(count) else "too many"
        raise ResourceLimit(
            f"A histogram has at most {MAX_BARS} bars; this one would have {shown}. "
            "Give it wider bars.",
            span,
            "too-many-bars",
        )
    counts = np.bincount((ks - first).astype(np.int64), minlength=int(count))
    return [((first + i) * width, (first + i + 1) * width, int(c)) for i, c in enumerate(counts)]


def five_numbers(values: np.ndarray) -> tuple[float, float, float, float, float]:
    """Min, Q1, median, Q3 and max by ``quartile`` (the exclusive median method)."""
    q = [float(stats.quartile(values, float(k))) for k in range(5)]
    return q[0], q[1], q[2], q[3], q[4]


def stacks(values: np.ndarray, span: Span) -> list[tuple[float, int]]:
    """Each distinct value, increasing, with how many times it occurs."""
    if len(values) > MAX_DOTS:
        raise ResourceLimit(
            f"A dotplot draws at most {MAX_DOTS} dots; this list has {len(values)} values. "
            "Try histogram.",
            span,
            "too-many-dots",
        )
    distinct, counts = np.unique(values, return_counts=True)
    return [(float(v) + 0.0, int(c)) for v, c in zip(distinct, counts, strict=True)]


def _data(compiler: Compiler, statement: StatStatement) -> np.ndarray:
    node = statement.data
    if not compiler.is_list(node, DATA):
        raise PlotterError(
            "TypeError",
            f"{statement.kind} needs a list, like {EXAMPLES[statement.kind]}.",
            node.span,
            "needs-list",
        )
    values = np.asarray(compiler.value(node, DATA), dtype=float)
    values = values[np.isfinite(values)]
    if len(values) == 0:
        raise PlotterError(
            "ValueError",
            f"This list has no values for {statement.kind} to draw.",
            node.span,
            "empty-list",
        )
    return values


def _width(compiler: Compiler, node: Expr) -> float:
    width = compiler.evaluate(node, DATA)
    if not (math.isfinite(width) and width > 0):
        shown = f"{width:.12g}" if math.isfinite(width) else "undefined"
        raise PlotterError(
            "ValueError",
            f"The width of a histogram's bars is a number above 0; this one is {shown}.",
            node.span,
            "bad-width",
        )
    return width


def plot(compiler: Compiler, statement: StatStatement, line: int, label: str) -> StatPlot:
    """The numbers ``statement`` draws.

    Raises
    ------
    PlotterError
        Located at the input: not a list, no values, a bad width, too many bars or dots.
    """
    values = _data(compiler, statement)
    spec = StatPlot(line, label, statement.kind, len(values))
    if statement.kind == "histogram":
        if statement.width is None:
            width, where = nice_width(float(values.max() - values.min())), statement.span
        else:
            width, where = _width(compiler, statement.width), statement.width.span
        spec.bars = bars(values, width, where)
    elif statement.kind == "boxplot":
        spec.box = five_numbers(values)
    else:
        spec.dots = stacks(values, statement.data.span)
    return spec
