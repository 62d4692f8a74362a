"""Regression (``Y ~ m X + b``) against independent references: SciPy's linregress for
lines, NumPy's polyfit for polynomials, exact data for non-linear models; what a fit
defines, what a failed fit leaves, and the fitted curve drawn again on zoom."""

from __future__ import annotations

import math
import subprocess
import sys

import numpy as np
import pytest
from scipy import stats

from plotter_kernel.budget import Budget
from plotter_kernel.cell import format_values, run_cell
from plotter_kernel.errors import ERROR
from plotter_kernel.lang.session import Session
from plotter_kernel.limits import Limits
from plotter_kernel.replay import Outputs, Stored, answer

ANSCOMBE_X = [10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5]
ANSCOMBE = {
    "I": (ANSCOMBE_X, [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68]),
    "II": (ANSCOMBE_X, [9.14, 8.14, 8.74, 8.77, 9.26, 8.10, 6.13, 3.10, 9.13, 7.26, 4.74]),
    "III": (ANSCOMBE_X, [7.46, 6.77, 12.74, 7.11, 7.81, 8.84, 6.08, 5.39, 8.15, 6.42, 5.73]),
    "IV": (
        [8, 8, 8, 8, 8, 8, 8, 19, 8, 8, 8],
        [6.58, 5.76, 7.71, 8.84, 8.47, 7.04, 5.25, 12.50, 5.56, 7.91, 6.89],
    ),
}


def fitted(xs: list[float], ys: list[float], model: str) -> tuple[Session, list[str]]:
    """A session after defining X and Y and running ``model``; the printed lines."""
    session = Session()
    session.run(f"X = {list(xs)}\nY = {list(ys)}", Budget.unlimited())
    plan, problems = session.run(model, Budget.unlimited())
    assert [p for p in problems if p.severity == ERROR] == [], [p.message for p in problems]
    return session, [text for _, text in plan.values]


def value(session: Session, name: str) -> float:
    got = session.value(name)
    assert got is not None, name
    return got


@pytest.mark.parametrize("key", list(ANSCOMBE))
def test_a_line_is_the_least_squares_line_of_linregress(key: str) -> None:
    xs, ys = ANSCOMBE[key]
    session, printed = fitted(xs, ys, "Y ~ m X + b")
    reference = stats.linregress(xs, ys)
    assert value(session, "m") == pytest.approx(reference.slope, rel=1e-12)
    assert value(session, "b") == pytest.approx(reference.intercept, rel=1e-12)
    r2 = float(printed[2].removeprefix("r² = "))
    assert r2 == pytest.approx(reference.rvalue**2, rel=1e-5)  # printed to 6 digits
    assert 0.66 < r2 < 0.67  # Anscombe's point: four sets, one line, one r²


def test_a_quadratic_is_polyfit() -> None:
    xs = [0, 1, 2, 3, 4, 5, 6]
    ys = [1.1, 1.9, 5.2, 10.1, 16.8, 26.2, 37.1]
    session, _ = fitted(xs, ys, "Y ~ a X^2 + b X + c")
    want = np.polyfit(xs, ys, 2)
    got = [value(session, name) for name in "abc"]
    assert got == pytest.approx(list(want), rel=1e-10)


def test_the_residuals_are_the_data_minus_the_line() -> None:
    xs, ys = ANSCOMBE["I"]
    session, _ = fitted(xs, ys, "Y ~ m X + b")
    plan, _ = session.run("total(e1)\nmax(abs(Y - (m X + b) - e1))", Budget.unlimited())
    assert abs(float(plan.values[0][1])) < 1e-12  # a line through the means
    assert plan.values[1][1] == "0"


@pytest.mark.parametrize(
    ("model", "truth", "make"),
    [
        ("Y ~ a e^(k X)", {"a": 3.0, "k": 0.4}, lambda x: 3 * np.exp(0.4 * x)),
        ("Y ~ a b^X", {"a": 2.0, "b": 1.5}, lambda x: 2 * 1.5**x),
        (
            "Y ~ a sin(b X + c) + d",
            {"a": 2.0, "b": 1.3, "c": 0.5, "d": 1.0},
            lambda x: 2 * np.sin(1.3 * x + 0.5) + 1,
        ),
    ],
)
def test_a_nonlinear_fit_finds_exact_data(model: str, truth: dict[str, float], make) -> None:
    xs = np.linspace(0, 6, 13)
    session, printed = fitted([float(x) for x in xs], [float(y) for y in make(xs)], model)
    for name, want in truth.items():
        assert value(session, name) == pytest.approx(want, rel=1e-7), name
    assert printed[len(truth)] == "R² = 1"


def test_braces_leave_rows_out_as_a_fit_of_the_rest() -> None:
    xs, ys = ANSCOMBE["III"]
    session, _ = fitted(xs, ys, "Y ~ m X + b {Y < 12}")  # without its outlier
    kept = [(x, y) for x, y in zip(xs, ys, strict=True) if y < 12]
    reference = stats.linregress(*zip(*kept, strict=True))
    assert value(session, "m") == pytest.approx(reference.slope, rel=1e-12)


def test_a_failed_fit_defines_nothing() -> None:
    session = Session()
    session.run("X = [1, 2, 3]\nY = [2, 4, 7]", Budget.unlimited())
    _, problems = session.run("Y ~ ln(a - 2) X", Budget.unlimited())
    assert [p.code for p in problems] == ["fit-failed"]
    assert "a" not in session.definitions and "e1" not in session.definitions


def test_a_fitted_name_is_fitted_again_and_a_name_defined_by_hand_is_not() -> None:
    session, _ = fitted([1, 2, 3], [2, 4, 7], "Y ~ m X + b")
    plan, _ = session.run("Y ~ m X", Budget.unlimited())
    assert plan.values[0][1].startswith("m = ")  # m came from a fit: fitted again
    session.run("m = 2", Budget.unlimited())
    plan, _ = session.run("Y ~ m X + b", Budget.unlimited())
    assert [text.split(" = ")[0] for _, text in plan.values][:1] == ["b"]


def test_the_printed_fit_names_its_residuals_without_the_line_before_them() -> None:
    session = Session()
    run_cell(session, "X = [1, 2, 3]\nY = [2, 4, 7]", Budget(30))
    lines = ["Y ~ m X + b"]
    outcome = run_cell(session, lines[0], Budget(30))
    printed = format_values(outcome.values, lines).split("\n")
    assert printed[0].startswith("m = ") and printed[1].startswith("b = ")
    assert printed[2].startswith("r² = ")
    assert printed[3] == "residuals: e1"


def test_the_fitted_curve_is_drawn_again_on_zoom() -> None:
    session = Session()
    run_cell(session, "X = [1, 2, 3]\nY = [2, 4, 7]", Budget(30))
    source = "Y ~ m X + b"
    outcome = run_cell(session, source, Budget(30))
    assert outcome.scene is not None
    m, b = value(session, "m"), value(session, "b")
    outputs = Outputs()
    outputs.add("d", Stored(outcome.scene["program"], [source], (600, 400)))
    view = {"x": [100, 200], "y": [0, 1000], "width": 600, "height": 400}
    request = {"request": "view", "seq": 1, "display_id": "d", "view": view}
    scene = answer(request, outputs, Limits(), Budget(10))["scene"]
    assert scene["params"] == []  # the fitted numbers are the fit's, not sliders
    (curve,) = [item for item in scene["items"] if item["kind"] == "curve"]
    xs_ys = [p for segment in curve["segments"] for p in segment]
    assert min(x for x, _ in xs_ys) >= 100 - 1e-9 and max(x for x, _ in xs_ys) > 190
    assert all(math.isclose(y, m * x + b, rel_tol=1e-9) for x, y in xs_ys)
    points = [(item["x"], item["y"]) for item in scene["items"] if item["kind"] == "point"]
    assert points == [(1, 2), (2, 4), (3, 7)]


def test_scipy_is_imported_only_when_a_nonlinear_fit_runs() -> None:
    script = (
        "import sys\n"
        "from plotter_kernel.budget import Budget\n"
        "from plotter_kernel.lang.session import Session\n"
        "s = Session()\n"
        "s.run('X = [1, 2, 3]\\nY = [2, 4, 7]\\nY ~ m X + b', Budget.unlimited())\n"
        "print('scipy' in sys.modules)\n"
        "s.run('Y ~ a e^(k X)', Budget.unlimited())\n"
        "print('scipy' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["False", "True"]
