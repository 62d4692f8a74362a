"""Stored parameters are worked out once, not again in every later cell (issue 8), and
the number limits agree with each other.

Time is measured with a counting budget: every user-function call checks the budget,
so the count is the number of evaluations a cell did.
"""

from __future__ import annotations

from plotter_kernel.budget import Budget
from plotter_kernel.lang.session import Session
from plotter_kernel.limits import Limits


class CountingBudget(Budget):
    """A budget that never runs out and counts how often it was checked."""

    def __init__(self) -> None:
        super().__init__(float("inf"))
        self.checks = 0

    def check(self) -> None:
        self.checks += 1


def doubling_chain(depth: int) -> str:
    """f1..f{depth}: each calls the one before twice, so f{depth} makes 2^depth calls."""
    lines = ["f1(a, b) = a + b"]
    lines += [f"f{k}(a, b) = f{k - 1}(a, b) + f{k - 1}(b, a)" for k in range(2, depth + 1)]
    return "\n".join(lines)


def run(session: Session, source: str) -> tuple[list[str], int]:
    budget = CountingBudget()
    plan, problems = session.run(source, budget)
    assert [p for p in problems if p.severity == 1] == []
    return [text for _, text in plan.values], budget.checks


def test_a_stored_parameter_is_not_recomputed_by_later_cells() -> None:
    # Given a parameter whose value takes thousands of function calls
    session = Session()
    run(session, doubling_chain(12))
    values, first = run(session, "p = f12(1, 1)\np")
    assert values == ["4096"]
    assert first > 4096
    # When later cells run, they do not compute it again
    values, later = run(session, "1 + 1")
    assert values == ["2"]
    assert later < 50
    values, using = run(session, "p + 1")
    assert values == ["4097"]
    assert using < 50


def test_a_stored_value_follows_what_it_uses() -> None:
    # Given p computed from a and from a function of it
    session = Session()
    run(session, "a = 2\ng(x) = a x\np = g(5)")
    assert run(session, "p")[0] == ["10"]
    # When a changes, p follows; when g changes, p follows too
    run(session, "a = 3")
    assert run(session, "p")[0] == ["15"]
    run(session, "g(x) = x + a")
    assert run(session, "p")[0] == ["8"]


def test_a_value_waiting_for_a_name_is_worked_out_once_it_exists() -> None:
    session = Session()
    plan, problems = session.run("q = 2c", Budget.unlimited())
    assert [p.code for p in problems] == ["not-defined-yet"]
    assert plan.values == []
    run(session, "c = 4")
    assert run(session, "q")[0] == ["8"]


def test_factorial_and_size_limits_tell_the_same_story() -> None:
    """Whatever the limits, the factorial message names the largest factorial that computes."""
    for limits, largest in (
        (Limits(), 170),
        (Limits(max_number=1e6), 9),
        (Limits(max_factorial=5), 5),
    ):
        session = Session(limits)
        assert run(session, f"{largest}!")[0] != []
        plan, problems = session.run(f"{largest + 1}!", Budget.unlimited())
        assert [p.code for p in problems] == ["factorial-limit"]
        assert f"up to {largest}!" in problems[0].message
