"""Run the language cases kept as data in tests/cases/language.json.

Each case runs its cells in one fresh session; earlier cells must run without errors
(warnings, such as a definition waiting for a name, are allowed) and the
expectations apply to the last cell: printed values, problems (line, start, end, ename,
code), spec kinds, sample evaluations of the spec functions, spec fields, the window,
severities (errors unless listed), message fragments and UTF-16 diagnostic columns.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from plotter_kernel.budget import Budget
from plotter_kernel.errors import ERROR, to_diagnostic
from plotter_kernel.lang.program import specs_of
from plotter_kernel.plan import Curve, Implicit, Inequality, Parametric, Polar, Spec
from plotter_kernel.session import Session

CASES: list[dict[str, Any]] = json.loads(
    (Path(__file__).parent / "cases" / "language.json").read_text(encoding="utf-8")
)


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


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_language_case(case: dict[str, Any]) -> None:
    session = Session()
    *setup, cell = case["cells"]
    for source in setup:
        _, problems = session.run(source, Budget.unlimited())
        assert [p for p in problems if p.severity == ERROR] == [], f"setup cell {source!r} failed"

    plan, problems = session.run(cell, Budget.unlimited())

    found = [[p.span.line, p.span.start, p.span.end, p.ename, p.code] for p in problems]
    assert found == case.get("problems", []), [p.message for p in problems]
    expected_values = case.get("values", [])
    assert len(plan.values) == len(expected_values), plan.values
    for (line, text), (want_line, want) in zip(plan.values, expected_values, strict=True):
        assert line == want_line
        if isinstance(want, str):
            assert text == want
        else:
            assert close(float(text), want), (text, want)
    assert [type(s).__name__ for s in specs_of(plan)] == case.get("specs", []), specs_of(plan)
    for index, at, want in case.get("samples", []):
        assert close(sample(specs_of(plan)[index], at), want), (index, at, want)
    for index, field, want in case.get("fields", []):
        assert close(getattr(specs_of(plan)[index], field), want), (field, want)
    if "window" in case:
        assert close(plan.window.x, case["window"]["x"])
        assert close(plan.window.y, case["window"]["y"])
    severities = case.get("severities", [ERROR] * len(problems))
    assert [p.severity for p in problems] == severities
    for index, fragment in case.get("messages", []):
        assert fragment in problems[index].message
    lines = cell.split("\n")
    for index, start, end in case.get("diagnostics", []):
        diagnostic = to_diagnostic(problems[index], lines)
        assert diagnostic["range"]["start"]["character"] == start
        assert diagnostic["range"]["end"]["character"] == end
