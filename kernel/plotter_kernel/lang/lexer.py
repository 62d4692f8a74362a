"""Split one source line into tokens, mapping friendly Unicode to the plain operators."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import PlotterError, Span
from .builtins import ALIASES

NUM = "num"
NAME = "name"
OP = "op"
KW = "kw"
END = "end"

KEYWORDS = frozenset({"for", "in"})

#: Single characters that mean an ASCII operator.
_UNICODE_OPS = {
    "−": "-",
    "–": "-",
    "×": "*",
    "·": "*",
    "⋅": "*",
    "∗": "*",
    "∙": "*",
    "•": "*",
    "÷": "/",
    "∕": "/",
    "≤": "<=",
    "≥": ">=",
    "…": "...",
}
#: One-character names that may touch other names (`2πx`).
_SYMBOL_NAMES = {"π": "pi", "θ": "theta", "√": "sqrt", "∛": "cbrt"}
_SUPERSCRIPTS = {"²": 2.0, "³": 3.0}
_TWO_CHAR_OPS = {"**": "^", "<=": "<=", ">=": ">=", "==": "="}
_ONE_CHAR_OPS = frozenset("+-*/^!()[],=<>|{}:'°~≈")
#: ``[1...10]``: a range of a list (``…`` is read as this too).
_ELLIPSIS = "..."
#: ``log_2``: the subscript of a logarithm's base is lexed on its own.
_SUBSCRIPTED = "log_"

# An exponent counts only when a digit follows (`2e` is 2·e, `2e-3` is 0.002).
_NUMBER = re.compile(r"(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


@dataclass(frozen=True)
class Token:
    """One token; ``text`` is canonical (``pi`` for ``π``, ``^`` for ``**``)."""

    kind: str
    text: str
    start: int
    end: int
    value: float = 0.0
    symbol: bool = False
    """A one-character symbol name such as ``π``, which may touch other names."""

    def span(self, line: int) -> Span:
        """Where this token is on ``line``."""
        return Span(line, self.start, self.end)


def comment_start(text: str) -> int:
    """Index of the ``#`` that starts the comment, or ``len(text)``."""
    index = text.find("#")
    return len(text) if index < 0 else index


def _is_name_start(ch: str) -> bool:
    return (ch.isalpha() or ch == "_") and ch not in _SYMBOL_NAMES and ch not in _SUPERSCRIPTS


def _is_name_char(ch: str) -> bool:
    return _is_name_start(ch) or ch in "0123456789"


def tokenize(text: str, line: int = 0) -> list[Token]:
    """Tokens of ``text`` up to its comment, ending with an ``end`` token.

    Raises
    ------
    PlotterError
        A ``SyntaxError`` located at the first character the language does not know.
    """
    tokens: list[Token] = []
    stop = comment_start(text)
    i = 0
    while i < stop:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        if text.startswith(_ELLIPSIS, i):
            tokens.append(Token(OP, _ELLIPSIS, i, i + 3))
            i += 3
            continue
        number = (
            _NUMBER.match(text, i, stop) if (ch.isdigit() and ch.isascii()) or ch == "." else None
        )
        if number:
            end = number.end()
            if text.startswith(_ELLIPSIS, end - 1):
                end -= 1  # `[1...10]`: the dot belongs to the ellipsis
            tokens.append(Token(NUM, text[i:end], i, end, float(text[i:end])))
            i = end
        elif _is_name_start(ch):
            j = i + 1
            while j < stop and _is_name_char(text[j]):
                j += 1
            word = text[i:j]
            if word.startswith(_SUBSCRIPTED) and j > i + len(_SUBSCRIPTED):
                tokens.append(Token(NAME, "log", i, i + 3))
                tokens.append(Token(OP, "_", i + 3, i + 4))
                i += 4
                continue
            word = ALIASES.get(word, word)
            tokens.append(Token(KW if word in KEYWORDS else NAME, word, i, j))
            i = j
        elif ch in _SYMBOL_NAMES:
            tokens.append(Token(NAME, _SYMBOL_NAMES[ch], i, i + 1, symbol=ch != "√"))
            i += 1
        elif ch in _SUPERSCRIPTS:
            tokens.append(Token(OP, "^", i, i + 1))
            tokens.append(Token(NUM, ch, i, i + 1, _SUPERSCRIPTS[ch]))
            i += 1
        elif text[i : i + 2] in _TWO_CHAR_OPS:
            tokens.append(Token(OP, _TWO_CHAR_OPS[text[i : i + 2]], i, i + 2))
            i += 2
        elif ch in _ONE_CHAR_OPS or ch in _UNICODE_OPS:
            tokens.append(Token(OP, _UNICODE_OPS.get(ch, ch), i, i + 1))
            i += 1
        else:
            raise PlotterError(
                "SyntaxError",
                f"The character {ch!r} is not part of the Plotter language.",
                Span(line, i, i + 1),
                code="unexpected-character",
            )
    tokens.append(Token(END, "", stop, stop))
    return tokens
