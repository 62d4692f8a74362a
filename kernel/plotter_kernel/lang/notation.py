"""Closures for the v2 notation nodes: conditions, piecewise branches, sums and products."""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from typing import Any

import numpy as np

from ..errors import PlotterError, ResourceLimit
from .closures import Env, Fn, too_big
from .syntax import Series

MAX_TERMS = 10_000
"""Most terms of one ``sum`` or ``prod``."""

_COMPARE: dict[str, Callable[[Any, Any], Any]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "=": operator.eq,
}


def compare(operands: list[Fn], ops: tuple[str, ...]) -> Fn:
    """Where every link of ``a < b <= c`` holds; undefined values never hold."""

    def run(env: Env) -> Any:
        left = operands[0](env)
        holds: Any = True
        for op, operand in zip(ops, operands[1:], strict=True):
            right = operand(env)
            with np.errstate(invalid="ignore"):
                holds = holds & _COMPARE[op](np.asarray(left, dtype=float), right)
            left = right
        return holds

    return run


def piecewise(branches: list[tuple[Fn, Fn]], default: Fn | None) -> Fn:
    """The first branch whose condition holds, else the default, else undefined.

    A single value (a calculation) evaluates only the branch taken, so a branch that
    would overflow elsewhere does no harm.
    """

    def run(env: Env) -> Any:
        masks = [condition(env) for condition, _ in branches]
        if all(np.ndim(m) == 0 for m in masks):
            for mask, (_, value) in zip(masks, branches, strict=True):
                if mask:
                    return value(env)
            return default(env) if default is not None else np.float64(math.nan)
        result = default(env) if default is not None else np.float64(math.nan)
        for mask, (_, value) in reversed(list(zip(masks, branches, strict=True))):
            if np.any(mask):
                result = np.where(mask, value(env), result)
        return result

    return run


def series(
    node: Series,
    first: Fn,
    last: Fn,
    term: Fn,
    most: int,
    check: Callable[[], None],
    strict: bool,
    limit: float | None,
) -> Fn:
    """``sum``/``prod`` of ``term`` for the index from ``first`` to ``last`` (whole numbers).

    Bounds may vary along a curve (``f(n) = sum(k, 1, n, k)``): each sample sums its own
    range. Non-whole bounds are undefined; an empty range sums to 0 (product 1).
    """
    index = node.index.id
    is_sum = node.kind == "sum"

    def run(env: Env) -> Any:
        lo, hi = np.broadcast_arrays(
            np.asarray(first(env), dtype=float), np.asarray(last(env), dtype=float)
        )
        whole = np.isfinite(lo) & np.isfinite(hi) & (lo == np.floor(lo)) & (hi == np.floor(hi))
        if strict and not np.all(whole):
            raise PlotterError(
                "ValueError",
                f"The first and last index of {node.kind} must be whole numbers.",
                node.span,
                "bad-series",
            )
        total: Any = np.float64(0.0 if is_sum else 1.0)
        if not np.any(whole):
            return np.where(whole, total, math.nan)
        start, stop = int(np.min(lo[whole])), int(np.max(hi[whole]))
        if stop - start + 1 > most:
            if strict:
                raise ResourceLimit(
                    f"A {node.kind} has at most {most} terms; this one has {stop - start + 1}.",
                    node.span,
                    "too-many-terms",
                )
            return np.full(lo.shape, math.nan)
        scalar = lo.ndim == 0 and hi.ndim == 0
        for k in range(start, stop + 1):
            if k % 64 == 0:
                check()
            value = term({**env, index: np.float64(k)})
            step = total + value if is_sum else total * value
            total = step if scalar else np.where((lo <= k) & (k <= hi), step, total)
            if limit is not None:
                too_big(total, node.span, limit)
        return np.where(whole, total, math.nan) if not scalar else total

    return run
