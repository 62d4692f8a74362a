"""Implicit curves: right topology on an adaptive grid, no curves along poles."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plotter_kernel.budget import Budget
from plotter_kernel.draw.contour import grid_shape, sample_grid
from plotter_kernel.draw.implicit import chains, trace_implicit
from plotter_kernel.draw.tangent import tangent_zeros
from plotter_kernel.errors import ResourceLimit

X = (-10.0, 10.0)
Y = (-6.67, 6.67)


def trace(F, x=X, y=Y, grid=400):
    return trace_implicit(F, x, y, grid, Budget.unlimited())


def nearest(points: np.ndarray, target) -> float:
    return float(np.hypot(*(points - np.asarray(target, dtype=float)).T).min())


def test_circle_is_one_closed_loop_of_radius_two():
    pieces = trace(lambda x, y: x**2 + y**2 - 4)
    assert len(pieces) == 1
    loop = pieces[0]
    assert np.allclose(loop[0], loop[-1])
    assert np.allclose(np.hypot(loop[:, 0], loop[:, 1]), 2.0, atol=1e-6)
    # joined into one long polyline that goes all the way round
    assert len(loop) > 100
    angles = np.sort(np.arctan2(loop[:, 1], loop[:, 0]))
    assert np.diff(angles).max() < 0.1


def test_grid_is_adaptive_and_within_the_limit():
    nx, ny, _ = grid_shape(X, Y, 400)
    assert nx <= 400 and ny <= 400
    sg = sample_grid(lambda x, y: x**2 + y**2 - 4, X, Y, 400, Budget.unlimited(), strict=False)
    assert sg.evaluations < (nx + 1) * (ny + 1) / 4
    assert 0 < sg.active.sum() < 0.05 * sg.active.size


def test_lemniscate_lobes_meet_at_the_origin():
    pieces = trace(lambda x, y: (x**2 + y**2) ** 2 - 2 * (x**2 - y**2))
    pts = np.vstack(pieces)
    assert 1 <= len(pieces) <= 2
    assert nearest(pts, (0, 0)) < 0.05
    assert nearest(pts, (np.sqrt(2), 0)) < 1e-3
    assert nearest(pts, (-np.sqrt(2), 0)) < 1e-3
    F = (pts[:, 0] ** 2 + pts[:, 1] ** 2) ** 2 - 2 * (pts[:, 0] ** 2 - pts[:, 1] ** 2)
    assert np.abs(F).max() < 1e-4


def test_crossing_lines_give_both_axes():
    pts = np.vstack(trace(lambda x, y: x * y))
    for s in np.linspace(-9.9, 9.9, 45):
        assert nearest(pts, (s, 0)) < 0.06
    for s in np.linspace(-6.6, 6.6, 31):
        assert nearest(pts, (0, s)) < 0.06


def test_reciprocal_has_no_curve_along_its_asymptote():
    pieces = trace(lambda x, y: 1 / x - y)
    assert len(pieces) == 2
    for piece in pieces:
        assert np.sign(piece[:, 0]).min() == np.sign(piece[:, 0]).max()
        assert np.abs(piece[:, 0]).min() > 0.1
        assert np.allclose(1 / piece[:, 0], piece[:, 1], atol=1e-6)


def test_tangent_has_no_curve_along_its_poles():
    pieces = trace(lambda x, y: np.tan(x) - y)
    poles = (np.arange(-3, 3) + 0.5) * np.pi
    assert len(pieces) == len(poles) + 1
    for piece in pieces:
        assert not any(piece[:, 0].min() < p < piece[:, 0].max() for p in poles)


def test_a_jump_is_not_a_zero():
    # floor(x) - y - 0.5 = 0 is a staircase of flat steps; the risers are jumps.
    pieces = trace(lambda x, y: np.floor(x) - y - 0.5)
    for piece in pieces:
        assert np.ptp(piece[:, 1]) < 1e-9


def test_small_loop_is_found():
    pieces = trace(lambda x, y: (x - 0.3) ** 2 + (y + 0.2) ** 2 - 0.15**2)
    assert len(pieces) == 1
    assert np.allclose(np.hypot(pieces[0][:, 0] - 0.3, pieces[0][:, 1] + 0.2), 0.15, atol=1e-4)


def test_curve_ends_at_the_edge_of_its_domain():
    pieces = trace(lambda x, y: np.sqrt(x) - y)
    assert len(pieces) == 1
    pts = pieces[0]
    assert nearest(pts, (0, 0)) < 0.1
    assert np.allclose(np.sqrt(pts[:, 0]), pts[:, 1], atol=1e-2)
    steady = pts[:, 0] > 1
    assert np.allclose(np.sqrt(pts[steady, 0]), pts[steady, 1], atol=1e-6)


def test_nothing_to_draw():
    assert trace(lambda x, y: x**2 + y**2 + 1) == []
    assert trace(lambda x, y: np.sqrt(-1 - x * x) + y) == []
    assert trace(lambda x, y: x - y, x=(1.0, 1.0)) == []


def test_tracing_is_deterministic():
    F = lambda x, y: np.sin(x * y) - 0.5  # noqa: E731
    a, b = trace(F), trace(F)
    assert len(a) == len(b) and all(np.array_equal(p, q) for p, q in zip(a, b, strict=True))


def test_an_exhausted_budget_stops_tracing():
    with pytest.raises(ResourceLimit):
        trace_implicit(lambda x, y: x - y, X, Y, 400, Budget(-1.0))


@settings(max_examples=25, deadline=None)
@given(
    cx=st.floats(-6, 6),
    cy=st.floats(-4, 4),
    r=st.floats(0.3, 2.5),
)
def test_any_circle_inside_the_window_is_one_closed_loop(cx, cy, r):
    pieces = trace(lambda x, y: (x - cx) ** 2 + (y - cy) ** 2 - r * r)
    assert len(pieces) == 1
    loop = pieces[0]
    assert np.allclose(loop[0], loop[-1])
    assert np.allclose(np.hypot(loop[:, 0] - cx, loop[:, 1] - cy), r, atol=1e-4)


def test_windows_too_wide_for_floats_draw_nothing():
    assert trace(lambda x, y: x - y, x=(-1e308, 1e308)) == []
    assert trace(lambda x, y: x - y, x=(np.float64(-1e308), np.float64(1e308))) == []
    assert trace(lambda x, y: x - y, y=(0.0, float("nan"))) == []


def test_links_join_into_paths_and_cycles():
    # Given a path 7 -> 3 -> 9 and a cycle 4 -> 8 -> 5 -> 4, links in shuffled order
    start = np.array([8, 3, 5, 7, 4])
    end = np.array([5, 9, 4, 3, 8])
    nodes, offsets, closed = chains(start, end, Budget.unlimited())
    runs = {
        tuple(nodes[a:b].tolist()): bool(c)
        for a, b, c in zip(offsets[:-1], offsets[1:], closed, strict=True)
    }
    # Then the path keeps its order and the cycle starts at its smallest node
    assert runs == {(7, 3, 9): False, (4, 8, 5): True}
    assert chains(np.array([], dtype=int), np.array([], dtype=int), Budget.unlimited())[0].size == 0


@settings(max_examples=25, deadline=None)
@given(
    left=st.floats(1.6, 5),
    right=st.floats(1.6, 5),
    low=st.floats(0.6, 4),
    high=st.floats(0.6, 4),
    grid=st.integers(40, 500),
)
def test_lemniscate_is_closed_in_any_window_around_it(left, right, low, high, grid):
    # Given any window holding the whole lemniscate, whatever the grid's alignment
    pieces = trace(
        lambda x, y: (x**2 + y**2) ** 2 - 2 * (x**2 - y**2), (-left, right), (-low, high), grid
    )
    # Then it is one or two closed loops through its saddle at the origin
    assert 1 <= len(pieces) <= 2
    assert all(np.allclose(p[0], p[-1]) for p in pieces)
    cell = max((left + right), (low + high)) / grid
    assert nearest(np.vstack(pieces), (0, 0)) < 2 * cell


@pytest.mark.parametrize(
    "F",
    [
        lambda x, y: (x - 1) ** 2 + 1e-3,  # a near miss: |F| small, never 0
        lambda x, y: np.exp(-(x**2) - y**2),  # tiny far away, never 0
        lambda x, y: x**2 + y**2 + 1,
    ],
)
def test_small_is_not_zero(F):
    assert tangent_zeros(F, (-10, 10), (-7, 7), Budget.unlimited()) == []


def test_a_double_line_and_a_lone_point_are_found_without_sign_changes():
    line = tangent_zeros(lambda x, y: (y + 0.3) ** 4, (-10, 10), (-7, 7), Budget.unlimited())
    assert line and all(np.allclose(p[:, 1], -0.3, atol=1e-6) for p in line)
    dot = tangent_zeros(
        lambda x, y: (x - 0.3) ** 2 + (y + 2) ** 2, (-10, 10), (-7, 7), Budget.unlimited()
    )
    assert len(dot) == 1 and np.allclose(dot[0], [[0.3, -2], [0.3, -2]], atol=1e-6)
