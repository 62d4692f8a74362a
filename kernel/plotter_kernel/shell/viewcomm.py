"""The ``plotter.view`` comm target: message plumbing around :mod:`plotter_kernel.replay`.

Requests are answered on one worker thread, so the shell keeps reading messages while
a view is drawn. A newer request of the same kind for the same display supersedes an
older one: a waiting one is answered ``{"seq", "superseded": true}`` at once. A running
one is let finish if it can within :data:`PATIENCE` (its answer is due soon, so worth
drawing); past that it stops at its next budget check and is answered the same way.

Every request is answered or refused, and nothing a request holds (``1e400``, a 4 MB
``seq``, no ``comm_id``) can end the worker or put a traceback in the log.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import comm
import ipykernel.ipkernel  # noqa: F401 - gives the comm package ipykernel's comms and manager
from comm.base_comm import CommManager

from ..budget import Budget
from ..envelope import failed, reply_seq
from ..limits import Limits
from ..render.output import finish_most

if TYPE_CHECKING:
    from ..replay import Outputs

PATIENCE = 0.25
"""Seconds a request may go on running once a newer one waits for its place: an answer
due soon is still worth drawing, a slow one is stale."""


def comm_manager() -> CommManager:
    """The process's one comm manager: ipykernel's, which ``ipykernel.ipkernel`` hands to the
    ``comm`` package when imported (the kernel app imports it), as ipywidgets finds it too."""
    return comm.get_comm_manager()


Handler = Callable[[Any, Any, dict[str, Any]], Any]
"""A shell handler: ``(stream, idents, msg)``."""


def malformed(msg_type: str, msg: Any) -> bool:
    """Whether a comm message lacks what the comm manager reads unchecked: a text
    ``comm_id`` in an object ``content``, and for ``comm_open`` a text ``target_name``."""
    content = msg.get("content") if isinstance(msg, dict) else None
    if not isinstance(content, dict) or not isinstance(content.get("comm_id"), str):
        return True
    return msg_type == "comm_open" and not isinstance(content.get("target_name"), str)


def guarded(msg_type: str, handler: Handler, log: Any) -> Handler:
    """``handler`` for ``msg_type`` messages, ignoring malformed ones: a frontend's mistake,
    or a student's, is worth no traceback in the log (ipykernel's manager would raise)."""

    def handle(stream: Any, idents: Any, msg: dict[str, Any]) -> Any:
        if malformed(msg_type, msg):
            log.debug("Ignored a %s without a comm_id or target_name", msg_type)
            return None
        return handler(stream, idents, msg)

    return handle


class Superseded(BaseException):
    """A newer request for the same display arrived: stop drawing this one.

    A ``BaseException``, like ``KeyboardInterrupt``, so no stage mistakes it for a
    problem of the statement being drawn.
    """


class RequestBudget(Budget):
    """The time limit of one request, which also stops a stale request that runs long."""

    def __init__(
        self,
        seconds: float,
        stale: threading.Event,
        patience: float = PATIENCE,
        max_bytes: int = Limits.max_output_bytes,
    ):
        super().__init__(seconds, finish=finish_most(max_bytes))
        self.stale = stale
        self.give_up_at = time.monotonic() + patience

    def check(self) -> None:
        if self.stale.is_set() and time.monotonic() > self.give_up_at:
            raise Superseded
        super().check()


Send = Callable[[dict[str, Any], dict[str, Any]], None]
"""Sends a reply's data as a ``comm_msg`` in answer to a request message."""


_Waiting = tuple[dict[str, Any], dict[str, Any]]
"""A request's data and where its answer goes."""


def request_key(data: Any) -> tuple[str, str]:
    """Requests with the same key supersede each other: one display, one kind."""
    if not isinstance(data, dict):
        return ("", "")
    return (str(data.get("display_id")), str(data.get("request")))


class ViewWorker:
    """Answers view requests in order of arrival, latest per display and kind only."""

    def __init__(
        self, outputs: Outputs, limits: Limits, send: Send, log: Any, patience: float = PATIENCE
    ):
        self.outputs = outputs
        self.limits = limits
        self.send = send
        self.log = log
        self.patience = patience
        self._waiting: OrderedDict[tuple[str, str], _Waiting] = OrderedDict()
        self._running: dict[tuple[str, str], threading.Event] = {}
        self._lock = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="plotter-view", daemon=True)
        self._thread.start()

    def submit(self, data: Any, msg: dict[str, Any]) -> None:
        """Queue one request (called on the shell thread)."""
        key = request_key(data)
        with self._lock:
            older = self._waiting.pop(key, None)
            if key in self._running:
                self._running[key].set()
            self._waiting[key] = (data, msg)
            self._lock.notify()
        if older is not None:
            self._superseded(*older)

    def _superseded(self, data: Any, msg: dict[str, Any]) -> None:
        self._send({"seq": reply_seq(data), "superseded": True}, msg)

    def _send(self, reply: dict[str, Any], msg: dict[str, Any]) -> bool:
        """Send one reply; a failure is logged, never raised (it would end the worker)."""
        try:
            self.send(reply, msg)
        except Exception:
            self.log.exception("Plotter could not send a view reply")
            return False
        return True

    def _run(self) -> None:
        while True:
            with self._lock:
                while not self._waiting:
                    self._lock.wait()
                key, (data, msg) = self._waiting.popitem(last=False)
                stale = threading.Event()
                self._running[key] = stale
            try:
                self._answer(data, msg, stale)
            finally:
                with self._lock:
                    if self._running.get(key) is stale:
                        del self._running[key]

    def _answer(self, data: Any, msg: dict[str, Any], stale: threading.Event) -> None:
        """Answer one request; when that fails, say so, so the frontend stops waiting."""
        try:
            from ..replay import answer

            limits = self.limits
            budget = RequestBudget(
                limits.seconds_per_cell, stale, self.patience, limits.max_output_bytes
            )
            reply = answer(data, self.outputs, self.limits, budget)
        except Superseded:
            self._superseded(data, msg)
            return
        except Exception:  # a bug of ours must not end the worker
            self.log.exception("Plotter failed on a view request")
            self._send(failed(reply_seq(data)), msg)
            return
        if not self._send(reply, msg):
            self._send(failed(reply_seq(data)), msg)
