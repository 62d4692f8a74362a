"""Draw a scene with Matplotlib (no pyplot) as PNG (at 2x) and SVG."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import ScalarFormatter

PNG, SVG = "image/png", "image/svg+xml"
SCALE = 2
"""PNG pixels per CSS pixel."""
AXES_RECT = (0.085, 0.075, 0.9, 0.9)
"""Where the axes sit in the figure (fixed: no second, "tight" layout pass)."""
GRID = "#d9d9d9"
AXIS = "#404040"
STYLE = {
    "font.size": 9,
    "svg.fonttype": "none",
    "svg.hashsalt": "plotter",
    "path.simplify": True,
    "path.simplify_threshold": 0.3,
    "agg.path.chunksize": 20000,
}


def _polyline(segments: list[list[list[float]]]) -> tuple[np.ndarray, np.ndarray]:
    """Join segments into one NaN-separated path (one artist per item is much faster)."""
    parts: list[np.ndarray] = []
    gap = np.array([[np.nan, np.nan]])
    for seg in segments:
        if parts:
            parts.append(gap)
        parts.append(np.asarray(seg, dtype=float).reshape(-1, 2))
    if not parts:
        return np.empty(0), np.empty(0)
    xy = np.concatenate(parts)
    return xy[:, 0], xy[:, 1]


def _draw_items(ax: Any, items: list[dict]) -> list[tuple[Any, str]]:
    """Add every item to the axes; return one legend entry per source line."""
    legend: dict[int, tuple[Any, str]] = {}
    for z, item in enumerate(items):
        kind, col, line = item["kind"], item["color"], item["line"]
        if kind == "curve":
            xs, ys = _polyline(item["segments"])
            artist = Line2D(xs, ys, color=col, linewidth=2.0, zorder=3 + z * 1e-3)
            artist.set_solid_capstyle("round")
            ax.add_line(artist)
            handle: Any = Line2D([], [], color=col, linewidth=2.0)
        elif kind == "point":
            artist = Line2D(
                [item["x"]],
                [item["y"]],
                linestyle="none",
                marker="o",
                markersize=7,
                markerfacecolor=col,
                markeredgecolor="white",
                markeredgewidth=1.2,
                zorder=5,
            )
            artist.set_clip_on(False)
            ax.add_line(artist)
            handle = Line2D(
                [],
                [],
                linestyle="none",
                marker="o",
                markersize=7,
                markerfacecolor=col,
                markeredgecolor="white",
            )
        else:
            polys = [np.asarray(p, dtype=float) for p in item["polygons"]]
            ax.add_collection(
                PolyCollection(polys, facecolors=col, edgecolors="none", alpha=0.25, zorder=2)
            )
            xs, ys = _polyline(item.get("boundary", []))
            dash = (0, (4, 3)) if item.get("dash") else "solid"
            ax.add_line(Line2D(xs, ys, color=col, linewidth=1.6, linestyle=dash, zorder=3))
            handle = Patch(facecolor=col, alpha=0.35, edgecolor=col, linestyle=dash)
        legend.setdefault(line, (handle, item["label"]))
    return [legend[k] for k in sorted(legend)]


def _style_axes(ax: Any, window: dict) -> None:
    """Axes through the origin when it is in view, else a clean box; light grid."""
    (x0, x1), (y0, y1) = window["x"], window["y"]
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_autoscale_on(False)
    ax.grid(True, color=GRID, linewidth=0.6, zorder=0)
    ax.set_axisbelow(True)
    ax.tick_params(colors=AXIS, length=3, width=0.8, labelsize=8.5)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    through_x = y0 < 0 < y1
    through_y = x0 < 0 < x1
    for side, through in (("bottom", through_x), ("left", through_y)):
        spine = ax.spines[side]
        spine.set_color(AXIS)
        spine.set_linewidth(0.9)
        spine.set_zorder(2.5)
        if through:
            spine.set_position(("data", 0.0))
    if through_x and through_y:
        ax.xaxis.set_major_formatter(_SkipZero())
        ax.yaxis.set_major_formatter(_SkipZero())


class _SkipZero(ScalarFormatter):
    """Tick labels without the "0" (the origin would print it twice, over the curves)."""

    def __call__(self, x: float, pos: int | None = None) -> str:
        return "" if x == 0 else super().__call__(x, pos)


def _figure(scene: dict, size: tuple[int, int]) -> Figure:
    fig = Figure(figsize=(size[0] / 100, size[1] / 100), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_axes(AXES_RECT)
    entries = _draw_items(ax, scene["items"])
    _style_axes(ax, scene["window"])
    if entries:
        handles, labels = zip(*entries, strict=True)
        leg = ax.legend(
            handles,
            labels,
            loc="upper right",
            fontsize=8.5,
            framealpha=0.9,
            edgecolor=GRID,
            handlelength=1.8,
        )
        leg.set_zorder(6)
        for text in leg.get_texts():
            text.set_parse_math(False)
    return fig


def render(
    scene: dict,
    formats: Sequence[str] = (PNG, SVG),
    size: tuple[int, int] = (600, 400),
) -> tuple[dict[str, bytes | str], dict[str, dict]]:
    """Render a scene in the formats asked for.

    Parameters
    ----------
    scene
        A scene from :func:`plotter_kernel.scene.build_scene`.
    formats
        Any of ``"image/png"`` and ``"image/svg+xml"``.
    size
        Width and height in CSS pixels; the PNG has twice as many pixels.

    Returns
    -------
    tuple
        ``(data, metadata)``: PNG bytes and SVG text by MIME type, and the PNG's
        CSS size as ``metadata["image/png"] = {"width", "height"}``.
    """
    data: dict[str, bytes | str] = {}
    metadata: dict[str, dict] = {}
    with matplotlib.rc_context(STYLE):
        fig = _figure(scene, size)
        if PNG in formats:
            buf = io.BytesIO()
            fig.savefig(buf, format="png", dpi=100 * SCALE, metadata={"Software": None})
            data[PNG] = buf.getvalue()
            metadata[PNG] = {"width": size[0], "height": size[1]}
        if SVG in formats:
            text = io.StringIO()
            fig.savefig(text, format="svg", metadata={"Date": None, "Creator": None})
            data[SVG] = text.getvalue()
    return data, metadata
