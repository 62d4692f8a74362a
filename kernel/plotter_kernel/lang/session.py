"""A calculator session: runs cells, keeping user functions and parameters between them."""

from __future__ import annotations

import math
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import numpy as np

from ..budget import Budget
from ..errors import WARNING, PlotterError, Problem, Span, TimeLimit
from ..limits import Limits
from ..plan import CellPlan
from .angles import NOTE, unit_line
from .checks import run_check
from .compile import Compiler
from .definitions import Definition, Graph, ValueMemo, cycle_message
from .emit import emit, format_any, format_list
from .late import is_late, late_warning, reparse
from .parser import parse_line
from .program import build_program, is_drawable, without_braces
from .regression import fit, printed, residual_name, short
from .runs import Known, cell_known
from .statements import (
    Assertion,
    FunctionDef,
    ParameterDef,
    Regression,
    Statement,
    classify,
)
from .syntax import Line, ListLit, Num
from .tables import Reader, Refusal, check_path, not_available, read_table, table_line

Parsed = list[tuple[Line, Statement]]


def _too_deep(span: Span) -> Problem:
    return Problem("ResourceError", "This line is nested too deeply.", span, "too-deep")


def _internal(span: Span) -> Problem:
    # A last resort so one line can never take the others down with it.
    return Problem("ValueError", "This line could not be worked out.", span, "internal-error")


class Session:
    """The state of one kernel: named functions and parameters that persist across cells.

    Parameters
    ----------
    limits
        The resource limits every cell runs under.
    read_table
        Gives the text of a table file (``table("data.csv")``), or why not.
    """

    def __init__(
        self,
        limits: Limits = Limits(),  # noqa: B008 (frozen, shared safely)
        read_table: Reader = not_available,
    ) -> None:
        self.limits = limits
        self.read_table = read_table
        self._defs: dict[str, Definition] = {}
        self._memo = ValueMemo()
        self._parsed_with: dict[str, frozenset[str]] = {}
        """The user names each stored definition was last parsed with."""
        self.degrees = False
        """The angle unit: a line ``degrees`` or ``radians`` switches it until restart."""
        self._fitted: dict[str, Definition] = {}
        """The definitions regressions made; a name still holding one is fitted again."""
        self._residuals: dict[str, str] = {}
        """The residual list (``e1``, …) of each regression, by its text."""

    @property
    def definitions(self) -> Mapping[str, Definition]:
        """The user's functions and parameters, by name (read-only)."""
        return MappingProxyType(self._defs)

    def value(self, name: str) -> float | None:
        """The full-precision value of a stored parameter (NaN if undefined); ``None`` for
        a function or a name that is not defined or cannot be worked out within a second."""
        definition = self._defs.get(name)
        if definition is None or definition.is_function:
            return None
        budget = Budget(min(1.0, self.limits.seconds_per_cell))  # an assist: never long
        compiler = Compiler(self._defs, self.limits, budget.check, None, self._memo)
        try:
            value = compiler.parameter(name, definition.name_span)
        except (PlotterError, RecursionError):
            return None
        return None if isinstance(value, np.ndarray) else float(value)  # a list: its text

    def reset(self) -> None:
        """Forget user functions and parameters."""
        self._defs.clear()
        self._memo.clear()
        self._parsed_with.clear()
        self.degrees = False
        self._fitted.clear()
        self._residuals.clear()

    def run(self, source: str, budget: Budget) -> tuple[CellPlan, list[Problem]]:
        """Evaluate one cell.

        Never raises for anything a user can type (``KeyboardInterrupt`` propagates):
        every problem is returned with its span, and one bad line never stops the others.

        Returns
        -------
        The plan of what to draw and print, and the cell's problems in source order.
        """
        plan = CellPlan()
        problems: list[Problem] = []
        lines = source.split("\n")
        if len(source) > self.limits.max_cell_chars:
            problems.append(self._cell_too_long(lines))
            return plan, problems
        where = Span(0, 0, 0)
        try:
            columns: list[tuple[str, Any]] = []
            tables = self._tables(lines, problems, plan, columns)
            known = self._known(lines)
            parsed: Parsed = []
            degrees: set[int] = set()
            note: Span | None = None  # the first line read in degrees: the cell says so there
            for index, text in enumerate(lines):
                where = Span(index, 0, len(text))
                budget.check()
                if index in tables:
                    continue
                unit = unit_line(text)
                if unit is not None:
                    self.degrees = unit == "degrees"
                item = None if unit else self._parse(index, text, problems, known)
                if item is not None:
                    parsed.append(item)
                if self.degrees and (unit or item) and note is None:
                    note = Span(index, 0, len(text.rstrip()))
                if self.degrees:
                    degrees.add(index)
            if note is not None:
                problems.append(Problem("ValueError", NOTE, note, "degrees", WARNING))
            plan.degrees = note is not None
            compiler, late = self._define(parsed, problems, budget, lines, known, degrees)
            fits: dict[int, Parsed] = {}  # first, so the lines below may use what they define
            for line, statement in parsed:
                if isinstance(statement, Regression):
                    where = Span(line.span.line, 0, len(lines[line.span.line]))
                    fits[line.span.line] = self._fit(statement, line, compiler, plan, problems)
            drawn: Parsed = []
            checks: list[tuple[Line, Assertion]] = []
            for line, statement in parsed:
                where = Span(line.span.line, 0, len(lines[line.span.line]))
                budget.check()
                if isinstance(statement, (FunctionDef, ParameterDef)) and statement.name in late:
                    continue  # kept with a warning; nothing to draw yet
                if isinstance(statement, Assertion):
                    checks.append((line, statement))  # last: the cell's window is known
                    continue
                if isinstance(statement, Regression):
                    drawn.extend(fits[line.span.line])
                    continue
                if self._emit(statement, line, compiler, plan, problems) and is_drawable(statement):
                    drawn.append((line, classify(without_braces(line))))
            for line, check in checks:
                where = Span(line.span.line, 0, len(lines[line.span.line]))
                budget.check()
                self._check(check, line, lines[line.span.line], compiler, plan, problems)
            if drawn:
                here = {s.name: line.span.line for line, s in parsed if isinstance(s, ParameterDef)}
                window = {
                    "x": list(plan.window.x) if plan.window.x else None,
                    "y": list(plan.window.y) if plan.window.y else None,
                }
                plan.program = build_program(
                    drawn, compiler.defs, window, here, plan.degrees, compiler.frozen_value
                )
            if parsed and all(isinstance(s, ParameterDef) for _, s in parsed):
                self._print_parameters(parsed, compiler, late, plan, columns)
            plan.values.sort(key=lambda value: value[0])
            if columns and len(columns) == len(plan.values):
                plan.table = columns  # lists only: also shown as a table
        except PlotterError as err:
            if not isinstance(err, TimeLimit):
                raise
            problems.append(Problem.from_error(err, where))
        problems.sort(key=lambda p: (p.span.line, p.span.start))
        return plan, problems

    # -- steps ---------------------------------------------------------------------------

    def _cell_too_long(self, lines: list[str]) -> Problem:
        most = self.limits.max_cell_chars
        seen = 0
        for index, text in enumerate(lines):
            if seen + len(text) >= most:
                start = max(0, most - seen)
                return Problem(
                    "ResourceError",
                    f"This cell is longer than {most} characters.",
                    Span(index, start, len(text)),
                    "cell-too-long",
                )
            seen += len(text) + 1
        return Problem("ResourceError", "This cell is too long.", Span(0, 0, 0), "cell-too-long")

    def _known(self, lines: list[str]) -> Known:
        """The user names this cell sees; stored definitions are re-read when they change."""
        values = {name for name, d in self._defs.items() if not d.is_function}
        functions = {name for name, d in self._defs.items() if d.is_function}
        known = cell_known(lines, values, functions)
        names = known.values | known.functions
        for name, definition in list(self._defs.items()):
            if self._parsed_with.get(name) != names:
                self._defs[name] = reparse(definition, known, self.limits.max_depth)
                self._parsed_with[name] = names
        return known

    def _tables(
        self,
        lines: list[str],
        problems: list[Problem],
        plan: CellPlan,
        columns: list[tuple[str, Any]],
    ) -> set[int]:
        """Read the cell's ``table("...")`` lines first, so every line may use their lists;
        the indices of those lines."""
        found: set[int] = set()
        for index, text in enumerate(lines):
            try:
                where = table_line(text, index)
            except PlotterError as err:
                problems.append(Problem.from_error(err, Span(index, 0, len(text))))
                found.add(index)
                continue
            if where is None:
                continue
            found.add(index)
            path = text[where.start + 1 : where.end - 1]
            try:
                check_path(path, where)
                got = self.read_table(path)
                if isinstance(got, Refusal):
                    raise PlotterError(got.ename, got.message, where, got.code)
                table = read_table(path, got, self.limits.max_table_rows, where)
            except PlotterError as err:
                problems.append(Problem.from_error(err, where))
                continue
            problems.extend(table.warnings)
            for name, values in table.columns:
                body = ListLit(tuple(Num(value, where) for value in values), where)
                typed = f'{name} = a column of table("{path}")'
                self._defs[name] = Definition(name, None, body, typed, where)
                self._parsed_with.pop(name, None)
                plan.values.append((index, f"{name} = {format_list(values)}"))
                columns.append((name, values))
        return found

    @staticmethod
    def _print_parameters(
        parsed: Parsed,
        compiler: Compiler,
        late: set[str],
        plan: CellPlan,
        columns: list[tuple[str, Any]],
    ) -> None:
        """A cell that only defines parameters and lists prints them: ``a = 3``,
        ``L = [1, 2, 3]``; its lists are also kept in ``columns``."""
        for line, statement in parsed:
            assert isinstance(statement, ParameterDef)
            if statement.name in late or statement.name in compiler.broken:
                continue
            try:
                value = compiler.parameter(statement.name, statement.name_span)
            except PlotterError:
                continue
            plan.values.append((line.span.line, f"{statement.name} = {format_any(value)}"))
            if isinstance(value, np.ndarray):
                columns.append((statement.name, value))

    def _parse(
        self, index: int, text: str, problems: list[Problem], known: Known
    ) -> tuple[Line, Statement] | None:
        whole = Span(index, 0, len(text))
        most = self.limits.max_line_chars
        if len(text) > most:
            problems.append(
                Problem(
                    "ResourceError",
                    f"This line is longer than {most} characters.",
                    Span(index, most, len(text)),
                    "line-too-long",
                )
            )
            return None
        try:
            line = parse_line(text, index, self.limits.max_depth, known, self.degrees)
            return None if line is None else (line, classify(line))
        except PlotterError as err:
            problems.append(Problem.from_error(err, whole))
        except RecursionError:
            problems.append(_too_deep(whole))
        except Exception:
            problems.append(_internal(whole))
        return None

    def _define(
        self,
        parsed: Parsed,
        problems: list[Problem],
        budget: Budget,
        lines: list[str],
        known: Known,
        degrees: set[int],
    ) -> tuple[Compiler, set[str]]:
        """Enter the cell's definitions first (so lines above may use them), check them, commit.

        Returns the compiler and the definitions kept although something they use is
        missing (late binding).
        """
        table = dict(self._defs)
        mine: dict[str, int] = {}
        skipped: set[int] = set()
        for line, statement in parsed:
            if not isinstance(statement, (FunctionDef, ParameterDef)):
                continue
            name = statement.name
            if name in mine:
                problems.append(
                    Problem(
                        "ValueError",
                        f"{name} is already defined on line {mine[name] + 1} of this cell.",
                        statement.name_span,
                        "duplicate-definition",
                    )
                )
                skipped.add(line.span.line)
                continue
            params = statement.params if isinstance(statement, FunctionDef) else None
            source = lines[line.span.line]
            table[name] = Definition(
                name,
                params,
                statement.body,
                line.text,
                statement.name_span,
                source,
                line.span.line in degrees,
            )
            self._parsed_with[name] = known.values | known.functions
            mine[name] = line.span.line
        parsed[:] = [item for item in parsed if item[0].span.line not in skipped]

        broken: dict[str, int] = {}

        def reject(name: str, problem: Problem) -> None:
            # A definition with an error has no effect: the previous one, if any, stays.
            problems.append(problem)
            broken[name] = mine[name]
            if name in self._defs:
                table[name] = self._defs[name]
            else:
                del table[name]

        while True:
            graph = Graph(table)
            order, cyclic = graph.order()
            on_cycle = [name for name in mine if name in cyclic and name not in broken]
            if not on_cycle:
                break
            for name in on_cycle:
                path, span = graph.cycle_from(name, cyclic)
                reject(name, Problem("ValueError", cycle_message(path), span, "cycle"))

        late: set[str] = set()
        compiler = Compiler(table, self.limits, budget.check, broken, self._memo)
        for name in order:
            budget.check()
            try:
                compiler.prepare(name)
            except Exception as err:
                if name not in mine or name in broken:
                    continue  # an older definition: reported where it is used
                span = table[name].name_span
                if isinstance(err, PlotterError):
                    if isinstance(err, TimeLimit):
                        raise
                    if is_late(err):
                        problems.append(late_warning(name, err, span))
                        late.add(name)
                        continue
                    reject(name, Problem.from_error(err, span))
                else:
                    reject(
                        name,
                        _too_deep(span) if isinstance(err, RecursionError) else _internal(span),
                    )
                compiler.forget(name)
        self._defs = table
        return compiler, late

    def _fit(
        self,
        statement: Regression,
        line: Line,
        compiler: Compiler,
        plan: CellPlan,
        problems: list[Problem],
    ) -> Parsed:
        """Run one regression: define its names and residuals, print them; what it draws.

        A fit that fails defines nothing. Fits run before the cell's other statements
        are worked out, but after its definitions: ``y = m x + b`` below a fit draws
        with its numbers, ``c = 2m`` in the same cell waits for the next run.
        """
        fitted = {n: d for n, d in self._fitted.items() if self._defs.get(n) is d}
        earlier = {n: d.body.value for n, d in fitted.items() if isinstance(d.body, Num)}
        try:
            result = fit(statement, compiler, lambda n: n not in self._defs or n in fitted, earlier)
        except PlotterError as err:
            if isinstance(err, TimeLimit):
                raise
            problems.append(Problem.from_error(err, line.span))
            return []
        except RecursionError:
            problems.append(_too_deep(line.span))
            return []
        except Exception:
            problems.append(_internal(line.span))
            return []
        index, span = line.span.line, line.span
        for name, value in zip(result.names, result.values, strict=True):
            body = Num(value, span)
            self._define_fitted(Definition(name, None, body, f"{name} = {short(value)}", span))
            compiler.forget(name)
        plan.values.extend((index, text) for text in printed(result))
        kept = self._residuals.get(line.text)
        if kept is None or (kept in self._defs and self._fitted.get(kept) is not self._defs[kept]):
            taken = set(self._residuals.values())
            kept = residual_name(lambda n: n in self._defs or n in taken)
        name = self._residuals[line.text] = kept
        items = tuple(Num(float(v), span) for v in result.residuals)
        typed = f"{name} = the residuals of {line.text}"
        self._define_fitted(Definition(name, None, ListLit(items, span), typed, span))
        compiler.forget(name)
        plan.values.append((index, f"residuals: {name}"))
        if result.span is not None:  # the data in view (a window line of the cell wins)
            old = plan.window.x
            lo, hi = (
                result.span
                if old is None
                else (min(old[0], result.span[0]), max(old[1], result.span[1]))
            )
            plan.window.x = (lo, hi)
        drawn: Parsed = []
        bare = without_braces(line)
        for shape in (result.points, result.curve):
            if shape is not None and self._emit(shape, bare, compiler, CellPlan(), []):
                drawn.append((bare, shape))
        return drawn

    @staticmethod
    def _check(
        statement: Assertion,
        line: Line,
        source: str,
        compiler: Compiler,
        plan: CellPlan,
        problems: list[Problem],
    ) -> None:
        """Run one check: print ``✓ …`` when it holds, else report its ``CheckError``."""
        try:
            passed = run_check(statement, source, compiler, plan.window.x)
        except PlotterError as err:
            if isinstance(err, TimeLimit):
                raise
            problems.append(Problem.from_error(err, line.span))
            return
        except RecursionError:
            problems.append(_too_deep(line.span))
            return
        except Exception:
            problems.append(_internal(line.span))
            return
        plan.values.append((line.span.line, passed))

    def _define_fitted(self, definition: Definition) -> None:
        self._defs[definition.name] = definition
        self._fitted[definition.name] = definition
        self._parsed_with.pop(definition.name, None)

    def _emit(
        self,
        statement: Statement,
        line: Line,
        compiler: Compiler,
        plan: CellPlan,
        problems: list[Problem],
    ) -> bool:
        """Check one statement and add its values to ``plan``; whether it went well.

        A drawable statement is worked out once here, so its problems are the
        language's; the drawing works from the program, not from this plan.
        """
        if isinstance(statement, (FunctionDef, ParameterDef)):
            if statement.name in compiler.broken:
                return False  # its problem is already reported
        try:
            if isinstance(statement, ParameterDef):
                self._check_parameter(statement, line, compiler, problems)
            else:
                emit(statement, line, compiler, CellPlan() if is_drawable(statement) else plan)
            return True
        except PlotterError as err:
            if isinstance(err, TimeLimit):
                raise
            if isinstance(statement, FunctionDef) and err.code == "needs-list":
                return False  # `f(L) = mean(L)`: a function of a list, kept, not drawn
            if isinstance(statement, FunctionDef) and err.code == "list-in-drawing":
                # `f(x) = x + total(L)`: kept for calculations, not drawn (yet)
                message = f"{err.message} {statement.name} is kept for calculations."
                span = err.span or line.span
                problems.append(Problem(err.ename, message, span, err.code, WARNING))
                return False
            problems.append(Problem.from_error(err, line.span))
        except RecursionError:
            problems.append(_too_deep(line.span))
        except Exception:
            problems.append(_internal(line.span))
        return False

    @staticmethod
    def _check_parameter(
        statement: ParameterDef, line: Line, compiler: Compiler, problems: list[Problem]
    ) -> None:
        """Warn about a parameter without a value: every curve using it would vanish."""
        value = compiler.parameter(statement.name, statement.name_span)
        if not isinstance(value, np.ndarray) and math.isnan(value):
            message = f"{statement.name} is undefined, so whatever uses it will be too."
            problems.append(Problem("ValueError", message, line.span, "undefined-value", WARNING))
