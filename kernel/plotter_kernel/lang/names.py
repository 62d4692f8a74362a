"""Hints for unknown names: a close spelling, or the product or call the user may mean."""

from __future__ import annotations

import difflib

from .builtins import BUILTINS
from .runs import misspelt


def hint(name: str, known: set[str], pool: list[str]) -> str:
    """Sentences to append to "Unknown name ...", or ``""``.

    Parameters
    ----------
    name
        The unknown name.
    known
        Names with a value here (variables, constants, parameters), for ``pix`` -> ``pi*x``.
    pool
        Every name a spelling suggestion may point to.
    """
    if (function := misspelt(name)) is not None:
        return f" Did you mean {function!r}?"
    for builtin in sorted(BUILTINS, key=len, reverse=True):
        if name.startswith(builtin) and (parts := split_names(name[len(builtin) :], known)):
            return f" Did you mean {builtin}({'*'.join(parts)})?"
        if name.endswith(builtin) and (parts := split_names(name[: -len(builtin)], known)):
            return f" To multiply, write {'*'.join(parts)}*{builtin}(...)."
    missing = _missing_letters(name, known)
    if missing:
        product = "*".join(split_names(name, known | set(missing)) or [name])
        first = missing[0]
        return f" If you mean {product}, define {first} first, like {first} = 1."
    if name.lower() != name and name.lower() in {*pool, *known}:
        return f" Did you mean {name.lower()!r}? Capital letters make a different name."
    close = difflib.get_close_matches(name, pool, n=1, cutoff=0.6)
    text = f" Did you mean {close[0]!r}?" if close else ""
    parts = split_names(name, known)
    if parts is not None and len(parts) > 1:
        text += f" To multiply, write {'*'.join(parts)}."
    return text


def split_names(name: str, known: set[str]) -> list[str] | None:
    """``name`` as a run of known names with the fewest parts (``pix`` -> pi, x), if any."""
    if len(name) > 24:
        return None
    best: dict[int, list[str]] = {0: []}
    for i in range(len(name)):
        if i not in best:
            continue
        for j in range(i + 1, len(name) + 1):
            part = name[i:j]
            if part in known and (j not in best or len(best[j]) > len(best[i]) + 1):
                best[j] = [*best[i], part]
    return best.get(len(name))


def _missing_letters(name: str, known: set[str]) -> list[str]:
    """The undefined single letters that would make ``name`` a product (``ax``: a)."""
    if len(name) > 6 or not name.isalpha():
        return []
    letters = [ch for ch in dict.fromkeys(name) if ch not in known]
    parts = split_names(name, known | set(letters))
    if parts is None or len(parts) < 2 or not any(p in known for p in parts):
        return []
    missing = [p for p in dict.fromkeys(parts) if p not in known]
    return missing if len(missing) == 1 else []
