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


def test_trig_poles_are_undefined_a_rounding_error_away() -> None:
    from plotter_kernel.lang.builtins import BUILTINS

    def at(name: str, value: float) -> float:
        return float(BUILTINS[name].impl(np.float64(value)))

    for value in (math.pi / 2, 3 * math.pi / 2, -math.pi / 2, math.pi / 2 + 1000 * math.pi):
        assert math.isnan(at("tan", value)) and math.isnan(at("sec", value))
    for value in (0.0, math.pi, -math.pi, 100 * math.pi):
        assert math.isnan(at("csc", value)) and math.isnan(at("cot", value))
    assert math.isclose(at("tan", 1.57), 1255.7655915007897, rel_tol=1e-12)
    assert math.isclose(at("tan", 1.5707963), 37320539.6344, rel_tol=1e-11)
    assert at("cot", math.pi / 2) == math.cos(math.pi / 2)


def test_a_curve_next_to_its_poles_is_still_drawn_in_pieces() -> None:
    outcome = run_cell(Session(), "y = tan(x)", Budget(10))
    assert outcome.scene is not None
    (item,) = outcome.scene["items"]
    assert len(item["segments"]) == 7  # poles at ±π/2, ±3π/2, ±5π/2 in [-10, 10]
    assert max(y for segment in item["segments"] for _, y in segment) > 20


def test_round_halves_away_from_zero_on_the_exact_double() -> None:
    from plotter_kernel.lang.builtins import BUILTINS

    values = np.array([0.49999999999999994, 0.5, -0.5, 2.5, -2.5, 1.4999999999999998])
    assert BUILTINS["round"].impl(values).tolist() == [0, 1, -1, 3, -3, 1]


def test_values_print_with_12_significant_digits_and_every_digit_on_inspection() -> None:
    from plotter_kernel.lang.emit import format_value, full_value

    assert [format_value(v) for v in (1 / 3, 2 / 3, 0.1 + 0.2, 2.0**53, -0.0)] == [
        "0.333333333333",
        "0.666666666667",
        "0.3",
        "9.00719925474e+15",
        "0",
    ]
    assert format_value(12345678901.25) == "12345678901.2"  # an exact tie goes to even
    assert [full_value(v) for v in (1 / 3, 2.0**53, 5.0, math.nan)] == [
        "0.3333333333333333",
        "9007199254740992",
        "5",
        "undefined",
    ]
