"""Regression (SPEC §10): ``Y ~ m X + b`` fits the model's unknown names to lists.

The model is compiled once with its unknown names as inputs (like a function's), so each
trial of the parameters is one call. Whether the model is linear in them is decided by
evaluation, the same rule as the TypeScript twin: linear models are solved exactly, the
others by Levenberg–Marquardt from 1 (or from a name's value of an earlier fit).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import PlotterError, Span
from .builtins import BUILTINS, CONSTANTS
from .compile import NUMBER_SCOPE, Compiler, Scope
from .fitting import linear, nonlinear
from .statements import Explicit, PointList, Regression
from .syntax import (
    PLOT_VARIABLES,
    Call,
    Comprehension,
    Expr,
    Group,
    Name,
    Num,
    Series,
    substitute,
    walk,
)

PRINTED_DIGITS = 6
"""Significant digits of the printed parameters and r² (the values keep every digit)."""

LINEAR_TOLERANCE = 1e-9
"""How closely a linear model must follow f(0) + Σ pᵢ (f(eᵢ) − f(0)) at the probes."""

NUDGE = 1e-6
"""The relative change of a fitted parameter that must still move the model: a non-linear
fit whose parameter no longer matters (``e^(a X)`` fitted to negative data, a → −∞)
went off to infinity, wherever it stopped."""


def probes(count: int) -> list[list[float]]:
    """The parameter vectors at which linearity is checked (fixed, so both kernels agree)."""
    return [[1.5 + 0.25 * i for i in range(count)], [-0.75 + 0.5 * i for i in range(count)]]


@dataclass(frozen=True)
class Fit:
    """The outcome of one regression line."""

    names: tuple[str, ...]
    values: tuple[float, ...]
    linear: bool
    r2: float
    """1 − SSres/SStot over the rows used (NaN when the data do not vary)."""
    residuals: np.ndarray
    """Data minus model on every row (also those the braces leave out)."""
    points: PointList | None
    """``(X, Y)``: the data, when the model uses exactly one list."""
    curve: Explicit | None
    """The model with its fitted numbers and x for that list."""
    span: tuple[float, float] | None
    """An x window holding the data points (a tenth of their spread beside them)."""


def _error(ename: str, message: str, span: Span, code: str) -> PlotterError:
    return PlotterError(ename, message, span, code)


def unknowns(model: Expr, is_unknown: Callable[[str], bool]) -> tuple[str, ...]:
    """The names the fit finds, in order of first use: names of the model that
    ``is_unknown`` (not defined, or from an earlier fit), not builtins or constants."""
    local = {n.var.id for n in walk(model) if isinstance(n, Comprehension)}
    local |= {n.index.id for n in walk(model) if isinstance(n, Series)}
    found: list[str] = []
    for node in walk(model):
        name = node.id if isinstance(node, Name) else node.func if isinstance(node, Call) else None
        if (
            name is None
            or name in found
            or name in local
            or name in PLOT_VARIABLES
            or name in CONSTANTS
            or (name in BUILTINS and isinstance(node, Call))
        ):
            continue
        if is_unknown(name):
            found.append(name)
    return tuple(found)


def _lengths(first: int, second: int, span: Span) -> PlotterError:
    message = f"These lists have different lengths ({first} and {second})."
    return _error("ValueError", message, span, "list-lengths")


def _rows(
    statement: Regression, compiler: Compiler, data: np.ndarray, first: np.ndarray, count: int
) -> np.ndarray:
    """The rows used: every braces condition holds (a condition without lists holds for
    all), the data are defined and so is the model where the fit starts (a row it can't
    start on is left out). Raises when none can start or too few are left."""
    chosen = np.isfinite(data)
    for condition in statement.rows:
        holds = np.asarray(compiler.condition(condition, NUMBER_SCOPE, True)({}), dtype=bool)
        if holds.ndim and holds.size != data.size:
            raise _lengths(data.size, holds.size, condition.span)
        chosen &= holds
    rows = chosen & np.isfinite(first)
    if chosen.any() and not rows.any():
        raise _error(
            "ValueError",
            "The fit can't start: the model is undefined at its starting values "
            "(1, or the values of an earlier fit).",
            statement.span,
            "fit-failed",
        )
    used = int(rows.sum())
    if used < count:
        raise _error(
            "ValueError",
            f"{count} parameters need at least {count} rows of data; "
            f"there {'is' if used == 1 else 'are'} {used}.",
            statement.span,
            "fit-underdetermined",
        )
    return rows


def fit(
    statement: Regression,
    compiler: Compiler,
    is_unknown: Callable[[str], bool],
    earlier: Mapping[str, float],
) -> Fit:
    """Fit ``statement``; ``earlier`` are the values of names fitted before (the start).

    Raises
    ------
    PlotterError
        A located problem: no lists, lists of different lengths, nothing to fit, too few
        rows or parameters the data cannot tell apart, a fit that does not converge.
    """
    names = unknowns(statement.model, is_unknown)
    if not names:
        raise _error(
            "ValueError",
            "There is nothing to fit: every name on the right has a value. "
            "Use new names for the parameters, like Y ~ m X + b.",
            statement.model.span,
            "fit-no-parameters",
        )
    scope = Scope(locals=names, where="a regression")
    for side, node in (("left", statement.data), ("right", statement.model)):
        if not compiler.is_list(node, scope):
            raise _error(
                "TypeError",
                f"A regression fits lists: its {side} side needs one, like Y ~ m X + b.",
                node.span,
                "fit-needs-lists",
            )
    data = np.asarray(compiler.value(statement.data), dtype=float)
    model_fn = compiler.compile(statement.model, scope)

    def model(params: Any) -> np.ndarray:
        env = {name: np.float64(v) for name, v in zip(names, params, strict=True)}
        with np.errstate(all="ignore"):
            values = np.asarray(model_fn(env), dtype=float)
        compiler.check()
        return np.broadcast_to(values, data.shape) if values.ndim == 0 else values

    start = np.array([earlier.get(name, 1.0) for name in names])
    first = model(start)
    if first.size != data.size:
        raise _lengths(data.size, first.size, statement.span)
    rows = _rows(statement, compiler, data, first, len(names))
    target = data[rows]
    design = _design(lambda p: model(p)[rows], len(names))
    if design is not None:
        base, columns = design
        found = linear(columns, target - base)
        if found is None:
            raise _error(
                "ValueError",
                "The data can't tell these parameters apart: "
                f"{', '.join(names)} play the same part in the model.",
                statement.span,
                "fit-underdetermined",
            )
    else:
        found = nonlinear(lambda p: model(p)[rows] - target, start)
        if found is not None and _stalled(lambda p: model(p)[rows], found):
            found = None
        if found is None:
            raise _error(
                "ValueError",
                "The fit did not converge, so nothing is defined. Try other starting "
                "values: define the names first, by an earlier fit or by hand.",
                statement.span,
                "fit-failed",
            )
    values = tuple(float(v) for v in found)
    residuals = data - model(values)
    spread = float(np.sum((target - target.mean()) ** 2))
    left = float(np.sum(residuals[rows] ** 2))
    r2 = 1.0 - left / spread if spread > 0 else math.nan
    points, curve = _drawing(statement, compiler, scope, names, values)
    span = None if points is None else _span(compiler.value(points.points[0].items[0]))
    return Fit(names, values, design is not None, r2, residuals, points, curve, span)


def _design(model: Callable[[Any], np.ndarray], count: int) -> tuple[Any, Any] | None:
    """``(f(0), columns f(eᵢ) − f(0))`` when the model is linear in its parameters (it
    follows them at every probe, with every value defined), else ``None``."""
    base = model([0.0] * count)
    columns = np.empty((base.size, count))
    for i in range(count):
        unit = [0.0] * count
        unit[i] = 1.0
        columns[:, i] = model(unit) - base
    if not (np.all(np.isfinite(base)) and np.all(np.isfinite(columns))):
        return None
    for probe in probes(count):
        got = model(probe)
        expected = base + columns @ np.array(probe)
        scale = 1 + np.abs(got) + np.abs(base) + np.abs(columns) @ np.abs(np.array(probe))
        if not np.all(np.abs(got - expected) <= LINEAR_TOLERANCE * scale):
            return None
    return base, columns


def _stalled(model: Callable[[Any], np.ndarray], found: np.ndarray) -> bool:
    """Whether some parameter no longer moves the model (see ``NUDGE``)."""
    base = model(found)
    scale = 1e-12 * (1 + float(np.max(np.abs(base))))
    for i, value in enumerate(found):
        moved = found.copy()
        moved[i] = value + NUDGE * max(abs(value), 1.0)
        if not np.max(np.abs(model(moved) - base)) > scale:
            return True
    return False


def _drawing(
    statement: Regression,
    compiler: Compiler,
    scope: Scope,
    names: tuple[str, ...],
    values: tuple[float, ...],
) -> tuple[PointList | None, Explicit | None]:
    """The data as points ``(X, left side)`` and the fitted curve, when the model uses
    exactly one list ``X`` (else nothing is drawn)."""
    lists = {
        n.id
        for n in walk(statement.model)
        if isinstance(n, Name) and n.id not in names and compiler.is_list(n, scope)
    }
    if len(lists) != 1:
        return None, None
    (variable,) = lists
    span = statement.span
    points = PointList((Group((Name(variable, span), statement.data), span),))
    expr = statement.model
    for name, value in zip(names, values, strict=True):
        expr = substitute(expr, name, Num(value, span))
    return points, Explicit("x", substitute(expr, variable, Name("x", span)))


def _span(xs: Any) -> tuple[float, float] | None:
    """An x window holding ``xs``: their range and a tenth of it each side (±1 around a
    single value); ``None`` when none is defined."""
    defined = np.asarray(xs, dtype=float)
    defined = defined[np.isfinite(defined)]
    if not defined.size:
        return None
    lo, hi = float(defined.min()), float(defined.max())
    margin = (hi - lo) / 10 if hi > lo else 1.0
    return lo - margin, hi + margin


def printed(fit: Fit) -> list[str]:
    """What the cell prints: each parameter, then r² (R² when the model is not linear)."""
    lines = [f"{name} = {short(v)}" for name, v in zip(fit.names, fit.values, strict=True)]
    lines.append(f"{'r' if fit.linear else 'R'}² = {short(fit.r2)}")
    return lines


def short(value: float) -> str:
    """A fitted number to ``PRINTED_DIGITS`` significant digits (``undefined`` for NaN)."""
    if not math.isfinite(value):
        return "undefined"
    text = f"{value:.{PRINTED_DIGITS}g}"
    return "0" if text == "-0" else text


def residual_name(taken: Callable[[str], bool]) -> str:
    """The first of ``e1``, ``e2``, … that names nothing yet."""
    number = 1
    while taken(f"e{number}"):
        number += 1
    return f"e{number}"
