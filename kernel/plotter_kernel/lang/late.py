"""Late binding: definitions that name what does not exist yet are kept, with a warning.

A stored definition is parsed again when the user's names change, because a letter run
such as ``ax`` reads as ``a x`` only once ``a`` is defined.
"""

from __future__ import annotations

from ..errors import WARNING, PlotterError, Problem, Span
from .definitions import Definition
from .parser import parse_line
from .runs import Known
from .statements import FunctionDef, ParameterDef, classify

#: Problems of a definition that go away once the names it uses are defined.
LATE_CODES = frozenset({"unknown-name", "broken-definition"})


def is_late(err: PlotterError) -> bool:
    """Whether ``err`` only says that something the definition uses is missing."""
    return err.code in LATE_CODES


def late_warning(name: str, err: PlotterError, fallback: Span) -> Problem:
    """The warning for a definition kept although something it uses is missing."""
    message = f"{err.message} {name} is kept and will work once that is defined."
    return Problem("NameError", message, err.span or fallback, "not-defined-yet", WARNING)


def reparse(definition: Definition, known: Known, max_depth: int) -> Definition:
    """``definition`` read again with today's names; the same object if nothing changed."""
    if not definition.source:
        return definition
    try:
        line = parse_line(
            definition.source, definition.name_span.line, max_depth, known, definition.degrees
        )
        statement = classify(line) if line is not None else None
    except (PlotterError, RecursionError):
        return definition
    if not isinstance(statement, (FunctionDef, ParameterDef)):
        return definition
    params = statement.params if isinstance(statement, FunctionDef) else None
    if statement.name != definition.name or params != definition.params:
        return definition
    if statement.body == definition.body:
        return definition
    return Definition(
        definition.name,
        params,
        statement.body,
        definition.text,
        definition.name_span,
        definition.source,
        definition.degrees,
    )
