"""A cell's time budget, checked cooperatively by every long loop."""

from __future__ import annotations

import time

from .errors import TimeLimit

GRACE = 1.0
"""Seconds past ``seconds_per_cell`` by which every cell has its answer (SPEC §5)."""


class Budget:
    """Deadline for one cell. Long loops call :meth:`check` between steps.

    Interrupts arrive as ``KeyboardInterrupt`` from the SIGINT handler that
    ipykernel installs around message handlers; the budget only covers time.

    Parameters
    ----------
    seconds
        The cell's time limit, ``seconds_per_cell``.
    reserve
        Seconds of it kept back from evaluation and drawing, for rendering and sending
        what was drawn before the answer is due (``seconds + GRACE`` from now).
    """

    def __init__(self, seconds: float, reserve: float = 0.0):
        now = time.monotonic()
        self.seconds = seconds
        self.deadline = now + seconds - reserve
        self.answer_by = now + seconds + GRACE

    def check(self) -> None:
        """Raise :class:`TimeLimit` once the cell has used up its seconds."""
        if time.monotonic() > self.deadline:
            raise TimeLimit(self.seconds)

    def left(self) -> float:
        """Seconds until the answer is due (negative once it is late)."""
        return self.answer_by - time.monotonic()

    @classmethod
    def unlimited(cls) -> Budget:
        """A budget that never runs out, for tests and tools."""
        return cls(float("inf"))
