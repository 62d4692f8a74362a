"""Run the language cases kept as language-neutral data in language/cases/language.json.

Each case runs its cells in one fresh session; earlier cells must run without errors
(warnings, such as a definition waiting for a name, are allowed) and the
expectations apply to the last cell: printed values, diagnostics (UTF-16 ranges, ename,
code, severity), the kinds of the drawn statements in the cell's program, sample
evaluations of them, facts about them, the window, message fragments and the caret
traceback of the errors (without terminal colours). The file's
``about`` says what each key means; nothing in it names Python classes or attributes.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from scene_schema import check_program

from plotter_kernel import report
from plotter_kernel.budget import Budget
from plotter_kernel.errors import ERROR, to_diagnostic
from plotter_kernel.lang.program import specs_of
from plotter_kernel.lang.session import Session
from plotter_kernel.lang.tables import Reader, Refusal
from plotter_kernel.plan import (
    Curve,
    Implicit,
    Inequality,
    Parametric,
    Points,
    Polar,
    Spec,
    StatPlot,
)

CASES: list[dict[str, Any]] = json.loads(
    (Path(__file__).parent.parent / "language" / "cases" / "language.json").read_text("utf-8")
)["cases"]

COLOURS = re.compile("\x1b\\[[0-9;]*m")
"""The terminal colour codes of a traceback."""

KINDS = {
    Curve: "curve",
    Parametric: "parametric",
    Polar: "polar",
    Implicit: "implicit",
    Inequality: "region",
    Points: "points",
}


def kind_of(spec: Spec) -> str:
    """A drawn statement's kind, as ``program.schema.json`` names it."""
    return spec.kind if isinstance(spec, StatPlot) else KINDS[type(spec)]


def fact(spec: Spec, name: str) -> Any:
    """One language-neutral fact about a drawn statement."""
    if name == "along":
        assert isinstance(spec, Curve)
        return spec.var
    if name == "domain":
        if isinstance(spec, Parametric):
            return spec.t
        if isinstance(spec, Polar):
            return spec.theta
        assert isinstance(spec, Curve)
        return spec.domain
    if name == "points":
        assert isinstance(spec, Points)
        return spec.points
    if name in ("bars", "box", "dots"):
        assert isinstance(spec, StatPlot)
        return getattr(spec, name)
    assert name in ("label", "line", "op"), name
    return getattr(spec, name)


def close(actual: Any, expected: Any) -> bool:
    """Structural equality with a relative tolerance for floats; ``None`` expects NaN/None."""
    if expected is None:
        return actual is None or (isinstance(actual, float) and math.isnan(actual))
    if isinstance(expected, (list, tuple)):
        return (
            isinstance(actual, (list, tuple))
            and len(actual) == len(expected)
            and all(close(a, e) for a, e in zip(actual, expected, strict=True))
        )
    if isinstance(expected, (int, float)) and not isinstance(expected, bool):
        return isinstance(actual, (int, float)) and math.isclose(
            actual, expected, rel_tol=1e-12, abs_tol=1e-12
        )
    return bool(actual == expected)


def sample(spec: Spec, at: Any) -> Any:
    """Evaluate a spec's function(s) at one input, through a one-element array."""
    if isinstance(spec, (Implicit, Inequality)):
        return float(spec.F(np.array([float(at[0])]), np.array([float(at[1])]))[0])
    point = np.array([float(at)])
    if isinstance(spec, Parametric):
        return [float(spec.fx(point)[0]), float(spec.fy(point)[0])]
    if isinstance(spec, Polar):
        return float(spec.fr(point)[0])
    assert isinstance(spec, Curve)
    return float(spec.fn(point)[0])


def file_map(files: dict[str, str]) -> Reader:
    """A reader of the case's ``files``: a name not in them is a missing file."""

    def read(path: str) -> str | Refusal:
        if path in files:
            return files[path]
        return Refusal(f"There is no file {path} in the notebook's folder.", "table-missing")

    return read


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_language_case(case: dict[str, Any]) -> None:
    session = Session(read_table=file_map(case.get("files", {})))
    *setup, cell = case["cells"]
    for source in setup:
        _, problems = session.run(source, Budget.unlimited())
        assert [p for p in problems if p.severity == ERROR] == [], f"setup cell {source!r} failed"

    plan, problems = session.run(cell, Budget.unlimited())

    lines = cell.split("\n")
    found = []
    for problem in problems:
        d = to_diagnostic(problem, lines)
        start, end = d["range"]["start"], d["range"]["end"]
        assert start["line"] == end["line"] == problem.span.line
        found.append(
            {
                "line": start["line"],
                "start": start["character"],
                "end": end["character"],
                "ename": problem.ename,
                "code": d["code"],
                "severity": d["severity"],
            }
        )
    assert found == case.get("diagnostics", []), [p.message for p in problems]
    expected_values = case.get("values", [])
    assert len(plan.values) == len(expected_values), plan.values
    for (line, text), (want_line, want) in zip(plan.values, expected_values, strict=True):
        assert line == want_line
        if isinstance(want, str):
            assert text == want
        else:  # a number: the value, to the 12 significant digits printed
            assert math.isclose(float(text), want, rel_tol=1e-11, abs_tol=1e-12), (text, want)
    if plan.program is not None:
        check_program(plan.program)
    drawn = specs_of(plan)
    assert [kind_of(s) for s in drawn] == case.get("drawn", []), drawn
    for index, at, want in case.get("samples", []):
        assert close(sample(drawn[index], at), want), (index, at, want)
    for index, name, want in case.get("facts", []):
        assert close(fact(drawn[index], name), want), (name, want)
    if "window" in case:
        assert close(plan.window.x, case["window"]["x"])
        assert close(plan.window.y, case["window"]["y"])
    for index, fragment in case.get("messages", []):
        assert fragment in problems[index].message
    if "traceback" in case:
        blocks = report.traceback(report.errors_of(problems), lines)
        assert [COLOURS.sub("", block) for block in blocks] == case["traceback"]
