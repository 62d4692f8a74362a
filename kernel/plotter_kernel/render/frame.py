"""The frame around a plot: grid, axis lines, tick labels and legend, as a few plain artists.

Matplotlib's own axis and legend machinery (one artist per tick, offset boxes) costs
more than everything else in a figure; these plain artists draw the same picture.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.font_manager import FontProperties, findfont
from matplotlib.lines import Line2D
from matplotlib.patches import FancyBboxPatch, Rectangle
from matplotlib.patheffects import withStroke
from matplotlib.text import Text
from matplotlib.textpath import TextToPath
from matplotlib.transforms import ScaledTranslation

from ..draw.view import END, SIDE
from .ticks import ticks

GRID = "#d9d9d9"
AXIS = "#404040"
FONT_SIZE = 8.5
"""Points, for tick labels and the legend."""
LINE = 15.0
"""CSS pixels a tick label needs up the y axis: the 8.5 pt text and a little room."""
WIDE_LEFT, WIDE_BOTTOM = 50, 28
"""Figure margins in CSS pixels: around an axis through the origin (half a tick label)
and, when an axis runs along the box edge, room for its tick labels."""
ROW, PAD, HANDLE, GAP, INSET = 17.0, 6.0, 22.0, 6.0, 8.0
"""Legend geometry in CSS pixels: row height, padding, handle length, handle-text gap,
distance from the plot's edge."""
CORNERS = ("upper right", "upper left", "lower right", "lower left")
HALO = withStroke(linewidth=3, foreground="white")
"""A white outline behind tick labels, so a curve passing under one never hides it."""
LABEL_Z = 4.5
"""Tick labels sit above curves and regions (3 and 2) and below points and the legend."""

_TEXT = TextToPath()
_FONT = FontProperties(fname=findfont(FontProperties(size=FONT_SIZE)), size=FONT_SIZE)
"""The font resolved once: a file name skips Matplotlib's font lookup on every draw."""


@dataclass(frozen=True)
class Entry:
    """One legend row: the statement's kind, colour, label and line style."""

    kind: str
    color: str
    label: str
    dash: bool = False


@dataclass(frozen=True)
class Layout:
    """Where the frame goes: the axes rectangle and the labelled ticks of both axes."""

    rect: tuple[float, float, float, float]
    """Axes (left, bottom, width, height) as fractions of the figure."""
    x_ticks: list[tuple[float, str]]
    y_ticks: list[tuple[float, str]]


def axis_ticks(
    lo: float, hi: float, pixels: float, skip_zero: bool, axis: str = "y"
) -> list[tuple[float, str]]:
    """Labelled ticks for one axis: multiples of pi for a window set in pi, else round numbers.

    ``axis`` says what a label needs along it: its width on ``"x"``, a line on ``"y"``.
    """

    def room(text: str) -> float:
        return text_width(text) + 8 if axis == "x" else LINE

    return [(v, "" if skip_zero and v == 0 else t) for v, t in ticks(lo, hi, pixels, room)]


def _spaced(labelled: list[tuple[float, str]], spacing_px: float) -> list[tuple[float, str]]:
    """Blank every label but each k-th, so wide labels never overlap (grid lines stay)."""
    if len(labelled) < 2:
        return labelled
    widest = max(text_width(text) for _, text in labelled) + 8
    k = max(1, math.ceil(widest / spacing_px))
    if k == 1:
        return labelled
    step = labelled[1][0] - labelled[0][0]
    return [(v, text if round(v / step) % k == 0 else "") for v, text in labelled]


def _fits(v: float, text: str, window: dict, width: float, left: float) -> bool:
    """Whether an x label centred on its tick stays inside the figure."""
    x0, x1 = window["x"]
    px = (v - x0) / (x1 - x0) * width
    half = text_width(text) / 2 if text else 0.0
    return px - half >= 2 - left and px + half <= width + SIDE - 2


def layout(window: dict, size: tuple[int, int], equal: bool = False) -> Layout:
    """Ticks every ~75 px, margins wide enough for the labels that sit outside the plot.

    A "0" where both axes cross is left out: it would sit on both, under the curves.
    With ``equal`` the plot area narrows on one side so that a unit is as many pixels
    across as up, even where tick labels need wider margins than the view rule assumed.
    """
    (x0, x1), (y0, y1) = window["x"], window["y"]
    w, h = size
    through_x, through_y = y0 < 0 < y1, x0 < 0 < x1
    bottom = END if through_x else WIDE_BOTTOM
    y_ticks = axis_ticks(y0, y1, h - bottom - END, through_x and through_y)
    left: float = SIDE
    if not through_y:
        left = max(WIDE_LEFT, 8 + max((text_width(t) for _, t in y_ticks), default=0))
    width = w - left - SIDE
    xt = axis_ticks(x0, x1, width, through_x and through_y, "x")
    spacing = (xt[1][0] - xt[0][0]) * width / (x1 - x0) if len(xt) > 1 else width
    x_ticks = _spaced(xt, spacing)
    x_ticks = [(v, t if _fits(v, t, window, width, left) else "") for v, t in x_ticks]
    height = h - bottom - END
    if equal:
        per_pixel = max((x1 - x0) / width, (y1 - y0) / height)
        fit_w, fit_h = (x1 - x0) / per_pixel, (y1 - y0) / per_pixel
        left, bottom = left + (width - fit_w) / 2, bottom + (height - fit_h) / 2
        width, height = fit_w, fit_h
    return Layout((left / w, bottom / h, width / w, height / h), x_ticks, y_ticks)


Label = tuple[Text, tuple[float, float, float, float]]
"""A tick label's artist and its box (x0, y0, x1, y1) in axes pixels, y up."""
LABEL_HEIGHT = 12.0
"""CSS pixels of one line of tick label text."""


def draw_frame(ax: Any, window: dict, frame: Layout) -> list[Label]:
    """Grid, the two axes (through the origin when it is in view) and their tick labels.

    Returns each tick label with the box it covers, so the legend can keep clear of them.
    """
    (x0, x1), (y0, y1) = window["x"], window["y"]
    fig = ax.figure
    grid = [[(x, y0), (x, y1)] for x, _ in frame.x_ticks]
    grid += [[(x0, y), (x1, y)] for y, _ in frame.y_ticks]
    ax.add_collection(LineCollection(grid, colors=GRID, linewidths=0.6, zorder=0.5))
    at_y = 0.0 if y0 < 0 < y1 else y0
    at_x = 0.0 if x0 < 0 < x1 else x0
    axes = [[(x0, at_y), (x1, at_y)], [(at_x, y0), (at_x, y1)]]
    ax.add_collection(LineCollection(axes, colors=AXIS, linewidths=0.9, zorder=2.5))
    below = ax.transData + ScaledTranslation(0, -3 / 72, fig.dpi_scale_trans)
    beside = ax.transData + ScaledTranslation(-4 / 72, 0, fig.dpi_scale_trans)
    style: dict[str, Any] = {
        "fontproperties": _FONT,
        "color": AXIS,
        "zorder": LABEL_Z,
        "clip_on": False,
        "path_effects": [HALO],
    }
    aw, ah = axes_size(ax)

    def px(x: float) -> float:
        return (x - x0) / (x1 - x0) * aw

    def py(y: float) -> float:
        return (y - y0) / (y1 - y0) * ah

    labels: list[Label] = []
    for x, text in frame.x_ticks:
        if text:
            artist = Text(x, at_y, text, transform=below, ha="center", va="top", **style)
            half, top = text_width(text) / 2, py(at_y) - 3 * 100 / 72
            labels.append((artist, (px(x) - half, top - LABEL_HEIGHT, px(x) + half, top)))
    for y, text in frame.y_ticks:
        if text:
            artist = Text(at_x, y, text, transform=beside, ha="right", va="center", **style)
            right, mid = px(at_x) - 4 * 100 / 72, py(y)
            box = (right - text_width(text), mid - LABEL_HEIGHT / 2, right, mid + LABEL_HEIGHT / 2)
            labels.append((artist, box))
    for artist, _ in labels:
        ax.add_artist(artist)
    return labels


def axes_size(ax: Any) -> tuple[float, float]:
    """The plot area's width and height in CSS pixels."""
    fig, bbox = ax.figure, ax.get_position()
    css = 100 / fig.dpi
    return bbox.width * fig.bbox.width * css, bbox.height * fig.bbox.height * css


def _covers(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    """Whether two boxes (x0, y0, x1, y1) share any area."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def text_width(label: str) -> float:
    """Width of a legend label in CSS pixels."""
    width, _, _ = _TEXT.get_text_width_height_descent(label, _FONT, ismath=False)
    return width * 100 / 72


def _crossings(p0: np.ndarray, p1: np.ndarray, box: tuple[float, ...]) -> int:
    """How many segments ``p0 -> p1`` pass through the box (x0, y0, x1, y1)."""
    d = p1 - p0
    t0, t1 = np.zeros(len(d)), np.ones(len(d))
    ok = np.ones(len(d), dtype=bool)
    with np.errstate(all="ignore"):
        for k, lo, hi in ((0, box[0], box[2]), (1, box[1], box[3])):
            dk, pk = d[:, k], p0[:, k]
            flat = dk == 0
            ta, tb = (lo - pk) / dk, (hi - pk) / dk
            ok &= ~flat | ((pk >= lo) & (pk <= hi))
            t0 = np.where(flat, t0, np.maximum(t0, np.minimum(ta, tb)))
            t1 = np.where(flat, t1, np.minimum(t1, np.maximum(ta, tb)))
    return int(np.count_nonzero(ok & (t0 <= t1)))


def _corner_box(corner: str, w: float, h: float, area: tuple[float, float]) -> tuple[float, ...]:
    """The legend box (x0, y0, x1, y1) in axes pixels for a corner."""
    aw, ah = area
    x = aw - INSET - w if "right" in corner else INSET
    y = ah - INSET - h if "upper" in corner else INSET
    return x, y, x + w, y + h


def pick_corner(
    lines: list[np.ndarray],
    w: float,
    h: float,
    area: tuple[float, float],
    window: dict,
    labels: Sequence[tuple[float, float, float, float]] = (),
) -> str:
    """The corner whose legend box crosses the fewest curve segments, then covers the
    fewest tick labels (top right on ties)."""
    boxes = [_corner_box(c, w, h, area) for c in CORNERS]
    covered = [sum(_covers(box, label) for label in labels) for box in boxes]
    if not lines:
        return CORNERS[covered.index(min(covered))]
    (x0, x1), (y0, y1) = window["x"], window["y"]
    scale = np.array([area[0] / (x1 - x0), area[1] / (y1 - y0)])
    pts = [(np.asarray(p, dtype=float) - (x0, y0)) * scale for p in lines]
    p0 = np.concatenate([p[:-1] if len(p) > 1 else p for p in pts])
    p1 = np.concatenate([p[1:] if len(p) > 1 else p for p in pts])
    scores = [(_crossings(p0, p1, box), n) for box, n in zip(boxes, covered, strict=True)]
    return CORNERS[scores.index(min(scores))]


def fitting(entries: list[Entry], height: float) -> list[Entry]:
    """The rows that fit in a plot ``height`` pixels tall; the rest become "… and N more"."""
    rows = max(1, int((height - 2 * INSET - 2 * PAD) // ROW))
    if len(entries) <= rows:
        return entries
    kept = entries[: rows - 1]
    return [*kept, Entry("more", AXIS, f"\u2026 and {len(entries) - len(kept)} more")]


def draw_legend(
    ax: Any,
    entries: list[Entry],
    lines: list[np.ndarray],
    window: dict,
    labels: Sequence[Label] = (),
) -> None:
    """A legend box in the emptiest corner: a handle and the source text per statement.

    A tick label the box still covers is left out, as in the live plot (SPEC §9).
    """
    if not entries:
        return
    fig = ax.figure
    bbox = ax.get_position()
    fw, fh = fig.bbox.width * 100 / fig.dpi, fig.bbox.height * 100 / fig.dpi
    area = axes_size(ax)
    entries = fitting(entries, area[1])
    w = 2 * PAD + HANDLE + GAP + max(text_width(e.label) for e in entries)
    h = 2 * PAD + ROW * len(entries)
    corner = pick_corner(lines, w, h, area, window, [box for _, box in labels])
    legend_box = _corner_box(corner, w, h, area)
    for artist, box in labels:
        if _covers(legend_box, box):
            artist.remove()
    bx0, by0, _, _ = legend_box
    ox, oy = bbox.x0 * fw + bx0, bbox.y0 * fh + by0
    inch = fig.dpi_scale_trans

    def at(x: float, y: float) -> tuple[float, float]:
        return (ox + x) / 100, (oy + y) / 100

    common: dict[str, Any] = {"transform": inch, "clip_on": False}
    ax.add_artist(
        FancyBboxPatch(
            at(0, 0),
            w / 100,
            h / 100,
            boxstyle="round,pad=0,rounding_size=0.03",
            facecolor="white",
            edgecolor=GRID,
            alpha=0.9,
            linewidth=0.8,
            zorder=6,
            **common,
        )
    )
    for i, e in enumerate(entries):
        cy = h - PAD - ROW * (i + 0.5)
        (hx0, y), (hx1, _) = at(PAD, cy), at(PAD + HANDLE, cy)
        dash = (0, (4, 3)) if e.dash else "solid"
        if e.kind == "point":
            handle: Any = Line2D(
                [(hx0 + hx1) / 2], [y], linestyle="none", marker="o", markersize=7,
                markerfacecolor=e.color, markeredgecolor="white", zorder=7, **common,
            )  # fmt: skip
        elif e.kind == "region":
            (rx, ry) = at(PAD, cy - 5)
            handle = Rectangle(
                (rx, ry), HANDLE / 100, 0.1, facecolor=e.color, alpha=0.35, edgecolor=e.color,
                linestyle=dash, zorder=7, **common,
            )  # fmt: skip
        elif e.kind == "curve":
            handle = Line2D([hx0, hx1], [y, y], color=e.color, linewidth=2.0, zorder=7, **common)
        else:
            handle = None
        if handle is not None:
            ax.add_artist(handle)
        tx, ty = at(PAD + HANDLE + GAP, cy)
        label = Text(tx, ty, e.label, va="center", fontproperties=_FONT, zorder=7, **common)
        label.set_parse_math(False)
        ax.add_artist(label)
