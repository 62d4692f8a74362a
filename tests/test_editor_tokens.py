"""The editor's token rules must read every case input as the kernel lexer does.

This writes what the kernel lexer makes of every line of the case files (token spans
in UTF-16 units and their kinds) to ``tests/cases/editor_tokens.json``; the Jest spec
``labextension/src/tokenizer.cases.spec.ts`` checks the editor tokens of the TS core
(``labextension/src/core/editor.ts``) against it. Run
with ``PLOTTER_UPDATE_TOKENS=1`` to rewrite the file after changing a case or the lexer.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from plotter_kernel.errors import PlotterError, utf16_column
from plotter_kernel.lang.angles import UNITS
from plotter_kernel.lang.builtins import BUILTINS, CONSTANTS, SERIES
from plotter_kernel.lang.lexer import END, KW, NAME, NUM, Token, comment_start, tokenize
from plotter_kernel.lang.parser import CHECK, check_tokens
from plotter_kernel.lang.runs import Known, rewrite
from plotter_kernel.lang.syntax import PLOT_VARIABLES
from plotter_kernel.lang.tables import table_line

CASES = Path(__file__).parent / "cases"
LANGUAGE_CASES = Path(__file__).parent.parent / "language" / "cases"
OUT = CASES / "editor_tokens.json"
BRACKETS = frozenset("()[]{}|")
PUNCTUATION = frozenset(",:")

#: Forms the case files may not spell out, read by both sides too.
EXTRA = [
    "y = 2sin x cos x # comment",
    "y = log_2 x + log_b(x) + log_10(8)",
    "f(k) = d/dk k^2 + d/dx(kx)",
    "y = d/dθ cos θ",
    "sum(n, 1, 10, nx) + prod(k, 1, 5, k)",
    "ab = 3",
    "y = xsinx + pix + arcsinx + sine + son",
    "y ≤ x² − 1 × 2 ÷ 3 ∙ 4 • 5 ⋅ 6",
    "y = |x| + {x < 0: -x, x} + √x + ∛x",
    "f''(x) + g'(2)",
    "y = x $ 2",
    "a_b + catalog_2 + x2",
    "degrees # angles",
    "radians",
    "check 0 < a ≤ 1 # a chain",
    "check (3, 4) on f",
    "check m ~= 2",
    "y = sin(30°) + 2·45°^2",
    'table("data.csv")  # the class data',
]


def kind(token: Any) -> str:
    if token.kind == NUM:
        return "number"
    if token.kind == KW:
        return "keyword"
    if token.kind == NAME:
        if token.text in UNITS:
            return "keyword"
        if token.text in BUILTINS or token.text in SERIES:
            return "builtin"
        if token.text in CONSTANTS:
            return "constant"
        if token.text in PLOT_VARIABLES:
            return "variable"
        return "name"
    if token.text in BRACKETS:
        return "bracket"
    if token.text in PUNCTUATION:
        return "punctuation"
    return "operator"


def table_tokens(text: str, entry: dict[str, Any]) -> bool:
    """A line ``table("data.csv")``: its keyword, brackets and file name (a string)."""
    try:
        name = table_line(text, 0)
    except PlotterError:
        return False
    if name is None:
        return False
    start = text.index("table")
    open_, close = text.index("(", start), text.index(")", name.end)
    spans = [(start, start + 5, "keyword"), (open_, open_ + 1, "bracket")]
    spans += [(name.start, name.end, "string"), (close, close + 1, "bracket")]
    entry["tokens"] = [[utf16_column(text, a), utf16_column(text, b), k] for a, b, k in spans]
    if comment_start(text) < len(text):
        entry["comment"] = utf16_column(text, comment_start(text))
    return True


def read(text: str) -> dict[str, Any]:
    """What the kernel makes of one line, without the user's names (the editor has none)."""
    entry: dict[str, Any] = {"text": text, "tokens": [], "comment": None, "error": None}
    if table_tokens(text, entry):
        return entry
    try:
        tokens = tokenize(text)
        checked = check_tokens(tokens)
        if checked is None:
            tokens = rewrite(tokens, Known())
        else:  # `check` and `on` are keywords of a check line
            tokens = [Token(KW, CHECK, tokens[0].start, tokens[0].end), *rewrite(checked, Known())]
    except PlotterError as err:
        assert err.span is not None
        entry["error"] = utf16_column(text, err.span.start)
        tokens = tokenize(text[: err.span.start])
    spans: dict[tuple[int, int], str] = {}
    for token in tokens:
        if token.kind != END:
            # `²` is both `^` and `2` to the kernel; the editor shows it as a number.
            spans[(token.start, token.end)] = kind(token)
    entry["tokens"] = [
        [utf16_column(text, start), utf16_column(text, end), name]
        for (start, end), name in spans.items()
    ]
    if comment_start(text) < len(text) and entry["error"] is None:
        entry["comment"] = utf16_column(text, comment_start(text))
    return entry


def case_lines() -> list[str]:
    lines: list[str] = []
    for case in json.loads((LANGUAGE_CASES / "language.json").read_text(encoding="utf-8"))["cases"]:
        for cell in case["cells"]:
            lines += cell.split("\n")
    for case in json.loads((LANGUAGE_CASES / "drawing.json").read_text(encoding="utf-8"))["cases"]:
        lines += case["source"].split("\n")
    lines += EXTRA
    return list(dict.fromkeys(line for line in lines if len(line) < 500))


def expected() -> str:
    about = (
        "Written by tests/test_editor_tokens.py: the kernel lexer's tokens of every "
        "case line (UTF-16 spans), for labextension/src/tokenizer.cases.spec.ts."
    )
    entries = [json.dumps(read(text), ensure_ascii=False) for text in case_lines()]
    # One line per case line keeps the file short and its diffs readable.
    body = ",\n  ".join(entries)
    return f'{{"about": {json.dumps(about)},\n "lines": [\n  {body}\n ]}}\n'


def test_editor_token_file_is_up_to_date() -> None:
    text = expected()
    if os.environ.get("PLOTTER_UPDATE_TOKENS"):
        OUT.write_text(text, encoding="utf-8")
    assert OUT.exists() and OUT.read_text(encoding="utf-8") == text, (
        "tests/cases/editor_tokens.json is out of date: "
        "run PLOTTER_UPDATE_TOKENS=1 python -m pytest tests/test_editor_tokens.py"
    )


def test_the_file_covers_v2_forms() -> None:
    lines = {entry["text"]: entry for entry in json.loads(expected())["lines"]}
    pix = lines["y = xsinx + pix + arcsinx + sine + son"]["tokens"]
    assert [k for *_, k in pix][:4] == ["variable", "operator", "variable", "builtin"]
    assert lines["y = x $ 2"]["error"] == 6
