"""What the Python kernel's language makes of every case cell, for the TypeScript core.

This writes, for the last cell of every language case (and the source of every drawing
case), the program, the printed values and the full diagnostics (messages included) to
``tests/cases/programs.json``; the Jest spec ``labextension/src/core/program.cases.spec.ts``
checks that the TypeScript core gives exactly the same. Run with
``PLOTTER_UPDATE_PROGRAMS=1`` to rewrite the file after changing a case or the language.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from plotter_kernel.budget import Budget
from plotter_kernel.errors import to_diagnostic
from plotter_kernel.session import Session

ROOT = Path(__file__).parent.parent
OUT = Path(__file__).parent / "cases" / "programs.json"


def cells() -> list[tuple[str, list[str]]]:
    """Every case as (name, cells run in order in one session)."""
    found: list[tuple[str, list[str]]] = []
    language = json.loads((ROOT / "language" / "cases" / "language.json").read_text("utf-8"))
    found += [(case["name"], case["cells"]) for case in language["cases"]]
    for file in ("drawing.json", "plot_kinds.json"):
        data = json.loads((ROOT / "language" / "cases" / file).read_text("utf-8"))
        found += [(case["name"], [case["source"]]) for case in data["cases"]]
    return found


def outcome(sources: list[str]) -> dict[str, Any]:
    """The language's answer to the last cell, after the others ran in the same session."""
    session = Session()
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
        "labextension/src/core/program.cases.spec.ts."
    )
    entries = [
        json.dumps({"name": name, "cells": sources, **outcome(sources)}, ensure_ascii=False)
        for name, sources in cells()
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
