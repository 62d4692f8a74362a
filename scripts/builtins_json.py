"""Write language/builtins.json, the builtin table as data, from the kernel's own table.

Both lexers and both completers read this file; ``tests/test_builtins_json.py`` checks
that it still agrees with ``plotter_kernel.lang.builtins``. Run after changing that table:
``python scripts/builtins_json.py``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from plotter_kernel.lang.builtins import (
    ALIASES,
    BUILTINS,
    CONSTANTS,
    INVERSES,
    SERIES,
    STATEMENTS,
    VARIABLE_DOCS,
)
from plotter_kernel.lang.syntax import PLOT_VARIABLES

OUT = Path(__file__).parent.parent / "language" / "builtins.json"


def table() -> dict[str, Any]:
    """The builtin table as plain JSON data."""
    return {
        "about": (
            "The Plotter builtin table, written by scripts/builtins_json.py from the kernel's "
            "lang/builtins.py. functions: name, min and max inputs (max null: any number), "
            "signature, one-line doc, kind (each: value by value over lists; reduce: its first "
            "list_args inputs are lists, the result a number; list: lists in, a list out; "
            "min and max of one list reduce it). aliases: other spellings. "
            "inverses: what f^-1 means. series: sum/prod docs. "
            "statements: statements written like a call (table), with docs. "
            "constants: value and doc. "
            "variables: the plot variables."
        ),
        "functions": [
            {
                "name": b.name,
                "min": b.min_args,
                "max": b.max_args,
                "signature": b.signature,
                "doc": b.doc,
                "kind": b.kind,
                "list_args": b.list_args,
            }
            for b in BUILTINS.values()
        ],
        "aliases": dict(ALIASES),
        "inverses": dict(INVERSES),
        "series": dict(SERIES),
        "statements": dict(STATEMENTS),
        "constants": [{"name": c.name, "value": c.value, "doc": c.doc} for c in CONSTANTS.values()],
        "variables": {name: VARIABLE_DOCS[name] for name in sorted(PLOT_VARIABLES)},
    }


def text() -> str:
    """The file's exact contents."""
    return json.dumps(table(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    OUT.write_text(text(), "utf-8")
