"""The scene (SPEC §2): shape, JSON validity, order, colours, windows and warnings."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plotter_kernel.budget import Budget
from plotter_kernel.draw.palette import OKABE_ITO
from plotter_kernel.draw.scene import build_scene
from plotter_kernel.errors import PlotterError, TimeLimit
from plotter_kernel.limits import Limits
from plotter_kernel.plan import (
    CellPlan,
    Curve,
    Implicit,
    Inequality,
    Parametric,
    Points,
    Polar,
    Window,
)


def build(*specs, window=None, limits=None):
    plan = CellPlan(list(specs), window or Window())
    return build_scene(plan, limits or Limits(), Budget.unlimited())


def coordinates(item):
    for key in ("segments", "polygons", "boundary"):
        for line in item.get(key, []):
            yield from (c for pt in line for c in pt)
    if item["kind"] == "point":
        yield item["x"]
        yield item["y"]


def test_no_specs_means_no_scene():
    assert build() == (None, [])


def test_scene_has_the_contract_shape_and_is_strict_json():
    scene, warnings = build(
        Curve(2, "y = tan(x)", np.tan),
        Curve(0, "y = 1/x", lambda x: 1 / x),
        Points(1, "(1, 2), (3, 4)", [(1.0, 2.0), (3.0, 4.0)]),
    )
    assert warnings == []
    assert scene["version"] == 1
    assert set(scene["window"]) == {"x", "y"}
    assert scene["window"]["x"] == [-10.0, 10.0]
    json.dumps(scene, allow_nan=False)
    assert [item["line"] for item in scene["items"]] == [0, 1, 1, 2]
    for item in scene["items"]:
        assert {"kind", "line", "label", "color"} <= set(item)
        for c in coordinates(item):
            assert type(c) is float and math.isfinite(c)
        for segment in item.get("segments", []):
            assert len(segment) >= 2 and all(len(pt) == 2 for pt in segment)


def test_several_points_share_line_label_and_colour():
    scene, _ = build(Points(0, "(0, 0), (pi, 0), (1, 1)", [(0, 0), (np.pi, 0), (1, 1)]))
    points = scene["items"]
    assert [(p["x"], p["y"]) for p in points] == [(0, 0), (np.pi, 0), (1, 1)]
    assert {(p["line"], p["label"], p["color"]) for p in points} == {
        (0, "(0, 0), (pi, 0), (1, 1)", OKABE_ITO[0])
    }


def test_colours_follow_the_palette_in_item_order():
    scene, _ = build(*(Curve(i, f"y = {i}", lambda x, i=i: 0 * x + i) for i in range(3)))
    assert [item["color"] for item in scene["items"]] == list(OKABE_ITO[:3])


def test_window_from_the_plan_is_used():
    scene, _ = build(Curve(0, "sin", np.sin), window=Window(x=(-2.0, 3.0), y=(-5.0, 5.0)))
    assert scene["window"] == {"x": [-2.0, 3.0], "y": [-5.0, 5.0]}
    xs = [pt[0] for seg in scene["items"][0]["segments"] for pt in seg]
    assert min(xs) == pytest.approx(-2.0) and max(xs) == pytest.approx(3.0)


def test_default_x_comes_from_the_limits():
    scene, _ = build(Curve(0, "sin", np.sin), limits=Limits(default_x=(0.0, 5.0)))
    assert scene["window"]["x"] == [0.0, 5.0]


def test_restriction_limits_the_curve():
    scene, _ = build(Curve(0, "y = x for x in [0, 4]", lambda x: x, domain=(0.0, 4.0)))
    (segment,) = scene["items"][0]["segments"]
    assert segment[0] == [0.0, 0.0] and segment[-1] == [4.0, 4.0]


def test_vertical_line_spans_the_whole_y_window():
    scene, _ = build(
        Curve(0, "y = sin(x)", np.sin), Curve(1, "x = 3", lambda y: 0 * y + 3, var="y")
    )
    y0, y1 = scene["window"]["y"]
    (segment,) = scene["items"][1]["segments"]
    assert {pt[0] for pt in segment} == {3.0}
    assert segment[0][1] == pytest.approx(y0) and segment[-1][1] == pytest.approx(y1)


def test_undefined_everywhere_is_a_warning_without_an_item():
    scene, warnings = build(Curve(0, "sqrt(-1)", lambda x: np.sqrt(-1 - x * x)))
    assert scene["items"] == []
    assert [(w.line, w.code) for w in warnings] == [(0, "undefined-everywhere")]
    assert "undefined everywhere on this window" in warnings[0].message


def test_a_failing_statement_warns_and_the_others_are_drawn():
    def broken(x):
        raise PlotterError("ValueError", "That number is too big.", code="too-big")

    scene, warnings = build(Curve(0, "bad", broken), Curve(1, "good", np.sin))
    assert [item["label"] for item in scene["items"]] == ["good"]
    assert [(w.line, w.code) for w in warnings] == [(0, "too-big")]


def test_time_limit_before_anything_is_drawn_gives_no_scene_and_an_error():
    plan = CellPlan([Curve(0, "sin", np.sin)])
    scene, problems = build_scene(plan, Limits(), Budget(-1.0))
    assert scene is None
    assert [(p.line, p.ename, p.severity) for p in problems] == [(0, "ResourceError", 1)]


def test_interrupt_is_never_swallowed():
    def interrupted(x):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build(Curve(0, "slow", interrupted))


def test_parametric_extent_joins_the_automatic_window():
    scene, _ = build(Parametric(0, "circle", lambda t: 5 * np.cos(t), lambda t: 5 * np.sin(t)))
    y0, y1 = scene["window"]["y"]
    assert y0 < -5 and y1 > 5
    (item,) = scene["items"]
    pts = np.array([pt for seg in item["segments"] for pt in seg])
    np.testing.assert_allclose(np.hypot(pts[:, 0], pts[:, 1]), 5, rtol=1e-9)


def test_polar_curve_is_a_curve_item():
    scene, _ = build(Polar(0, "r = 2", lambda th: 0 * th + 2))
    (item,) = scene["items"]
    assert item["kind"] == "curve" and item["segments"]


def test_implicit_only_cell_is_fitted_with_equal_scale():
    scene, _ = build(Implicit(0, "x^2 + y^2 = 4", lambda x, y: x**2 + y**2 - 4))
    assert scene["view"]["equal"] is True
    (x0, x1), (y0, y1) = scene["window"]["x"], scene["window"]["y"]
    assert -3 < y0 <= -2.39 and 2.39 <= y1 < 3 and x0 < -2.39 and x1 > 2.39
    pts = np.array([pt for seg in scene["items"][0]["segments"] for pt in seg])
    np.testing.assert_allclose(np.hypot(pts[:, 0], pts[:, 1]), 2, atol=0.02)


def test_region_has_polygons_boundary_and_dash_for_strict():
    scene, warnings = build(
        Inequality(0, "y < x", lambda x, y: y - x, "<"),
        Inequality(1, "y >= x", lambda x, y: y - x, ">="),
    )
    assert warnings == []
    strict, loose = scene["items"]
    assert strict["kind"] == loose["kind"] == "region"
    assert strict["polygons"] and strict["boundary"]
    assert strict["dash"] is True and loose["dash"] is False
    json.dumps(scene, allow_nan=False)


def test_empty_region_is_a_warning():
    scene, warnings = build(Inequality(0, "x^2 + y^2 < -1", lambda x, y: x**2 + y**2 + 1, "<"))
    assert scene["items"] == []
    assert [(w.line, w.code) for w in warnings] == [(0, "region-empty")]


def test_implicit_curve_with_nothing_in_the_window_is_a_warning():
    scene, warnings = build(Implicit(0, "x^2 + y^2 = -1", lambda x, y: x**2 + y**2 + 1))
    assert scene["items"] == []
    assert [(w.line, w.code, w.severity) for w in warnings] == [(0, "nothing-in-window", 2)]


def test_time_running_out_keeps_the_items_already_drawn():
    # Given a second statement whose refinement runs into the cell's time limit,
    calls = []

    def cos_then_out_of_time(x):
        calls.append(len(x))
        if len(calls) > 1:  # the first call is the coarse pass that sets the window
            raise TimeLimit(1)
        return np.cos(x)

    plan = CellPlan([Curve(0, "sin", np.sin), Curve(1, "cos", cos_then_out_of_time)])
    scene, problems = build_scene(plan, Limits(), Budget(60))
    # then the first statement is kept and the second one carries the ResourceError.
    assert [item["line"] for item in scene["items"]] == [0]
    assert [(p.line, p.code, p.ename, p.severity) for p in problems] == [
        (1, "time-limit", "ResourceError", 1)
    ]


def test_same_plan_gives_the_same_scene():
    def plan():
        return CellPlan([Curve(0, "t", lambda x: np.tan(x) * np.sin(x)), Curve(1, "f", np.floor)])

    first, _ = build_scene(plan(), Limits(), Budget.unlimited())
    second, _ = build_scene(plan(), Limits(), Budget.unlimited())
    assert json.dumps(first) == json.dumps(second)


def test_sample_counts_stay_within_the_limit():
    scene, _ = build(Curve(0, "sin(1/x)", lambda x: np.sin(1 / x)), limits=Limits(max_samples=800))
    assert sum(len(seg) for seg in scene["items"][0]["segments"]) <= 800


def test_a_curve_beside_a_shape_is_drawn_across_the_fitted_view():
    scene, _ = build(
        Curve(0, "y = sin(x)", np.sin),
        Implicit(1, "x^2 + y^2 = 16", lambda x, y: x**2 + y**2 - 16),
    )
    assert scene["view"]["equal"] is True
    (x0, x1), (y0, y1) = scene["window"]["x"], scene["window"]["y"]
    assert y0 <= -4.79 and y1 >= 4.79 and y1 - y0 < 12
    sine = np.concatenate([np.asarray(s) for s in scene["items"][0]["segments"]])
    assert sine[:, 0].min() == pytest.approx(x0) and sine[:, 0].max() == pytest.approx(x1)


def test_unusable_windows_fall_back():
    scene, _ = build(Curve(0, "sin", np.sin), window=Window(x=(3.0, 3.0), y=(2.0, -2.0)))
    assert scene["window"]["x"] == [-10.0, 10.0]
    y0, y1 = scene["window"]["y"]
    assert y0 < -1 and y1 > 1


def test_undefined_points_warn():
    scene, warnings = build(Points(0, "(sqrt(-1), 0)", [(float("nan"), 0.0)]))
    assert scene["items"] == []
    assert [(w.line, w.code) for w in warnings] == [(0, "undefined-point")]


FAMILIES = {
    "power": lambda a, b, c: lambda x: a * x ** int(abs(b) % 5) + c,
    "pole": lambda a, b, c: lambda x: a / (x - c),
    "tan": lambda a, b, c: lambda x: a * np.tan(b * x),
    "floor": lambda a, b, c: lambda x: np.floor(a * x + c),
    "root": lambda a, b, c: lambda x: np.sqrt(a * x + c),
    "log": lambda a, b, c: lambda x: b * np.log(a * x + c),
    "wiggle": lambda a, b, c: lambda x: np.sin(b * 20 / (x - c)),
}


@settings(max_examples=60, deadline=None)
@given(
    family=st.sampled_from(sorted(FAMILIES)),
    a=st.floats(-50, 50).filter(lambda v: abs(v) > 1e-3),
    b=st.floats(-5, 5).filter(lambda v: abs(v) > 1e-3),
    c=st.floats(-9, 9),
    limit=st.sampled_from([300, 2000, 20000]),
)
def test_any_curve_gives_a_valid_scene(family, a, b, c, limit):
    fn = FAMILIES[family](a, b, c)
    scene, warnings = build(Curve(0, family, fn), limits=Limits(max_samples=limit))
    json.dumps(scene, allow_nan=False)
    (y0, y1), (x0, x1) = scene["window"]["y"], scene["window"]["x"]
    assert math.isfinite(y0) and math.isfinite(y1) and y0 < y1
    if warnings:
        assert [w.code for w in warnings] == ["undefined-everywhere"]
        return
    (item,) = scene["items"]
    assert sum(len(seg) for seg in item["segments"]) <= limit
    for seg in item["segments"]:
        pts = np.asarray(seg)
        assert len(pts) >= 2 and np.all(np.isfinite(pts))
        assert np.all(np.diff(pts[:, 0]) >= 0)
        assert pts[:, 0].min() >= x0 and pts[:, 0].max() <= x1
