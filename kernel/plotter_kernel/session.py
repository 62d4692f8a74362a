"""A calculator session: runs cells, keeping user functions and parameters between them."""

from __future__ import annotations

import math
from collections.abc import Mapping
from types import MappingProxyType

from .budget import Budget
from .errors import WARNING, PlotterError, Problem, Span
from .lang.compile import Compiler
from .lang.definitions import Definition, Graph, cycle_message
from .lang.emit import emit
from .lang.parser import parse_line
from .lang.statements import FunctionDef, ParameterDef, Statement, classify
from .lang.syntax import Line
from .limits import Limits
from .plan import CellPlan

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
    """

    def __init__(self, limits: Limits = Limits()) -> None:  # noqa: B008 (frozen, shared safely)
        self.limits = limits
        self._defs: dict[str, Definition] = {}

    @property
    def definitions(self) -> Mapping[str, Definition]:
        """The user's functions and parameters, by name (read-only)."""
        return MappingProxyType(self._defs)

    def reset(self) -> None:
        """Forget user functions and parameters."""
        self._defs.clear()

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
            parsed: Parsed = []
            for index, text in enumerate(lines):
                where = Span(index, 0, len(text))
                budget.check()
                item = self._parse(index, text, problems)
                if item is not None:
                    parsed.append(item)
            compiler = self._define(parsed, problems, budget)
            for line, statement in parsed:
                where = Span(line.span.line, 0, len(lines[line.span.line]))
                budget.check()
                self._emit(statement, line, compiler, plan, problems)
        except PlotterError as err:
            if err.code != "time-limit":
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

    def _parse(
        self, index: int, text: str, problems: list[Problem]
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
            line = parse_line(text, index, self.limits.max_depth)
            return None if line is None else (line, classify(line))
        except PlotterError as err:
            problems.append(Problem.from_error(err, whole))
        except RecursionError:
            problems.append(_too_deep(whole))
        except Exception:
            problems.append(_internal(whole))
        return None

    def _define(self, parsed: Parsed, problems: list[Problem], budget: Budget) -> Compiler:
        """Enter the cell's definitions first (so lines above may use them), check them, commit."""
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
            table[name] = Definition(name, params, statement.body, line.text, statement.name_span)
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

        compiler = Compiler(table, self.limits, budget.check, broken)
        for name in order:
            budget.check()
            try:
                compiler.prepare(name)
            except Exception as err:
                if name not in mine or name in broken:
                    continue  # an older definition: reported where it is used
                span = table[name].name_span
                if isinstance(err, PlotterError):
                    if err.code == "time-limit":
                        raise
                    reject(name, Problem.from_error(err, span))
                else:
                    reject(
                        name,
                        _too_deep(span) if isinstance(err, RecursionError) else _internal(span),
                    )
                compiler.forget(name)
        self._defs = table
        return compiler

    def _emit(
        self,
        statement: Statement,
        line: Line,
        compiler: Compiler,
        plan: CellPlan,
        problems: list[Problem],
    ) -> None:
        if isinstance(statement, (FunctionDef, ParameterDef)):
            if statement.name in compiler.broken:
                return  # its problem is already reported
        try:
            if isinstance(statement, ParameterDef):
                self._check_parameter(statement, line, compiler, problems)
            else:
                emit(statement, line, compiler, plan)
        except PlotterError as err:
            if err.code == "time-limit":
                raise
            problems.append(Problem.from_error(err, line.span))
        except RecursionError:
            problems.append(_too_deep(line.span))
        except Exception:
            problems.append(_internal(line.span))

    @staticmethod
    def _check_parameter(
        statement: ParameterDef, line: Line, compiler: Compiler, problems: list[Problem]
    ) -> None:
        """Warn about a parameter without a value: every curve using it would vanish."""
        if math.isnan(compiler.parameter(statement.name, statement.name_span)):
            message = f"{statement.name} is undefined, so whatever uses it will be too."
            problems.append(Problem("ValueError", message, line.span, "undefined-value", WARNING))
