"""Turn a cell's problems into what Jupyter shows: ename, evalue, caret tracebacks, diagnostics."""

from __future__ import annotations

from typing import Any

from .errors import ERROR, Problem, Span, to_diagnostic

ECHO_CHARS = 80
"""Most characters of a source line echoed in a traceback; longer lines show an excerpt."""

MAX_BLOCKS = 50
"""Most errors shown in a traceback; the diagnostics still list every one."""

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
    evalue = f"Line {first.span.line + 1}: {escaped(first.message)}"
    if len(errors) > 1:
        more = len(errors) - 1
        evalue += f" (and {more} more problem{'s' if more > 1 else ''})"
    return first.ename, evalue


def escaped(text: str) -> str:
    """``text`` with control characters written as ``\\x1b``, so a cell cannot drive a terminal."""
    return "".join(_escape_char(ch) for ch in text)


def _escape_char(ch: str) -> str:
    code = ord(ch)
    if ch == "\t" or not (code < 0x20 or 0x7F <= code < 0xA0 or code in (0x2028, 0x2029)):
        return ch
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def excerpt(text: str, start: int, end: int, width: int = ECHO_CHARS) -> tuple[str, int, int]:
    """At most about ``width`` escaped characters of ``text`` around ``[start, end)``.

    Returns the shown text and the span's start and end in it, for the caret line.
    """
    lo = max(0, min(start - width // 4, len(text) - width))
    hi = min(len(text), lo + width)
    end = min(end, hi)
    head = escaped(text[lo:start]) if start >= lo else ""
    shown = escaped(text[lo:hi])
    marked = escaped(text[max(lo, start) : max(lo, start, end)])
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(text) else ""
    column = len(prefix) + len(head)
    return prefix + shown + suffix, column, column + len(marked)


def traceback(errors: list[Problem], lines: list[str]) -> list[str]:
    """Caret-underlined source lines, one block per error, with no Python internals."""
    blocks = []
    for p in errors[:MAX_BLOCKS]:
        text = lines[p.span.line] if 0 <= p.span.line < len(lines) else ""
        shown, start, end = excerpt(text, p.span.start, p.span.end)
        caret = " " * start + "^" * max(1, end - start)
        blocks.append(
            f"{BOLD}{RED}{p.ename}{RESET}: line {p.span.line + 1}: {escaped(p.message)}\n"
            f"    {shown}\n"
            f"    {RED}{caret}{RESET}"
        )
    if len(errors) > MAX_BLOCKS:
        blocks.append(f"… and {len(errors) - MAX_BLOCKS} more problems (see the marks in the cell)")
    return blocks


def diagnostics(problems: list[Problem], lines: list[str]) -> list[dict[str, Any]]:
    """Every problem of the cell in LSP ``Diagnostic`` shape."""
    return [to_diagnostic(p, lines) for p in sort_problems(problems)]


def errors_of(problems: list[Problem]) -> list[Problem]:
    """Only the errors (not the warnings), in reading order."""
    return [p for p in sort_problems(problems) if p.severity == ERROR]
