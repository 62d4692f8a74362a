"""Turn a cell's draw plan into the scene (SPEC §2): the window and one item per drawable."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..budget import Budget
from ..errors import ERROR, Interrupted, PlotterError, TimeLimit
from ..limits import Limits
from ..plan import (
    CellPlan,
    Curve,
    DrawProblem,
    Implicit,
    Inequality,
    Parametric,
    Points,
    Polar,
    Range,
    Spec,
    StatPlot,
)
from ..protocol import TOO_BIG
from . import autorange, features, implicit, parametric, regions, sampling, statplots, view
from .palette import color

Size = tuple[int, int]

SIZE = (600, 400)
"""The default figure in CSS pixels; sampling refines and simplifies for the size it is given."""

UNDEFINED = "This curve is undefined everywhere on this window."

POINT_BYTES = 42
"""JSON bytes of one unrounded point, ``[-3.141592653589793, 0.12345678901234566], ``."""
SCENE_SHARE = 0.5
"""Share of ``max_output_bytes`` the scene's points may fill; the output stage fits the rest."""
LEAST_POINTS = 1000
"""Points every statement may draw, even after others used the scene's share."""
THINNED = "This was drawn with fewer points, to keep the output small enough to send."
CHECK_EVERY = 256
"""Pieces handled between two looks at the cell's deadline."""


class OutOfTime(Exception):
    """The cell's time ran out while ``line`` was being drawn."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.problem = DrawProblem(line, message, "time-limit", "ResourceError", ERROR)


class Skip(Exception):
    """A statement that yields no item; carries the warning to report instead."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass
class Pending:
    """One statement between the two drawing stages (before and after the y window)."""

    spec: Spec
    color: str
    extent: Range | None = None
    point_ys: list[float] = field(default_factory=list)
    data: Any = None
    most: int = 10**9
    """Most points this statement may put in the scene (what earlier ones left of the share)."""
    thinned: bool = False
    """Whether it had more and was thinned to ``most``."""


def _usable(r: Range | None) -> Range | None:
    """A window range as floats, or ``None`` when it is empty, reversed or not finite."""
    if r is None:
        return None
    lo, hi = float(r[0]), float(r[1])
    return (lo, hi) if np.isfinite(lo) and np.isfinite(hi) and hi > lo else None


def _window_x(plan: CellPlan, limits: Limits) -> Range:
    """The x window asked for; else the one framing the cell's data; else the default."""
    return _usable(plan.window.x) or autorange.data_x(_data(plan.specs)) or _default_x(limits)


def _default_x(limits: Limits) -> Range:
    """Where an equal-scale view looks for shapes when no x window is given."""
    return _usable(limits.default_x) or (-10.0, 10.0)


def _finite_pieces(lines: list[np.ndarray], budget: Budget | None = None) -> list[np.ndarray]:
    """Split polylines from other modules at non-finite rows, dropping single points."""
    pieces = []
    for n, line in enumerate(lines):
        if budget is not None and n % CHECK_EVERY == 0:
            budget.check()
        arr = np.asarray(line, dtype=float).reshape(-1, 2)
        ok = np.all(np.isfinite(arr), axis=1)
        cuts = np.flatnonzero(np.diff(ok.astype(np.int8)) != 0) + 1
        for part, good in zip(np.split(arr, cuts), np.split(ok, cuts), strict=True):
            if good.all() and len(part) >= 2:
                pieces.append(part)
    return pieces


def _clip_box(
    pieces: list[np.ndarray], x: Range, y: Range, budget: Budget | None = None
) -> list[np.ndarray]:
    """Clip polylines to a band one window wide around the window, in both axes."""
    wx, wy = x[1] - x[0], y[1] - y[0]
    out: list[np.ndarray] = []
    for n, piece in enumerate(pieces):
        if budget is not None and n % CHECK_EVERY == 0:
            budget.check()
        for part in sampling.clip_band(piece, y[0] - wy, y[1] + wy):
            swapped = part[:, ::-1]
            out.extend(p[:, ::-1] for p in sampling.clip_band(swapped, x[0] - wx, x[1] + wx))
    return out


def _stage_one(item: Pending, x: Range, limits: Limits, budget: Budget) -> None:
    """Work that does not need the y window; records what the automatic window must see."""
    spec = item.spec
    if isinstance(spec, Curve) and spec.var == "x":
        item.data = _coarse(spec, x, limits)
        if item.data is not None:
            item.extent = autorange.robust_extent(item.data[3])
    elif isinstance(spec, (Parametric, Polar)):
        lines = _sample_curve_in_t(spec, limits, budget)
        pieces = _finite_pieces(lines, budget)
        if not pieces:
            raise Skip(UNDEFINED, "undefined-everywhere")
        item.data = pieces
        stack = np.concatenate(pieces)
        seen = stack[(stack[:, 0] >= x[0]) & (stack[:, 0] <= x[1]), 1]
        item.extent = autorange.robust_extent(seen)
    elif isinstance(spec, Points):
        item.data = [(float(px), float(py)) for px, py in spec.points]
        if not any(np.isfinite(px) and np.isfinite(py) for px, py in item.data):
            raise Skip("This point is undefined.", "undefined-point")
        item.point_ys = [py for px, py in item.data if np.isfinite(px)]
    elif isinstance(spec, StatPlot):
        item.data = statplots.extent(spec)
        item.point_ys = list(item.data[1])


def _coarse(spec: Curve, window: Range, limits: Limits) -> tuple | None:
    """``(a, b, t, v)``: uniform first samples over the domain's part of ``window``.

    ``None`` when the domain misses the window; :class:`Skip` when undefined throughout.
    """
    a, b = window
    if spec.domain is not None:
        a, b = max(a, spec.domain[0]), min(b, spec.domain[1])
    if not b > a:
        return None
    t, v = sampling.uniform(spec.fn, a, b, sampling.grid_size(limits.max_samples))
    if np.all(np.isnan(v)):
        raise Skip(UNDEFINED, "undefined-everywhere")
    return a, b, t, v


def _sample_curve_in_t(spec: Parametric | Polar, limits: Limits, budget: Budget) -> list:
    if isinstance(spec, Parametric):
        return parametric.sample_parametric(spec.fx, spec.fy, spec.t, limits.max_samples, budget)
    return parametric.sample_polar(spec.fr, spec.theta, limits.max_samples, budget)


def _simplified(
    pieces: list[np.ndarray],
    x: Range,
    y: Range,
    size: Size,
    budget: Budget,
    item: Pending,
    share: float = 1.0,
) -> list[list[list[float]]]:
    sx, sy = size[0] / (x[1] - x[0]), size[1] / (y[1] - y[0])
    simple = []
    for n, piece in enumerate(pieces):
        if n % CHECK_EVERY == 0:
            budget.check()
        simple.append(sampling.simplify(piece, sx, sy))
    return [p.tolist() for p in _at_most(simple, item, share, 2)]


def _at_most(
    pieces: list[np.ndarray], item: Pending, share: float, fewest: int
) -> list[np.ndarray]:
    """Every k-th point of each polyline (ends kept) so all hold about ``most`` points.

    Polylines left shorter than ``fewest`` points are dropped. A scene of millions of
    points (a fine checkerboard region) would otherwise take longer to send and draw than
    the cell may take, and more bytes than an output may hold.
    """
    most = max(1, int(item.most * share))
    total = sum(len(p) for p in pieces)
    if total <= most:
        return pieces
    item.thinned = True
    step = -(-total // most)
    kept = []
    for piece in pieces:
        thin = piece[::step]
        if (len(piece) - 1) % step:
            thin = np.vstack([thin, piece[-1:]])
        if len(thin) >= fewest:
            kept.append(thin)
    if sum(len(p) for p in kept) > most:  # many short pieces: keep the longest ones
        longest = sorted(range(len(kept)), key=lambda i: -len(kept[i]))
        sizes = np.cumsum([len(kept[i]) for i in longest])
        chosen = sorted(longest[: int(np.searchsorted(sizes, most, side="right"))])
        kept = [kept[i] for i in chosen]
    return kept


def _is_lone(line: np.ndarray) -> bool:
    """Whether an implicit polyline is a lone zero (one point twice), drawn as a point."""
    return len(line) == 2 and bool(np.array_equal(line[0], line[1]))


def _stage_two(
    item: Pending, x: Range, y: Range, size: Size, limits: Limits, budget: Budget
) -> list[dict[str, Any]]:
    """Draw the statement on the final window; return its scene items."""
    spec = item.spec
    base = {"line": spec.line, "label": spec.label, "color": item.color}
    if isinstance(spec, StatPlot):
        return statplots.items(spec, base)
    if isinstance(spec, Points):
        return [
            {"kind": "point", **base, "x": px, "y": py}
            for px, py in item.data
            if np.isfinite(px) and np.isfinite(py)
        ]
    if isinstance(spec, Curve):
        pieces = _explicit(item, x, y, size, limits, budget)
    elif isinstance(spec, (Parametric, Polar)):
        pieces = _clip_box(item.data, x, y, budget)
    elif isinstance(spec, Implicit):
        lines = implicit.trace_implicit(spec.F, x, y, limits.implicit_grid, budget)
        lone = [line[0] for line in lines if _is_lone(line)]
        lines = [line for line in lines if not _is_lone(line)]
        pieces = _clip_box(_finite_pieces(lines, budget), x, y, budget)
        dots = [
            {"kind": "point", **base, "x": float(px), "y": float(py)}
            for px, py in lone
            if x[0] <= px <= x[1] and y[0] <= py <= y[1]
        ]
        if not pieces and not dots:
            raise Skip("No part of this curve lies in this window.", "nothing-in-window")
        if not pieces:
            return dots
        curve = {"kind": "curve", **base, "segments": _simplified(pieces, x, y, size, budget, item)}
        return [curve, *dots]
    else:
        return [_region(spec, base, x, y, size, limits, budget, item)]
    return [{"kind": "curve", **base, "segments": _simplified(pieces, x, y, size, budget, item)}]


def _explicit(
    item: Pending, x: Range, y: Range, size: Size, limits: Limits, budget: Budget
) -> list:
    spec = item.spec
    assert isinstance(spec, Curve)
    if spec.var == "x":
        if item.data is None:
            return []
        a, b, t, v = item.data
        dep = sampling.Axis(y[0], y[1], size[1])
        return sampling.sample_explicit(spec.fn, a, b, dep, limits.max_samples, budget, (t, v))
    coarse = _coarse(spec, y, limits)
    if coarse is None:
        return []
    a, b, t, v = coarse
    dep = sampling.Axis(x[0], x[1], size[0])
    pieces = sampling.sample_explicit(spec.fn, a, b, dep, limits.max_samples, budget, (t, v))
    return [p[:, ::-1].copy() for p in pieces]


def _region(
    spec: Inequality,
    base: dict,
    x: Range,
    y: Range,
    size: Size,
    limits: Limits,
    budget: Budget,
    item: Pending,
) -> dict[str, Any]:
    polygons, boundary = regions.shade_region(spec.F, spec.op, x, y, limits.implicit_grid, budget)
    polys = _finite_pieces(polygons, budget)
    if not polys:
        raise Skip("This region is empty on this window.", "region-empty")
    edges = _clip_box(_finite_pieces(boundary, budget), x, y, budget)
    budget.check()
    return {
        "kind": "region",
        **base,
        "polygons": [p.tolist() for p in _at_most(polys, item, 0.5, 3)],
        "boundary": _simplified(edges, x, y, size, budget, item, 0.5),
        "dash": spec.op in ("<", ">"),
    }


def _points_of(item: dict[str, Any]) -> int:
    return 1 + sum(
        len(line) for key in ("segments", "polygons", "boundary") for line in item.get(key, [])
    )


def _guarded(
    item: Pending, warnings: list[DrawProblem], budget: Budget, step: Any, *args: Any
) -> tuple[bool, Any]:
    """Run one drawing step; a problem with this statement becomes a warning, not a crash.

    Returns whether the step succeeded and its result. The cell's time limit
    (:class:`OutOfTime`) and interrupts stop the whole drawing.
    """
    try:
        budget.check()
        return True, step(item, *args, budget)
    except Skip as skip:
        warnings.append(DrawProblem(item.spec.line, skip.message, skip.code))
    except Interrupted:
        raise
    except PlotterError as err:
        if isinstance(err, TimeLimit):
            raise OutOfTime(item.spec.line, err.message) from err
        warnings.append(DrawProblem(item.spec.line, err.message, err.code))
    except ArithmeticError:
        warnings.append(DrawProblem(item.spec.line, "This could not be drawn.", "draw-failed"))
    return False, None


def _auto_y(alive: list[Pending], x: Range, size: Size, budget: Budget) -> Range:
    """The automatic y window of a cell of explicit curves (and points among them)."""
    extents = [item.extent for item in alive]
    ys = [py for item in alive for py in item.point_ys]
    curves = [
        item.spec
        for item in alive
        if isinstance(item.spec, Curve) and item.spec.var == "x" and item.data is not None
    ]
    try:
        found = features.window_ys(curves, x, budget.check)
    except Interrupted:
        raise
    except (PlotterError, ArithmeticError):  # out of time: the robust window; drawing stops
        found = []
    return autorange.auto_y(extents, ys, x, size, found)


def _fit_box(item: Pending) -> view.Box | None:
    """The box of a shape that decides an equal-scale view (``None``: it does not decide)."""
    if isinstance(item.spec, (Parametric, Polar)):
        return view.shape_box(item.data)
    if isinstance(item.spec, Points):
        return view.point_box(item.data)
    if isinstance(item.spec, StatPlot):
        return item.data
    return None


def _equal_window(
    plan: CellPlan, pending: list[Pending], size: Size, limits: Limits, budget: Budget, room: int
) -> tuple[Range, Range, dict[int, list[dict[str, Any]]]]:
    """The view of a cell that draws shapes: equal scale, fitted to them unless given.

    Implicit curves and regions are found on a search window first (the given axis, or
    the default x window); one that runs past that window's edge keeps it. Returns the
    window and any items already drawn on it, by statement line. ``room`` is the scene's
    point budget, shared by the items drawn here as in :func:`build_scene`.
    """
    given_x, given_y = _usable(plan.window.x), _usable(plan.window.y)
    if given_x and given_y:
        return given_x, given_y, {}
    if given_y:
        search_y = given_y
        search_x = view.follow(given_y, 0.0, size, "y")
    else:
        search_x = given_x or _default_x(limits)
        search_y = view.follow(search_x, 0.0, size, "x")
    search = (search_x, search_y)
    boxes: list[view.Box | None] = []
    drawn: dict[int, list[dict[str, Any]]] = {}
    unbounded = False
    for item in pending:
        if isinstance(item.spec, (Implicit, Inequality)):
            item.most = max(LEAST_POINTS, room)
            ok, items = _guarded(item, [], budget, _stage_two, *search, size, limits)
            if not ok:
                continue
            drawn[item.spec.line] = items
            room -= sum(_points_of(d) for d in items)
            lines = [np.asarray(seg) for it in items for seg in _outline(it)]
            box = view.shape_box(lines)
            # A shape that runs past the window, or so detailed it had to be thinned (a
            # fine checkerboard), keeps the search window: there is no outline to fit.
            reaches = box is not None and view.reaches_edge(box, search)
            unbounded = unbounded or reaches or item.thinned
            boxes.append(box)
        else:
            boxes.append(_fit_box(item))
    box = view.union(boxes)
    if box is not None and all(isinstance(item.spec, Points) for item in pending):
        box = view.with_x_axis(box)
    if box is None or unbounded:
        return search_x, search_y, drawn
    if given_x:
        return given_x, view.follow(given_x, 0.5 * sum(box[1]), size, "x"), {}
    if given_y:
        return view.follow(given_y, 0.5 * sum(box[0]), size, "y"), given_y, {}
    x, y = view.fit(box, size)
    return x, y, {}


def _data(specs: list[Spec]) -> list[Range]:
    """What the x window of a cell frames when none is given: the data of statistics
    plots and of points from lists, and every point beside a statistics plot."""
    data = [statplots.extent(s)[0] for s in specs if isinstance(s, StatPlot)]
    for spec in specs:
        if isinstance(spec, Points) and (spec.data or data):
            data += [(px, px) for px, py in spec.points if np.isfinite(px) and np.isfinite(py)]
    return data


def _outline(item: dict[str, Any]) -> list[list[list[float]]]:
    """The polylines of a drawn item: a curve's segments, a region's polygons."""
    return item.get("segments") or item.get("polygons") or []


def build_scene(
    plan: CellPlan, limits: Limits, budget: Budget, size: Size = SIZE
) -> tuple[dict | None, list[DrawProblem]]:
    """Sample and lay out every drawable statement of a cell.

    Parameters
    ----------
    plan
        The cell's specs and window.
    limits
        Sample and grid limits.
    budget
        The cell's deadline, checked inside every long loop.
    size
        The figure's width and height in CSS pixels: sampling refines for it and an
        equal-scale view has its proportions.

    Returns
    -------
    tuple
        The scene (``None`` when there is nothing to draw) and the drawing
        warnings. A statement that cannot be drawn (undefined everywhere, empty
        region, kind not supported yet) gets a warning and no item.
    """
    if not plan.specs:
        return None, []
    warnings: list[DrawProblem] = []
    specs = sorted(plan.specs, key=lambda s: s.line)
    lines = sorted({spec.line for spec in specs})  # a family's curves share one colour
    pending = [Pending(spec, color(lines.index(spec.line))) for spec in specs]
    equal = view.is_equal(specs)
    room = int(limits.max_output_bytes * SCENE_SHARE / POINT_BYTES)
    x = _window_x(plan, limits)
    y = x
    items: list[dict[str, Any]] = []
    try:
        drawn: dict[int, list[dict[str, Any]]] = {}
        if equal:
            drawn_whole = (Parametric, Polar, Points, StatPlot)
            shapes = [p for p in pending if isinstance(p.spec, drawn_whole)]
            failed = [
                p for p in shapes if not _guarded(p, warnings, budget, _stage_one, x, limits)[0]
            ]
            alive = [p for p in pending if p not in failed]
            x, y, drawn = _equal_window(plan, alive, size, limits, budget, room)
            for item in alive:
                if item not in shapes and item.spec.line not in drawn:
                    _guarded(item, warnings, budget, _stage_one, x, limits)
        else:
            alive = [p for p in pending if _guarded(p, warnings, budget, _stage_one, x, limits)[0]]
            y = _usable(plan.window.y) or _auto_y(alive, x, size, budget)
        for item in sorted(alive, key=lambda p: p.spec.line):
            if item.spec.line in drawn:
                items.extend(drawn[item.spec.line])
                room -= sum(_points_of(d) for d in drawn[item.spec.line])
                continue
            item.most = max(LEAST_POINTS, room)
            ok, result = _guarded(item, warnings, budget, _stage_two, x, y, size, limits)
            if ok:
                items.extend(result)
                room -= sum(_points_of(d) for d in result)
    except OutOfTime as out:  # keep what is drawn; the statement being drawn gets the error
        warnings.append(out.problem)
        if not items:
            return None, warnings
    for item in pending:
        if item.thinned:
            warnings.append(DrawProblem(item.spec.line, THINNED, TOO_BIG))
    window = {"x": [float(x[0]), float(x[1])], "y": [float(y[0]), float(y[1])]}
    shown = {**window, "width": int(size[0]), "height": int(size[1]), "equal": equal}
    scene = {"version": 1, "window": window, "view": shown, "items": items}
    return scene, warnings
