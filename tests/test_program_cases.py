"""What the Python kernel's language makes of every case cell, for the TypeScript core.

This writes, for the last cell of every language case (and the source of every drawing
case), the program, the printed values and the full diagnostics (messages included) to
``tests/cases/programs.json``; the Jest spec ``labextension/src/core/lang/program.cases.spec.ts``
checks that the TypeScript core gives exactly the same. Run with
``PLOTTER_UPDATE_PROGRAMS=1`` to rewrite the file after changing a case or the language.
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path
from typing import Any

from test_language_cases import file_map

from plotter_kernel.budget import Budget
from plotter_kernel.errors import to_diagnostic
from plotter_kernel.lang.session import Session

ROOT = Path(__file__).parent.parent
OUT = Path(__file__).parent / "cases" / "programs.json"


RANDOM_SESSIONS = 300
"""Seeded random sessions of well-formed statements beside the hand-written cases."""

_FUNCTIONS = ["sin", "cos", "tan", "sqrt", "ln", "exp", "abs", "floor", "gamma", "asin"]
_FUNCTIONS += ["atanh", "cbrt", "sec", "arcsin", "round", "sign", "log"]


class _Writer:
    """Random statements of the language: definitions, curves, calculations, windows."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def atom(self, names: list[str]) -> str:
        rng = self.rng
        k = rng.random()
        if k < 0.3:
            return rng.choice(["0", "1", "2", "3", "0.5", ".25", "1e2", "10", "170", "-1"])
        if k < 0.55:
            return rng.choice(names)
        if k < 0.65:
            return rng.choice(["pi", "e", "π", "tau", "a", "b", "c"])
        return rng.choice(["2", "3"]) + rng.choice(names)

    def expr(self, names: list[str], depth: int = 0) -> str:
        rng = self.rng
        if depth > 3 or rng.random() < 0.25:
            return self.atom(names)

        def sub() -> str:
            return self.expr(names, depth + 1)

        forms = [
            lambda: f"{sub()} + {sub()}",
            lambda: f"{sub()} - {sub()}",
            lambda: f"{sub()}*{sub()}",
            lambda: f"{sub()}/{sub()}",
            lambda: f"{sub()}^{self.atom(names)}",
            lambda: f"({sub()})({sub()})",
            lambda: f"{rng.choice(_FUNCTIONS)}({sub()})",
            lambda: f"{rng.choice(_FUNCTIONS)} {self.atom(names)}",
            lambda: f"|{sub()}|",
            lambda: f"{{{self.atom(names)} < {sub()}: {sub()}, {sub()}}}",
            lambda: f"sum(n, 1, {rng.choice(['3', '5', 'x', 'k', '20000'])}, {sub()}/n)",
            lambda: f"d/dx({sub()})",
            lambda: f"f({sub()})",
            lambda: f"g({sub()}, {sub()})",
            lambda: f"f'({sub()})",
            lambda: f"sin^2 {self.atom(names)}",
            lambda: f"sin^-1({sub()})",
            lambda: f"-{sub()}",
            lambda: f"{self.atom(names)}!",
            lambda: f"log_2({sub()})",
            lambda: f"max({sub()}, {sub()})",
            lambda: f"{sub()}{sub()}",
        ]
        return rng.choice(forms)()

    def statement(self) -> str:
        e = self.expr
        forms = [
            lambda: f"y = {e(['x'])}",
            lambda: e(["x"]),
            lambda: f"f(x) = {e(['x'])}",
            lambda: f"g(x, k) = {e(['x', 'k'])}",
            lambda: f"a = {e(['1', '2'])}",
            lambda: f"b = {e(['a', '2'])}",
            lambda: e(["1", "2", "a"]),
            lambda: f"({e(['t'])}, {e(['t'])})",
            lambda: f"r = {e(['theta', 'θ'])}",
            lambda: f"{e(['x', 'y'])} = {e(['x', 'y'])}",
            lambda: f"{e(['x', 'y'])} < {e(['x', 'y'])}",
            lambda: f"x in [{e(['1'])}, {e(['2'])}]",
            lambda: f"y = {e(['x'])} for x in [0, {self.rng.choice(['1', 'a', '5'])}]",
            lambda: f"y = {e(['x'])} {{0 < x < {e(['2'])}}}",
            lambda: f"({e(['1'])}, {e(['2'])}), (pi, a)",
            lambda: f"x = {e(['y'])}",
        ]
        return self.rng.choice(forms)()

    def session(self) -> list[str]:
        rng = self.rng
        return [
            "\n".join(self.statement() for _ in range(rng.randint(1, 4)))
            for _ in range(rng.randint(1, 3))
        ]


def cells() -> list[tuple[str, list[str], dict[str, str]]]:
    """Every case as (name, cells run in order in one session, its table files)."""
    found: list[tuple[str, list[str], dict[str, str]]] = []
    language = json.loads((ROOT / "language" / "cases" / "language.json").read_text("utf-8"))
    found += [(case["name"], case["cells"], case.get("files", {})) for case in language["cases"]]
    for file in ("drawing.json", "plot_kinds.json"):
        data = json.loads((ROOT / "language" / "cases" / file).read_text("utf-8"))
        found += [(case["name"], [case["source"]], {}) for case in data["cases"]]
    writer = _Writer(20261203)
    found += [(f"random session {i}", writer.session(), {}) for i in range(RANDOM_SESSIONS)]
    return found


def outcome(sources: list[str], files: dict[str, str]) -> dict[str, Any]:
    """The language's answer to the last cell, after the others ran in the same session."""
    session = Session(read_table=file_map(files))
    for source in sources[:-1]:
        session.run(source, Budget.unlimited())
    plan, problems = session.run(sources[-1], Budget.unlimited())
    lines = sources[-1].split("\n")
    return {
        "values": [[line, text] for line, text in plan.values],
        "diagnostics": [to_diagnostic(p, lines) for p in problems],
        "program": plan.program,
    }


def expected() -> str:
    about = (
        "Written by tests/test_program_cases.py: the Python language's program, values "
        "and diagnostics for the last cell of every case, for "
        "labextension/src/core/lang/program.cases.spec.ts."
    )
    entries = [
        json.dumps(
            {"name": name, "cells": sources, **({"files": files} if files else {})}
            | outcome(sources, files),
            ensure_ascii=False,
        )
        for name, sources, files in cells()
    ]
    body = ",\n  ".join(entries)
    return f'{{"about": {json.dumps(about)},\n "cases": [\n  {body}\n ]}}\n'


def test_program_file_is_up_to_date() -> None:
    text = expected()
    if os.environ.get("PLOTTER_UPDATE_PROGRAMS"):
        OUT.write_text(text, encoding="utf-8")
    assert OUT.exists() and OUT.read_text(encoding="utf-8") == text, (
        "tests/cases/programs.json is out of date: "
        "run PLOTTER_UPDATE_PROGRAMS=1 python -m pytest tests/test_program_cases.py"
    )
