"""Drawing cases from ``language/cases/drawing.json``: Plotter source -> facts about its scene."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from plotter_kernel.budget import Budget
from plotter_kernel.cell import run_cell
from plotter_kernel.draw.describe import describe
from plotter_kernel.draw.view import plot_size
from plotter_kernel.errors import WARNING
from plotter_kernel.lang.session import Session
from plotter_kernel.limits import Limits

CASES = json.loads(
    (Path(__file__).parent.parent / "language" / "cases" / "drawing.json").read_text("utf-8")
)["cases"]
SIZE = (600, 400)


def distance_px(point, segments, window) -> float:
    """Shortest distance in CSS pixels from ``point`` to any of the polylines."""
    scale = np.array(
        [
            SIZE[0] / (window["x"][1] - window["x"][0]),
            SIZE[1] / (window["y"][1] - window["y"][0]),
        ]
    )
    p = np.asarray(point, dtype=float) * scale
    best = np.inf
    for seg in segments:
        pts = np.asarray(seg, dtype=float) * scale
        a, b = pts[:-1], pts[1:]
        ab = b - a
        length2 = np.maximum(np.einsum("ij,ij->i", ab, ab), 1e-300)
        s = np.clip(np.einsum("ij,ij->i", p - a, ab) / length2, 0.0, 1.0)
        nearest = a + s[:, None] * ab
        best = min(best, float(np.min(np.hypot(*(nearest - p).T))))
    return best


def check_item(case: dict, item: dict, window: dict) -> None:
    segments = item.get("segments", [])
    if "pieces" in case:
        expected = case["pieces"]
        lo, hi = expected if isinstance(expected, list) else (expected, expected)
        assert lo <= len(segments) <= hi, f"{len(segments)} pieces"
    for x in case.get("asymptotes", []):
        for seg in segments:
            xs = np.asarray(seg)[:, 0]
            assert not (xs.min() < x < xs.max()), f"a piece crosses x = {x}"
    if case.get("flat_pieces"):
        for seg in segments:
            assert np.ptp(np.asarray(seg)[:, 1]) == 0, "a piece joins two levels"
    for point in case.get("on_curve", []):
        d = distance_px(point, segments, window)
        assert d <= case.get("tol_px", 1.5), f"{point} is {d:.2f}px from the curve"
    if "x_range" in case:
        xs = np.concatenate([np.asarray(seg)[:, 0] for seg in segments])
        assert xs.min() == pytest.approx(case["x_range"][0], abs=1e-6)
        assert xs.max() == pytest.approx(case["x_range"][1], abs=1e-6)
    if "dash" in case:
        assert item["dash"] is case["dash"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_drawing_case(case: dict) -> None:
    outcome = run_cell(Session(Limits()), case["source"], Budget(30))
    errors = [p for p in outcome.problems if p.severity != WARNING]
    assert errors == []
    warnings = [p.code for p in outcome.problems if p.severity == WARNING]
    assert warnings == case.get("warnings", [])
    scene = outcome.scene
    assert scene is not None
    json.dumps(scene, allow_nan=False)
    items, window = scene["items"], scene["window"]
    if "kinds" in case:
        assert [item["kind"] for item in items] == case["kinds"]
    if "window" in case:
        for axis in ("x", "y"):
            assert window[axis] == pytest.approx(case["window"][axis])
    if "window_y_within" in case:
        lo, hi = case["window_y_within"]
        assert lo <= window["y"][0] < window["y"][1] <= hi
    for x, y in case.get("window_contains", []):
        assert window["x"][0] <= x <= window["x"][1] and window["y"][0] < y < window["y"][1]
    if "equal_scale" in case:
        assert scene["view"]["equal"] is case["equal_scale"]
    if case.get("equal_scale"):
        w, h = plot_size(SIZE)
        per_x = (window["x"][1] - window["x"][0]) / w
        per_y = (window["y"][1] - window["y"][0]) / h
        assert per_x == pytest.approx(per_y, rel=1e-9), "x and y units differ on screen"
    if "fits" in case:
        for axis, (lo, hi) in zip(("x", "y"), case["fits"], strict=True):
            margin, slack = 0.1 * (hi - lo), 1e-3 * (hi - lo)
            w0, w1 = window[axis]
            assert w0 <= lo - margin + slack and w1 >= hi + margin - slack, f"{axis} margin"
            assert w1 - w0 <= 3 * (hi - lo) + 2, f"the {axis} window is far too large"
    if "description" in case:
        assert describe(scene) == case["description"]
    if case.get("distinct_colors"):
        assert len({item["color"] for item in items}) == len(items)
    if "colors" in case:
        assert len({item["color"] for item in items}) == case["colors"]
    if "ids" in case:
        assert len({item["id"] for item in items}) == case["ids"]
    if "max_points" in case:
        assert (
            sum(len(seg) for item in items for seg in item.get("segments", []))
            <= case["max_points"]
        )
    if "drag" in case:
        assert [item.get("drag") for item in items] == case["drag"]
    check_statistics(case, items)
    if items:
        check_item(case, items[case.get("item", 0)], window)


def same_numbers(actual: list, expected: list) -> bool:
    """Equal shapes and numbers equal to 12 significant digits."""
    a, e = np.asarray(actual, dtype=float), np.asarray(expected, dtype=float)
    return a.shape == e.shape and bool(np.allclose(a, e, rtol=1e-12, atol=1e-12))


def check_statistics(case: dict, items: list[dict]) -> None:
    """A histogram's bars, a boxplot's five numbers and a dotplot's dots."""
    item = items[case.get("item", 0)] if items else {}
    if "bars" in case:
        bars = [[b["from"], b["to"], b["count"]] for b in item["bars"]]
        assert same_numbers(bars, case["bars"]), bars
    if "box" in case:
        box = [item["box"][k] for k in ("min", "q1", "median", "q3", "max")]
        assert same_numbers(box, case["box"]), box
    if "dots" in case:
        dots = [[i["x"], i["y"]] for i in items if "count" in i]
        assert same_numbers(dots, case["dots"]), dots
