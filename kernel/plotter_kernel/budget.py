"""A cell's time budget, checked cooperatively by every long loop."""

from __future__ import annotations

import time
from collections.abc import Callable

from .errors import TimeLimit

GRACE = 1.0
"""Seconds past ``seconds_per_cell`` by which every cell has its answer (SPEC §5)."""
MEASURE_AFTER = 0.5
"""Wall seconds a budget runs before its thread's CPU share is trusted as a measure."""
MOST_SLOWDOWN = 10.0
"""Largest slowdown believed (a thread that got no CPU at all would keep everything);
with two busy loops beside the usual load on two cores, 4 to 5 was measured."""
MARGIN = 1.25
"""Work is afforded only if it would end this many times sooner than the answer is due:
the load changes while it runs, and a picture once begun cannot be stopped."""
REMEASURE = 0.05
"""Wall seconds between two measures of the slowdown (reading CPU time is a system call)."""

Clock = Callable[[], float]


class Budget:
    """Deadline for one cell. Long loops call :meth:`check` between steps.

    Interrupts arrive as ``KeyboardInterrupt`` from the SIGINT handler that
    ipykernel installs around message handlers; the budget only covers time.

    What is done after the evaluation costs CPU seconds, and on a busy machine a CPU
    second takes longer than a second: the budget measures its thread's share of the CPU
    (:meth:`slowdown`). Finishing the answer (its JSON, packing, sending) must fit, so
    evaluation stops early enough for ``finish`` CPU seconds at that speed; pictures are
    optional, and :meth:`affords` tells the later stages whether theirs fit.

    Parameters
    ----------
    seconds
        The cell's time limit, ``seconds_per_cell``.
    reserve
        Seconds of it kept back from evaluation and drawing, for rendering and sending
        what was drawn before the answer is due (``seconds + GRACE`` from now).
    finish
        CPU seconds that finishing the largest answer takes; on a machine ``slowdown``
        times slower, evaluation keeps ``finish * slowdown`` back if that is more.
    clock, cpu_clock
        Wall time and this thread's CPU time (tests pass fakes).
    """

    def __init__(
        self,
        seconds: float,
        reserve: float = 0.0,
        finish: float = 0.0,
        *,
        clock: Clock = time.monotonic,
        cpu_clock: Clock = time.thread_time,
    ):
        self.clock, self.cpu_clock = clock, cpu_clock
        self.start, self.cpu_start = clock(), cpu_clock()
        self.seconds = seconds
        self.kept = reserve + GRACE
        """Wall seconds between the end of evaluation and the answer, on an idle machine."""
        self.finish = finish
        self.answer_by = self.start + seconds + GRACE
        self.deadline = self.answer_by - self.kept
        """When evaluation and drawing stop; earlier once the machine shows it is busy."""
        self._measured = self.start

    def check(self) -> None:
        """Raise :class:`TimeLimit` once the cell has used up its seconds."""
        now = self.clock()
        if self.finish and now - self._measured > REMEASURE:
            self._measured = now
            kept = max(self.kept, self.finish * self.slowdown())
            self.deadline = self.answer_by - kept
        if now > self.deadline:
            raise TimeLimit(self.seconds)

    def slowdown(self) -> float:
        """Wall seconds per CPU second this budget's thread got so far: 1 on an idle
        machine, 2 when others take half of it (at most :data:`MOST_SLOWDOWN`)."""
        wall = self.clock() - self.start
        cpu = self.cpu_clock() - self.cpu_start
        if wall < MEASURE_AFTER:
            return 1.0
        return min(MOST_SLOWDOWN, max(1.0, wall / cpu if cpu > 0 else MOST_SLOWDOWN))

    def left(self) -> float:
        """Seconds until the answer is due (negative once it is late)."""
        return self.answer_by - self.clock()

    def affords(self, cpu_seconds: float) -> bool:
        """Whether work of ``cpu_seconds`` (on an idle machine) ends before the answer is
        due, with a :data:`MARGIN`, at the speed this thread gets now."""
        return self.left() > cpu_seconds * self.slowdown() * MARGIN

    @classmethod
    def unlimited(cls) -> Budget:
        """A budget that never runs out, for tests and tools."""
        return cls(float("inf"))
