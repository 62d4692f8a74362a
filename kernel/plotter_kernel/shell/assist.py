"""Editor assists: completion, inspection and the is-complete check for the console."""

from __future__ import annotations

from ..errors import PlotterError
from ..lang.builtins import ALIASES, BUILTINS, CONSTANTS, SERIES, STATEMENTS, VARIABLE_DOCS
from ..lang.emit import full_value
from ..lang.lexer import OP, tokenize
from ..lang.parser import parse_line
from ..lang.session import Session
from ..lang.statements import FunctionDef, ParameterDef, classify

_PAIRS = {")": "(", "]": "[", "}": "{"}
_SYMBOLS = {"π": "pi", "θ": "theta", "√": "sqrt", "∛": "cbrt"}


def _is_name_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_" or ch in _SYMBOLS


def _word_start(code: str, pos: int) -> int:
    """Start of the name that ends at ``pos`` (leading digits belong to a number: ``2si``)."""
    start = pos
    while start > 0 and _is_name_char(code[start - 1]):
        start -= 1
    while start < pos and code[start].isdigit():
        start += 1
    return start


def _cell_definitions(code: str) -> dict[str, str]:
    """Definitions written in ``code`` itself (not run yet), by name -> source text."""
    found: dict[str, str] = {}
    for index, text in enumerate(code.split("\n")):
        try:
            line = parse_line(text, index)
            statement = None if line is None else classify(line)
        except (PlotterError, RecursionError):
            continue
        if line is not None and isinstance(statement, (FunctionDef, ParameterDef)):
            found[statement.name] = line.text
    return found


def complete(session: Session, code: str, cursor_pos: int) -> tuple[list[str], int, int]:
    """Names that complete the word before the cursor.

    Returns
    -------
    The sorted matches (builtins, constants, user names, ``theta``), and the start and end
    of the text they replace.
    """
    cursor_pos = max(0, min(cursor_pos, len(code)))
    line_start = code.rfind("\n", 0, cursor_pos) + 1
    if "#" in code[line_start:cursor_pos]:
        return [], cursor_pos, cursor_pos
    start = _word_start(code, cursor_pos)
    prefix = code[start:cursor_pos]
    names = {*BUILTINS, *ALIASES, *SERIES, *STATEMENTS, *CONSTANTS, *session.definitions}
    names.add("theta")
    names |= set(_cell_definitions(code))
    matches = sorted(name for name in names if name.startswith(prefix))
    return matches, start, cursor_pos


def _name_at(code: str, pos: int) -> str:
    pos = max(0, min(pos, len(code)))
    end = pos
    while end < len(code) and _is_name_char(code[end]):
        end += 1
    start = _word_start(code, pos)
    if start == end and pos > 0 and code[pos - 1] == "(":
        end = pos - 1
        start = _word_start(code, end)
    word = code[start:end]
    return _SYMBOLS.get(word, word)


def inspect(session: Session, code: str, cursor_pos: int) -> str | None:
    """Plain text about the name at the cursor.

    Builtins give their signature and one-line doc, constants their value, user names
    their definition as typed, and a stored parameter its value with every digit (a
    printed value has 12); ``None`` when the cursor is on nothing known.
    """
    name = _name_at(code, cursor_pos)
    if not name:
        return None
    name = ALIASES.get(name, name)
    if name in SERIES:
        return SERIES[name]
    if name in STATEMENTS:
        return STATEMENTS[name]
    if name in BUILTINS:
        builtin = BUILTINS[name]
        return f"{builtin.signature}\n{builtin.doc}"
    if name in CONSTANTS:
        constant = CONSTANTS[name]
        return f"{name} = {constant.value!r}\n{constant.doc}"
    if name in VARIABLE_DOCS:
        return VARIABLE_DOCS[name]
    written = _cell_definitions(code)
    stored = session.definitions.get(name)
    if name in written and (stored is None or stored.text != written[name]):
        return written[name]  # not run yet: no value to show
    if stored is None:
        return None
    value = session.value(name)
    if value is None or stored.text == f"{name} = {full_value(value)}":
        return stored.text
    return f"{stored.text}\n{name} = {full_value(value)}"


def is_complete(code: str) -> str:
    """``"incomplete"`` while brackets are open, ``"invalid"`` for mismatched brackets
    or unknown characters, else ``"complete"``."""
    open_brackets: list[str] = []
    for index, text in enumerate(code.split("\n")):
        try:
            tokens = tokenize(text, index)
        except PlotterError:
            return "invalid"
        for token in tokens:
            if token.kind != OP:
                continue
            if token.text in ("(", "[", "{"):
                open_brackets.append(token.text)
            elif token.text in _PAIRS:
                if not open_brackets or open_brackets.pop() != _PAIRS[token.text]:
                    return "invalid"
    return "incomplete" if open_brackets else "complete"
