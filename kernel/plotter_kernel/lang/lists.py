"""The closures lists are made of: literals, ranges, indexing and comprehensions
(``docs/lists.md``; the length check of lists combined value by value is in ``closures``).

A list is a 1-D float64 array. Lists live in calculations and definitions only; the
compiler refuses them in anything drawn, so an array here is never a curve's samples.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from ..errors import PlotterError, ResourceLimit, Span
from .closures import Env, Fn

ROUNDING = 1e-9
"""How close (relative to the step) a range's last value must come to its end to end there."""
CHECK_EVERY = 256
"""A comprehension checks the cell's deadline once per this many values."""


def too_long(count: float, most: int, span: Span, what: str) -> ResourceLimit:
    return ResourceLimit(
        f"A list has at most {most} values; {what} has {count:.0f}.", span, "list-too-long"
    )


def literal(items: list[Fn]) -> Fn:
    """``[a, b, c]``: each item is a number."""

    def run(env: Env) -> Any:
        return np.array([float(item(env)) for item in items], dtype=float)

    return run


def range_values(first: float, second: float | None, last: float, span: Span, most: int) -> Any:
    """The values of ``[first...last]`` or ``[first, second ... last]``.

    The step is 1 (-1 when ``last < first``) or ``second - first``; the end is included
    when reached within rounding, and then is exactly ``last``. The count is checked
    against ``most`` before anything is allocated.
    """
    ends = [first, last] if second is None else [first, second, last]
    if not all(math.isfinite(v) for v in ends):
        raise PlotterError(
            "ValueError", "The numbers of this range must be defined.", span, "not-a-number"
        )
    if second is None:
        step = 1.0 if last >= first else -1.0
    else:
        step = second - first
    if step == 0:
        raise PlotterError(
            "ValueError",
            "This range does not move: its first two numbers are equal.",
            span,
            "bad-range",
        )
    steps = (last - first) / step
    if steps < -ROUNDING:
        raise PlotterError(
            "ValueError",
            "This range goes the wrong way: its step leads away from its last number.",
            span,
            "bad-range",
        )
    if not math.isfinite(steps) or steps + 1 > most:
        raise too_long(steps + 1, most, span, "this range")
    count = max(0, math.floor(steps + ROUNDING)) + 1
    values = first + step * np.arange(count, dtype=float)
    if abs(values[-1] - last) <= ROUNDING * abs(step):
        values[-1] = last
    return values


def ranged(first: Fn, second: Fn | None, last: Fn, span: Span, most: int) -> Fn:
    def run(env: Env) -> Any:
        between = None if second is None else float(second(env))
        return range_values(float(first(env)), between, float(last(env)), span, most)

    return run


def _position(value: float, length: int, name: str | None, span: Span) -> int:
    """The 0-based position of the 1-based index ``value``, or a located error."""
    shown = f"{value:.12g}"
    written = f"{name or 'L'}[{shown}]"
    if not math.isfinite(value) or value != math.floor(value):
        raise PlotterError(
            "ValueError",
            f"A list index is a whole number, like {name or 'L'}[1] for the first value; "
            f"not {shown}.",
            span,
            "bad-index",
        )
    if not 1 <= value <= length:
        owner = name or "This list"
        missing = f"there is no {written}" if name else f"there is no value number {shown}"
        if length == 0:
            message = f"{owner} is empty; {missing}."
        else:
            values = "1 value" if length == 1 else f"{length} values"
            message = f"{owner} has {values}; {missing}."
        raise PlotterError("ValueError", message, span, "index-out-of-range")
    return int(value) - 1


def take(target: Fn, index: Fn, name: str | None, span: Span, strict: bool) -> Fn:
    """``L[i]`` (a number) or ``L[[i, j]]``, ``L[2...4]`` (a list), counting from 1.

    ``name`` is the list's name for messages (``None``: not a name); outside a
    calculation (``strict`` false) a wrong index is undefined instead of an error.
    """

    def run(env: Env) -> Any:
        values = np.asarray(target(env), dtype=float)
        where = np.asarray(index(env), dtype=float)
        picks = np.atleast_1d(where)
        positions = []
        for value in picks.tolist():
            try:
                positions.append(_position(value, len(values), name, span))
            except PlotterError:
                if strict:
                    raise
                positions.append(-1)
        chosen = np.array([values[p] if p >= 0 else math.nan for p in positions], dtype=float)
        return np.float64(chosen[0]) if where.ndim == 0 else chosen

    return run


def comprehension(body: Fn, var: str, source: Fn, check: Callable[[], None]) -> Fn:
    """``[body for var = source]``: ``body`` (a number) for each value of the list."""

    def run(env: Env) -> Any:
        values = np.asarray(source(env), dtype=float)
        out = np.empty(len(values), dtype=float)
        inner = dict(env)
        for i, value in enumerate(values.tolist()):
            if i % CHECK_EVERY == 0:
                check()
            inner[var] = np.float64(value)
            out[i] = float(body(inner))
        return out

    return run
