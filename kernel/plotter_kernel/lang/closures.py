"""The closures compiled expressions are made of, and the wrappers that make plan functions."""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

import numpy as np

from ..errors import PlotterError, ResourceLimit, Span, TimeLimit
from ..plan import Fn1, Fn2
from .builtins import divide

Env = dict[str, Any]
Fn = Callable[[Env], Any]


def relocate(err: PlotterError, span: Span, name: str) -> PlotterError:
    """Report a problem inside a definition at the place in this line that uses it.

    The cell's time limit is not the definition's fault and passes through unchanged.
    """
    if isinstance(err, TimeLimit):
        return err
    message = err.message if err.message.startswith("In ") else f"In {name}: {err.message}"
    return PlotterError(err.ename, message, span, err.code)


def too_big(value: Any, span: Span, limit: float) -> None:
    if np.any(np.abs(value) > limit):
        raise ResourceLimit(
            f"This number is too big to work with (more than {limit:g}).", span, code="too-big"
        )


def _agree(length: int | None, value: Any, span: Span) -> int:
    """The length of a list operand, checked against the lists before it (``length``)."""
    size = np.shape(value)[-1]  # a drawn family's lists run along the last axis
    if length is not None and size != length:
        raise PlotterError(
            "ValueError",
            f"These lists have different lengths ({length} and {size}).",
            span,
            "list-lengths",
        )
    return int(size)


def _chain(
    operands: list[tuple[Callable[[Any, Any], Any], Fn]],
    span: Span,
    limit: float | None,
    lists: tuple[bool, ...],
    each_step: bool,
) -> Fn:
    """Operands combined left to right, each with its operation (the first one's is unused);
    list operands (``lists``) must agree in length; ``limit`` is checked at each step
    (``each_step``) or at the end."""
    if sum(lists) < 2:
        lists = ()
    first = operands[0][1]
    rest = operands[1:]

    def run(env: Env) -> Any:
        total = first(env)
        length = np.shape(total)[-1] if lists and lists[0] else None
        for i, (op, operand) in enumerate(rest, 1):
            value = operand(env)
            if lists and lists[i]:
                length = _agree(length, value, span)
            total = op(total, value)
            if each_step and limit is not None:
                too_big(total, span, limit)
        if not each_step and limit is not None:
            too_big(total, span, limit)
        return total

    return run


def sum_of(
    terms: list[tuple[bool, Fn]],
    span: Span,
    limit: float | None,
    lists: tuple[bool, ...] = (),
) -> Fn:
    """``a + b - c``; ``lists`` flags the terms that are lists, which must agree in length."""
    ops = [(operator.sub if negative else operator.add, term) for negative, term in terms]
    return _chain(ops, span, limit, lists, each_step=False)


def product(
    factors: list[tuple[bool, Fn]],
    span: Span,
    limit: float | None,
    lists: tuple[bool, ...] = (),
) -> Fn:
    """``a * b / c``; ``lists`` flags the factors that are lists, which must agree in length."""
    ops = [(divide if dividing else operator.mul, factor) for dividing, factor in factors]
    return _chain(ops, span, limit, lists, each_step=True)


def apply(
    impl: Callable[..., Any],
    args: list[Fn],
    span: Span,
    limit: float | None,
    lists: tuple[bool, ...] = (),
) -> Fn:
    """``impl`` of the arguments; ``lists`` flags those that must agree in length."""
    if sum(lists) < 2:
        lists = ()

    def run(env: Env) -> Any:
        values = [a(env) for a in args]
        if lists:
            length = None
            for value, is_list in zip(values, lists, strict=True):
                if is_list:
                    length = _agree(length, value, span)
        result = impl(*values)
        if limit is not None:
            too_big(result, span, limit)
        return result

    return run


def user_call(
    params: tuple[str, ...],
    args: list[Fn],
    body: Fn,
    check: Callable[[], None],
    span: Span,
    name: str,
    strict: bool,
) -> Fn:
    def run(env: Env) -> Any:
        check()
        inputs = {p: a(env) for p, a in zip(params, args, strict=True)}
        if not strict:
            return body(inputs)
        try:
            return body(inputs)
        except PlotterError as err:
            raise relocate(err, span, name) from None

    return run


def curve_fn(fn: Fn, var: str) -> Fn1:
    """A plan function of one variable: float array in, same-shape float array out."""

    def evaluate(values: np.ndarray) -> np.ndarray:
        points = np.asarray(values, dtype=float)
        with np.errstate(all="ignore"):
            result = np.asarray(fn({var: points}), dtype=float)
            result = np.broadcast_to(result, points.shape)
            return np.where(np.isfinite(result), result, np.nan)

    return evaluate


CACHED = 100_000
"""Values of the drawing variable one family remembers (its members sample mostly alike)."""


CHECKS = 8
"""Calls of a family checked against one value at a time before NumPy is trusted with it."""


def one_at_a_time(fn: Fn, var: str, count: int) -> Callable[[np.ndarray], np.ndarray]:
    """An expression using lists, drawn: ``count`` values per sample (rows), NaN where
    undefined, as if evaluated at one value of ``var`` at a time (the list's values never
    meet the samples).

    NumPy evaluates all the samples at once as a column (lists along the rows) when
    that agrees with one value at a time at two samples of each of the first ``CHECKS``
    calls; an expression
    that cannot (a list of expressions in x, a statistic of a list times x) is then
    evaluated one value at a time for good, remembering values, as a family's members
    share them. (The TypeScript twin has no 2-D arrays: it always goes one at a time.)
    """
    cache: dict[float, np.ndarray] = {}
    undefined = np.full(count, np.nan)
    whole = [True]
    checks = [0]

    def one(value: float) -> np.ndarray:
        try:
            out = np.asarray(fn({var: np.float64(value)}), dtype=float).reshape(-1)
        except TimeLimit:
            raise
        except PlotterError:
            return undefined
        if len(out) != count:
            out = np.broadcast_to(out, (count,)) if len(out) == 1 else undefined
        return np.where(np.isfinite(out), out, np.nan)

    def at_once(points: np.ndarray) -> np.ndarray | None:
        try:
            rows = np.asarray(fn({var: points.reshape(-1, 1)}), dtype=float)
            rows = np.broadcast_to(rows, (points.size, count))
        except (PlotterError, TypeError, ValueError, IndexError):
            return None
        rows = np.where(np.isfinite(rows), rows, np.nan)
        if checks[0] < CHECKS and points.size:
            checks[0] += 1
            for i in {0, points.size // 2}:
                if not np.allclose(rows[i], one(float(points[i])), rtol=1e-9, equal_nan=True):
                    return None
        return rows

    last: list[np.ndarray] = [np.empty(0), np.empty((0, count))]

    def evaluate(values: np.ndarray) -> np.ndarray:
        points = np.asarray(values, dtype=float).reshape(-1)
        if np.array_equal(points, last[0]):  # the members of a family, one after another
            return last[1].reshape((*np.shape(values), count))
        with np.errstate(all="ignore"):
            rows = at_once(points) if whole[0] else None
            if rows is None:
                whole[0] = False
                rows = np.empty((points.size, count))
                for i, value in enumerate(points.tolist()):
                    row = cache.get(value)
                    if row is None:
                        if len(cache) >= CACHED:
                            cache.clear()
                        row = cache[value] = one(value)
                    rows[i] = row
        last[:] = [points.copy(), rows]
        return rows.reshape((*np.shape(values), count))

    return evaluate


def member_fn(family: Callable[[np.ndarray], np.ndarray], index: int) -> Fn1:
    """Member ``index`` of a family of curves: a plan function of one variable."""

    def evaluate(values: np.ndarray) -> np.ndarray:
        return family(values)[..., index]

    return evaluate


def surface_fn(left: Fn, right: Fn) -> Fn2:
    """A plan function of x and y: ``left - right``, NaN where undefined."""

    def evaluate(xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        x = np.asarray(xs, dtype=float)
        y = np.asarray(ys, dtype=float)
        env = {"x": x, "y": y}
        with np.errstate(all="ignore"):
            result = np.asarray(left(env) - right(env), dtype=float)
            result = np.broadcast_to(result, np.broadcast_shapes(x.shape, y.shape))
            return np.where(np.isfinite(result), result, np.nan)

    return evaluate
