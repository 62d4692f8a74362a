"""Adaptive sampling of explicit curves: breaks at poles and jumps, edges, limits, determinism."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plotter_kernel.budget import Budget
from plotter_kernel.draw.sampling import Axis, clip_band, sample_explicit, simplify
from plotter_kernel.errors import ResourceLimit

WINDOW_Y = Axis(-10.0, 10.0, 400)


def sample(fn, a=-10.0, b=10.0, dep=WINDOW_Y, max_samples=20000):
    return sample_explicit(fn, a, b, dep, max_samples, Budget.unlimited())


def xs_of(pieces):
    return [p[:, 0] for p in pieces]


def test_reciprocal_pieces_never_hold_both_signs():
    pieces = sample(lambda x: 1 / x)
    assert len(pieces) == 2
    for p in pieces:
        assert np.all(p[:, 0] < 0) or np.all(p[:, 0] > 0)
        assert np.all(p[:, 1] < 0) or np.all(p[:, 1] > 0)


def test_reciprocal_reaches_beyond_the_window_near_the_pole():
    # Given a pole at 0, each branch must leave the window rather than stop short of it.
    pieces = sample(lambda x: 1 / x)
    tops = sorted(float(np.max(np.abs(p[:, 1]))) for p in pieces)
    assert tops[0] > WINDOW_Y.hi


def test_tan_has_one_piece_between_each_pair_of_poles():
    pieces = sample(np.tan)
    poles = [np.pi / 2 + k * np.pi for k in range(-4, 4) if abs(np.pi / 2 + k * np.pi) < 10]
    assert len(pieces) == len(poles) + 1
    for p in pieces:
        lo, hi = p[:, 0].min(), p[:, 0].max()
        assert not any(lo < pole < hi for pole in poles)


def test_floor_is_twenty_flat_steps_without_vertical_joins():
    pieces = sample(np.floor)
    assert 19 <= len(pieces) <= 21
    for p in pieces:
        assert np.ptp(p[:, 1]) == 0
    # The steps reach (almost) to the integers where they jump.
    ends = sorted(float(p[-1, 0]) for p in pieces)
    assert all(abs(e - round(e)) < 1e-6 for e in ends[:-1])


def test_sign_has_two_separate_levels():
    pieces = sample(np.sign)
    levels = sorted({float(v) for p in pieces for v in p[:, 1]})
    assert levels == [-1.0, 1.0]
    for p in pieces:
        assert np.ptp(p[:, 1]) == 0


def test_steep_continuous_curve_is_not_broken():
    pieces = sample(lambda x: np.arctan(1000 * x))
    assert len(pieces) == 1


def test_sqrt_starts_at_the_edge_of_its_domain():
    pieces = sample(np.sqrt)
    assert len(pieces) == 1
    assert pieces[0][0, 0] == pytest.approx(0.0, abs=1e-6)


def test_domain_edge_off_the_grid_is_found():
    edge = 0.0137
    pieces = sample(lambda x: np.sqrt(x - edge))
    assert pieces[0][0, 0] == pytest.approx(edge, abs=1e-6)
    assert pieces[0][0, 1] < 0.01


def test_samples_lie_on_the_curve_and_chords_stay_close():
    pieces = sample(np.sin, dep=Axis(-1.2, 1.2, 400))
    assert len(pieces) == 1
    p = pieces[0]
    np.testing.assert_allclose(p[:, 1], np.sin(p[:, 0]))
    dense = np.linspace(-10, 10, 100001)
    error_px = np.abs(np.interp(dense, p[:, 0], p[:, 1]) - np.sin(dense)) * 400 / 2.4
    assert error_px.max() < 1.0


def test_same_input_gives_identical_output():
    def fn(x):
        return np.tan(x) + np.sin(3 * x)

    first, second = sample(fn), sample(fn)
    assert len(first) == len(second)
    for a, b in zip(first, second, strict=True):
        assert np.array_equal(a, b)


@pytest.mark.parametrize("limit", [50, 500, 5000])
def test_sin_of_reciprocal_stays_within_the_sample_limit(limit):
    pieces = sample(lambda x: np.sin(1 / x), dep=Axis(-1.2, 1.2, 400), max_samples=limit)
    assert sum(len(p) for p in pieces) <= limit


def test_undefined_everywhere_gives_no_pieces():
    assert sample(lambda x: np.sqrt(-1 - x * x)) == []


def test_budget_stops_sampling():
    with pytest.raises(ResourceLimit):
        sample_explicit(np.sin, -10, 10, WINDOW_Y, 20000, Budget(-1.0))


@settings(max_examples=30, deadline=None)
@given(st.floats(min_value=-9.5, max_value=9.5, allow_nan=False))
def test_no_piece_crosses_a_moving_pole(c):
    pieces = sample(lambda x: 1 / (x - c))
    for xs in xs_of(pieces):
        assert np.all(xs < c) or np.all(xs > c)


@settings(max_examples=30, deadline=None)
@given(st.floats(min_value=-0.99, max_value=0.99, allow_nan=False))
def test_shifted_floor_breaks_at_every_integer_step(c):
    pieces = sample(lambda x: np.floor(x - c))
    for p in pieces:
        assert np.ptp(p[:, 1]) == 0
    levels = {float(p[0, 1]) for p in pieces}
    assert len(levels) == len(pieces) >= 19


def test_clip_band_cuts_where_the_curve_leaves():
    piece = np.array([[0.0, 0.0], [1.0, 10.0], [2.0, 100.0], [3.0, 10.0], [4.0, 0.0]])
    parts = clip_band(piece, -20.0, 20.0)
    assert len(parts) == 2
    assert parts[0][-1].tolist() == pytest.approx([1 + 10 / 90, 20.0])
    assert parts[1][0].tolist() == pytest.approx([3 - 10 / 90, 20.0])
    assert all(np.all(np.abs(p[:, 1]) <= 20.0) for p in parts)


def test_clip_band_keeps_a_segment_that_crosses_the_whole_band():
    piece = np.array([[0.0, 100.0], [1.0, -100.0]])
    (part,) = clip_band(piece, -10.0, 10.0)
    np.testing.assert_allclose(part, [[0.45, 10.0], [0.55, -10.0]])


def test_simplify_drops_collinear_samples_only():
    x = np.linspace(0, 1, 101)
    line = np.column_stack([x, 2 * x])
    assert len(simplify(line, 600, 400)) == 2
    bent = np.column_stack([x, np.abs(x - 0.5)])
    kept = simplify(bent, 600, 400)
    assert [0.5, 0.0] in kept.tolist()
