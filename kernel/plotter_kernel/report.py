"""Turn a cell's problems into what Jupyter shows: ename, evalue, caret tracebacks, diagnostics."""

from __future__ import annotations

from typing import Any

from .errors import ERROR, Problem, Span, to_diagnostic

RED = "\x1b[31m"
BOLD = "\x1b[1m"
RESET = "\x1b[0m"


def statement_span(lines: list[str], line: int) -> Span:
    """The span of a line's statement: its text without indentation, comment or trailing space."""
    text = lines[line] if 0 <= line < len(lines) else ""
    code = text.split("#", 1)[0].rstrip()
    start = len(code) - len(code.lstrip())
    if start == len(code):  # nothing but a comment or blanks: mark the whole line
        return Span(line, 0, len(text.rstrip()))
    return Span(line, start, len(code))


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Problems in reading order, errors before warnings on the same spot."""
    return sorted(problems, key=lambda p: (p.span.line, p.span.start, p.severity))


def summary(errors: list[Problem]) -> tuple[str, str]:
    """The ``ename`` and one-sentence ``evalue`` of a cell with at least one error."""
    first = errors[0]
    evalue = f"Line {first.span.line + 1}: {first.message}"
    if len(errors) > 1:
        more = len(errors) - 1
        evalue += f" (and {more} more problem{'s' if more > 1 else ''})"
    return first.ename, evalue


def traceback(errors: list[Problem], lines: list[str]) -> list[str]:
    """Caret-underlined source lines, one block per error, with no Python internals."""
    blocks = []
    for p in errors:
        text = lines[p.span.line] if 0 <= p.span.line < len(lines) else ""
        width = max(1, p.span.end - p.span.start)
        caret = " " * p.span.start + "^" * width
        blocks.append(
            f"{BOLD}{RED}{p.ename}{RESET}: line {p.span.line + 1}: {p.message}\n"
            f"    {text}\n"
            f"    {RED}{caret}{RESET}"
        )
    return blocks


def diagnostics(problems: list[Problem], lines: list[str]) -> list[dict[str, Any]]:
    """Every problem of the cell in LSP ``Diagnostic`` shape."""
    return [to_diagnostic(p, lines) for p in sort_problems(problems)]


def errors_of(problems: list[Problem]) -> list[Problem]:
    """Only the errors (not the warnings), in reading order."""
    return [p for p in sort_problems(problems) if p.severity == ERROR]
