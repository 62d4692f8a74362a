"""A cell's time budget, checked cooperatively by every long loop."""

from __future__ import annotations

import time

from .errors import ResourceLimit


class Budget:
    """Deadline for one cell. Long loops call :meth:`check` between steps.

    Interrupts arrive as ``KeyboardInterrupt`` from the SIGINT handler that
    ipykernel installs around message handlers; the budget only covers time.
    """

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds

    def check(self) -> None:
        """Raise :class:`ResourceLimit` once the cell has used up its seconds."""
        if time.monotonic() > self.deadline:
            raise ResourceLimit(
                f"This cell took longer than {self.seconds:g} seconds, so it was stopped.",
                code="time-limit",
            )

    @classmethod
    def unlimited(cls) -> Budget:
        """A budget that never runs out, for tests and tools."""
        return cls(float("inf"))
