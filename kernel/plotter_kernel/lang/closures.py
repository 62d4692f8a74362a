"""The closures compiled expressions are made of, and the wrappers that make plan functions."""

from __future__ import annotations

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


def sum_of(terms: list[tuple[bool, Fn]], span: Span, limit: float | None) -> Fn:
    first = terms[0][1]
    rest = terms[1:]

    def run(env: Env) -> Any:
        total = first(env)
        for negative, term in rest:
            total = total - term(env) if negative else total + term(env)
        if limit is not None:
            too_big(total, span, limit)
        return total

    return run


def product(factors: list[tuple[bool, Fn]], span: Span, limit: float | None) -> Fn:
    first = factors[0][1]
    rest = factors[1:]

    def run(env: Env) -> Any:
        total = first(env)
        for dividing, factor in rest:
            total = divide(total, factor(env)) if dividing else total * factor(env)
            if limit is not None:
                too_big(total, span, limit)
        return total

    return run


def apply(impl: Callable[..., Any], args: list[Fn], span: Span, limit: float | None) -> Fn:
    def run(env: Env) -> Any:
        result = impl(*[a(env) for a in args])
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
