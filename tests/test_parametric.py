"""Parametric and polar sampling: smooth in arc length, honest at cusps, gaps and jumps."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plotter_kernel.budget import Budget
from plotter_kernel.draw.parametric import sample_parametric, sample_polar
from plotter_kernel.errors import ResourceLimit

TWO_PI = (0.0, 2 * np.pi)


def run(fx, fy, t=TWO_PI, max_samples=20000):
    return sample_parametric(fx, fy, t, max_samples, Budget.unlimited())


def steps(piece: np.ndarray) -> np.ndarray:
    return np.hypot(*np.diff(piece, axis=0).T)


def test_circle_is_one_closed_piece_on_the_circle():
    pieces = run(np.cos, np.sin)
    assert len(pieces) == 1
    circle = pieces[0]
    assert np.allclose(np.hypot(circle[:, 0], circle[:, 1]), 1.0)
    assert np.allclose(circle[0], circle[-1])
    assert steps(circle).max() < 0.05


def test_spiral_is_smooth_in_arc_length():
    # Given the spiral r = θ over ten turns
    pieces = sample_polar(lambda th: th, (0.0, 20 * np.pi), 20000, Budget.unlimited())
    # Then it is one piece whose points are evenly close along the curve
    assert len(pieces) == 1
    spiral = pieces[0]
    extent = np.ptp(spiral, axis=0).max()
    assert steps(spiral).max() < 0.01 * extent
    # and it turns by small angles wherever it is not right at the centre
    d = np.diff(spiral, axis=0)
    cos = np.sum(d[:-1] * d[1:], axis=1) / (steps(spiral)[:-1] * steps(spiral)[1:])
    away = np.hypot(*spiral[1:-1].T) > 1.0
    assert np.degrees(np.arccos(np.clip(cos[away], -1, 1))).max() < 10
    # and it reaches the outer end r = 20π
    assert np.isclose(np.hypot(*spiral[-1]), 20 * np.pi)


def test_samples_stay_within_the_limit():
    pieces = sample_polar(lambda th: th, (0.0, 20 * np.pi), 300, Budget.unlimited())
    assert sum(len(p) for p in pieces) <= 300
    assert sum(len(p) for p in pieces) > 200


def test_astroid_cusps_are_sharp_and_not_broken():
    pieces = run(lambda t: np.cos(t) ** 3, lambda t: np.sin(t) ** 3)
    assert len(pieces) == 1
    pts = pieces[0]
    on_curve = np.abs(pts[:, 0]) ** (2 / 3) + np.abs(pts[:, 1]) ** (2 / 3)
    assert np.allclose(on_curve, 1.0)
    for cusp in [(1, 0), (0, 1), (-1, 0), (0, -1)]:
        assert np.hypot(*(pts - cusp).T).min() < 1e-3


@pytest.mark.parametrize("max_samples", [300, 1000, 20000])
def test_tangent_breaks_at_each_pole(max_samples):
    pieces = run(lambda t: t, np.tan, max_samples=max_samples)
    assert len(pieces) == 3
    for piece in pieces:
        for pole in (np.pi / 2, 3 * np.pi / 2):
            assert not (piece[:, 0].min() < pole < piece[:, 0].max())
        assert np.allclose(np.tan(piece[:, 0]), piece[:, 1], rtol=1e-9, atol=1e-9)


def test_jumps_of_floor_are_breaks():
    pieces = run(lambda t: t, np.floor, t=(0.0, 3.5))
    assert len(pieces) == 4
    for piece in pieces:
        assert np.ptp(piece[:, 1]) == 0


def test_undefined_stretch_is_a_gap_with_located_edges():
    pieces = run(lambda t: t, lambda t: np.sqrt(t * t - 0.25), t=(-1.0, 1.0))
    assert len(pieces) == 2
    left, right = sorted(pieces, key=lambda p: p[0, 0])
    assert abs(left[:, 0].max() + 0.5) < 1e-3
    assert abs(right[:, 0].min() - 0.5) < 1e-3


def test_only_finite_points_and_poles_do_not_reach_across():
    pieces = run(lambda t: t, lambda t: 1 / t, t=(-1.0, 1.0))
    assert len(pieces) == 2
    assert all(np.isfinite(p).all() for p in pieces)
    assert all(np.sign(p[:, 0]).min() == np.sign(p[:, 0]).max() for p in pieces)


def test_constant_component_and_undefined_everywhere():
    line = run(lambda t: 2.0, lambda t: t, t=(0.0, 1.0))
    assert len(line) == 1 and np.all(line[0][:, 0] == 2.0)
    assert run(lambda t: np.sqrt(-1 - t * t), np.sin) == []


def test_polar_cardioid_points_lie_on_it():
    pieces = sample_polar(lambda th: 1 + np.cos(th), TWO_PI, 20000, Budget.unlimited())
    assert len(pieces) == 1
    x, y = pieces[0].T
    r, th = np.hypot(x, y), np.arctan2(y, x)
    assert np.allclose(r, 1 + np.cos(th), atol=1e-9)


def test_empty_or_reversed_interval_draws_nothing():
    assert run(np.cos, np.sin, t=(1.0, 1.0)) == []
    assert run(np.cos, np.sin, t=(2.0, 1.0)) == []
    assert run(np.cos, np.sin, t=(-1e308, 1e308)) == []
    assert run(np.cos, np.sin, t=(0.0, float("inf"))) == []


def test_sampling_is_deterministic():
    a = sample_polar(lambda th: np.sin(5 * th), TWO_PI, 20000, Budget.unlimited())
    b = sample_polar(lambda th: np.sin(5 * th), TWO_PI, 20000, Budget.unlimited())
    assert len(a) == len(b) and all(np.array_equal(p, q) for p, q in zip(a, b, strict=True))


def test_an_exhausted_budget_stops_sampling():
    with pytest.raises(ResourceLimit):
        sample_parametric(np.cos, np.sin, TWO_PI, 20000, Budget(-1.0))


@settings(max_examples=30, deadline=None)
@given(
    a=st.integers(1, 9),
    b=st.integers(1, 9),
    phase=st.floats(0, np.pi),
    max_samples=st.integers(50, 5000),
)
def test_lissajous_curves_are_whole_on_curve_and_within_the_limit(a, b, phase, max_samples):
    pieces = sample_parametric(
        lambda t: np.sin(a * t + phase),
        lambda t: np.sin(b * t),
        TWO_PI,
        max_samples,
        Budget.unlimited(),
    )
    assert len(pieces) == 1
    curve = pieces[0]
    assert len(curve) <= max_samples
    assert np.isfinite(curve).all()
    assert np.abs(curve).max() <= 1.0
    if max_samples >= 4000:
        assert steps(curve).max() < 0.05
