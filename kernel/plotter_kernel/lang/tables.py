"""Tables from CSV/TSV files: ``table("data.csv")`` defines one list per column.

Pure: the file's text comes through a reader the session is given (the kernel reads the
notebook's folder, a test a dict of texts), so the rules here (the line, the path, the
parsing, the names, the limit and the HTML) are the same in both kernels.
"""

from __future__ import annotations

import csv
import html
import io
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..errors import WARNING, PlotterError, Problem, Span
from .builtins import BUILTINS, CONSTANTS
from .emit import format_value
from .syntax import PLOT_VARIABLES


@dataclass(frozen=True)
class Refusal:
    """Why a reader gives no text for a path: a message and its code (and error name)."""

    message: str
    code: str
    ename: str = "ValueError"


Reader = Callable[[str], "str | Refusal"]
"""Gives a table file's text, or why not."""

_START = re.compile(r"\s*table\s*\(")
_WHOLE = re.compile(r'\s*table\s*\(\s*"([^"\n]*)"\s*\)\s*(?:#.*)?$')
_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_KEYWORDS = frozenset({"for", "in", "table", "degrees", "radians"})
SHOWN_ROWS = 20
"""A table of more rows is shown as its first rows and a row saying how many there are."""


def not_available(path: str) -> Refusal:
    """The reader of a session that has no files."""
    return Refusal("Tables are not available here: there is no folder to read.", "table-none")


@dataclass
class Table:
    """The lists a table file defines: ``(name, values)`` per column, and the warnings."""

    path: str
    columns: list[tuple[str, list[float]]] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    rows: int = 0


def table_line(text: str, index: int) -> Span | None:
    """The span of the file name (with its quotes) if the line is ``table("...")``;
    ``None`` for any other line. A line starting ``table(`` without a quoted name is an
    error."""
    if not _START.match(text):
        return None
    match = _WHOLE.match(text)
    if match is None:
        end = len(text.split("#", 1)[0].rstrip())
        raise PlotterError(
            "SyntaxError",
            'Write the file name in double quotes, like table("data.csv").',
            Span(index, len(text) - len(text.lstrip()), end),
            "table-syntax",
        )
    return Span(index, match.start(1) - 1, match.end(1) + 1)


def check_path(path: str, where: Span) -> None:
    """Refuse what is not a file of the notebook's folder: absolute paths and ``..``."""
    parts = re.split(r"[\\/]", path)
    if not path.strip():
        message = 'Write the file name, like table("data.csv").'
    elif path.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", path) or path[:1] == "~":
        message = (
            "A table is read from the notebook's folder: "
            "write a name like data.csv, not a path from the top."
        )
    elif ".." in parts:
        message = "A table is read from the notebook's folder or a folder in it; '..' leaves it."
    elif not path.lower().endswith((".csv", ".tsv")):
        message = 'A table is a .csv or .tsv file, like table("data.csv").'
    else:
        return
    raise PlotterError("ValueError", message, where, "table-path")


def read_table(path: str, text: str, most_rows: int, where: Span) -> Table:
    """The columns of a CSV (or, for ``.tsv``, tab-separated) text whose first row names
    them. Empty cells are undefined; a column with any other cell that is not a number is
    left out with a warning naming the cell."""
    delimiter = "\t" if path.lower().endswith(".tsv") else ","
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\0" in text:
        raise PlotterError("ValueError", f"{path} is not a text file.", where, "table-unreadable")
    records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    cells: list[list[str]] = []
    for record in records:
        if not record:
            continue
        if header is None:
            header = record
            continue
        if len(cells) >= most_rows:
            raise PlotterError(
                "ResourceError",
                f"{path} has more than {most_rows} rows; a table has at most {most_rows}.",
                where,
                "table-too-long",
            )
        if len(record) != len(header):
            raise PlotterError(
                "ValueError",
                f"Row {len(cells) + 1} of {path} has {len(record)} cells; "
                f"its header has {len(header)}.",
                where,
                "table-row",
            )
        cells.append(record)
    if header is None:
        raise PlotterError("ValueError", f"{path} is empty.", where, "table-empty")
    table = Table(path, rows=len(cells))
    names = column_names(header)
    for index, (title, (name, why)) in enumerate(zip(header, names, strict=True)):
        if why:
            table.warnings.append(Problem("ValueError", why, where, "table-name", WARNING))
        values: list[float] = []
        for row, record in enumerate(cells):
            value = number(record[index])
            if value is None:
                message = (
                    f"The column {title!r} is left out: row {row + 1} holds "
                    f"{_short(record[index])}, which is not a number."
                )
                table.warnings.append(Problem("ValueError", message, where, "table-text", WARNING))
                break
            values.append(value)
        else:
            table.columns.append((name, values))
    return table


def number(cell: str) -> float | None:
    """A cell's number; NaN (undefined) for an empty cell; ``None`` if it is not a number."""
    text = cell.strip()
    if not text:
        return math.nan
    if not _NUMBER.fullmatch(text):
        return None
    value = float(text)
    return value if math.isfinite(value) else math.nan


def column_names(header: Sequence[str]) -> list[tuple[str, str]]:
    """Each column's list name, and why it is not named from its header (``""`` if it is):
    the first run of letters and digits that starts with a letter (``time (s)`` is
    ``time``), else ``c1``, ``c2``... by position."""
    taken: set[str] = set()
    found: list[tuple[str, str]] = []
    for index, title in enumerate(header):
        match = _NAME.search(title)
        name = match.group(0) if match else ""
        fallback = f"c{index + 1}"
        why = ""
        if not name:
            why = f"The header {_short(title)} has no name in it"
        elif name in BUILTINS or name in CONSTANTS or name in _KEYWORDS:
            why = f"{name} (from the header {_short(title)}) is a name of the calculator"
        elif name in PLOT_VARIABLES:
            why = f"{name} (from the header {_short(title)}) is a plot variable"
        elif name in taken:
            why = f"{name} (from the header {_short(title)}) names an earlier column too"
        if why:
            while fallback in taken:
                fallback += "_"
            name = fallback
            why += f"; its list is named {name}."
        taken.add(name)
        found.append((name, why))
    return found


def _short(text: str, most: int = 30) -> str:
    text = text if len(text) <= most else text[: most - 1] + "…"
    return repr(text)


def table_html(columns: Sequence[tuple[str, Sequence[float]]]) -> str:
    """The columns as an HTML table (escaped): the first ``SHOWN_ROWS`` rows, then a row
    saying how many there are."""
    rows = max((len(values) for _, values in columns), default=0)
    shown = rows if rows <= SHOWN_ROWS + 1 else SHOWN_ROWS
    head = "".join(f"<th>{html.escape(name)}</th>" for name, _ in columns)
    body = []
    for row in range(shown):
        cells = "".join(
            f"<td>{format_value(float(values[row])) if row < len(values) else ''}</td>"
            for _, values in columns
        )
        body.append(f"<tr>{cells}</tr>")
    if shown < rows:
        body.append(f'<tr><td colspan="{len(columns)}">… ({rows} rows)</td></tr>')
    return (
        '<table class="plotter-table">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )
