"""Answers to ``plotter.view`` requests from the stored programs of recent outputs (SPEC §5).

Pure: a request and a stored output in, the reply's content out. Nothing here touches
the session, so moving a slider or zooming never changes what later cells compute.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from .budget import Budget
from .draw.features import features
from .draw.sample import sample
from .envelope import BAD_SEQ, diagnostic, refused, reply_seq, valid_seq
from .errors import WARNING, Problem, to_diagnostic
from .limits import Limits
from .plan import Range
from .protocol import KEEP_OUTPUTS, MOST_PIXELS, TOO_BIG
from .render.output import fit_scene
from .report import statement_span


@dataclass(frozen=True)
class Stored:
    """What a drawing output needs to be drawn again: its program, its cell's text, its size."""

    program: dict[str, Any]
    lines: list[str]
    size: tuple[int, int]
    x: Range = (-10.0, 10.0)
    """The x range the output shows: where features look when a request gives none."""
    y: Range | None = None
    """The y range the output shows: where curves x = g(y) are searched when a request
    gives none."""


class Outputs:
    """The programs of the most recent outputs, by display id (bounded)."""

    def __init__(self, keep: int = KEEP_OUTPUTS):
        self.keep = keep
        self._stored: OrderedDict[str, Stored] = OrderedDict()

    def add(self, display_id: str, stored: Stored) -> None:
        self._stored[display_id] = stored
        self._stored.move_to_end(display_id)
        while len(self._stored) > self.keep:
            self._stored.popitem(last=False)

    def get(self, display_id: str) -> Stored | None:
        return self._stored.get(display_id)

    def __len__(self) -> int:
        return len(self._stored)


class BadRequest(Exception):
    """A request the kernel cannot answer; the message says why in plain words."""


def _number(value: Any, message: str) -> float:
    """``value`` as a finite float; JSON's huge integers, ``1e400`` and NaN are refused."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise BadRequest(message)
    try:
        number = float(value)
    except OverflowError:  # an integer no float holds: 10**400
        raise BadRequest(message) from None
    if not math.isfinite(number):
        raise BadRequest(message)
    return number


def _range(value: Any, what: str) -> Range | None:
    if value is None:
        return None
    message = f"The view's {what} must be two numbers."
    if not isinstance(value, (list, tuple)) or len(value) != 2:
        raise BadRequest(message)
    lo, hi = _number(value[0], message), _number(value[1], message)
    if not hi > lo:
        raise BadRequest(f"The view's {what} must go from a smaller to a larger number.")
    return lo, hi


def _pixels(value: Any, default: int) -> int:
    if value is None:
        return default
    pixels = _number(value, "The view's width and height must be numbers of pixels.")
    return int(min(max(pixels, 10), MOST_PIXELS))


def _params(value: Any) -> dict[str, float]:
    if value is None:
        return {}
    message = "params must map parameter names to numbers."
    if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
        raise BadRequest(message)
    return {k: _number(v, message) for k, v in value.items()}


def answer(request: Any, outputs: Outputs, limits: Limits, budget: Budget) -> dict[str, Any]:
    """The reply content for one request: ``{"seq", "scene"}``, ``{"seq", "features"}``
    or ``{"seq", "diagnostics"}``.

    A request it cannot answer (a bad ``seq``, a number no float holds, an unknown plot)
    gets a ``bad-request`` diagnostic; the reply echoes ``seq`` only when it is valid.
    A :class:`~plotter_kernel.errors.TimeLimit` inside drawing keeps what was drawn, with
    a diagnostic; one outside it (features) is a diagnostic alone.
    """
    seq = reply_seq(request)
    try:
        if not isinstance(request, dict):
            raise BadRequest("A request must be a JSON object.")
        if not valid_seq(request.get("seq")):
            raise BadRequest(BAD_SEQ)
        kind = request.get("request")
        if kind not in ("view", "features"):
            raise BadRequest("The request must be 'view' or 'features'.")
        view = request.get("view") or {}
        if not isinstance(view, dict):
            raise BadRequest("The view must be a JSON object.")
        stored = outputs.get(str(request.get("display_id")))
        if stored is None:
            raise BadRequest("This plot is no longer known to the kernel; run its cell again.")
        x, y = _range(view.get("x"), "x"), _range(view.get("y"), "y")
        size = (
            _pixels(view.get("width"), stored.size[0]),
            _pixels(view.get("height"), stored.size[1]),
        )
        params = _params(request.get("params"))
    except BadRequest as bad:
        return refused(seq, str(bad))
    if kind == "features":
        window = x or stored.x
        try:
            found = features(stored.program, limits, budget, (window, y), params, stored.y)
        except Exception as err:  # the time limit, or a problem of ours: say so, stay alive
            message = getattr(err, "message", "These points could not be found.")
            return {"seq": seq, "diagnostics": [diagnostic(message, "features-failed")]}
        return {"seq": seq, "features": found}
    scene, problems = sample(stored.program, limits, budget, size, (x, y), params)
    diagnostics = [
        to_diagnostic(
            Problem(p.ename, p.message, statement_span(stored.lines, p.line), p.code, p.severity),
            stored.lines,
        )
        for p in problems
    ]
    if scene is None:
        return {"seq": seq, "diagnostics": diagnostics}
    scene, thin = fit_scene(scene, limits.max_output_bytes, size)
    if thin:
        message = "The drawing was simplified: it would have been too large to send."
        diagnostics.append(diagnostic(message, TOO_BIG, WARNING))
    return {"seq": seq, "scene": scene, "diagnostics": diagnostics}
