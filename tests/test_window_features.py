"""The automatic window shows what matters (SPEC §9) on textbook functions.

Features are found here by brute force on a fine grid, independently of the kernel's
root-finder: zeros, local extrema and the y-intercept in x in [-10, 10]. Every one must
lie inside the automatic y window, and together with the x axis they must span at least
a quarter of its height (features all on the axis are only checked to be inside).
"""

from __future__ import annotations

import numpy as np
import pytest

from plotter_kernel.budget import Budget
from plotter_kernel.cell import run_cell
from plotter_kernel.lang.session import Session
from plotter_kernel.limits import Limits

XS = np.linspace(-10, 10, 200_001)

TEXTBOOK = [
    ("y = x^2 - 4x + 3", lambda x: x**2 - 4 * x + 3),
    ("y = x^2", lambda x: x**2),
    ("y = -x^2 + 2x + 8", lambda x: -(x**2) + 2 * x + 8),
    ("y = 5x^2 + 3x - 2", lambda x: 5 * x**2 + 3 * x - 2),
    ("y = (x - 3)^2 + 1", lambda x: (x - 3) ** 2 + 1),
    ("y = x^3 - 3x", lambda x: x**3 - 3 * x),
    ("y = x^3 - 6x^2 + 11x - 6", lambda x: x**3 - 6 * x**2 + 11 * x - 6),
    ("y = 2x^3 + 3x^2 - 12x", lambda x: 2 * x**3 + 3 * x**2 - 12 * x),
    ("y = x^4 - 5x^2 + 4", lambda x: x**4 - 5 * x**2 + 4),
    ("y = x^4 - 2x^3", lambda x: x**4 - 2 * x**3),
    ("y = e^x", np.exp),
    ("y = e^(-x)", lambda x: np.exp(-x)),
    ("y = 2^x - 4", lambda x: 2**x - 4),
    ("y = x e^(-x)", lambda x: x * np.exp(-x)),
    ("y = e^(-x^2)", lambda x: np.exp(-(x**2))),
    ("y = ln(x)", np.log),
    ("y = ln(x + 2) - 1", lambda x: np.log(x + 2) - 1),
    ("y = x ln(x)", lambda x: x * np.log(x)),
    ("y = 1/x", lambda x: 1 / x),
    ("y = (x + 1)/(x - 2)", lambda x: (x + 1) / (x - 2)),
    ("y = 1/(x^2 + 1)", lambda x: 1 / (x**2 + 1)),
    ("y = x/(x^2 + 1)", lambda x: x / (x**2 + 1)),
    ("y = (x^2 - 4)/(x - 1)", lambda x: (x**2 - 4) / (x - 1)),
    ("y = sin(x)/x", lambda x: np.sinc(x / np.pi)),
    ("y = sin(x) + 2", lambda x: np.sin(x) + 2),
    ("y = sqrt(x) - 2", lambda x: np.sqrt(x) - 2),
]


def heights(fn) -> list[float]:
    """Heights of the zeros, interior local extrema and the y-intercept on ``XS``."""
    with np.errstate(all="ignore"):
        v = np.asarray(fn(XS), dtype=float)
    ok = np.isfinite(v)
    found = []
    s = np.sign(v)
    change = ok[:-1] & ok[1:] & (s[:-1] * s[1:] < 0)
    small = np.minimum(np.abs(v[:-1]), np.abs(v[1:])) < 1e-2  # a zero, not a pole
    if np.any(change & small):
        found.append(0.0)
    mid = ok[1:-1] & ok[:-2] & ok[2:]
    peak = ((v[1:-1] > v[:-2]) & (v[1:-1] > v[2:])) | ((v[1:-1] < v[:-2]) & (v[1:-1] < v[2:]))
    found += [float(y) for y in v[1:-1][mid & peak]]
    if ok[100_000]:  # x = 0
        found.append(float(v[100_000]))
    return found


def y_window(source: str) -> tuple[float, float]:
    outcome = run_cell(Session(Limits()), source, Budget(30))
    assert outcome.scene is not None
    lo, hi = outcome.scene["window"]["y"]
    return lo, hi


@pytest.mark.parametrize(("source", "fn"), TEXTBOOK, ids=[s for s, _ in TEXTBOOK])
def test_the_window_shows_the_features(source, fn):
    lo, hi = y_window(source)
    ys = heights(fn)
    outside = [y for y in ys if not lo <= y <= hi]
    assert not outside, f"{outside} outside y in [{lo}, {hi}]"
    spread = max([*ys, 0.0]) - min([*ys, 0.0])
    if spread > 0:
        assert spread >= 0.25 * (hi - lo), f"features fill {spread / (hi - lo):.1%} of the height"
