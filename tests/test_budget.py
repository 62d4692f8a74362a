"""The time budget on a fake clock: what it keeps back for the answer, also when busy."""

from __future__ import annotations

import pytest

from plotter_kernel.budget import GRACE, Budget
from plotter_kernel.cell import cell_budget
from plotter_kernel.errors import TimeLimit
from plotter_kernel.render.output import fit_scene, scene_bytes


class Clocks:
    """Wall time, and a thread's CPU time that runs at ``share`` of it."""

    def __init__(self, share: float = 1.0) -> None:
        self.now = 100.0
        self.cpu = 5.0
        self.share = share

    def advance(self, seconds: float) -> None:
        self.now += seconds
        self.cpu += seconds * self.share

    def budget(self, seconds: float, reserve: float = 0.0, finish: float = 0.0) -> Budget:
        return Budget(seconds, reserve, finish, clock=lambda: self.now, cpu_clock=lambda: self.cpu)


def runs_until(clocks: Clocks, budget: Budget, step: float = 0.01) -> float:
    """Seconds of evaluation, checking the budget every ``step``, until it stops."""
    start = clocks.now
    with pytest.raises(TimeLimit):
        while clocks.now - start < 60:
            clocks.advance(step)
            budget.check()
    return clocks.now - start


def test_evaluation_stops_the_reserve_before_the_cell_is_due() -> None:
    # Given an idle machine and a 10 s cell that keeps 2.5 s for rendering and sending
    clocks = Clocks()
    budget = clocks.budget(10, reserve=2.5)
    # Then evaluation stops at 7.5 s, 3.5 s before the answer is due at 11 s
    assert runs_until(clocks, budget) == pytest.approx(7.5, abs=0.02)
    assert budget.answer_by - clocks.now == pytest.approx(2.5 + GRACE, abs=0.02)


def test_the_cell_budget_reserves_time_for_rendering() -> None:
    budget = cell_budget(10)
    assert budget.answer_by - budget.deadline == pytest.approx(2.5 + GRACE)
    small = cell_budget(2)
    assert small.answer_by - small.deadline == pytest.approx(0.5 + GRACE)


@pytest.mark.parametrize(
    ("share", "stops_at"), [(1.0, 7.5), (0.5, 7.5), (1 / 3, 6.5), (0.25, 5.0), (0.01, 0.5)]
)
def test_on_a_busy_machine_evaluation_stops_earlier(share: float, stops_at: float) -> None:
    # Given a 10 s cell whose answer takes 1.5 CPU seconds to finish, on a thread that
    # gets only a share of the CPU (one busy loop per core: a half)
    clocks = Clocks(share)
    budget = clocks.budget(10, reserve=2.5, finish=1.5)
    # Then evaluation keeps back the reserve and the grace, or what finishing takes at
    # that speed if more (on a machine 100 times slower, all of it once measured)
    assert runs_until(clocks, budget) == pytest.approx(stops_at, abs=0.06)


def test_later_stages_ask_whether_their_work_fits_at_this_speed() -> None:
    clocks = Clocks(share=0.5)
    budget = clocks.budget(10)
    clocks.advance(9)  # 2 s left, at half speed, and a margin of a quarter
    assert budget.affords(0.75)
    assert not budget.affords(0.85)


def test_an_unlimited_budget_never_stops() -> None:
    clocks = Clocks(share=0.1)
    budget = Budget.unlimited()
    clocks.advance(1000)
    budget.check()
    assert budget.affords(1e9)


def test_a_scene_of_many_short_items_keeps_its_first_items_within_the_limit() -> None:
    # Given 5000 items that thinning cannot shrink (each a line of three points)
    items = [
        {"kind": "curve", "id": f"line-{k}", "line": k, "segments": [[[0, k], [1, k], [2, k]]]}
        for k in range(5000)
    ]
    scene = {"window": {"x": [0, 2], "y": [0, 5000]}, "items": items}
    most = scene_bytes(scene) // 3
    fitted, thin = fit_scene(scene, most, (600, 400))
    # Then the first items are kept, in order, as many as fit
    assert thin
    assert scene_bytes(fitted) <= most
    kept = [item["id"] for item in fitted["items"]]
    assert 1000 < len(kept) < 5000
    assert kept == [f"line-{k}" for k in range(len(kept))]
