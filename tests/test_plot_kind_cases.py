"""Run the cells of ``language/cases/plot_kinds.json``; check the scene facts each promises."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from matplotlib.path import Path as Shape

from plotter_kernel.budget import Budget
from plotter_kernel.cell import run_cell
from plotter_kernel.lang.program import specs_of
from plotter_kernel.lang.session import Session

CASES = json.loads(
    (Path(__file__).parent.parent / "language" / "cases" / "plot_kinds.json").read_text("utf-8")
)["cases"]


def surface(expr: str):
    """Compile a Plotter expression in x and y (the case's true set) into a NumPy function."""
    plan, problems = Session().run(f"{expr} = 0", Budget.unlimited())
    assert not problems, problems
    return specs_of(plan)[0].F


def pieces_of(item: dict[str, Any]) -> list[np.ndarray]:
    key = "segments" if item["kind"] == "curve" else "boundary"
    return [np.asarray(p, dtype=float) for p in item.get(key, [])]


def distance(target: list[float], lines: list[np.ndarray]) -> float:
    """Distance from a point to the nearest drawn polyline (not only its vertices)."""
    q = np.asarray(target, dtype=float)
    best = np.inf
    for line in lines:
        a, b = line[:-1], line[1:]
        d = b - a
        length2 = np.maximum(np.sum(d * d, axis=1), 1e-300)
        t = np.clip(np.sum((q - a) * d, axis=1) / length2, 0.0, 1.0)
        best = min(best, float(np.hypot(*(a + t[:, None] * d - q).T).min(initial=np.inf)))
    return best


def area(ring: np.ndarray) -> float:
    x, y = ring[:, 0], ring[:, 1]
    return 0.5 * float(np.sum(x[:-1] * y[1:] - x[1:] * y[:-1]))


def check_count(count: int, expected: int | list[int], what: str) -> None:
    low, high = (expected, expected) if isinstance(expected, int) else expected
    assert low <= count <= high, f"{count} {what}, expected {expected}"


def check_item(item: dict[str, Any], fact: dict[str, Any]) -> None:
    assert item["kind"] == fact["kind"]
    if "line" in fact:
        assert item["line"] == fact["line"]
    lines = pieces_of(item)
    assert all(np.isfinite(p).all() and p.ndim == 2 and p.shape[1] == 2 for p in lines)
    if "pieces" in fact:
        check_count(len(lines), fact["pieces"], "pieces")
    if "boundary_pieces" in fact:
        check_count(len(lines), fact["boundary_pieces"], "boundary pieces")
    if fact.get("closed"):
        assert all(np.allclose(p[0], p[-1]) for p in lines)
    drawn = np.vstack(lines) if lines else np.zeros((0, 2))
    if "residual" in fact:
        with np.errstate(all="ignore"):
            residual = surface(fact["residual"])(drawn[:, 0], drawn[:, 1])
        assert drawn.size and np.nanmax(np.abs(residual)) <= fact["tol"]
        assert np.isfinite(residual).all()
    for target in fact.get("near", []):
        gap = distance(target, lines)
        assert gap <= fact["near_tol"], f"nothing drawn near {target} (closest {gap:.3g})"
    if "at" in fact:  # a point item's position
        gap = float(np.hypot(item["x"] - fact["at"][0], item["y"] - fact["at"][1]))
        assert gap <= fact["near_tol"], f"the point is {gap:.3g} from {fact['at']}"
    for x in fact.get("no_crossing_x", []):
        assert not any(p[:, 0].min() < x < p[:, 0].max() for p in lines), f"a piece crosses x={x}"
    if item["kind"] == "region":
        check_region(item, fact)


def check_region(item: dict[str, Any], fact: dict[str, Any]) -> None:
    rings = [np.asarray(p, dtype=float) for p in item["polygons"]]
    assert rings and all(np.isfinite(r).all() for r in rings)
    if "area" in fact:
        total = sum(abs(area(r)) for r in rings)
        assert abs(total - fact["area"]) <= fact["area_rel_tol"] * fact["area"]
    if "dash" in fact:
        assert item["dash"] is fact["dash"]

    def coverage(points: list[list[float]]) -> np.ndarray:
        pts = np.asarray(points, dtype=float).reshape(-1, 2)
        return sum(Shape(r).contains_points(pts).astype(int) for r in rings)

    if fact.get("inside"):
        assert np.all(coverage(fact["inside"]) == 1)
    if fact.get("outside"):
        assert np.all(coverage(fact["outside"]) == 0)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_plot_kind_case(case: dict[str, Any]) -> None:
    # Given a fresh session, when the cell runs
    outcome = run_cell(Session(), case["source"], Budget(30.0))
    # Then it reports exactly the expected problems
    got = sorted((p.code, p.ename, p.span.line, p.severity) for p in outcome.problems)
    want = sorted(
        (p["code"], p["ename"], p["line"], p["severity"]) for p in case.get("problems", [])
    )
    assert got == want
    # and draws exactly the expected items, each with its facts
    items = outcome.scene["items"] if outcome.scene else []
    assert [i["kind"] for i in items] == [f["kind"] for f in case["items"]]
    for item, fact in zip(items, case["items"], strict=True):
        check_item(item, fact)
