"""Located errors of the Plotter language and their LSP-shaped diagnostics."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .protocol import DIAGNOSTIC_SOURCE

#: The error names a cell may report (SPEC §2).
ENAMES = (
    "SyntaxError",
    "NameError",
    "TypeError",
    "ValueError",
    "ResourceError",
    "CheckError",
    "KeyboardInterrupt",
)

ERROR = 1
WARNING = 2


@dataclass(frozen=True)
class Span:
    """A range of one source line: 0-based line, start/end as Python str indices."""

    line: int
    start: int
    end: int


class PlotterError(Exception):
    """A problem in the user's cell, located at a span of its source.

    Parameters
    ----------
    ename
        One of :data:`ENAMES`.
    message
        One short sentence a student understands.
    span
        Where the problem is; ``None`` when the caller will attach the statement's span.
    code
        A stable machine-readable code, e.g. ``"unknown-name"``.
    """

    def __init__(
        self, ename: str, message: str, span: Span | None = None, code: str = "error"
    ) -> None:
        super().__init__(message)
        assert ename in ENAMES, ename
        self.ename = ename
        self.message = message
        self.span = span
        self.code = code


class ResourceLimit(PlotterError):
    """A configured limit was exceeded (time, samples, number size, depth, length)."""

    def __init__(self, message: str, span: Span | None = None, code: str = "limit"):
        super().__init__("ResourceError", message, span, code)


class TimeLimit(ResourceLimit):
    """The cell used up its seconds. Every stage lets this one through to the top."""

    def __init__(self, seconds: float):
        message = f"This cell would take longer than {seconds:g} seconds, so it was stopped."
        super().__init__(message, None, "time-limit")


class Interrupted(PlotterError):
    """The user interrupted the kernel while a cell was running."""

    def __init__(self, span: Span | None = None):
        message = "The calculation was interrupted."
        super().__init__("KeyboardInterrupt", message, span, "interrupted")


@dataclass(frozen=True)
class Problem:
    """One error or warning of a cell, before conversion to the wire format."""

    ename: str
    message: str
    span: Span
    code: str
    severity: int = ERROR

    @classmethod
    def from_error(cls, err: PlotterError, fallback: Span) -> Problem:
        """Make a problem from an exception, using ``fallback`` when it has no span."""
        return cls(err.ename, err.message, err.span or fallback, err.code, ERROR)


def utf16_column(text: str, index: int) -> int:
    """Convert a Python str index into a UTF-16 code-unit column (a JavaScript index)."""
    prefix = text[: max(0, min(index, len(text)))]
    return len(prefix) + sum(1 for ch in prefix if ord(ch) > 0xFFFF)


def to_diagnostic(problem: Problem, lines: list[str]) -> dict[str, Any]:
    """Shape a problem as an LSP ``Diagnostic`` with UTF-16 columns."""
    text = lines[problem.span.line] if 0 <= problem.span.line < len(lines) else ""
    start = utf16_column(text, problem.span.start)
    end = max(start, utf16_column(text, problem.span.end))
    return {
        "range": {
            "start": {"line": problem.span.line, "character": start},
            "end": {"line": problem.span.line, "character": end},
        },
        "severity": problem.severity,
        "message": problem.message,
        "source": DIAGNOSTIC_SOURCE,
        "code": problem.code,
    }
