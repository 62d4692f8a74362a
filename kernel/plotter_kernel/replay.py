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
from .errors import ERROR, WARNING, Problem, Span, to_diagnostic
from .limits import Limits
from .plan import Range
from .render.output import fit_scene
from .report import statement_span

KEEP = 64
"""Outputs whose programs are kept for re-sampling; older ones are forgotten."""
MOST_PIXELS = 4000
"""Largest width or height a request may ask for."""


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

    def __init__(self, keep: int = KEEP):
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


def _range(value: Any, what: str) -> Range | None:
    if value is None:
        return None
    if (
        not isinstance(value, (list, tuple))
        or len(value) != 2
        or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
    ):
        raise BadRequest(f"The view's {what} must be two numbers.")
    lo, hi = float(value[0]), float(value[1])
    if not (math.isfinite(lo) and math.isfinite(hi) and hi > lo):
        raise BadRequest(f"The view's {what} must go from a smaller to a larger number.")
    return lo, hi


def _pixels(value: Any, default: int) -> int:
    if value is None:
        return default
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
        raise BadRequest("The view's width and height must be numbers of pixels.")
    return int(min(max(value, 10), MOST_PIXELS))


def _params(value: Any) -> dict[str, float]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, (int, float)) and not isinstance(v, bool)
        for k, v in value.items()
    ):
        raise BadRequest("params must map parameter names to numbers.")
    return {k: float(v) for k, v in value.items()}


def answer(request: Any, outputs: Outputs, limits: Limits, budget: Budget) -> dict[str, Any]:
    """The reply content for one request: ``{"seq", "scene"}``, ``{"seq", "features"}``
    or ``{"seq", "diagnostics"}``.

    A :class:`~plotter_kernel.errors.TimeLimit` inside drawing keeps what was drawn, with
    a diagnostic; one outside it (features) is a diagnostic alone.
    """
    seq = request.get("seq") if isinstance(request, dict) else None
    try:
        if not isinstance(request, dict):
            raise BadRequest("A request must be a JSON object.")
        kind = request.get("request")
        if kind not in ("view", "features"):
            raise BadRequest("The request must be 'view' or 'features'.")
        stored = outputs.get(str(request.get("display_id")))
        if stored is None:
            raise BadRequest("This plot is no longer known to the kernel; run its cell again.")
        view = request.get("view") or {}
        if not isinstance(view, dict):
            raise BadRequest("The view must be a JSON object.")
        x, y = _range(view.get("x"), "x"), _range(view.get("y"), "y")
        size = (
            _pixels(view.get("width"), stored.size[0]),
            _pixels(view.get("height"), stored.size[1]),
        )
        params = _params(request.get("params"))
    except BadRequest as bad:
        return {"seq": seq, "diagnostics": [_diagnostic(str(bad), ERROR, "bad-request")]}
    if kind == "features":
        window = x or stored.x
        try:
            found = features(stored.program, limits, budget, (window, y), params, stored.y)
        except Exception as err:  # the time limit, or a problem of ours: say so, stay alive
            message = getattr(err, "message", "These points could not be found.")
            return {"seq": seq, "diagnostics": [_diagnostic(message, ERROR, "features-failed")]}
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
        diagnostics.append(_diagnostic(message, WARNING, "output-too-big"))
    return {"seq": seq, "scene": scene, "diagnostics": diagnostics}


def _diagnostic(message: str, severity: int, code: str) -> dict[str, Any]:
    return to_diagnostic(Problem("ValueError", message, Span(0, 0, 0), code, severity), [""])
