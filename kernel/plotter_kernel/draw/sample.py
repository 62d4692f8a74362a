"""Sampling: (program, view, params, limits, budget) -> scene v2 (SPEC §5).

The only input from the language is the program, which is data; re-sampling a
stored output for a new view or new parameter values is the same call.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from ..budget import Budget
from ..errors import WARNING
from ..lang.program import Program, instantiate, parameter_values, statement_id
from ..limits import Limits
from ..plan import DrawProblem, Range
from .describe import describe
from .scene import SIZE, Size, build_scene

VERSION = 2
"""The scene format's version (``scene.version``)."""


def slider(value: float) -> tuple[float, float, float]:
    """A default slider ``(min, max, step)`` around ``value``: [-10, 10] by 0.1 for
    everyday values, a power of ten either side for large or small ones."""
    size = abs(value)
    if not math.isfinite(value) or size == 0 or 1 <= size <= 10:
        top = 10.0
    else:
        top = 10.0 ** (math.floor(math.log10(size)) + 1)
    return -top, top, top / 100


def _style(item: dict[str, Any]) -> dict[str, Any]:
    if item["kind"] == "region":
        return {"dash": bool(item.get("dash")), "fill": True}
    return {"dash": False, "fill": item["kind"] == "point"}


def _params(program: Program, limits: Limits, overrides: Mapping[str, float]) -> list[dict]:
    values = parameter_values(program, limits)
    current = parameter_values(program, limits, overrides) if overrides else values
    lines = {d["name"]: d.get("line") for d in program["definitions"]}
    params = []
    for name, value in values.items():
        shown = current[name]
        lo, hi, step = slider(value)  # the range stays put while a slider moves
        params.append(
            {
                "name": name,
                "value": shown if math.isfinite(shown) else None,
                "min": min(lo, shown) if math.isfinite(shown) else lo,
                "max": max(hi, shown) if math.isfinite(shown) else hi,
                "step": step,
                "line": lines.get(name),
            }
        )
    return params


def _bare(expr: Any, names: set[str]) -> str | None:
    """The slider's name when ``expr`` is that parameter alone, else ``None``."""
    if isinstance(expr, dict) and expr.get("type") == "parameter" and expr.get("name") in names:
        return str(expr["name"])
    return None


def _drag_points(items: list[dict[str, Any]], program: Program, params: list[dict]) -> None:
    """Mark the points a pointer may drag (SPEC §11): ``drag`` names the slider that is
    exactly the point's x, its y, or both, as ``(a, b)``, ``(a, a^2)`` or ``(2, b)``.

    A statement's pairs and its drawn points are matched in order, so a statement whose
    count of points differs (points from lists, an undefined point) marks none.
    """
    names = {p["name"] for p in params}
    for statement in program["statements"]:
        if statement["kind"] != "points":
            continue
        pairs = statement["exprs"].get("points", [])
        dots = [i for i in items if i["id"] == statement["id"] and i["kind"] == "point"]
        if len(dots) != len(pairs):
            continue
        for dot, pair in zip(dots, pairs, strict=True):
            drag = {
                axis: name
                for axis, expr in zip(("x", "y"), pair, strict=True)
                if (name := _bare(expr, names)) is not None
            }
            if drag:
                dot["drag"] = drag


def sample(
    program: Program,
    limits: Limits,
    budget: Budget,
    size: Size = SIZE,
    view: tuple[Range | None, Range | None] | None = None,
    params: Mapping[str, float] | None = None,
) -> tuple[dict[str, Any] | None, list[DrawProblem]]:
    """Draw ``program`` as a scene v2.

    Parameters
    ----------
    view
        ``(x, y)`` ranges replacing the cell's window (``None`` for an automatic axis);
        ``None`` keeps the cell's own window.
    params
        Parameter values replacing those the program's definitions give.

    Returns
    -------
    The scene (``None`` when nothing could be drawn) and the drawing problems.
    """
    overrides = dict(params or {})
    plan, failed = instantiate(program, limits, budget.check, overrides)
    problems = [
        DrawProblem(line, err.message, err.code, err.ename, WARNING) for line, err in failed
    ]
    if view is not None:
        plan.window.x, plan.window.y = view
    scene, drawing = build_scene(plan, limits, budget, size)
    problems += drawing
    if scene is None:
        return None, problems
    for item in scene["items"]:
        item["id"] = statement_id(item["line"])
        item["style"] = _style(item)
    scene["version"] = VERSION
    scene["params"] = _params(program, limits, overrides)
    _drag_points(scene["items"], program, scene["params"])
    scene["program"] = program
    scene["description"] = describe(scene)
    return scene, problems
