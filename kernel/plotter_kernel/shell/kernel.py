"""The Jupyter kernel: a thin shell that translates the protocol to the pure core."""

from __future__ import annotations

import json
import sys
import threading
import warnings
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..errors import WARNING, Problem, Span
from ..protocol import BANNER, IMPLEMENTATION, LANGUAGE_INFO, VIEW_TARGET
from .config import PlotterConfig, read_config
from .ipykernel_private import StatusKernel

if TYPE_CHECKING:
    from ..lang.session import Session
    from ..replay import Outputs
    from .viewcomm import Handler, ViewWorker

WARM_UP_DELAY = 0.5
"""Seconds between the first kernel_info_reply and the background warm-up."""

COMM_MESSAGES = ("comm_open", "comm_msg", "comm_close")


class PlotterKernel(StatusKernel):
    """Graphing Calculator kernel for the Plotter language."""

    msg_types = [*StatusKernel.msg_types, *COMM_MESSAGES]
    """The shell requests: ``Kernel`` hands each to the method of its name."""

    implementation = IMPLEMENTATION
    implementation_version = __version__
    language = LANGUAGE_INFO["name"]
    language_version = __version__
    language_info = {**LANGUAGE_INFO, "version": __version__}
    banner = BANNER
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
        self._ending = threading.Event()
        self._outputs: Outputs | None = None
        self._views: ViewWorker | None = None
        self._view_comms: set[str] = set()
        self._comm_handlers: dict[str, Handler] = {}
        self._open_comms()

    def _open_comms(self) -> None:
        """Register the ``plotter.view`` target; well-formed comm messages go to the manager."""
        from .viewcomm import comm_manager, guarded

        manager = comm_manager()
        manager.register_target(VIEW_TARGET, self._view_comm_opened)
        for msg_type in COMM_MESSAGES:
            handler = getattr(manager, msg_type)
            self._comm_handlers[msg_type] = guarded(msg_type, handler, self.log)

    def comm_open(self, stream: Any, ident: Any, msg: dict[str, Any]) -> None:
        """A frontend opens a comm: on a registered target, or closed again."""
        self._comm_handlers["comm_open"](stream, ident, msg)

    def comm_msg(self, stream: Any, ident: Any, msg: dict[str, Any]) -> None:
        """A message on an open comm, such as a view request."""
        self._comm_handlers["comm_msg"](stream, ident, msg)

    def comm_close(self, stream: Any, ident: Any, msg: dict[str, Any]) -> None:
        """A frontend closes a comm."""
        self._comm_handlers["comm_close"](stream, ident, msg)

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
        self._view_comms.add(comm_id)

        def on_msg(request: dict[str, Any]) -> None:
            data = request["content"].get("data")  # content is an object: see guarded
            views.submit(data, {"comm_id": comm_id, "parent": request})

        comm.on_msg(on_msg)
        comm.on_close(lambda _msg: self._view_comms.discard(comm_id))

    def skips_status(self, msg: Any) -> bool:
        """No busy and idle around a request on a ``plotter.view`` comm.

        The shell only queues such a request for the view worker: it is not busy for
        it, and the answer comes after "idle" anyway. Each status would also make the
        page redraw its kernel indicators, which during a slider drag costs the page
        more than drawing the answers (ipykernel itself sends none for comm messages
        that arrive while a cell runs).
        """
        if not isinstance(msg, dict) or msg.get("header", {}).get("msg_type") != "comm_msg":
            return False
        content = msg.get("content")
        comm_id = content.get("comm_id") if isinstance(content, dict) else None
        return isinstance(comm_id, str) and comm_id in self._view_comms

    def _send_view(self, reply: dict[str, Any], to: dict[str, Any]) -> None:
        """One reply as a ``comm_msg`` whose parent is the request (any thread).

        The content is packed here, once and strictly (no NaN): a scene is tens of
        kilobytes, and every encoding of it is time a slider waits for.
        """
        if self.session is None:
            return
        content = {"comm_id": to["comm_id"], "data": reply}
        msg = self.session.msg("comm_msg", parent=to["parent"])
        msg["content"] = json.dumps(content, allow_nan=False, ensure_ascii=False).encode()
        self.session.send(self.iopub_socket, msg)

    @property
    def calculator(self) -> Session:
        """The language session, created on first use so the kernel starts without NumPy."""
        if self._calculator is None:
            from ..lang.session import Session
            from .tablefiles import folder_reader

            reader = folder_reader(None, self.limits.max_table_rows)
            self._calculator = Session(self.limits, reader)
        return self._calculator

    async def kernel_info_request(self, stream: Any, ident: Any, parent: Any) -> None:
        """Reply, then soon load NumPy (and Matplotlib, for PNG) in the background.

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
        """Import the core and draw one hidden figure (fonts, artists) ahead of need.

        Without PNG among the output formats no figure is drawn: the SVG then comes from
        the NumPy-only writer and Matplotlib is never imported.
        """
        try:
            from .. import cell  # noqa: F401 - importing is the point

            if self._ending.is_set() or "image/png" not in self.settings.output_formats:
                return
            from ..render.render import warm_up

            warm_up(self._figure_size())
        except Exception:  # the first real cell will report any real problem
            self.log.debug("warm-up failed", exc_info=True)

    def end_warm_up(self, timeout: float) -> None:
        """Cancel a warm-up not started and wait for one drawing, before Python exits.

        The warm-up is a daemon thread: if Python finalizes while it is inside
        Matplotlib's C++ code, the thread is ended mid-call and the whole process
        aborts (SIGABRT, "terminate called without an active exception").
        """
        self._ending.set()
        if self._warm_up is not None:
            self._warm_up.cancel()
            if self._warm_up.is_alive():
                self._warm_up.join(timeout)

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
        """Run a cell and send what it answers with; never raises, so every request gets a
        reply."""
        from ..cell import Setup, execute

        setup = Setup(self.limits, self._figure_size(), tuple(self.settings.output_formats))
        done = execute(
            self.calculator,
            code,
            self.outputs,
            setup,
            count=self.execution_count,
            silent=silent,
            notes=self._config_warnings(),
            log=self.log,
            send=self._send_now,
        )
        try:
            for msg_type, content in done.messages:
                self.send_response(self.iopub_socket, msg_type, content)
        except KeyboardInterrupt:  # an interrupt that came too late still gets the reply
            pass
        return done.reply

    def _send_now(self, message: tuple[str, dict[str, Any]]) -> None:
        """Send one IOPub message while the cell is still running (the picture first)."""
        msg_type, content = message
        self.send_response(self.iopub_socket, msg_type, content)

    def _config_warnings(self) -> list[Problem]:
        """The configuration's problems, as warnings on the first cell only."""
        problems, self._config_problems = self._config_problems, []
        return [
            Problem(
                "ValueError", f"Plotter configuration: {p}", Span(0, 0, 0), "bad-config", WARNING
            )
            for p in problems
        ]

    def _figure_size(self) -> tuple[int, int]:
        """The configured figure in CSS pixels: sampling and the view rule work for it."""
        return int(self.settings.figure_width), int(self.settings.figure_height)

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
