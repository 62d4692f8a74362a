"""histogram, boxplot and dotplot against independent definitions: NumPy's histogram with
the same edges, quartiles as medians of the halves, counts of equal values."""

from __future__ import annotations

import statistics
from collections import Counter

import numpy as np
import pytest
from scene_schema import check_scene

from plotter_kernel.budget import Budget
from plotter_kernel.cell import run_cell
from plotter_kernel.errors import Span
from plotter_kernel.lang.session import Session
from plotter_kernel.lang.statplots import MAX_BARS, bars, five_numbers, nice_width, stacks
from plotter_kernel.limits import Limits
from plotter_kernel.render.render import render
from plotter_kernel.shell.assist import complete, inspect

SPAN = Span(0, 0, 0)


def scene_of(source: str) -> dict:
    outcome = run_cell(Session(Limits()), source, Budget(30))
    assert [p.code for p in outcome.problems] == []
    assert outcome.scene is not None
    check_scene(outcome.scene)
    return outcome.scene


def as_list(values: np.ndarray) -> str:
    return "[" + ", ".join(repr(float(v)) for v in values) + "]"


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("width", [0.25, 0.5, 1.0, 2.0, 5.0])
def test_bar_counts_are_numpy_histogram_with_the_same_edges(seed: int, width: float) -> None:
    # Given values on a grid finer than the bars (some exactly on edges)
    rng = np.random.default_rng(seed)
    values = rng.integers(-40, 40, size=60) / 8.0
    # When they are counted into bars aligned at multiples of the width
    drawn = bars(values, width, SPAN)
    # Then the counts are NumPy's with the same edges (its last bin is closed, but the
    # largest value is always below the last edge here: the bars are left-closed)
    edges = np.array([drawn[0][0]] + [b for _, b, _ in drawn])
    counts, _ = np.histogram(values, edges)
    assert [c for _, _, c in drawn] == counts.tolist()
    assert drawn[0][0] <= values.min() and values.max() < drawn[-1][1]
    assert all(a / width == round(a / width) for a, _, _ in drawn)


def test_the_scene_holds_the_same_bars() -> None:
    values = np.random.default_rng(7).normal(5, 2, 40).round(2)
    scene = scene_of(f"histogram({as_list(values)}, 0.5)")
    item = scene["items"][0]
    edges = np.array([item["bars"][0]["from"]] + [b["to"] for b in item["bars"]])
    counts, _ = np.histogram(values, edges)
    assert [b["count"] for b in item["bars"]] == counts.tolist()
    assert len(item["polygons"]) == int(np.count_nonzero(counts))
    heights = sorted(max(y for _, y in p) for p in item["polygons"])
    assert heights == sorted(float(c) for c in counts if c)


def test_a_value_on_an_edge_starts_the_next_bar() -> None:
    assert bars(np.array([1.0, 2.0]), 1.0, SPAN) == [(1.0, 2.0, 1), (2.0, 3.0, 1)]


def test_too_many_bars_is_a_resource_error() -> None:
    with pytest.raises(Exception) as caught:
        bars(np.array([0.0, float(MAX_BARS)]), 1.0, SPAN)
    assert getattr(caught.value, "code", None) == "too-many-bars"
    assert getattr(caught.value, "ename", None) == "ResourceError"


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 8, 9, 10, 11])
def test_five_numbers_are_the_quartile_definition(n: int) -> None:
    values = np.random.default_rng(n).normal(0, 3, n).round(3)
    data = sorted(values.tolist())
    half = n // 2
    lower, upper = (data[:half], data[n - half :]) if n > 1 else (data, data)
    expected = (
        data[0],
        statistics.median(lower),
        statistics.median(data),
        statistics.median(upper),
        data[-1],
    )
    assert five_numbers(values) == pytest.approx(expected, rel=1e-12, abs=1e-12)


def test_the_boxplot_item_draws_its_five_numbers() -> None:
    scene = scene_of("boxplot([7, 1, 3, 9, 4, 6])")
    item = scene["items"][0]
    box = item["box"]
    assert [box[k] for k in ("min", "q1", "median", "q3", "max")] == [1, 3, 5, 7, 9]
    assert box["count"] == 6
    xs = sorted({x for line in item["boundary"] for x, _ in line})
    assert xs == [1, 3, 5, 7, 9]
    assert item["polygons"] == [[[3, 0.5], [7, 0.5], [7, 1.5], [3, 1.5], [3, 0.5]]]


def test_dots_stack_equal_values() -> None:
    values = np.random.default_rng(3).integers(0, 6, 30).astype(float)
    counted = Counter(values.tolist())
    assert stacks(values, SPAN) == sorted(counted.items())
    scene = scene_of(f"dotplot({as_list(values)})")
    tops = Counter(item["x"] for item in scene["items"])
    assert tops == counted
    assert all(1 <= item["y"] <= item["count"] for item in scene["items"])


@pytest.mark.parametrize(
    ("spread", "width"), [(0, 1), (10, 1), (49.9, 1), (50, 5), (120, 10), (1000, 50)]
)
def test_default_width(spread: float, width: float) -> None:
    assert nice_width(spread) == width


def test_bars_are_filled_lightly_in_the_static_pictures() -> None:
    scene = scene_of("histogram([1, 2, 2, 3], 1)")
    svg = render(scene, ["image/svg+xml"])[0]["image/svg+xml"]
    assert isinstance(svg, str)
    assert "fill: #0072b2; opacity: 0.25" in svg  # the first colour, as regions are
    png = render(scene, ["image/png"])[0]["image/png"]
    assert isinstance(png, bytes) and png.startswith(b"\x89PNG")


def test_the_names_are_completed_and_inspected() -> None:
    session = Session()
    assert complete(session, "hist", 4) == (["histogram"], 0, 4)
    assert complete(session, "L = [1]\nbox", 11) == (["boxplot"], 8, 11)
    assert complete(session, "dotp", 4) == (["dotplot"], 0, 4)
    shown = inspect(session, "histogram(L)", 3)
    assert shown is not None and shown.startswith("histogram(L, w)")
