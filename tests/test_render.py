"""Rendering (PNG at 2x, SVG) and the screen-reader description of a scene."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from plotter_kernel.budget import Budget
from plotter_kernel.draw.describe import describe, number
from plotter_kernel.draw.scene import build_scene
from plotter_kernel.limits import Limits
from plotter_kernel.plan import CellPlan, Curve, Inequality, Points, Window
from plotter_kernel.render.frame import (
    Entry,
    axis_ticks,
    fitting,
    layout,
    pick_corner,
    text_width,
)
from plotter_kernel.render.render import encode_png, envelope, render, thin, warm_up
from plotter_kernel.render.ticks import in_pi, tick_label, ticks


def scene_of(*specs, window=None):
    scene, _ = build_scene(CellPlan(list(specs), window or Window()), Limits(), Budget.unlimited())
    return scene


@pytest.fixture(scope="module")
def mixed():
    return scene_of(
        Curve(0, "y = sin(x)", np.sin),
        Points(1, "(1, 2), (3, -1)", [(1.0, 2.0), (3.0, -1.0)]),
        Inequality(2, "y < x/4", lambda x, y: y - x / 4, "<"),
    )


def decode(png: bytes) -> np.ndarray:
    image = Image.open(io.BytesIO(png))
    image.load()
    return np.asarray(image.convert("RGB"))


def test_png_is_twice_the_css_size_with_metadata(mixed):
    data, metadata = render(mixed)
    assert decode(data["image/png"]).shape == (800, 1200, 3)
    assert metadata == {"image/png": {"width": 600, "height": 400}}


def test_svg_is_text(mixed):
    data, _ = render(mixed)
    svg = data["image/svg+xml"]
    assert isinstance(svg, str) and "<svg" in svg and svg.rstrip().endswith("</svg>")
    # Shown at the same CSS size as the PNG.
    assert 'width="600px" height="400px" viewBox="0 0 432 288"' in svg


def test_only_the_formats_asked_for(mixed):
    data, metadata = render(mixed, ["image/svg+xml"])
    assert list(data) == ["image/svg+xml"] and metadata == {}
    data, _ = render(mixed, ["image/png"])
    assert list(data) == ["image/png"]


def test_other_sizes(mixed):
    svg = render(mixed, ["image/svg+xml"], size=(333, 251))[0]["image/svg+xml"]
    assert 'width="333px" height="251px"' in svg
    data, metadata = render(mixed, ["image/png"], size=(300, 250))
    assert decode(data["image/png"]).shape == (500, 600, 3)
    assert metadata["image/png"] == {"width": 300, "height": 250}


def test_curve_colour_is_drawn():
    data, _ = render(scene_of(Curve(0, "y = x", lambda x: x)), ["image/png"])
    pixels = decode(data["image/png"]).reshape(-1, 3).astype(int)
    blue = np.array([0x00, 0x72, 0xB2])
    assert np.sum(np.all(np.abs(pixels - blue) < 8, axis=1)) > 500


def test_rendering_is_repeatable_across_scenes(mixed):
    # Given a cached figure, drawing another scene in between must leave no trace.
    first = render(mixed)[0]
    render(scene_of(Curve(0, "tan", np.tan), window=Window(x=(1.0, 5.0), y=(2.0, 9.0))))
    again = render(mixed)[0]
    assert first["image/png"] == again["image/png"]
    assert first["image/svg+xml"] == again["image/svg+xml"]


def test_box_axes_when_the_origin_is_out_of_view():
    scene = scene_of(Curve(0, "y = x^2", lambda x: x**2), window=Window(x=(2.0, 4.0)))
    data, _ = render(scene)
    assert decode(data["image/png"]).shape == (800, 1200, 3)


def test_labels_are_literal_text_not_math():
    scene = scene_of(Curve(0, "y = $x_1$ ^ 2", lambda x: x**2))
    svg = render(scene, ["image/svg+xml"])[0]["image/svg+xml"]
    assert "$x_1$" in svg


def test_empty_scene_renders():
    scene = scene_of(Curve(0, "sqrt(-1)", lambda x: np.sqrt(-1 - x * x)))
    assert scene["items"] == []
    assert "image/png" in render(scene)[0]


@pytest.mark.parametrize(("channels", "mode"), [(3, "RGB"), (4, "RGBA")])
def test_encode_png_round_trips(channels, mode):
    pixels = np.random.default_rng(0).integers(0, 256, size=(7, 5, channels), dtype=np.uint8)
    image = Image.open(io.BytesIO(encode_png(pixels)))
    assert image.mode == mode
    assert np.array_equal(np.asarray(image), pixels)


def test_description_names_labels_and_window(mixed):
    text = describe(mixed)
    assert '"y = sin(x)"' in text and '"(1, 2), (3, -1)"' in text and '"y < x/4"' in text
    assert "1 curve" in text and "2 points" in text and "1 shaded region" in text
    y0, y1 = mixed["window"]["y"]
    assert f"x from -10 to 10 and y from {number(y0)} to {number(y1)}" in text
    assert text.endswith(".") and text.count(".") <= 3


def test_description_of_an_empty_graph():
    scene = {"version": 1, "window": {"x": [-1, 1], "y": [0, 2]}, "items": []}
    assert describe(scene) == "An empty graph for x from -1 to 1 and y from 0 to 2."


def test_description_says_angles_are_in_degrees():
    scene = {"window": {"x": [-1, 1], "y": [0, 2]}, "items": [], "program": {"angles": "degrees"}}
    assert describe(scene).endswith("y from 0 to 2. Angles are in degrees.")


@pytest.mark.parametrize(
    ("value", "text"),
    [(-10.0, "-10"), (2.5, "2.5"), (-6.6667, "-6.67"), (-3357.89, "-3358"), (1.5e6, "1.5e+06")],
)
def test_numbers_read_well(value, text):
    assert number(value) == text


def test_warm_up_leaves_later_renders_unchanged(mixed):
    before = render(mixed)[0]
    warm_up()
    assert render(mixed)[0] == before


def test_thin_keeps_each_column_extremes_in_order():
    x = np.linspace(0, 1, 5001)
    pts = np.column_stack([x, np.sin(300 * x)])
    out = thin(pts, 0.0, 1.0, 100)
    assert len(out) <= 4 * 101 and np.all(np.diff(out[:, 0]) >= 0)
    cols = np.floor(pts[:, 0] * 100).astype(int)
    kept = np.floor(out[:, 0] * 100).astype(int)
    for c in (0, 37, 99):
        assert out[kept == c, 1].max() == pts[cols == c, 1].max()
        assert out[kept == c, 1].min() == pts[cols == c, 1].min()


def test_envelope_only_for_curves_denser_than_the_pixels():
    x = np.linspace(-1, 1, 20001)
    band = envelope(np.column_stack([x, np.sin(2000 * x)]), -1.0, 1.0, 200)
    assert band is not None
    assert band[:, 1].max() == pytest.approx(1, abs=1e-3)
    assert band[:, 1].min() == pytest.approx(-1, abs=1e-3)
    sparse = np.column_stack([x[::50], x[::50]])
    assert envelope(sparse, -1.0, 1.0, 200) is None


def test_very_dense_curve_still_renders_its_colour():
    scene = scene_of(Curve(0, "sin(1000x)", lambda x: np.sin(1000 * x)))
    pixels = decode(render(scene, ["image/png"])[0]["image/png"]).reshape(-1, 3).astype(int)
    blue = np.array([0x00, 0x72, 0xB2])
    assert np.mean(np.all(np.abs(pixels - blue) < 8, axis=1)) > 0.5


@pytest.mark.parametrize(
    ("value", "step", "text"),
    [
        (0.0, 2.0, "0"),
        (-8.0, 2.0, "\u22128"),
        (0.5, 0.5, "0.5"),
        (0.25, 0.05, "0.25"),
        (1.00002, 1e-5, "1.00002"),
        (2e6, 1e6, "2e+06"),
        (1.5e6, 5e5, "1.5e+06"),
    ],
)
def test_tick_labels_carry_just_enough_digits(value, step, text):
    assert tick_label(value, step) == text


def test_ticks_are_round_and_inside_the_window():
    values = [v for v, _ in ticks(-10.0, 10.0, 600)]
    assert values[0] >= -10 and values[-1] <= 10
    steps = np.diff(values)
    assert np.allclose(steps, steps[0]) and steps[0] in (1.0, 2.0, 5.0)
    assert 5 <= len(values) <= 21


@pytest.mark.parametrize(
    "window, size",
    [
        ({"x": [-10, 10], "y": [-1.6, 3.6]}, (600, 400)),  # y = 2cos(x) + 1
        ({"x": [-10, 10], "y": [-1.6, 3.6]}, (300, 200)),
        ({"x": [2.5, 9.1], "y": [-0.6, 1.9]}, (600, 400)),  # a panned sin
        ({"x": [0.2, 0.9], "y": [100, 104]}, (400, 300)),
        ({"x": [-3, 3], "y": [-2, 2]}, (320, 240)),
    ],
)
def test_every_axis_shows_at_least_four_labels(window, size):
    frame = layout(window, size)
    for labelled in (frame.x_ticks, frame.y_ticks):
        assert len([t for _, t in labelled if t]) >= 4


def test_legend_avoids_the_corner_with_the_curve():
    window = {"x": [0.0, 10.0], "y": [0.0, 10.0]}
    # A curve crowding the top right corner only.
    x = np.linspace(7, 10, 50)
    crowded = [np.column_stack([x, 17 - x])]
    assert pick_corner(crowded, 150, 60, (556, 376), window) == "upper left"
    assert pick_corner([], 150, 60, (556, 376), window) == "upper right"


def test_margins_leave_room_for_edge_labels():
    through = layout({"x": [-1, 1], "y": [-1, 1]}, (600, 400)).rect
    box = layout({"x": [1, 2], "y": [1, 2]}, (600, 400)).rect
    assert box[0] > through[0] and box[1] > through[1]
    assert all(0 < v < 1 for v in (*through, *box))
    wide = layout({"x": [1, 2], "y": [1e6, 1e6 + 1]}, (600, 400))
    widest = max(text_width(t) for _, t in wide.y_ticks)
    assert wide.rect[0] * 600 >= widest


def test_wide_x_labels_are_spaced_out():
    frame = layout({"x": [1e6, 1e6 + 1], "y": [0, 1]}, (600, 400))
    shown = [(x, t) for x, t in frame.x_ticks if t]
    assert 2 <= len(shown) < len(frame.x_ticks)
    gaps = np.diff([x for x, _ in shown]) * (600 * frame.rect[2]) / 1.0
    assert gaps.min() > max(text_width(t) for _, t in shown)


def test_zero_is_labelled_once_at_most():
    frame = layout({"x": [-10, 10], "y": [-5, 5]}, (600, 400))
    assert ("0" not in [t for _, t in frame.x_ticks]) and ("0" not in [t for _, t in frame.y_ticks])


def test_a_long_legend_ends_with_how_many_more():
    entries = [Entry("curve", "#000000", f"y = {i}") for i in range(40)]
    rows = fitting(entries, 376)
    assert len(rows) < 40 and rows[-1].label == f"\u2026 and {40 - len(rows) + 1} more"
    assert fitting(entries[:3], 376) == entries[:3]


def test_many_statements_still_render():
    scene = scene_of(*(Curve(i, f"y = {i}", lambda x, i=i: 0 * x + i) for i in range(30)))
    assert decode(render(scene, ["image/png"])[0]["image/png"]).shape == (800, 1200, 3)


def test_a_window_set_in_pi_is_labelled_in_pi():
    frame = layout({"x": [-2 * np.pi, 2 * np.pi], "y": [-1.2, 1.2]}, (600, 400))
    assert [t for _, t in frame.x_ticks if t] == [
        "\u22122\u03c0",
        "\u2212\u03c0",
        "\u03c0",
        "2\u03c0",
    ]
    halves = axis_ticks(0, 2 * np.pi, 556, skip_zero=False)
    assert [t for _, t in halves] == ["0", "\u03c0/2", "\u03c0", "3\u03c0/2", "2\u03c0"]
    assert np.allclose([v for v, _ in halves], np.arange(5) * np.pi / 2)


@pytest.mark.parametrize("lo, hi", [(-10, 10), (0, 1), (0, 3.14), (0, 0)])
def test_other_windows_keep_round_numbers(lo, hi):
    assert not in_pi(lo, hi)


@pytest.mark.parametrize(
    "value, step, text",
    [(1e-7, 1e-7, "0.0000001"), (123456.5, 0.5, "123456.5"), (-0.00025, 5e-5, "\u22120.00025")],
)
def test_no_scientific_notation_below_a_million(value, step, text):
    assert tick_label(value, step) == text


def _dark_pixels_under_label(scene: dict, label: str) -> int:
    """How many tick-label coloured pixels the box of an x tick label holds in the PNG."""
    size = (600, 400)
    frame = layout(scene["window"], size)
    [x] = [v for v, t in frame.x_ticks if t == label]
    (x0, x1), (y0, y1) = scene["window"]["x"], scene["window"]["y"]
    left, bottom, width, height = frame.rect
    cx = (left + (x - x0) / (x1 - x0) * width) * size[0] * 2
    axis_row = (1 - bottom - (0 - y0) / (y1 - y0) * height) * size[1] * 2
    box = decode(render(scene, ["image/png"])[0]["image/png"])
    box = box[int(axis_row) + 4 : int(axis_row) + 34, int(cx) - 14 : int(cx) + 14].astype(int)
    return int(np.count_nonzero(np.abs(box - [0x40, 0x40, 0x40]).sum(axis=2) < 60))


def test_a_curve_never_hides_a_tick_label():
    # Given a window whose x labels sit just under the x axis,
    window = Window(x=(-10.0, 10.0), y=(-1.0, 1.0))
    away = scene_of(Curve(0, "y = 0.9", lambda x: 0 * x + 0.9), window=window)
    clear = _dark_pixels_under_label(away, "5")
    # when a thick curve runs straight through the label "5",
    crossed = scene_of(Curve(0, "y = -0.05", lambda x: 0 * x - 0.05), window=window)
    # the label's text is still all there (a halo separates it from the curve).
    assert clear > 20
    assert _dark_pixels_under_label(crossed, "5") >= 0.9 * clear


def test_the_legend_covers_no_tick_label():
    # Given curves with long labels, whose legend in the top right corner (the first
    # choice on ties) would reach over the y axis's labels near the right edge,
    from matplotlib.patches import FancyBboxPatch

    from plotter_kernel.render.render import _figure

    long = " + 0".join(["y = x"] * 12)
    scene = scene_of(
        *(Curve(k, f"{long} + {k}", lambda x, k=k: 0 * x + k - 20) for k in range(6)),
        window=Window(x=(-10.0, 3.0), y=(-10.0, 10.0)),
    )
    fig = _figure(scene, (600, 400))
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    [legend] = [a for a in ax.patches if isinstance(a, FancyBboxPatch)]
    box = legend.get_window_extent(renderer)
    ticks = [t for t in ax.texts if t.get_zorder() < legend.get_zorder() and t.get_text()]
    # then the tick labels left are clear of the legend, and enough of them are left.
    assert ticks
    assert not [t.get_text() for t in ticks if t.get_window_extent(renderer).overlaps(box)]
    assert len(ticks) >= 6
