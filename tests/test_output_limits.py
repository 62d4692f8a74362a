"""Fitting a display into max_output_bytes: the SVG goes first, then the drawing is thinned."""

from __future__ import annotations

import json

import numpy as np

from plotter_kernel.budget import Budget
from plotter_kernel.cell import run_cell
from plotter_kernel.lang.session import Session
from plotter_kernel.limits import Limits
from plotter_kernel.protocol import SCENE_MIME as SCENE
from plotter_kernel.render.output import (
    PNG,
    SVG,
    TEXT_BYTES,
    TOO_BIG,
    fit_display,
    points,
    scene_bytes,
)

FORMATS = [PNG, SVG, "text/plain", SCENE]


def wavy(n: int) -> dict:
    """A scene of one curve with ``n`` points (a zig-zag no simplification removes)."""
    xs = np.linspace(-10, 10, n)
    ys = np.where(np.arange(n) % 2, 1.0, -1.0) * 3 + xs / 7
    item = {"kind": "curve", "line": 0, "label": "zig", "color": "#0072B2"}
    item["segments"] = [np.column_stack([xs, ys]).tolist()]
    return {"version": 1, "window": {"x": [-10, 10], "y": [-6, 6]}, "items": [item]}


def total(display, shown) -> int:
    return sum(len(v) for v in display.data.values()) + scene_bytes(shown)


def test_small_output_is_left_alone() -> None:
    scene = wavy(200)
    display, shown = fit_display(scene, FORMATS, (600, 400), Budget(30), 5_000_000, SCENE)
    assert set(display.data) == {PNG, SVG}
    assert shown is scene and display.warnings == []


def test_svg_is_dropped_before_anything_is_thinned() -> None:
    scene = wavy(12_000)  # ~0.5 MB of scene
    full, _ = fit_display(scene, FORMATS, (600, 400), Budget(30), 10**9, SCENE)
    png, svg = len(full.data[PNG]), len(full.data[SVG])
    limit = scene_bytes(scene) + png + svg // 2 + TEXT_BYTES
    display, shown = fit_display(scene, FORMATS, (600, 400), Budget(30), limit, SCENE)
    assert PNG in display.data and SVG not in display.data
    assert shown is scene, "the drawing itself is not thinned"
    assert [code for code, _ in display.warnings] == [TOO_BIG]
    assert total(display, shown) <= limit


def test_then_the_drawing_is_thinned_to_fit() -> None:
    scene = wavy(200_000)  # ~8 MB of scene
    display, shown = fit_display(scene, FORMATS, (600, 400), Budget(30), 2_000_000, SCENE)
    assert SVG not in display.data and PNG in display.data
    assert points(shown) < points(scene)
    assert total(display, shown) <= 2_000_000
    assert {code for code, _ in display.warnings} == {TOO_BIG}
    json.dumps(shown, allow_nan=False)


def test_no_time_left_means_no_picture_but_an_answer() -> None:
    budget = Budget(0.1)
    budget.answer_by = budget.deadline  # already due
    display, shown = fit_display(wavy(50), FORMATS, (600, 400), budget, 5_000_000, SCENE)
    assert display.data == {}
    assert {code for code, _ in display.warnings} == {"output-time"}


def test_a_region_of_millions_of_points_is_capped_while_drawn() -> None:
    limits = Limits(max_output_bytes=1_000_000)
    outcome = run_cell(Session(limits), "sin(50x) sin(50y) > 0", Budget(60), limits)
    assert outcome.scene is not None
    assert scene_bytes(outcome.scene) <= 1_000_000
    assert "output-too-big" in {p.code for p in outcome.problems}
