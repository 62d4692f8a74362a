"""The Jupyter kernel: a thin shell that translates the protocol to the pure core."""

from __future__ import annotations

import json
import sys
import threading
import uuid
import warnings
from typing import TYPE_CHECKING, Any

from ipykernel.kernelbase import Kernel

from .. import __version__, report
from ..budget import Budget
from ..errors import WARNING, Interrupted, Problem, Span
from .config import PlotterConfig, read_config

if TYPE_CHECKING:
    from ..cell import CellOutcome
    from ..lang.session import Session
    from ..replay import Outputs
    from .viewcomm import ViewWorker

SCENE_MIME = "application/vnd.plotter.v2+json"
IMAGE_MIMES = ("image/png", "image/svg+xml")
WARM_UP_DELAY = 0.5
"""Seconds between the first kernel_info_reply and the background warm-up."""
DESCRIPTION_CHARS = 2000
"""Longest text/plain description (a cell may hold many long statements)."""
RESERVE_SHARE = 0.25
"""Share of ``seconds_per_cell`` kept back from evaluation for rendering and sending."""
RESERVE_MOST = 2.5
"""Most seconds kept back for rendering and sending."""


class PlotterKernel(Kernel):
    """Graphing Calculator kernel for the Plotter language."""

    implementation = "plotter"
    implementation_version = __version__
    language = "plotter"
    language_version = __version__
    language_info = {
        "name": "plotter",
        "version": __version__,
        "mimetype": "text/x-plotter",
        "file_extension": ".plot",
        "codemirror_mode": "plotter",
        "pygments_lexer": "text",
    }
    banner = "Plotter — a graphing calculator. Try: y = sin(x)"
    help_links = [{"text": "Plotter language", "url": "https://pypi.org/project/plotter/"}]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # NumPy and Matplotlib warnings would reach the student's stderr with file paths;
        # every problem worth telling is in the replies already.
        warnings.simplefilter("ignore")
        self.settings: PlotterConfig
        self.settings, self._config_problems = read_config()
        for problem in self._config_problems:
            print(f"Plotter: bad configuration: {problem}", file=sys.__stderr__, flush=True)
        self.limits = self.settings.limits()
        self._calculator: Session | None = None
        self._warm_up: threading.Timer | None = None
        self._outputs: Outputs | None = None
        self._views: ViewWorker | None = None
        self._open_comms()

    def _open_comms(self) -> None:
        """Register the ``plotter.view`` target and route comm messages to the manager."""
        from .viewcomm import TARGET, comm_manager

        manager = comm_manager(self)
        manager.register_target(TARGET, self._view_comm_opened)
        for msg_type in ("comm_open", "comm_msg", "comm_close"):
            self.shell_handlers[msg_type] = getattr(manager, msg_type)

    @property
    def outputs(self) -> Outputs:
        """The programs of the recent drawing outputs, for re-sampling them."""
        if self._outputs is None:
            from ..replay import Outputs

            self._outputs = Outputs()
        return self._outputs

    def _view_comm_opened(self, comm: Any, msg: dict[str, Any]) -> None:
        """A frontend opened ``plotter.view``: its requests go to the view worker."""
        if self._views is None:
            from .viewcomm import ViewWorker

            self._views = ViewWorker(self.outputs, self.limits, self._send_view, self.log)
        views = self._views
        comm_id = comm.comm_id

        def on_msg(request: dict[str, Any]) -> None:
            data = request.get("content", {}).get("data")
            views.submit(data, {"comm_id": comm_id, "parent": request})

        comm.on_msg(on_msg)

    def _send_view(self, reply: dict[str, Any], to: dict[str, Any]) -> None:
        """One reply as a ``comm_msg`` whose parent is the request (any thread)."""
        if self.session is None:
            return
        content = {"comm_id": to["comm_id"], "data": json.loads(json.dumps(reply, allow_nan=False))}
        self.session.send(self.iopub_socket, "comm_msg", content, parent=to["parent"])

    @property
    def calculator(self) -> Session:
        """The language session, created on first use so the kernel starts without NumPy."""
        if self._calculator is None:
            from ..lang.session import Session

            self._calculator = Session(self.limits)
        return self._calculator

    async def kernel_info_request(self, stream: Any, ident: Any, parent: Any) -> None:
        """Reply, then soon load NumPy and Matplotlib in the background for the first plot.

        The warm-up waits half a second: clients repeat ``kernel_info_request`` until
        IOPub is connected, and those replies should not wait behind the imports.
        """
        await super().kernel_info_request(stream, ident, parent)
        if self._warm_up is None:
            self._warm_up = threading.Timer(WARM_UP_DELAY, self._load_core)
            self._warm_up.name = "plotter-warm-up"
            self._warm_up.daemon = True
            self._warm_up.start()

    def _load_core(self) -> None:
        """Import the core and draw one hidden figure (fonts, artists) ahead of need."""
        try:
            from .. import cell  # noqa: F401 - importing is the point
            from ..render.render import warm_up

            warm_up(self._figure_size())
        except Exception:  # the first real cell will report any real problem
            self.log.debug("warm-up failed", exc_info=True)

    # -- execute -----------------------------------------------------------------------------

    async def execute_request(self, stream: Any, ident: Any, parent: Any) -> None:
        """Answer a request whose ``code`` is not text with an error reply, not silence."""
        content = parent.get("content") if isinstance(parent, dict) else None
        if isinstance(content, dict) and isinstance(content.get("code"), str):
            if not isinstance(parent.get("metadata"), dict):
                parent["metadata"] = {}
            await super().execute_request(stream, ident, parent)
            return
        reply = {
            "status": "error",
            "execution_count": self.execution_count,
            "ename": "TypeError",
            "evalue": "This request has no cell text to run.",
            "traceback": [],
            "diagnostics": [],
        }
        if self.session is not None:
            self.session.send(stream, "execute_reply", reply, parent, ident=ident)

    async def do_execute(
        self,
        code: str,
        silent: bool,
        store_history: bool = True,
        user_expressions: dict[str, Any] | None = None,
        allow_stdin: bool = False,
        *,
        cell_meta: dict[str, Any] | None = None,
        cell_id: str | None = None,
    ) -> dict[str, Any]:
        """Run a cell; never raises, so every request gets a reply."""
        from ..cell import CellOutcome, run_cell

        if not isinstance(code, str):
            code = ""
        lines = code.split("\n")
        seconds = self.limits.seconds_per_cell
        budget = Budget(seconds, reserve=min(RESERVE_MOST, RESERVE_SHARE * seconds))
        try:
            outcome = run_cell(self.calculator, code, budget, self.limits, self._figure_size())
        except KeyboardInterrupt:
            outcome = CellOutcome(problems=[_interrupted(lines)])
        except Exception:  # a bug of ours: keep the kernel alive and say so without internals
            self.log.exception("Plotter failed on a cell")
            outcome = CellOutcome(problems=[_internal_problem(lines)])
        outcome.problems[:0] = self._config_warnings()
        try:
            if not silent:
                self._publish(outcome, lines, budget)
        except KeyboardInterrupt:
            outcome.problems.append(_interrupted(lines))
        except Exception:
            self.log.exception("Plotter failed to draw a cell")
            outcome.problems.append(_internal_problem(lines))
        return self._reply(outcome, lines, silent)

    def _config_warnings(self) -> list[Problem]:
        """The configuration's problems, as warnings on the first cell only."""
        problems, self._config_problems = self._config_problems, []
        return [
            Problem(
                "ValueError", f"Plotter configuration: {p}", Span(0, 0, 0), "bad-config", WARNING
            )
            for p in problems
        ]

    def _publish(self, outcome: CellOutcome, lines: list[str], budget: Budget) -> None:
        """Send the picture, the printed values and the warnings, in that order."""
        if outcome.scene is not None:
            stopped = any(p.code == "time-limit" for p in outcome.problems)
            for code, message in self._display_scene(outcome.scene, budget, lines):
                if stopped and code == "output-time":
                    continue  # the time-limit error already says why
                span = report.statement_span(lines, 0)
                outcome.problems.append(Problem("ResourceError", message, span, code, WARNING))
        if outcome.values:
            self.send_response(
                self.iopub_socket,
                "execute_result",
                {
                    "execution_count": self.execution_count,
                    "data": {"text/plain": _format_values(outcome.values, lines)},
                    "metadata": {},
                },
            )
        notes = [p for p in outcome.problems if p.severity == WARNING]
        if notes:
            text = "".join(
                f"Warning: line {w.span.line + 1}: {report.escaped(w.message)}\n" for w in notes
            )
            self.send_response(self.iopub_socket, "stream", {"name": "stderr", "text": text})

    def _display_scene(
        self, scene: dict[str, Any], budget: Budget, lines: list[str]
    ) -> list[tuple[str, str]]:
        """One ``display_data`` with the formats the admin allows, within the output limits,
        and a ``display_id`` under which the ``plotter.view`` comm can draw it again.

        Returns the warnings about what was left out or thinned.
        """
        from ..draw.describe import describe
        from ..render.output import fit_display
        from ..replay import Stored

        formats = list(self.settings.output_formats)
        display, shown = fit_display(
            scene, formats, self._figure_size(), budget, self.limits.max_output_bytes, SCENE_MIME
        )
        data: dict[str, Any] = {
            mime: payload for mime, payload in display.data.items() if mime in formats
        }
        if "text/plain" in formats:
            text = describe(shown)
            data["text/plain"] = (
                text if len(text) <= DESCRIPTION_CHARS else text[:DESCRIPTION_CHARS] + "…"
            )
        if SCENE_MIME in formats:
            data[SCENE_MIME] = json.loads(json.dumps(shown, allow_nan=False))
        if data:
            display_id = uuid.uuid4().hex
            x0, x1 = scene["view"]["x"]
            stored = Stored(scene["program"], lines, self._figure_size(), (x0, x1))
            self.outputs.add(display_id, stored)
            metadata = dict(display.metadata)
            if SCENE_MIME in data:
                # The output model keeps metadata but not ``transient``: the interactive
                # plot reads its display id here to ask the comm for a new view.
                metadata[SCENE_MIME] = {"display_id": display_id}
            self.send_response(
                self.iopub_socket,
                "display_data",
                {
                    "data": data,
                    "metadata": metadata,
                    "transient": {"display_id": display_id},
                },
            )
        return display.warnings

    def _figure_size(self) -> tuple[int, int]:
        """The configured figure in CSS pixels: sampling and the view rule work for it."""
        return int(self.settings.figure_width), int(self.settings.figure_height)

    def _reply(self, outcome: CellOutcome, lines: list[str], silent: bool) -> dict[str, Any]:
        """The ``execute_reply`` content; on errors also the iopub ``error`` message."""
        diagnostics = report.diagnostics(outcome.problems, lines)
        errors = report.errors_of(outcome.problems)
        if not errors:
            return {
                "status": "ok",
                "execution_count": self.execution_count,
                "payload": [],
                "user_expressions": {},
                "diagnostics": diagnostics,
            }
        ename, evalue = report.summary(errors)
        content = {
            "ename": ename,
            "evalue": evalue,
            "traceback": report.traceback(errors, lines),
            "diagnostics": diagnostics,
        }
        if not silent:
            self.send_response(self.iopub_socket, "error", content)
        return {"status": "error", "execution_count": self.execution_count, **content}

    # -- assists -----------------------------------------------------------------------------

    async def do_complete(self, code: str, cursor_pos: int | None) -> dict[str, Any]:
        """Builtins, constants and user names that start like the word at the cursor."""
        from . import assist

        cursor = len(code) if cursor_pos is None else cursor_pos
        try:
            matches, start, end = assist.complete(self.calculator, code, cursor)
        except Exception:
            self.log.exception("completion failed")
            matches, start, end = [], cursor, cursor
        return {
            "status": "ok",
            "matches": matches,
            "cursor_start": start,
            "cursor_end": end,
            "metadata": {},
        }

    async def do_inspect(
        self, code: str, cursor_pos: int, detail_level: int = 0, omit_sections: Any = ()
    ) -> dict[str, Any]:
        """Signature and doc of a builtin, or the definition of a user name."""
        from . import assist

        try:
            text = assist.inspect(self.calculator, code, cursor_pos)
        except Exception:
            self.log.exception("inspection failed")
            text = None
        return {
            "status": "ok",
            "found": text is not None,
            "data": {"text/plain": text} if text is not None else {},
            "metadata": {},
        }

    async def do_is_complete(self, code: str) -> dict[str, Any]:
        """``incomplete`` while brackets are open, so the console waits for more."""
        from . import assist

        try:
            status = assist.is_complete(code)
        except Exception:
            status = "unknown"
        reply: dict[str, Any] = {"status": status}
        if status == "incomplete":
            reply["indent"] = ""
        return reply

    async def do_shutdown(self, restart: bool) -> dict[str, Any]:
        """Forget the session's definitions; the process itself is ended by the manager."""
        if self._calculator is not None:
            self._calculator.reset()
        return {"status": "ok", "restart": restart}


def _format_values(values: list[tuple[int, str]], lines: list[str]) -> str:
    """One value alone, or ``source = value`` per line when a cell calculates several."""
    if len(values) == 1:
        return values[0][1]
    shown = []
    for line, value in values:
        if " = " in value:  # a parameter prints as `a = 3` already
            shown.append(value)
            continue
        source = report.statement_span(lines, line)
        shown.append(f"{lines[line][source.start : source.end]} = {value}")
    return "\n".join(shown)


def _interrupted(lines: list[str]) -> Problem:
    """The problem reported when the user interrupts a running cell."""
    return Problem.from_error(Interrupted(), report.statement_span(lines, 0))


def _internal_problem(lines: list[str]) -> Problem:
    """A problem that blames Plotter, not the student, for an unexpected failure."""
    return Problem(
        "ValueError",
        "Plotter could not handle this cell; please report it.",
        report.statement_span(lines, 0),
        "internal",
    )
