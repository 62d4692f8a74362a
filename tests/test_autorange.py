"""The automatic y window: poles do not squash it, flat curves and points still fit."""

from __future__ import annotations

import numpy as np
import pytest

from plotter_kernel.budget import Budget
from plotter_kernel.draw.autorange import auto_y, equal_aspect, merge, padded, robust_extent
from plotter_kernel.draw.scene import build_scene
from plotter_kernel.limits import Limits
from plotter_kernel.plan import CellPlan, Curve, Points

X = np.linspace(-10, 10, 1001)


def values(fn):
    with np.errstate(all="ignore"):
        v = fn(X)
    return np.where(np.isfinite(v), v, np.nan)


def y_window(*specs):
    scene, _ = build_scene(CellPlan(list(specs)), Limits(), Budget.unlimited())
    return scene["window"]["y"]


def test_reciprocal_extent_ignores_the_pole():
    lo, hi = robust_extent(values(lambda x: 1 / x))
    assert -5 < lo < -0.5 and 0.5 < hi < 5


def test_parabola_keeps_its_vertex_and_its_ends():
    assert robust_extent(values(lambda x: x**2)) == (0.0, 100.0)


def test_sine_keeps_its_full_height():
    lo, hi = robust_extent(values(np.sin))
    assert lo == pytest.approx(-1, abs=1e-3) and hi == pytest.approx(1, abs=1e-3)


def test_no_finite_value_has_no_extent():
    assert robust_extent(np.full(10, np.nan)) is None


def test_constant_gets_a_non_empty_window_around_it():
    lo, hi = padded((3.0, 3.0))
    assert lo < 3 < hi and hi - lo >= 1


def test_padding_leaves_a_margin():
    lo, hi = padded((0.0, 10.0))
    assert lo < 0 and hi > 10 and hi - lo < 12


def test_merge_covers_every_extent():
    assert merge([(0.0, 1.0), None, (-2.0, 0.5)]) == (-2.0, 1.0)
    assert merge([None]) is None


def test_points_are_inside_the_window():
    lo, hi = auto_y([(-1.0, 1.0)], [5.0, -7.0], (-10, 10), (600, 400))
    assert lo < -7 and hi > 5


def test_nothing_to_measure_gives_equal_aspect():
    assert auto_y([None], [], (-10, 10), (600, 400)) == pytest.approx((-20 / 3, 20 / 3))
    assert equal_aspect((0, 6), (600, 400)) == pytest.approx((-2, 2))


@pytest.mark.parametrize(
    ("fn", "bound"),
    [(lambda x: 1 / x, 10), (np.tan, 20), (lambda x: 1 / x**2, 10), (np.log, 10)],
)
def test_poles_do_not_squash_the_plot(fn, bound):
    lo, hi = y_window(Curve(0, "f", fn))
    assert -bound <= lo < hi <= bound
    assert hi - lo > 1


def test_constant_curve_window_contains_it():
    lo, hi = y_window(Curve(0, "y = 3", lambda x: 3 + 0 * x))
    assert lo < 3 < hi


def test_point_far_from_the_curve_stays_in_view():
    lo, hi = y_window(Curve(0, "sin(x)", np.sin), Points(1, "(2, 40)", [(2.0, 40.0)]))
    assert lo < -1 and hi > 40
