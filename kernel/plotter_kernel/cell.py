"""Run one cell through the pure core and say what to send: what every transport does.

:func:`run_cell` is the language then the drawing; :func:`execute` adds the output (its
display id stored for the ``plotter.view`` comm), the printed values, the warnings and
the reply, as plain message contents. A transport only sends them.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from . import report
from .budget import Budget
from .draw.sample import sample
from .draw.scene import SIZE
from .errors import WARNING, Interrupted, PlotterError, Problem
from .lang.session import Session
from .lang.tables import table_html
from .limits import Limits
from .render.display import SCENE_MIME, display
from .render.output import Display, finish_most
from .replay import Outputs, Stored
from .report import sort_problems, statement_span

RESERVE_SHARE = 0.25
"""Share of ``seconds_per_cell`` kept back from evaluation for rendering and sending."""
RESERVE_MOST = 2.5
"""Most seconds kept back for rendering and sending."""

LOG = logging.getLogger(__name__)

Message = tuple[str, dict[str, Any]]
"""An IOPub message to send: its ``msg_type`` and ``content``."""
Send = Callable[[Message], None]
"""Sends one message at once, before the rest of the cell is done."""
PICTURES = ("image/png", "image/svg+xml")
"""The fallback pictures, drawn after the scene has gone out when PNG is wanted."""


@dataclass
class CellOutcome:
    """What a cell produced: a scene to draw (or none), printed values, problems."""

    scene: dict[str, Any] | None = None
    values: list[tuple[int, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    table: str | None = None
    """The HTML table of a cell of tables and lists only."""


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
    if plan.table:
        outcome.table = table_html(plan.table)
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


def cell_budget(seconds: float, max_bytes: int = Limits.max_output_bytes) -> Budget:
    """A cell's time limit, with a share kept back for rendering and sending, and on a
    busy machine what finishing an output of ``max_bytes`` takes at its speed."""
    reserve = min(RESERVE_MOST, RESERVE_SHARE * seconds)
    return Budget(seconds, reserve, finish=finish_most(max_bytes))


@dataclass(frozen=True)
class Setup:
    """What every cell of a kernel shares: its limits, figure size and output formats."""

    limits: Limits
    size: tuple[int, int] = SIZE
    formats: Sequence[str] = ("image/png", "image/svg+xml", "text/plain", SCENE_MIME)
    """The MIME types an output may carry (the admin's ``output_formats``)."""


@dataclass
class Execution:
    """What one cell sends: IOPub messages in order, then the ``execute_reply`` content."""

    messages: list[Message] = field(default_factory=list)
    reply: dict[str, Any] = field(default_factory=dict)


def execute(
    session: Session,
    code: str,
    outputs: Outputs,
    setup: Setup,
    *,
    count: int,
    silent: bool = False,
    notes: Sequence[Problem] = (),
    log: logging.Logger | None = None,
    send: Send | None = None,
) -> Execution:
    """Run ``code`` and build every message it answers with; never raises.

    Parameters
    ----------
    outputs
        Where a drawing output's program is stored under its display id.
    setup
        The kernel's limits, figure size and output formats.
    count
        The execution count the result and the reply carry.
    silent
        Build only the reply: no output, values or error message.
    notes
        Problems to report with this cell's own (the configuration's, on the first cell).
    log
        Where failures of Plotter itself are logged, with their traceback.
    send
        Sends a message at once: the picture first (the scene and its description, as
        ``display_data``) goes out through it while the PNG and SVG are drawn, which
        follow by ``update_display_data``. Without it that message leads
        ``Execution.messages``.
    """
    log = log or LOG
    if not isinstance(code, str):
        code = ""
    lines = code.split("\n")
    budget = cell_budget(setup.limits.seconds_per_cell, setup.limits.max_output_bytes)
    try:
        outcome = run_cell(session, code, budget, setup.limits, setup.size)
    except KeyboardInterrupt:
        outcome = CellOutcome(problems=[interrupted(lines)])
    except Exception:  # a bug of ours: keep the kernel alive and say so without internals
        log.exception("Plotter failed on a cell")
        outcome = CellOutcome(problems=[internal_problem(lines)])
    outcome.problems[:0] = notes
    execution = Execution()
    try:
        if not silent:
            _publish(execution.messages, outcome, lines, budget, outputs, setup, count, send)
    except KeyboardInterrupt:
        outcome.problems.append(interrupted(lines))
    except Exception:
        log.exception("Plotter failed to draw a cell")
        outcome.problems.append(internal_problem(lines))
    execution.reply = _reply(execution.messages, outcome, lines, silent, count)
    return execution


def _publish(
    messages: list[Message],
    outcome: CellOutcome,
    lines: list[str],
    budget: Budget,
    outputs: Outputs,
    setup: Setup,
    count: int,
    send: Send | None = None,
) -> None:
    """The picture, the printed values and the warnings, in that order."""
    if outcome.scene is not None:
        shown, warnings = _show(outcome.scene, lines, budget, outputs, setup, send)
        messages.extend(shown)
        stopped = any(p.code == "time-limit" for p in outcome.problems)
        for code, message in warnings:
            if stopped and code == "output-time":
                continue  # the time-limit error already says why
            span = statement_span(lines, 0)
            outcome.problems.append(Problem("ResourceError", message, span, code, WARNING))
    if outcome.values:
        data = {"text/plain": format_values(outcome.values, lines)}
        if outcome.table is not None:
            data["text/html"] = outcome.table
        messages.append(
            ("execute_result", {"execution_count": count, "data": data, "metadata": {}})
        )
    notes = [p for p in outcome.problems if p.severity == WARNING]
    if notes:
        text = "".join(
            f"Warning: line {w.span.line + 1}: {report.escaped(w.message)}\n" for w in notes
        )
        messages.append(("stream", {"name": "stderr", "text": text}))


def _show(
    scene: dict[str, Any],
    lines: list[str],
    budget: Budget,
    outputs: Outputs,
    setup: Setup,
    send: Send | None = None,
) -> tuple[list[Message], list[tuple[str, str]]]:
    """The output's messages (none when no format is left) under a new display id whose
    program is stored for the ``plotter.view`` comm; the warnings about what was left out
    or thinned.

    When PNG is among the formats, the scene and its description go out first (through
    ``send`` when given), before Matplotlib is needed; the full bundle with the PNG and
    SVG follows on the same display id by ``update_display_data``.
    """
    size, most = setup.size, setup.limits.max_output_bytes
    early = [f for f in setup.formats if f not in PICTURES]
    picture_first = "image/png" in setup.formats and bool(early)
    shown = display(scene, early if picture_first else setup.formats, size, budget, most)
    if not shown.data:
        return [], shown.warnings
    display_id = uuid.uuid4().hex
    (x0, x1), (y0, y1) = scene["view"]["x"], scene["view"]["y"]
    outputs.add(display_id, Stored(scene["program"], lines, size, (x0, x1), (y0, y1)))
    message = ("display_data", _content(shown, display_id))
    if not picture_first:
        return [message], shown.warnings
    messages: list[Message] = []
    if send is not None:
        send(message)
    else:
        messages.append(message)
    full = display(scene, setup.formats, size, budget, most)
    warnings = [*full.warnings, *(w for w in shown.warnings if w not in full.warnings)]
    if any(mime in full.data for mime in PICTURES):
        messages.append(("update_display_data", _content(full, display_id)))
    return messages, warnings


def _content(shown: Display, display_id: str) -> dict[str, Any]:
    """A ``display_data`` (or update) content for ``shown`` under ``display_id``."""
    metadata = dict(shown.metadata)
    if SCENE_MIME in shown.data:
        # The output model keeps metadata but not ``transient``: the interactive plot
        # reads its display id here to ask the comm for a new view.
        metadata[SCENE_MIME] = {"display_id": display_id}
    return {"data": shown.data, "metadata": metadata, "transient": {"display_id": display_id}}


def _reply(
    messages: list[Message], outcome: CellOutcome, lines: list[str], silent: bool, count: int
) -> dict[str, Any]:
    """The ``execute_reply`` content; on errors also the IOPub ``error`` message."""
    diagnostics = report.diagnostics(outcome.problems, lines)
    errors = report.errors_of(outcome.problems)
    if not errors:
        return {
            "status": "ok",
            "execution_count": count,
            "payload": [],
            "user_expressions": {},
            "diagnostics": diagnostics,
        }
    ename, evalue = report.summary(errors)
    # Frontends save the iopub ``error`` into the notebook, where nbformat allows only
    # these three keys: the underlines travel in the reply.
    content = {"ename": ename, "evalue": evalue, "traceback": report.traceback(errors, lines)}
    if not silent:
        messages.append(("error", content))
    return {"status": "error", "execution_count": count, **content, "diagnostics": diagnostics}


def format_values(values: list[tuple[int, str]], lines: list[str]) -> str:
    """One value alone, or ``source = value`` per line when a cell calculates several."""
    if len(values) == 1:
        return values[0][1]
    shown = []
    for line, value in values:
        if " = " in value or ": " in value or value.startswith("✓ "):
            shown.append(value)  # `a = 3`, `residuals: e1`, `✓ L > 0` say what they are
            continue
        source = statement_span(lines, line)
        shown.append(f"{lines[line][source.start : source.end]} = {value}")
    return "\n".join(shown)


def interrupted(lines: list[str]) -> Problem:
    """The problem reported when the user interrupts a running cell."""
    return Problem.from_error(Interrupted(), statement_span(lines, 0))


def internal_problem(lines: list[str]) -> Problem:
    """A problem that blames Plotter, not the student, for an unexpected failure."""
    return Problem(
        "ValueError",
        "Plotter could not handle this cell; please report it.",
        statement_span(lines, 0),
        "internal",
    )
