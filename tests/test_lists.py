"""Lists and statistics beyond the language cases: the definitions against Python's
``statistics`` module, the size and time limits, and lists kept across cells."""

from __future__ import annotations

import math
import random
import statistics
import time

import numpy as np
import pytest
from scene_schema import check_program

from plotter_kernel.budget import Budget
from plotter_kernel.errors import TimeLimit
from plotter_kernel.lang import stats
from plotter_kernel.lang.lexer import tokenize
from plotter_kernel.lang.program import parameters_used
from plotter_kernel.lang.session import Session
from plotter_kernel.limits import Limits


def run(session: Session, source: str, budget: Budget | None = None) -> tuple[list[str], list[str]]:
    plan, problems = session.run(source, budget or Budget.unlimited())
    return [text for _, text in plan.values], [p.code for p in problems]


def data_sets() -> list[list[float]]:
    rng = random.Random(20261207)
    sets = [[2, 4, 4, 4, 5, 5, 7, 9], [1.5, -2.25, 3.0], [10, 10, 10, 11]]
    for size in (2, 3, 5, 8, 13, 100):
        sets.append([round(rng.uniform(-50, 50), 3) for _ in range(size)])
    return sets


def values_of(text: str) -> float:
    return float(text)


# -- statistics against the `statistics` module ------------------------------------------


@pytest.mark.parametrize("data", data_sets())
def test_statistics_agree_with_python(data: list[float]) -> None:
    # Given a list, when each statistic is computed by Plotter and by `statistics`,
    # then they agree to rounding.
    array = np.array(data, dtype=float)
    pairs = [
        (stats.mean, statistics.mean),
        (stats.median, statistics.median),
        (stats.stdev, statistics.stdev),
        (stats.stdevp, statistics.pstdev),
        (stats.var, statistics.variance),
        (stats.varp, statistics.pvariance),
        (stats.total, math.fsum),
    ]
    for ours, theirs in pairs:
        assert math.isclose(float(ours(array)), float(theirs(data)), rel_tol=1e-12, abs_tol=1e-12)
    spread = statistics.mean(abs(v - statistics.mean(data)) for v in data)
    assert math.isclose(float(stats.mad(array)), spread, rel_tol=1e-12, abs_tol=1e-12)


@pytest.mark.parametrize("data", data_sets())
def test_two_list_statistics_agree_with_python(data: list[float]) -> None:
    other = [v * 0.5 + (i % 3) for i, v in enumerate(data)]
    x, y = np.array(data), np.array(other)
    assert math.isclose(
        float(stats.cov(x, y)), statistics.covariance(data, other), rel_tol=1e-12, abs_tol=1e-12
    )
    if len(set(data)) > 1:
        assert math.isclose(
            float(stats.corr(x, y)), statistics.correlation(data, other), rel_tol=1e-9
        )


@pytest.mark.parametrize("data", [d for d in data_sets() if len(d) >= 2])
def test_quantile_is_the_inclusive_method(data: list[float]) -> None:
    # `statistics.quantiles(method="inclusive")` interpolates at 1 + (n - 1) p, as quantile does.
    for n in (4, 10):
        cuts = statistics.quantiles(data, n=n, method="inclusive")
        ours = [float(stats.quantile(np.array(data), k / n)) for k in range(1, n)]
        assert all(
            math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)
            for a, b in zip(ours, cuts, strict=True)
        )
    assert float(stats.quantile(np.array(data), 0)) == min(data)
    assert float(stats.quantile(np.array(data), 1)) == max(data)


@pytest.mark.parametrize("data", data_sets())
def test_quartiles_are_medians_of_the_halves_without_the_median(data: list[float]) -> None:
    ordered = sorted(data)
    half = len(ordered) // 2
    lower, upper = ordered[:half], ordered[len(ordered) - half :]
    array = np.array(data)
    expected = [min(data), statistics.median(lower), statistics.median(data)]
    expected += [statistics.median(upper), max(data)]
    assert [float(stats.quartile(array, q)) for q in range(5)] == pytest.approx(expected)


def test_statistics_through_the_language_match() -> None:
    session = Session()
    data = data_sets()[-1]
    source = "D = [" + ", ".join(repr(v) for v in data) + "]"
    assert run(session, source)[1] == []
    printed, problems = run(session, "stdev(D)\ncorr(D, D^2)\nquantile(D, 0.3)")
    assert problems == []
    squares = [v * v for v in data]
    wanted = [
        statistics.stdev(data),
        statistics.correlation(data, squares),
        statistics.quantiles(data, n=10, method="inclusive")[2],
    ]
    for text, value in zip(printed, wanted, strict=True):
        assert math.isclose(values_of(text), value, rel_tol=1e-11)


def test_unique_keeps_first_occurrences_and_one_undefined() -> None:
    values = stats.unique(np.array([2.0, -0.0, 0.0, math.nan, 2.0, math.nan, 1.0]))
    assert values[:2].tolist() == [2.0, 0.0]
    assert math.isnan(values[2]) and values[3] == 1.0 and len(values) == 4


# -- limits ------------------------------------------------------------------------------------


def test_a_range_over_the_limit_is_refused_before_it_is_made() -> None:
    session = Session(Limits(max_samples=100))
    assert run(session, "[1...100]")[1] == []
    assert run(session, "[1...101]")[1] == ["list-too-long"]
    assert run(session, "[0, 0.01 ... 1]")[1] == ["list-too-long"]  # 101 values


def test_a_comprehension_over_a_huge_range_returns_at_once() -> None:
    started = time.monotonic()
    printed, codes = run(Session(), "[k^2 for k = [1...1e300]]\n[k for k = [0, 1e-300 ... 1]]")
    assert codes == ["list-too-long", "list-too-long"]
    assert time.monotonic() - started < 2


class ExpiringBudget(Budget):
    """Runs out of time after ``after`` checks, wherever that happens."""

    def __init__(self, after: int) -> None:
        super().__init__(float("inf"))
        self.after = after

    def check(self) -> None:
        self.after -= 1
        if self.after < 0:
            raise TimeLimit(1)


def test_a_long_comprehension_notices_the_time_limit() -> None:
    session = Session(Limits(max_samples=1_000_000))
    printed, codes = run(session, "[k for k = [1...1000000]]", ExpiringBudget(after=20))
    assert codes == ["time-limit"]


def test_broadcasting_never_outgrows_its_lists() -> None:
    session = Session(Limits(max_samples=50))
    assert run(session, "L = [1...50]")[1] == []
    printed, codes = run(session, "length(L + L^2 + sin(L))\nlength([k for k = L])")
    assert (printed, codes) == (["50", "50"], [])


# -- lists kept across cells -------------------------------------------------------------------


def test_lists_persist_and_are_replaced() -> None:
    session = Session()
    assert run(session, "L = [1, 2, 3]\nM = 2L") == (["L = [1, 2, 3]", "M = [2, 4, 6]"], [])
    assert not session.definitions["L"].is_function
    assert session.value("L") is None  # a list has no single value to show
    assert run(session, "g(a, b) = a total(L) + b") == ([], [])
    assert run(session, "g(1, 0)\nM") == (["6", "[2, 4, 6]"], [])
    # When L is redefined, what uses it follows.
    assert run(session, "L = [10, 20]") == (["L = [10, 20]"], [])
    assert run(session, "g(1, 0)\nM") == (["30", "[20, 40]"], [])
    session.reset()
    assert run(session, "L")[1] == ["unknown-name"]


def test_a_number_from_a_list_is_a_plain_number_in_the_program() -> None:
    session = Session()
    run(session, "L = [1, 2, 3]")
    plan, problems = session.run("a = total(L)\ny = a x", Budget.unlimited())
    assert problems == [] and plan.program is not None
    check_program(plan.program)
    (definition,) = plan.program["definitions"]
    assert definition["name"] == "a"
    assert definition["body"] == {"type": "number", "value": 6.0}
    assert parameters_used(plan.program) == ["a"]


def test_a_list_is_never_in_a_program() -> None:
    session = Session()
    plan, problems = session.run("L = [1, 2]\ny = x", Budget.unlimited())
    assert problems == [] and plan.program is not None
    assert plan.program["definitions"] == []


def test_the_ellipsis_is_one_token_after_a_number() -> None:
    tokens = [t.text for t in tokenize("[1...10]")]
    assert tokens == ["[", "1", "...", "10", "]", ""]
    assert [t.text for t in tokenize("[0.5…2]")] == ["[", "0.5", "...", "2", "]", ""]
