"""Builtins at the edges of the number line: infinities are numbers a curve can reach.

`exp(exp(x))` overflows to infinity within the default window; `factorial` of it used to
raise OverflowError (from ``math.floor(inf)``), so the whole curve was lost.
"""

from __future__ import annotations

import math

import numpy as np

from plotter_kernel.budget import Budget
from plotter_kernel.cell import run_cell
from plotter_kernel.lang.session import Session


def test_factorial_of_infinities() -> None:
    from plotter_kernel.lang.builtins import factorial

    with np.errstate(all="ignore"):  # as in the kernel, which silences NumPy's warnings
        out = factorial(np.array([math.inf, -math.inf, math.nan, 3.0]))
    assert out[0] == math.inf
    assert math.isnan(out[1]) and math.isnan(out[2])
    assert out[3] == 6.0


def test_a_curve_through_an_overflow_is_still_drawn() -> None:
    outcome = run_cell(Session(), "y = factorial(exp(exp(x)))", Budget(10))
    assert outcome.problems == []
    assert outcome.scene is not None
    (item,) = outcome.scene["items"]
    xs = [x for segment in item["segments"] for x, _ in segment]
    assert min(xs) < -5 and max(xs) > 0.5
