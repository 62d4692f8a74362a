"""Run one cell through the pure core: the language first, then the drawing."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .budget import Budget
from .draw.sample import sample
from .draw.scene import SIZE
from .errors import PlotterError, Problem
from .lang.session import Session
from .limits import Limits
from .report import sort_problems, statement_span


@dataclass
class CellOutcome:
    """What a cell produced: a scene to draw (or none), printed values, problems."""

    scene: dict[str, Any] | None = None
    values: list[tuple[int, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def run_cell(
    session: Session,
    source: str,
    budget: Budget,
    limits: Limits | None = None,
    size: tuple[int, int] = SIZE,
) -> CellOutcome:
    """Evaluate ``source`` in ``session`` and draw what it asks for on a ``size`` figure.

    Never raises for user input, except ``KeyboardInterrupt`` (the caller reports it).
    """
    limits = limits or session.limits
    lines = source.split("\n")
    plan, problems = session.run(source, budget)
    outcome = CellOutcome(values=list(plan.values), problems=list(problems))
    program = plan.program
    if program is not None:
        try:
            scene, drawing_problems = sample(program, limits, budget, size)
        except PlotterError as err:
            fallback = statement_span(lines, program["statements"][0]["line"])
            outcome.problems.append(Problem.from_error(err, fallback))
        else:
            outcome.scene = scene
            outcome.problems += [
                Problem(w.ename, w.message, statement_span(lines, w.line), w.code, w.severity)
                for w in drawing_problems
            ]
    outcome.problems = sort_problems(outcome.problems)
    return outcome
