"""The view rule (SPEC section 5): equal scale for shapes, fitted with a margin, at any size."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from plotter_kernel.budget import Budget
from plotter_kernel.cell import run_cell
from plotter_kernel.draw.view import fit, follow, is_equal, plot_size, reaches_edge
from plotter_kernel.lang.session import Session
from plotter_kernel.plan import Curve, Implicit, Points
from plotter_kernel.render.frame import layout
from plotter_kernel.render.render import render

SIZES = [(600, 400), (400, 400), (900, 300)]
SHAPES = {
    # source: width / height of the shape in data units
    "(cos(t), sin(t)) for t in [0, 2pi]": 1.0,
    "r = 1 + cos(theta)": 2.25 / (2 * 1.299038105676658),
    "x^2 + y^2 = 9": 1.0,
}


def scene_for(source: str, size: tuple[int, int]) -> dict:
    outcome = run_cell(Session(), source, Budget(30), size=size)
    assert outcome.scene is not None and not outcome.problems
    return outcome.scene


def ink_box(scene: dict, size: tuple[int, int]) -> tuple[int, int]:
    """Width and height in PNG pixels of the first item's curve, legend and frame aside.

    The picture is drawn twice, with and without the curve's segments: the pixels that
    differ are the curve's.
    """
    bare = {**scene, "items": [{**scene["items"][0], "segments": []}, *scene["items"][1:]]}
    drawn, empty = (
        np.asarray(Image.open(io.BytesIO(render(s, ["image/png"], size)[0]["image/png"])))
        for s in (scene, bare)
    )
    mask = np.abs(drawn.astype(int) - empty.astype(int)).sum(axis=2) > 60
    rows, cols = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
    return int(cols[-1] - cols[0]), int(rows[-1] - rows[0])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("source", list(SHAPES))
def test_shapes_look_round_at_any_size(source, size):
    # Given a shape cell drawn at this figure size,
    scene = scene_for(source, size)
    # the picture has the shape's true proportions (the line width aside),
    width, height = ink_box(scene, size)
    line = 2 * 2.0 * 100 / 72  # the stroke adds its width to both extents, at 2x
    assert (width - line) / (height - line) == pytest.approx(SHAPES[source], rel=0.03)
    # and the view fits it: it fills at least half of the shorter side.
    w, h = plot_size(size)
    assert max(width / (2 * w), height / (2 * h)) > 0.5


def test_the_static_frame_keeps_equal_scale_when_labels_need_room():
    # A window away from the origin puts labels outside the plot: the frame narrows instead.
    window = {"x": [100.0, 104.0], "y": [50.0, 52.0]}
    frame = layout(window, (600, 400), equal=True)
    left, bottom, width, height = frame.rect
    assert (4 / (width * 600)) == pytest.approx(2 / (height * 400), rel=1e-9)


def test_a_given_x_window_wins_and_y_follows_centred_on_the_shape():
    scene = scene_for("x in [-4, 4]\n(cos(t), 2 + sin(t))", (600, 400))
    assert scene["window"]["x"] == [-4.0, 4.0]
    y0, y1 = scene["window"]["y"]
    w, h = plot_size((600, 400))
    assert (y0 + y1) / 2 == pytest.approx(2, abs=0.01)
    assert (y1 - y0) / h == pytest.approx(8 / w)


def test_a_given_y_window_wins_and_x_follows():
    scene = scene_for("y in [-1, 1]\nx^2 + y^2 = 1", (600, 400))
    assert scene["window"]["y"] == [-1.0, 1.0]
    x0, x1 = scene["window"]["x"]
    w, h = plot_size((600, 400))
    assert (x1 - x0) / w == pytest.approx(2 / h)


def test_both_windows_given_are_kept_as_they_are():
    scene = scene_for("x in [0, 1]\ny in [0, 5]\nx^2 + y^2 = 1", (600, 400))
    assert scene["window"] == {"x": [0.0, 1.0], "y": [0.0, 5.0]}


def test_explicit_curves_keep_the_default_x_and_automatic_y():
    scene = scene_for("y = x^2\ny = sin(x)", (600, 400))
    assert scene["view"]["equal"] is False
    assert scene["window"]["x"] == [-10.0, 10.0]
    lo, hi = scene["window"]["y"]
    assert -1.5 < lo < -1 and 1 < hi < 3  # the sine's extrema and the parabola's vertex


def test_a_shape_that_runs_past_the_window_keeps_the_default_view():
    for source in ("y < sin(x)", "x y = 1", "x + y = 1"):
        scene = scene_for(source, (600, 400))
        assert scene["window"]["x"] == [-10.0, 10.0], source


def test_points_alone_are_fitted():
    scene = scene_for("(1, 2), (3, 5)", (600, 400))
    (x0, x1), (y0, y1) = scene["window"]["x"], scene["window"]["y"]
    assert scene["view"]["equal"] is True
    assert x0 < 1 and x1 > 3 and y0 < 2 - 0.29 and y1 > 5 + 0.29 and x1 - x0 < 10


def test_pixel_size_reaches_sampling():
    small = scene_for("y = sin(3x) + x^2/20", (200, 150))
    large = scene_for("y = sin(3x) + x^2/20", (1600, 1200))
    count = [sum(len(s) for s in scene["items"][0]["segments"]) for scene in (small, large)]
    assert count[1] > 1.5 * count[0]
    assert large["view"]["width"] == 1600 and large["view"]["height"] == 1200


def test_rule_parts():
    assert is_equal([Implicit(0, "", lambda x, y: x)])
    assert is_equal([Curve(0, "", np.sin, var="y")])
    assert is_equal([Points(0, "", [(1.0, 2.0)])])
    assert not is_equal([Curve(0, "", np.sin), Points(1, "", [(1.0, 2.0)])])
    (x0, x1), (y0, y1) = fit(((-1.0, 1.0), (-1.0, 1.0)), (600, 400))
    w, h = plot_size((600, 400))
    assert (x1 - x0) / w == pytest.approx((y1 - y0) / h)
    assert y1 == pytest.approx(1.2)
    assert follow((-3.0, 3.0), 1.0, (600, 400), "x") == pytest.approx(
        (1 - 3 * h / w, 1 + 3 * h / w)
    )
    assert (
        fit(((2.0, 2.0), (3.0, 3.0)), (400, 400))[0][0]
        < 2
        < fit(((2.0, 2.0), (3.0, 3.0)), (400, 400))[0][1]
    )
    assert reaches_edge(((-10.0, 3.0), (0.0, 1.0)), ((-10.0, 10.0), (-5.0, 5.0)))
    assert not reaches_edge(((-2.0, 2.0), (-2.0, 2.0)), ((-10.0, 10.0), (-5.0, 5.0)))
