"""Letter runs and ``d/dx``: rewrite a line's tokens once the defined names are known.

``pix`` is one name to the lexer; when it is not defined but splits entirely into
defined names (longest first from the left) it is read as ``pi x``. Which names are
defined depends on the session and on the cell, so this runs between lexing and parsing.

Two runs are never products. A run that starts with a builtin function's name and splits
only by reading a later ``e`` as the constant is that function misspelt in English
(``sine``, ``cosine``, ``sinepi``, ``arcsine``): it stays an unknown name, with the
function as the suggestion. ``pi`` alone after a function is a product (``cospix``).
And a run on the left of ``=`` that splits into names holding a plot variable
(``xy = 1``) is an equation, not the definition of ``xy``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from ..errors import PlotterError
from .builtins import ALIASES, BUILTINS, CONSTANTS, SERIES
from .lexer import END, KW, NAME, OP, Token, tokenize
from .syntax import PLOT_VARIABLES

#: Names defined whatever the session holds.
BASE_NAMES = frozenset({*BUILTINS, *ALIASES, *SERIES, *CONSTANTS, *PLOT_VARIABLES})
_LONGEST_RUN = 40
#: Builtin function names and their aliases, longest first.
FUNCTION_NAMES = tuple(sorted({*BUILTINS, *ALIASES}, key=lambda n: (-len(n), n)))


@dataclass(frozen=True)
class Known:
    """The user's names visible to a line: parameters and functions."""

    values: frozenset[str] = frozenset()
    functions: frozenset[str] = frozenset()

    def names(self) -> frozenset[str]:
        """Every name a letter run may split into."""
        return BASE_NAMES | self.values | self.functions


@dataclass(frozen=True)
class Head:
    """What a definition line defines: ``name`` with ``params`` (``None`` for a parameter)."""

    name: str
    params: tuple[str, ...] | None


def head_shape(tokens: list[Token]) -> Head | None:
    """``a = ...`` or ``f(x, k) = ...`` at the start of a line, whatever the name is."""
    if not tokens or tokens[0].kind != NAME or tokens[0].symbol:
        return None
    name = tokens[0].text
    if tokens[1].kind == OP and tokens[1].text == "=":
        return Head(name, None)
    if not (tokens[1].kind == OP and tokens[1].text == "("):
        return None
    params: list[str] = []
    i = 2
    while tokens[i].kind == NAME:
        params.append(tokens[i].text)
        i += 1
        if tokens[i].kind == OP and tokens[i].text == ",":
            i += 1
    is_close = tokens[i].kind == OP and tokens[i].text == ")"
    if params and is_close and tokens[i + 1].kind == OP and tokens[i + 1].text == "=":
        return Head(name, tuple(params))
    return None


def definition_head(tokens: list[Token], names: frozenset[str] = BASE_NAMES) -> Head | None:
    """What a line defines: its head, unless that names a builtin, constant or plot variable,
    or is a run of ``names`` holding a plot variable (``xy = 1`` is an equation)."""
    head = head_shape(tokens)
    if head is None or head.name in PLOT_VARIABLES | CONSTANTS.keys() | BUILTINS.keys():
        return None
    if head.params is None and head.name not in names:
        parts = split_run(head.name, names)
        if parts is not None and PLOT_VARIABLES.intersection(parts):
            return None
    return head


def misspelt(word: str) -> str | None:
    """The builtin function ``word`` spells in English (``sine``: sin), or ``None``.

    That is the longest builtin function name ``word`` starts with, when one to four
    letters follow it and hold an ``e`` (``tangent``, ``sinepi``); a letter run that splits
    is only read so when its split starts with that function and uses the constant ``e``."""
    for name in FUNCTION_NAMES:
        if word.startswith(name):
            rest = word[len(name) :]
            return name if 0 < len(rest) <= 4 and "e" in rest else None
    return None


def series_indices(tokens: list[Token]) -> set[str]:
    """The index names of ``sum(n, ...)`` and ``prod(k, ...)`` in a line."""
    found = set()
    for i in range(len(tokens) - 3):
        a, b, c, d = tokens[i : i + 4]
        if a.kind == NAME and a.text in SERIES and b.text == "(" and c.kind == NAME:
            if d.kind == OP and d.text == ",":
                found.add(c.text)
    return found


def comprehension_variables(tokens: list[Token]) -> set[str]:
    """The variables of ``[k^2 for k = ...]`` in a line: numbers, so ``k(k + 1)`` multiplies."""
    found = set()
    for i in range(len(tokens) - 2):
        a, b, c = tokens[i : i + 3]
        if a.kind == KW and a.text == "for" and b.kind == NAME and c.kind == OP and c.text == "=":
            found.add(b.text)
    return found


def cell_known(lines: Iterable[str], values: set[str], functions: set[str]) -> Known:
    """The session's names plus every name a line of the cell defines (above or below)."""
    values = set(values)
    functions = set(functions)
    for index, text in enumerate(lines):
        try:
            head = definition_head(tokenize(text, index), BASE_NAMES | values | functions)
        except PlotterError:
            continue
        if head is None:
            continue
        if head.params is None:
            values.add(head.name)
            functions.discard(head.name)
        else:
            functions.add(head.name)
            values.discard(head.name)
    return Known(frozenset(values), frozenset(functions))


def split_run(word: str, names: frozenset[str]) -> list[str] | None:
    """``word`` as defined names, longest first from the left, or ``None``."""
    if len(word) > _LONGEST_RUN:
        return None
    failed: set[int] = set()

    def from_(i: int) -> list[str] | None:
        if i == len(word):
            return []
        if i in failed:
            return None
        for j in range(len(word), i, -1):
            if word[i:j] in names and (rest := from_(j)) is not None:
                return [word[i:j], *rest]
        failed.add(i)
        return None

    return from_(0)


def _derivative(tokens: list[Token], i: int, variables: frozenset[str]) -> Token | None:
    """``d/dx`` as one token starting at ``tokens[i]``, if it is there."""
    d, slash = tokens[i], tokens[i + 1]
    if not (d.kind == NAME and d.text == "d" and slash.kind == OP and slash.text == "/"):
        return None
    nxt = tokens[i + 2]
    if nxt.kind == NAME and nxt.text.startswith("d") and nxt.text[1:] in variables:
        return Token(OP, "d/d" + nxt.text[1:], d.start, nxt.end)
    after = tokens[i + 3] if i + 3 < len(tokens) else nxt
    if nxt.kind == NAME and nxt.text == "d" and after.kind == NAME and after.symbol:
        if after.start == nxt.end and after.text in variables:  # `d/dθ`
            return Token(OP, "d/d" + after.text, d.start, after.end)
    return None


def rewrite(tokens: list[Token], known: Known) -> list[Token]:
    """Tokens with ``d/dx`` joined and letter runs split (the defined name kept whole)."""
    head = definition_head(tokens, known.names())
    locals_ = set(head.params or ()) if head else set()
    locals_ |= series_indices(tokens)
    names = known.names() | locals_
    if head is not None:
        names |= {head.name}
    variables = frozenset(PLOT_VARIABLES | locals_) - known.values - known.functions
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.kind == END:
            out.append(token)
            break
        joined = _derivative(tokens, i, variables) if i + 2 < len(tokens) else None
        if joined is not None and not {"d", joined.text[2:]} & (known.values | known.functions):
            out.append(joined)
            i += 3 if tokens[i + 2].text != "d" else 4
            continue
        parts = None
        if token.kind == NAME and not token.symbol and token.text not in names:
            parts = split_run(token.text, names) if not (head and i == 0) else None
            if parts and parts[0] == misspelt(token.text) and "e" in parts[1:]:
                parts = None  # `sine`: a misspelt function, not sin·e
        if parts and len(parts) > 1:
            start = token.start
            for part in parts:
                text = ALIASES.get(part, part)
                out.append(
                    replace(token, text=text, start=start, end=start + len(part), symbol=True)
                )
                start += len(part)
        else:
            out.append(token)
        i += 1
    return out
