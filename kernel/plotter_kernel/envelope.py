"""The envelope of a ``plotter.view`` reply: the ``seq`` it echoes and its plain diagnostics.

Light (no NumPy), so the comm's shell side can answer from it before the core is loaded,
and strict: whatever a request holds, a reply built here packs as JSON without NaN and
stays a few hundred bytes.
"""

from __future__ import annotations

from typing import Any

from .errors import ERROR, Problem, Span, to_diagnostic
from .protocol import MOST_SEQ_CHARS

SAFE_INTEGER = 2**53
"""Largest whole ``seq`` echoed: a JavaScript number holds every integer up to it exactly."""
BAD_SEQ = "seq must be a whole number, a short text or null."


def valid_seq(value: Any) -> bool:
    """Whether a reply may echo ``value`` as its ``seq``."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return -SAFE_INTEGER <= value <= SAFE_INTEGER
    if isinstance(value, str):
        return len(value) <= MOST_SEQ_CHARS
    return value is None


def reply_seq(request: Any) -> int | str | None:
    """The ``seq`` a reply to ``request`` carries: the request's own if valid, else null."""
    seq = request.get("seq") if isinstance(request, dict) else None
    return seq if valid_seq(seq) else None


def diagnostic(message: str, code: str, severity: int = ERROR) -> dict[str, Any]:
    """A diagnostic about the request as a whole (it has no source line of its own)."""
    return to_diagnostic(Problem("ValueError", message, Span(0, 0, 0), code, severity), [""])


def refused(seq: int | str | None, message: str) -> dict[str, Any]:
    """The reply to a request the kernel cannot answer: a ``bad-request`` diagnostic."""
    return {"seq": seq, "diagnostics": [diagnostic(message, "bad-request")]}


def failed(seq: int | str | None) -> dict[str, Any]:
    """The reply when Plotter itself failed on a request: the frontend stops waiting."""
    message = "Plotter could not answer this request; please report it."
    return {"seq": seq, "diagnostics": [diagnostic(message, "internal")]}
