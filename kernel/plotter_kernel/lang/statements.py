"""Classify a parsed line into the kind of statement it is (SPEC §1, the statement table)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..errors import PlotterError, Span
from .builtins import BUILTINS, CONSTANTS
from .statplots import StatStatement, statement_of
from .syntax import (
    PLOT_VARIABLES,
    Body,
    Call,
    Check,
    Comprehension,
    Condition,
    Expr,
    Group,
    Interval,
    Line,
    ListLit,
    Name,
    Piecewise,
    Relation,
    Seq,
    WindowClause,
    plot_variables,
    substitute,
)


@dataclass(frozen=True)
class Explicit:
    """``y = f(x)``, a bare expression in x (``var == "x"``), or ``x = f(y)`` (``var == "y"``)."""

    var: str
    expr: Expr
    domain: Interval | None = None


@dataclass(frozen=True)
class FunctionDef:
    """``f(a, b, ...) = body``; plotted over x when it has one input."""

    name: str
    params: tuple[str, ...]
    body: Expr
    name_span: Span
    domain: Interval | None = None


@dataclass(frozen=True)
class ParameterDef:
    """``a = 2.5``: a named number, not plotted."""

    name: str
    body: Expr
    name_span: Span


@dataclass(frozen=True)
class Calculation:
    """An expression without free variables: its value is printed."""

    expr: Expr


@dataclass(frozen=True)
class PointList:
    """``(1, 2)`` or ``(0, 0), (pi, 0)``."""

    points: tuple[Group, ...]


@dataclass(frozen=True)
class WindowSet:
    """``x in [a, b]`` or ``y in [a, b]``."""

    axis: str
    interval: Interval


@dataclass(frozen=True)
class ParametricCurve:
    """``(fx(t), fy(t))``, optionally ``for t in [a, b]``."""

    fx: Expr
    fy: Expr
    domain: Interval | None = None


@dataclass(frozen=True)
class PolarCurve:
    """``r = f(theta)``, optionally ``for theta in [a, b]``."""

    expr: Expr
    domain: Interval | None = None


@dataclass(frozen=True)
class ImplicitCurve:
    """``left = right`` in x and y."""

    left: Expr
    right: Expr


@dataclass(frozen=True)
class Region:
    """``left op right`` in x and y, shaded."""

    left: Expr
    op: str
    right: Expr


@dataclass(frozen=True)
class Regression:
    """``Y ~ m X + b {X > 2}``: fit the unknown names of ``model`` to ``data`` (lists),
    over the rows where every condition holds (see ``regression``)."""

    data: Expr
    model: Expr
    rows: tuple[Condition, ...]
    span: Span


@dataclass(frozen=True)
class Assertion:
    """``check f(2) = 5``: a test of the cell, printed when it holds, an error when not
    (see ``checks``); ``domain`` is its ``for x in [a, b]``."""

    check: Check
    domain: Interval | None = None


Statement = (
    Explicit
    | FunctionDef
    | ParameterDef
    | Calculation
    | PointList
    | WindowSet
    | ParametricCurve
    | PolarCurve
    | ImplicitCurve
    | Region
    | StatStatement
    | Regression
    | Assertion
)


def _error(ename: str, message: str, span: Span, code: str) -> PlotterError:
    return PlotterError(ename, message, span, code)


def _reserved(name: str, span: Span) -> PlotterError | None:
    """The error for giving a builtin, a constant or a plot variable a new meaning."""
    if name in BUILTINS:
        return _error(
            "NameError",
            f"{name} is a builtin function; choose another name.",
            span,
            "reserved-name",
        )
    if name in CONSTANTS:
        return _error(
            "NameError", f"{name} is a constant; choose another name.", span, "reserved-name"
        )
    if name in PLOT_VARIABLES:
        return _error(
            "NameError", f"{name} is a plot variable; choose another name.", span, "reserved-name"
        )
    return None


def _expr(body: Body) -> Expr:
    """``body`` as a single expression; a comma list is misplaced here."""
    if isinstance(body, Seq):
        raise _error(
            "SyntaxError",
            "A list separated by commas can only be points, like (1, 2), (3, 4).",
            body.span,
            "unexpected-list",
        )
    return body


def _no_group(expr: Expr) -> Expr:
    if isinstance(expr, Group):
        raise _error(
            "TypeError",
            "A point (a, b) can't be used in an equation.",
            expr.span,
            "point-in-expression",
        )
    return expr


def classify(line: Line) -> Statement:
    """The statement a parsed line makes.

    Raises
    ------
    PlotterError
        When the line is well-formed but means nothing (``2 = 3``, ``pi = 3``, ...).
    """
    body = line.body
    if isinstance(body, Check):
        return _restrict(Assertion(body), line)
    if isinstance(body, Relation) and body.op == "~":
        left, right = _no_group(_expr(body.left)), _no_group(_expr(body.right))
        # braces choose rows, so they are not attached as a curve's conditions
        return _restrict(Regression(left, right, line.conditions, body.span), line)
    if isinstance(body, WindowClause):
        statement: Statement = _window(body, line)
    elif isinstance(body, Relation):
        statement = _relation(body)
    elif isinstance(body, Seq) or isinstance(body, Group):
        statement = _points_or_parametric(body, line)
    elif _list_of_points(body):
        statement = _points_of_list(body)
    elif (stat := statement_of(body)) is not None:
        statement = stat
    elif plot_variables(body):
        statement = Explicit("x", body)
    else:
        statement = Calculation(body)
    return with_conditions(_restrict(statement, line), line)


def _window(clause: WindowClause, line: Line) -> WindowSet:
    if clause.var.id not in ("x", "y"):
        span, offset = clause.interval.span, line.span.start
        interval = line.text[span.start - offset : span.end - offset]
        raise _error(
            "SyntaxError",
            f"Only x and y have a window; to restrict a curve write it after the curve: "
            f"for {clause.var.id} in {interval}.",
            clause.var.span,
            "bad-window",
        )
    return WindowSet(clause.var.id, clause.interval)


def _only_where(expr: Expr, conditions: tuple[Condition, ...]) -> Expr:
    """``expr`` where every condition holds, undefined elsewhere (a piecewise node)."""
    for condition in reversed(conditions):
        expr = Piecewise(((condition, expr),), None, expr.span)
    return expr


def with_conditions(statement: Statement, line: Line) -> Statement:
    """Attach ``{0 < x < 5}`` conditions: the statement is drawn only where all hold."""
    conds = line.conditions
    if not conds:
        return statement
    if isinstance(statement, Explicit):
        # `y = x^2 {y < 4}`: a condition on the drawn coordinate reads the curve's value.
        drawn = "y" if statement.var == "x" else "x"
        conds = tuple(substitute(c, drawn, statement.expr) for c in conds)
        return replace(statement, expr=_only_where(statement.expr, conds))
    if isinstance(statement, PolarCurve):
        conds = tuple(substitute(c, "r", statement.expr) for c in conds)
        return replace(statement, expr=_only_where(statement.expr, conds))
    if isinstance(statement, ParametricCurve):
        conds = tuple(
            substitute(substitute(c, "x", statement.fx), "y", statement.fy) for c in conds
        )
        fx, fy = _only_where(statement.fx, conds), _only_where(statement.fy, conds)
        return replace(statement, fx=fx, fy=fy)
    if isinstance(statement, Calculation):
        return replace(statement, expr=_only_where(statement.expr, conds))
    if isinstance(statement, (FunctionDef, ParameterDef)):
        return replace(statement, body=_only_where(statement.body, conds))
    if isinstance(statement, (ImplicitCurve, Region)):
        return replace(statement, left=_only_where(statement.left, conds))
    span = Span(conds[0].span.line, conds[0].span.start, conds[-1].span.end)
    raise _error(
        "SyntaxError",
        "Only curves, regions and values can have conditions in braces.",
        span,
        "cannot-restrict",
    )


def _relation(rel: Relation) -> Statement:
    left = _no_group(_expr(rel.left))
    right = _no_group(_expr(rel.right))
    if rel.op != "=":
        if not plot_variables(rel):
            raise _error(
                "ValueError",
                "There is no x or y here, so there is nothing to shade.",
                rel.span,
                "nothing-to-plot",
            )
        return Region(left, rel.op, right)
    right_vars = {n.id for n in plot_variables(right)}
    if isinstance(left, Name):
        name = left.id
        if name == "y" and "y" not in right_vars:
            return Explicit("x", right)
        if name == "x" and "x" not in right_vars:
            return Explicit("y", right)
        if name == "r":
            return PolarCurve(right)
        if name in ("x", "y"):
            return ImplicitCurve(left, right)
        problem = _reserved(name, left.span)
        if problem is not None:
            raise problem
        if right_vars:
            var = plot_variables(right)[0]
            raise _error(
                "ValueError",
                f"{name} must be a number; to define a function write {name}({var.id}) = ...",
                var.span,
                "parameter-not-constant",
            )
        return ParameterDef(name, right, left.span)
    if (
        isinstance(left, Call)
        and left.func in BUILTINS
        and all(isinstance(a, Name) for a in left.args)
        and all(n.id != "y" for n in plot_variables(rel))
    ):
        # `sin(x) = x^2` reads as redefining sin; `sin(x) = cos(y)` is an equation.
        raise _error(
            "NameError",
            f"{left.func} is a builtin function and can't be redefined; choose another name.",
            left.func_span,
            "reserved-name",
        )
    if isinstance(left, Call) and left.func not in BUILTINS and not left.primes:
        if not (left.spaced and left.func in PLOT_VARIABLES):
            return _function_def(left, right)  # `y(x + 1) = 3` multiplies
    if not plot_variables(rel):
        raise _error(
            "ValueError",
            "There is no x or y here, so there is nothing to draw.",
            rel.span,
            "nothing-to-plot",
        )
    return ImplicitCurve(left, right)


def _function_def(head: Call, body: Expr) -> FunctionDef:
    problem = _reserved(head.func, head.func_span)
    if problem is not None:
        raise problem
    params: list[str] = []
    for arg in head.args:
        if not isinstance(arg, Name):
            raise _error(
                "SyntaxError",
                f"The inputs of {head.func} must be plain names, like {head.func}(x).",
                arg.span,
                "bad-definition",
            )
        if arg.id in BUILTINS or arg.id in CONSTANTS:
            raise _error(
                "NameError",
                f"{arg.id} can't be an input name; choose another name.",
                arg.span,
                "reserved-name",
            )
        if arg.id in params:
            raise _error(
                "SyntaxError", f"The input {arg.id} is listed twice.", arg.span, "bad-definition"
            )
        params.append(arg.id)
    return FunctionDef(head.func, tuple(params), body, head.func_span)


def _points_or_parametric(body: Seq | Group, line: Line) -> Statement:
    items = body.items if isinstance(body, Seq) else (body,)
    uses_t = any(n.id == "t" for n in plot_variables(body))
    restricted_t = line.restriction is not None and line.restriction.var.id == "t"
    for item in items:
        if not isinstance(item, Group) or len(item.items) != 2:
            raise _error(
                "TypeError",
                "A point needs two numbers in brackets, like (1, 2).",
                item.span,
                "not-a-point",
            )
    if (uses_t or restricted_t) and isinstance(body, Group):
        return ParametricCurve(body.items[0], body.items[1])
    if uses_t:
        raise _error(
            "SyntaxError", "Write one parametric curve per line.", body.span, "unexpected-list"
        )
    return PointList(tuple(item for item in items if isinstance(item, Group)))


def _list_of_points(body: Expr) -> bool:
    """``[(1, 2), (3, 4)]`` or ``[(k, k^2) for k = L]``: a list whose items are points."""
    if isinstance(body, ListLit):
        return bool(body.items) and all(isinstance(i, Group) for i in body.items)
    return isinstance(body, Comprehension) and isinstance(body.body, Group)


def _points_of_list(body: Expr) -> PointList:
    """A list of points as the points it draws; a comprehension of points is one point
    of two comprehensions, ``([a for k = L], [b for k = L])``."""
    if isinstance(body, Comprehension):
        group = body.body
        assert isinstance(group, Group)
        if len(group.items) != 2:
            raise _error(
                "TypeError",
                "A point needs two numbers in brackets, like (1, 2).",
                group.span,
                "not-a-point",
            )
        items = tuple(replace(body, body=item) for item in group.items)
        return PointList((Group(items, body.span),))
    assert isinstance(body, ListLit)
    for item in body.items:
        assert isinstance(item, Group)
        if len(item.items) != 2:
            raise _error(
                "TypeError",
                "A point needs two numbers in brackets, like (1, 2).",
                item.span,
                "not-a-point",
            )
    return PointList(tuple(i for i in body.items if isinstance(i, Group)))


def _restrict(statement: Statement, line: Line) -> Statement:
    """Attach a ``for v in [a, b]`` restriction to the statements that take one."""
    restriction = line.restriction
    if restriction is None:
        return statement
    var = restriction.var
    if isinstance(statement, Explicit):
        wanted = statement.var
    elif isinstance(statement, FunctionDef) and len(statement.params) == 1:
        wanted = statement.params[0]
    elif isinstance(statement, ParametricCurve):
        wanted = "t"
    elif isinstance(statement, PolarCurve):
        wanted = "theta"
    elif isinstance(statement, Assertion):
        wanted = "x"
    else:
        raise _error(
            "SyntaxError",
            "Only curves can be restricted with 'for'.",
            restriction.span,
            "cannot-restrict",
        )
    if var.id != wanted:
        what = "A check compares" if isinstance(statement, Assertion) else "This curve is drawn"
        raise _error(
            "ValueError",
            f"{what} along {wanted}, so write: for {wanted} in [a, b].",
            var.span,
            "wrong-restriction",
        )
    return replace(statement, domain=restriction.interval)
