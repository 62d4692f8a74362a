"""The scene as a static SVG with NumPy and no Matplotlib (twin of ``core/render/svg.ts``).

Grid, axes through the origin, tick labels with a halo (multiples of pi for a window set
in pi), regions, curves, points and a legend in the corner it covers least: the same
picture rules as the live plot and the Lite kernel's SVG. Self-contained: no fonts,
scripts or URLs. The kernel writes its SVG here when PNG is not among its formats, so
Matplotlib is never imported.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import numpy as np

from ..draw.view import END, SIDE
from .ticks import Tick, ticks

GRID = "#d9d9d9"
AXIS = "#404040"
FONT_PX = 11.33
"""Tick labels and legend text, in CSS pixels (8.5 pt)."""
CHAR_PX = 0.56 * FONT_PX
"""Rough width of one character of the sans-serif font, in CSS pixels."""
WIDE_LEFT, WIDE_BOTTOM = 50, 28
"""Figure margins when an axis runs along the box edge, room for its tick labels."""
ROW, PAD, HANDLE, GAP, INSET = 17, 6, 22, 6, 8
"""Legend geometry in CSS pixels: row height, padding, handle length, handle-text gap,
distance from the plot's edge."""
LABEL_HEIGHT = 13
"""Pixels of one line of tick label text."""
LABEL_CHARS = 40
"""Longest legend label, in characters."""

Rect = tuple[float, float, float, float]
"""A box (x0, y0, x1, y1) in the figure's pixels."""


@dataclass(frozen=True)
class Layout:
    """Where the plot area lies in the figure and which ticks it shows."""

    left: float
    top: float
    width: float
    height: float
    x_ticks: list[Tick]
    y_ticks: list[Tick]


def text_width(text: str) -> float:
    """Width of a text in CSS pixels (an estimate: no font metrics are read)."""
    return len(text) * CHAR_PX


def _room(axis: str) -> Callable[[str], float]:
    """What a tick label needs along its axis: its width on x, a line on y."""
    if axis == "x":
        return lambda label: text_width(label) + 8
    return lambda _label: FONT_PX + 4


def _axis_ticks(lo: float, hi: float, pixels: float, skip_zero: bool, axis: str) -> list[Tick]:
    return [
        (v, "" if skip_zero and abs(v) < 1e-12 * (hi - lo) else t)
        for v, t in ticks(lo, hi, pixels, _room(axis))
    ]


def _spaced(labelled: list[Tick], spacing_px: float) -> list[Tick]:
    """Blank every label but each k-th, so wide labels never overlap (grid lines stay)."""
    if len(labelled) < 2:
        return labelled
    widest = max(text_width(t) for _, t in labelled) + 8
    k = max(1, math.ceil(widest / spacing_px))
    if k == 1:
        return labelled
    step = labelled[1][0] - labelled[0][0]
    return [(v, t if _js_round(v / step) % k == 0 else "") for v, t in labelled]


def layout(scene: dict[str, Any]) -> Layout:
    """Ticks every ~75 px, margins wide enough for the labels that sit outside the plot."""
    view = scene["view"]
    w, h, equal = view["width"], view["height"], bool(view.get("equal"))
    x0, x1 = view["x"]
    y0, y1 = view["y"]
    through_x, through_y = y0 < 0 < y1, x0 < 0 < x1
    bottom: float = END if through_x else WIDE_BOTTOM
    y_ticks = _axis_ticks(y0, y1, h - bottom - END, through_x and through_y, "y")
    left: float = SIDE
    if not through_y:
        left = max(WIDE_LEFT, 8 + max([0.0, *(text_width(t) for _, t in y_ticks)]))
    width = w - left - SIDE
    xt = _axis_ticks(x0, x1, width, through_x and through_y, "x")
    spacing = (xt[1][0] - xt[0][0]) * width / (x1 - x0) if len(xt) > 1 else width

    def fits(v: float, t: str) -> str:
        px = (v - x0) / (x1 - x0) * width
        half = text_width(t) / 2 if t else 0.0
        return t if px - half >= 2 - left and px + half <= width + SIDE - 2 else ""

    x_ticks = [(v, fits(v, t)) for v, t in _spaced(xt, spacing)]
    height = h - bottom - END
    if equal:
        per_pixel = max((x1 - x0) / width, (y1 - y0) / height)
        fit_w, fit_h = (x1 - x0) / per_pixel, (y1 - y0) / per_pixel
        left += (width - fit_w) / 2
        bottom += (height - fit_h) / 2
        width, height = fit_w, fit_h
    return Layout(left, h - bottom - height, width, height, x_ticks, y_ticks)


def _js_round(v: float) -> int:
    """``Math.round``: halves go up."""
    return math.floor(v + 0.5)


def n(v: float) -> str:
    """A number for an SVG attribute: two decimals, no trailing zeros (as ``toFixed(2)``).

    An exact tie (an odd multiple of 1/8) rounds away from zero, as JavaScript does.
    """
    if (v * 8) % 2 == 1:
        text = str(Decimal(v).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
    else:
        text = f"{v:.2f}"
    text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def escape_xml(text: str) -> str:
    """Text safe inside an SVG element or attribute."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace('"', "&quot;")
    return "".join(c for c in text if c >= " " or c in "\t\n\r")


def scene_to_svg(scene: dict[str, Any], legend: bool = True) -> str:
    """A standalone SVG picture of a scene v2, the size of its view.

    Parameters
    ----------
    scene
        A scene with its ``view`` (ranges, pixel size, equal scale), ``items`` and
        ``description``.
    legend
        Whether to draw the legend.

    Returns
    -------
    str
        The SVG text: static and self-contained, so it can be saved, embedded or shown
        where no interactive renderer runs.
    """
    view = scene["view"]
    w, h = view["width"], view["height"]
    x0, x1 = view["x"]
    y0, y1 = view["y"]
    box = layout(scene)
    sx = box.width / (x1 - x0)
    sy = box.height / (y1 - y0)

    def px(x: float) -> float:
        return box.left + (x - x0) * sx

    def py(y: float) -> float:
        return box.top + (y1 - y) * sy

    def path(lines: list, close: bool) -> str:
        parts = []
        for line in lines:
            if len(line) > 1:
                pts = "L".join(f"{n(px(x))} {n(py(y))}" for x, y in line)
                parts.append("M" + pts + ("Z" if close else ""))
        return "".join(parts)

    description = escape_xml(str(scene.get("description", "")))
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
        f'viewBox="0 0 {w} {h}" role="img" aria-label="{description}">',
        f"<title>{description}</title>",
        '<defs><clipPath id="plot-area">'
        f'<rect x="{n(box.left)}" y="{n(box.top)}" width="{n(box.width)}" '
        f'height="{n(box.height)}"/></clipPath></defs>',
        f'<rect width="{w}" height="{h}" fill="#ffffff"/>',
    ]
    # Grid and axes.
    grid = "".join(
        [f"M{n(px(v))} {n(py(y0))}V{n(py(y1))}" for v, _ in box.x_ticks]
        + [f"M{n(px(x0))} {n(py(v))}H{n(px(x1))}" for v, _ in box.y_ticks]
    )
    if grid:
        out.append(f'<path d="{grid}" stroke="{GRID}" stroke-width="0.8" fill="none"/>')
    at_y = 0.0 if y0 < 0 < y1 else y0
    at_x = 0.0 if x0 < 0 < x1 else x0
    out.append(
        f'<path d="M{n(px(x0))} {n(py(at_y))}H{n(px(x1))}M{n(px(at_x))} {n(py(y0))}'
        f'V{n(py(y1))}" stroke="{AXIS}" stroke-width="1.2" fill="none"/>'
    )
    # Items: regions under curves, points on top.
    layers: list[list[str]] = [[], [], []]
    for item in scene["items"]:
        color = item["color"]
        if item["kind"] == "region":
            layers[0].append(
                f'<path d="{path(item.get("polygons") or [], True)}" fill="{color}" '
                'fill-opacity="0.25" stroke="none"/>'
            )
            dash = ' stroke-dasharray="5.3 4"' if _dash(item) else ""
            layers[1].append(
                f'<path d="{path(item.get("boundary") or [], False)}" fill="none" '
                f'stroke="{color}" stroke-width="2.1"{dash}/>'
            )
        elif item["kind"] == "curve":
            layers[1].append(
                f'<path d="{path(item.get("segments") or [], False)}" fill="none" '
                f'stroke="{color}" stroke-width="2.7" stroke-linecap="round" '
                'stroke-linejoin="round"/>'
            )
    out.append(f'<g clip-path="url(#plot-area)">{"".join(layers[0])}{"".join(layers[1])}</g>')
    # Tick labels with a white halo, so a curve under one never hides it; the legend
    # takes the corner that hides fewest of them, and those it still covers are left out.
    labels: list[tuple[str, Rect]] = []
    for v, t in box.x_ticks:
        if t:
            x, top, half = px(v), py(at_y) + 4, text_width(t) / 2
            markup = (
                f'<text x="{n(x)}" y="{n(top)}" text-anchor="middle" '
                f'dominant-baseline="hanging">{escape_xml(t)}</text>'
            )
            labels.append((markup, (x - half, top, x + half, top + LABEL_HEIGHT)))
    for v, t in box.y_ticks:
        if t:
            right, y = px(at_x) - 5, py(v)
            markup = (
                f'<text x="{n(right)}" y="{n(y)}" text-anchor="end" '
                f'dominant-baseline="central">{escape_xml(t)}</text>'
            )
            rect = (right - text_width(t), y - LABEL_HEIGHT / 2, right, y + LABEL_HEIGHT / 2)
            labels.append((markup, rect))
    place = _legend_place(scene, box, [r for _, r in labels]) if legend else None
    shown = [m for m, r in labels if place is None or not _covers(place[0], r)]
    out.append(
        f'<g font-family="sans-serif" font-size="{FONT_PX}" fill="{AXIS}" stroke="#ffffff" '
        f'stroke-width="3" stroke-linejoin="round" paint-order="stroke">{"".join(shown)}</g>'
    )
    for item in scene["items"]:
        if item["kind"] == "point" and _inside(item, view):
            layers[2].append(
                f'<circle cx="{n(px(item.get("x") or 0))}" cy="{n(py(item.get("y") or 0))}" '
                f'r="4.7" fill="{item["color"]}" stroke="#ffffff" stroke-width="1.6"/>'
            )
    out.append("".join(layers[2]))
    if place is not None:
        out.append(_legend_markup(*place))
    out.append("</svg>")
    return "\n".join(out)


def _dash(item: dict[str, Any]) -> bool:
    return bool(item.get("style", {}).get("dash", item.get("dash", False)))


def _inside(item: dict[str, Any], view: dict[str, Any]) -> bool:
    x, y = item.get("x"), item.get("y")
    return (
        x is not None
        and y is not None
        and view["x"][0] <= x <= view["x"][1]
        and view["y"][0] <= y <= view["y"][1]
    )


@dataclass(frozen=True)
class Entry:
    """One legend row: the statement's kind, colour, label and line style."""

    kind: str
    color: str
    label: str
    dash: bool


def _short(label: str) -> str:
    """A legend label of reasonable length (a line may hold 2000 characters)."""
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "\u2026"


def _crossings(lines: list[np.ndarray], bx: Rect) -> int:
    """How many segments of the polylines (pixels) pass through the box; a lone point
    counts as a segment of no length."""
    if not lines:
        return 0
    p0 = np.concatenate([p[:-1] if len(p) > 1 else p for p in lines])
    p1 = np.concatenate([p[1:] if len(p) > 1 else p for p in lines])
    d = p1 - p0
    t0, t1 = np.zeros(len(d)), np.ones(len(d))
    ok = np.ones(len(d), dtype=bool)
    with np.errstate(all="ignore"):
        for k in (0, 1):
            lo, hi = bx[k], bx[k + 2]
            dk, pk = d[:, k], p0[:, k]
            flat = dk == 0
            ta, tb = (lo - pk) / dk, (hi - pk) / dk
            ok &= ~flat | ((pk >= lo) & (pk <= hi))
            t0 = np.where(flat, t0, np.maximum(t0, np.minimum(ta, tb)))
            t1 = np.where(flat, t1, np.minimum(t1, np.maximum(ta, tb)))
    return int(np.count_nonzero(ok & (t0 <= t1)))


def _covers(a: Rect, b: Rect) -> bool:
    """Whether two boxes share any area."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _legend_place(
    scene: dict[str, Any], box: Layout, labels: list[Rect]
) -> tuple[Rect, list[Entry]] | None:
    """The legend's box in the corner whose box crosses the fewest curve segments, then
    covers the fewest tick ``labels``, and its rows; ``None`` when there is nothing to list."""
    by_line: dict[int, Entry] = {}
    for item in scene["items"]:
        if item["line"] not in by_line:
            by_line[item["line"]] = Entry(
                item["kind"], item["color"], _short(item["label"]), _dash(item)
            )
    entries = [by_line[k] for k in sorted(by_line)]
    if not entries:
        return None
    rows = max(1, math.floor((box.height - 2 * INSET - 2 * PAD) / ROW))
    if len(entries) > rows:
        kept = entries[: rows - 1]
        more = Entry("more", AXIS, f"\u2026 and {len(entries) - len(kept)} more", False)
        entries = [*kept, more]
    w = 2 * PAD + HANDLE + GAP + max(text_width(e.label) for e in entries)
    h = 2 * PAD + ROW * len(entries)
    # Everything drawn, in pixels, for choosing the corner the legend covers least.
    lines: list[np.ndarray] = []
    view = scene["view"]
    (x0, x1), (y0, y1) = view["x"], view["y"]
    sx, sy = box.width / (x1 - x0), box.height / (y1 - y0)
    for item in scene["items"]:
        kind = item["kind"]
        if kind == "curve":
            polylines = item.get("segments") or []
        elif kind == "region":
            polylines = item.get("boundary") or []
        else:
            polylines = [[[item.get("x") or 0, item.get("y") or 0]]]
        for line in polylines:
            if len(line):
                xy = np.asarray(line, dtype=float).reshape(-1, 2)
                pixels = [box.left + (xy[:, 0] - x0) * sx, box.top + (y1 - xy[:, 1]) * sy]
                lines.append(np.column_stack(pixels))
    corners = [
        (box.left + box.width - INSET - w, box.top + INSET),
        (box.left + INSET, box.top + INSET),
        (box.left + box.width - INSET - w, box.top + box.height - INSET - h),
        (box.left + INSET, box.top + box.height - INSET - h),
    ]
    scores = []
    for cx, cy in corners:
        rect = (cx, cy, cx + w, cy + h)
        hidden = sum(1 for label in labels if _covers(rect, label))
        scores.append(_crossings(lines, rect) * (len(labels) + 1) + hidden)
    ox, oy = corners[scores.index(min(scores))]
    return (ox, oy, ox + w, oy + h), entries


def _legend_markup(rect: Rect, entries: list[Entry]) -> str:
    """The legend box: a handle and the source text per statement."""
    ox, oy, x1, y1 = rect
    w, h = x1 - ox, y1 - oy
    out = [
        f'<g font-family="sans-serif" font-size="{FONT_PX}">',
        f'<rect x="{n(ox)}" y="{n(oy)}" width="{n(w)}" height="{n(h)}" rx="3" fill="#ffffff" '
        f'fill-opacity="0.9" stroke="{GRID}" stroke-width="1"/>',
    ]
    for i, e in enumerate(entries):
        cy = oy + PAD + ROW * (i + 0.5)
        hx = ox + PAD
        if e.kind == "point":
            out.append(
                f'<circle cx="{n(hx + HANDLE / 2)}" cy="{n(cy)}" r="4.7" fill="{e.color}" '
                'stroke="#ffffff" stroke-width="1.6"/>'
            )
        elif e.kind == "region":
            dash = ' stroke-dasharray="5.3 4"' if e.dash else ""
            out.append(
                f'<rect x="{n(hx)}" y="{n(cy - 5)}" width="{HANDLE}" height="10" '
                f'fill="{e.color}" fill-opacity="0.35" stroke="{e.color}"{dash}/>'
            )
        elif e.kind == "curve":
            out.append(
                f'<path d="M{n(hx)} {n(cy)}H{n(hx + HANDLE)}" stroke="{e.color}" '
                'stroke-width="2.7"/>'
            )
        out.append(
            f'<text x="{n(hx + HANDLE + GAP)}" y="{n(cy)}" dominant-baseline="central" '
            f'fill="{AXIS}">{escape_xml(e.label)}</text>'
        )
    out.append("</g>")
    return "".join(out)
