"""Inequalities: few hole-free polygons covering exactly where they hold, and their boundary."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.path import Path

from plotter_kernel.budget import Budget
from plotter_kernel.draw.regions import shade_region
from plotter_kernel.errors import ResourceLimit

X = (-10.0, 10.0)
Y = (-6.67, 6.67)
WINDOW_AREA = 20 * 13.34


def shade(F, op, x=X, y=Y, grid=400):
    return shade_region(F, op, x, y, grid, Budget.unlimited())


def area(ring: np.ndarray) -> float:
    x, y = ring[:, 0], ring[:, 1]
    return 0.5 * float(np.sum(x[:-1] * y[1:] - x[1:] * y[:-1]))


def covered(polygons, points: np.ndarray) -> np.ndarray:
    hits = np.zeros(len(points), dtype=int)
    for ring in polygons:
        hits += Path(ring).contains_points(points)
    return hits


def probe_points(n=4000) -> np.ndarray:
    rng = np.random.default_rng(7)
    return np.column_stack([rng.uniform(*X, n), rng.uniform(*Y, n)])


def test_unit_disk_area_and_boundary():
    polygons, boundary = shade(lambda x, y: x**2 + y**2 - 1, "<=")
    assert len(polygons) == 1
    assert np.allclose(polygons[0][0], polygons[0][-1])
    assert abs(sum(area(p) for p in polygons) - np.pi) < 0.02 * np.pi
    assert len(boundary) == 1
    assert np.allclose(np.hypot(*boundary[0].T), 1.0, atol=1e-6)


def test_strict_and_loose_regions_cover_the_same_area():
    loose, _ = shade(lambda x, y: x**2 + y**2 - 1, "<=")
    strict, _ = shade(lambda x, y: x**2 + y**2 - 1, "<")
    assert abs(sum(map(area, loose)) - sum(map(area, strict))) < 1e-9


def test_below_sine_lies_below_the_curve_and_covers_it():
    polygons, boundary = shade(lambda x, y: y - np.sin(x), "<")
    assert 1 <= len(polygons) <= 3
    pts = np.vstack(polygons)
    assert np.all(pts[:, 1] <= np.sin(pts[:, 0]) + 1e-6)
    assert abs(sum(map(area, polygons)) - WINDOW_AREA / 2) < 0.005 * WINDOW_AREA
    probes = probe_points()
    margin = np.abs(probes[:, 1] - np.sin(probes[:, 0])) > 0.05
    hits = covered(polygons, probes)
    expect = probes[:, 1] < np.sin(probes[:, 0])
    assert np.array_equal(hits[margin] > 0, expect[margin])
    assert hits.max() <= 1
    assert len(boundary) == 1 and np.allclose(np.sin(boundary[0][:, 0]), boundary[0][:, 1])


def test_outside_of_disk_is_cut_into_hole_free_pieces():
    polygons, _ = shade(lambda x, y: x**2 + y**2 - 1, ">=")
    assert all(area(p) > 0 for p in polygons)
    assert abs(sum(map(area, polygons)) - (WINDOW_AREA - np.pi)) < 0.01 * np.pi
    hits = covered(polygons, np.array([[0.0, 0.0], [0.3, -0.4], [5.0, 5.0], [-9.0, 0.1]]))
    assert hits.tolist() == [0, 0, 1, 1]
    assert len(polygons) <= 4


def test_region_cells_are_merged_into_few_points():
    polygons, _ = shade(lambda x, y: x**2 + y**2 - 4, "<=")
    assert len(polygons) == 1
    assert len(polygons[0]) < 150
    # a half-plane is one polygon with its corners only
    polygons, _ = shade(lambda x, y: y - 0.5 * x - 1, "<")
    assert len(polygons) == 1 and len(polygons[0]) <= 6
    assert abs(area(polygons[0]) - 153.4) < 1e-6


def test_nowhere_and_everywhere():
    assert shade(lambda x, y: x**2 + y**2 + 1, "<") == ([], [])
    polygons, boundary = shade(lambda x, y: x**2 + y**2 + 1, ">")
    assert len(polygons) == 1 and len(polygons[0]) == 5 and boundary == []
    assert abs(area(polygons[0]) - WINDOW_AREA) < 1e-9


def test_undefined_points_are_never_shaded():
    polygons, _ = shade(lambda x, y: y - np.sqrt(x), "<")
    probes = probe_points()
    hits = covered(polygons, probes)
    away = np.abs(probes[:, 0]) > 0.06
    assert not np.any(hits[away & (probes[:, 0] < 0)])
    with np.errstate(invalid="ignore"):
        expect = probes[:, 1] < np.sqrt(probes[:, 0])
    keep = away & (np.abs(probes[:, 1] - np.sqrt(np.abs(probes[:, 0]))) > 0.05)
    assert np.array_equal(hits[keep] > 0, expect[keep])


def test_boundary_does_not_follow_poles():
    polygons, boundary = shade(lambda x, y: y - np.tan(x), "<")
    poles = (np.arange(-3, 3) + 0.5) * np.pi
    assert len(boundary) == len(poles) + 1
    for piece in boundary:
        assert not any(piece[:, 0].min() < p < piece[:, 0].max() for p in poles)
    assert polygons


def test_unknown_comparison_is_refused():
    with pytest.raises(ValueError):
        shade(lambda x, y: x, "==")


def test_shading_is_deterministic():
    F = lambda x, y: np.sin(x) * np.cos(y) - 0.2  # noqa: E731
    a, b = shade(F, ">"), shade(F, ">")
    assert all(
        len(p) == len(q) and all(np.array_equal(u, v) for u, v in zip(p, q, strict=True))
        for p, q in zip(a, b, strict=True)
    )


def test_an_exhausted_budget_stops_shading():
    with pytest.raises(ResourceLimit):
        shade_region(lambda x, y: x - y, "<", X, Y, 400, Budget(-1.0))


@settings(max_examples=25, deadline=None)
@given(
    cx=st.floats(-6, 6),
    cy=st.floats(-4, 4),
    r=st.floats(0.3, 2.5),
    inside=st.booleans(),
)
def test_any_disk_or_its_outside_has_the_right_area(cx, cy, r, inside):
    F = lambda x, y: (x - cx) ** 2 + (y - cy) ** 2 - r * r  # noqa: E731
    polygons, boundary = shade(F, "<" if inside else ">")
    disk = np.pi * r * r
    want = disk if inside else WINDOW_AREA - disk
    assert all(area(p) > 0 for p in polygons)
    assert abs(sum(map(area, polygons)) - want) < 0.02 * disk
    assert len(boundary) == 1
    hits = covered(polygons, np.array([[cx, cy]]))
    assert hits.tolist() == [1 if inside else 0]


def test_checkerboard_regions_cover_each_point_once():
    # Given a region with many separate pieces and holes in its complement
    polygons, _ = shade(lambda x, y: np.sin(3 * x) * np.sin(3 * y), ">")
    assert all(area(p) > 0 for p in polygons)
    # Then every probe away from the boundary is covered exactly when the inequality holds
    probes = probe_points()
    value = np.sin(3 * probes[:, 0]) * np.sin(3 * probes[:, 1])
    clear = np.abs(value) > 0.05
    hits = covered(polygons, probes)
    assert hits.max() <= 1
    assert np.array_equal(hits[clear] > 0, value[clear] > 0)


def test_a_ring_of_holes_inside_a_disk():
    # Given the disk of radius 4 with five small disks taken out
    centres = [
        (2.5 * np.cos(a), 2.5 * np.sin(a)) for a in np.linspace(0, 2 * np.pi, 5, endpoint=False)
    ]

    def F(x, y):
        holes = np.min([np.hypot(x - cx, y - cy) - 0.5 for cx, cy in centres], axis=0)
        return np.maximum(np.hypot(x, y) - 4, -holes)

    polygons, boundary = shade(F, "<")
    assert all(area(p) > 0 for p in polygons)
    expected = np.pi * 16 - 5 * np.pi * 0.25
    assert abs(sum(map(area, polygons)) - expected) < 0.01 * expected
    hits = covered(polygons, np.array([[0.0, 0.0], [2.5, 0.0], [3.5, 0.2], [5.0, 0.0]]))
    assert hits.tolist() == [1, 0, 1, 0]
    assert len(boundary) == 6
