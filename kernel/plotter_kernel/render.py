"""Draw a scene with Matplotlib (no pyplot) as PNG (at 2x) and SVG."""

from __future__ import annotations

import io
import struct
import threading
import zlib
from collections.abc import Sequence
from typing import Any

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path
from matplotlib.ticker import MaxNLocator, ScalarFormatter

PNG, SVG = "image/png", "image/svg+xml"
SCALE = 2
"""PNG pixels per CSS pixel."""
SIDE, END, MARGIN_LEFT, MARGIN_BOTTOM = 22, 12, 50, 28
"""Figure margins in CSS pixels (fixed: no second, "tight" layout pass): left/right and
top/bottom around an axis through the origin (half a tick label), and the wide ones that
leave room for tick labels when an axis runs along the box edge."""
PNG_LEVEL = 1
"""zlib level for PNG: level 1 is several times faster than 6 for a few more bytes."""
THIN_ABOVE = 1000
"""Polylines with more points than this are thinned to the pixel columns they cover."""
DENSE_PER_COLUMN = 3
"""Polylines with more points per pixel column than this are filled as a band instead."""
TICK_SPACING = 50
"""Roughly the CSS pixels between ticks (and grid lines)."""
LABEL_CHARS = 40
"""Longest legend label before it is shortened with an ellipsis."""
BEST_LEGEND_VERTICES = 4000
"""Above this many vertices the legend goes top right instead of where it hides least."""
GRID = "#d9d9d9"
AXIS = "#404040"
STYLE: dict[str, Any] = {
    "font.size": 9,
    "svg.fonttype": "none",
    "svg.hashsalt": "plotter",
    "path.simplify": True,
    "path.simplify_threshold": 0.3,
    "agg.path.chunksize": 20000,
}


def thin(points: np.ndarray, lo: float, hi: float, columns: int) -> np.ndarray:
    """Keep the first, lowest, highest and last point of each pixel column.

    ``points`` is monotone in its first coordinate, which spans ``[lo, hi]`` over
    ``columns`` device pixels. A curve far denser than the pixels (``sin(1000x)``)
    then rasterises the same envelope many times faster.
    """
    if len(points) <= THIN_ABOVE:
        return points
    col = np.floor((points[:, 0] - lo) * (columns / (hi - lo))).astype(np.int64)
    order = np.lexsort((points[:, 1], col))
    bounds = np.flatnonzero(np.diff(col[order])) + 1
    starts = np.concatenate([[0], bounds])
    ends = np.concatenate([bounds, [len(points)]]) - 1
    firsts = np.concatenate([[0], np.flatnonzero(np.diff(col)) + 1])
    lasts = np.concatenate([firsts[1:] - 1, [len(points) - 1]])
    keep = np.unique(np.concatenate([order[starts], order[ends], firsts, lasts]))
    return points[keep]


def envelope(points: np.ndarray, lo: float, hi: float, columns: int) -> np.ndarray | None:
    """The band between the lowest and highest point of each pixel column, as a polygon.

    Only for a polyline monotone in its first coordinate and far denser than the
    pixels (``sin(1000x)``): filling its envelope paints the same pixels as
    stroking thousands of overlapping strokes, in a fraction of the time.
    Returns ``None`` when the polyline is not that dense.
    """
    if points[-1, 0] < points[0, 0]:
        points = points[::-1]
    col = np.floor((points[:, 0] - lo) * (columns / (hi - lo))).astype(np.int64)
    starts = np.concatenate([[0], np.flatnonzero(np.diff(col)) + 1])
    if len(points) < DENSE_PER_COLUMN * len(starts):
        return None
    top = np.maximum.reduceat(points[:, 1], starts)
    bottom = np.minimum.reduceat(points[:, 1], starts)
    cx = np.clip(lo + (col[starts] + 0.5) * ((hi - lo) / columns), points[0, 0], points[-1, 0])
    return np.vstack([np.column_stack([cx, top]), np.column_stack([cx[::-1], bottom[::-1]])])


def _prepare(
    seg: np.ndarray, window: dict, size: tuple[int, int]
) -> tuple[np.ndarray | None, np.ndarray | None]:
    """Split a polyline into what to stroke (thinned) or what to fill (a dense band)."""
    if len(seg) <= THIN_ABOVE:
        return seg, None
    for axis, key, pixels in ((0, "x", size[0]), (1, "y", size[1])):
        step = np.diff(seg[:, axis])
        if np.all(step >= 0) or np.all(step <= 0):
            lo, hi = window[key]
            swapped = seg if axis == 0 else seg[:, ::-1]
            band = envelope(swapped, lo, hi, pixels * SCALE)
            if band is not None:
                return None, band if axis == 0 else band[:, ::-1]
            out = thin(swapped, lo, hi, pixels * SCALE)
            return (out if axis == 0 else out[:, ::-1]), None
    return seg, None


def _polyline(
    segments: list[list[list[float]]], window: dict, size: tuple[int, int]
) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
    """Join segments into one NaN-separated path (one artist per item is much faster).

    Also returns the bands of segments too dense to stroke (see :func:`envelope`).
    """
    parts: list[np.ndarray] = []
    bands: list[np.ndarray] = []
    gap = np.array([[np.nan, np.nan]])
    for seg in segments:
        line, band = _prepare(np.asarray(seg, dtype=float).reshape(-1, 2), window, size)
        if band is not None:
            bands.append(band)
        if line is not None:
            if parts:
                parts.append(gap)
            parts.append(line)
    if not parts:
        return np.empty(0), np.empty(0), bands
    xy = np.concatenate(parts)
    return xy[:, 0], xy[:, 1], bands


def _compound(polygons: list[list[list[float]]]) -> Path:
    """All rings of a region as one path, so touching rings fill without seams."""
    verts, codes = [], []
    for ring in polygons:
        arr = np.asarray(ring, dtype=float).reshape(-1, 2)
        if len(arr) < 3:
            continue
        part = np.full(len(arr) + 1, Path.LINETO, dtype=Path.code_type)
        part[0], part[-1] = Path.MOVETO, Path.CLOSEPOLY
        verts.append(np.vstack([arr, arr[:1]]))
        codes.append(part)
    if not verts:
        return Path(np.empty((0, 2)))
    return Path(np.concatenate(verts), np.concatenate(codes))


def _inside(x: float, y: float, window: dict) -> bool:
    (x0, x1), (y0, y1) = window["x"], window["y"]
    return x0 <= x <= x1 and y0 <= y <= y1


def _short(label: str) -> str:
    """A legend label of reasonable length (a line may hold 2000 characters)."""
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def _draw_items(
    ax: Any, items: list[dict], window: dict, size: tuple[int, int]
) -> list[tuple[Any, str]]:
    """Add every item to the axes; return one legend entry per source line."""
    legend: dict[int, tuple[Any, str]] = {}
    for z, item in enumerate(items):
        kind, col, line = item["kind"], item["color"], item["line"]
        if kind == "curve":
            xs, ys, bands = _polyline(item["segments"], window, size)
            artist = Line2D(xs, ys, color=col, linewidth=2.0, zorder=3 + z * 1e-3)
            artist.set_solid_capstyle("round")
            ax.add_line(artist)
            if bands:
                ax.add_patch(
                    PathPatch(
                        _compound([b.tolist() for b in bands]),
                        facecolor=col,
                        edgecolor=col,
                        linewidth=2.0,
                        joinstyle="round",
                        zorder=3 + z * 1e-3,
                    )
                )
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
            # Markers on the window's edge stay whole; points outside it are not drawn.
            artist.set_clip_on(False)
            artist.set_visible(_inside(item["x"], item["y"], window))
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
            fill = PathPatch(
                _compound(item["polygons"]), facecolor=col, edgecolor="none", alpha=0.25, zorder=2
            )
            ax.add_patch(fill)
            xs, ys, _ = _polyline(item.get("boundary", []), window, size)
            dash: Any = (0, (4, 3)) if item.get("dash") else "solid"
            ax.add_line(Line2D(xs, ys, color=col, linewidth=1.6, linestyle=dash, zorder=3))
            handle = Patch(facecolor=col, alpha=0.35, edgecolor=col, linestyle=dash)
        legend.setdefault(line, (handle, _short(item["label"])))
    return [legend[k] for k in sorted(legend)]


def _base_style(ax: Any) -> None:
    """Styling shared by every scene, applied once per cached figure."""
    ax.set_autoscale_on(False)
    ax.grid(True, color=GRID, linewidth=0.6)
    ax.set_axisbelow(True)
    ax.tick_params(colors=AXIS, length=3, width=0.8, labelsize=8.5)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("bottom", "left"):
        ax.spines[side].set_color(AXIS)
        ax.spines[side].set_linewidth(0.9)
        ax.spines[side].set_zorder(2.5)
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_major_formatter(_SkipZero())
        axis.set_major_locator(MaxNLocator(nbins="auto", steps=[1, 2, 5, 10]))


def _style_axes(ax: Any, window: dict, size: tuple[int, int]) -> None:
    """Axes through the origin when it is in view, else along the box edge.

    Spines move only when they must: moving one rebuilds every tick artist.
    """
    (x0, x1), (y0, y1) = window["x"], window["y"]
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    through_x, through_y = y0 < 0 < y1, x0 < 0 < x1
    for side, through in (("bottom", through_x), ("left", through_y)):
        spine = ax.spines[side]
        position = ("data", 0.0) if through else ("outward", 0.0)
        if spine.get_position() != position:
            spine.set_position(position)
    for axis in (ax.xaxis, ax.yaxis):
        axis.get_major_formatter().skip_zero = through_x and through_y
    left = SIDE if through_y else MARGIN_LEFT
    bottom = END if through_x else MARGIN_BOTTOM
    w, h = size
    ax.xaxis.get_major_locator().set_params(nbins=max(3, round(w / TICK_SPACING)))
    ax.yaxis.get_major_locator().set_params(nbins=max(3, round(h / TICK_SPACING)))
    width, height = 1 - (left + SIDE) / w, 1 - (bottom + END) / h
    ax.set_position((left / w, bottom / h, width, height))


class _SkipZero(ScalarFormatter):
    """Tick labels without the "0" (the origin would print it twice, over the curves)."""

    skip_zero = True

    def __call__(self, x: float, pos: int | None = None) -> str:
        return "" if x == 0 and self.skip_zero else super().__call__(x, pos)


_LOCK = threading.Lock()
"""Guards the cached figures (a warm-up thread may be drawing while the first cell arrives)."""
_FIGURES: dict[tuple[int, int], tuple[Figure, Any]] = {}
"""One figure per size, reused: its axes and tick artists are the slow part to build."""


def _blank_axes(size: tuple[int, int]) -> tuple[Figure, Any]:
    """The cached figure for ``size`` with last scene's artists removed."""
    if size not in _FIGURES:
        fig = Figure(figsize=(size[0] / 100, size[1] / 100), dpi=100, facecolor="white")
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
        _base_style(ax)
        _FIGURES[size] = fig, ax
    fig, ax = _FIGURES[size]
    for artist in [*ax.lines, *ax.collections, *ax.patches]:
        artist.remove()
    legend = ax.get_legend()
    if legend is not None:
        legend.remove()
    return fig, ax


def _legend_place(items: list[dict]) -> str:
    """Let Matplotlib find the emptiest corner unless that would mean scanning many vertices."""
    vertices = sum(len(seg) for item in items for seg in item.get("segments", []))
    vertices += sum(len(p) for item in items for p in item.get("polygons", []))
    return "best" if vertices <= BEST_LEGEND_VERTICES else "upper right"


def _figure(scene: dict, size: tuple[int, int]) -> Figure:
    fig, ax = _blank_axes(size)
    entries = _draw_items(ax, scene["items"], scene["window"], size)
    _style_axes(ax, scene["window"], size)
    if entries:
        handles, labels = zip(*entries, strict=True)
        leg = ax.legend(
            handles,
            labels,
            loc=_legend_place(scene["items"]),
            fontsize=8.5,
            framealpha=0.9,
            edgecolor=GRID,
            handlelength=1.8,
        )
        leg.set_zorder(6)
        for text in leg.get_texts():
            text.set_parse_math(False)
    return fig


def _png(fig: Figure) -> bytes:
    """Draw at 2x and encode the (opaque) RGBA buffer as PNG."""
    fig.set_dpi(100 * SCALE)
    try:
        canvas = fig.canvas
        assert isinstance(canvas, FigureCanvasAgg)
        canvas.draw()
        rgba = np.asarray(canvas.buffer_rgba())
    finally:
        fig.set_dpi(100)
    return encode_png(rgba)


def _chunk(tag: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + tag + body + struct.pack(">I", zlib.crc32(tag + body))


def encode_png(pixels: np.ndarray) -> bytes:
    """Encode an ``(H, W, 3)`` RGB or ``(H, W, 4)`` RGBA uint8 image as PNG, without row filters.

    For mostly-flat plots this is several times faster than the general encoder
    (which tries every filter on every row) at a similar size; RGBA straight from
    the Agg buffer saves a strided copy.
    """
    h, w, channels = pixels.shape
    raw = np.empty((h, w * channels + 1), dtype=np.uint8)
    raw[:, 0] = 0
    raw[:, 1:] = np.ascontiguousarray(pixels).reshape(h, w * channels)
    header = struct.pack(">IIBBBBB", w, h, 8, 6 if channels == 4 else 2, 0, 0, 0)
    return b"".join(
        [
            b"\x89PNG\r\n\x1a\n",
            _chunk(b"IHDR", header),
            _chunk(b"IDAT", zlib.compress(raw.data, PNG_LEVEL)),
            _chunk(b"IEND", b""),
        ]
    )


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
    with _LOCK, matplotlib.rc_context(STYLE):  # type: ignore[arg-type]
        fig = _figure(scene, size)
        if PNG in formats:
            data[PNG] = _png(fig)
            metadata[PNG] = {"width": size[0], "height": size[1]}
        if SVG in formats:
            text = io.StringIO()
            fig.savefig(text, format="svg", metadata={"Date": None, "Creator": None})
            data[SVG] = text.getvalue()
    return data, metadata


WARM_UP_SCENE = {
    "version": 1,
    "window": {"x": [-10.0, 10.0], "y": [-6.0, 6.0]},
    "items": [
        {
            "kind": "curve",
            "line": 0,
            "label": "y = x",
            "color": "#0072B2",
            "segments": [[[-5.0, -5.0], [5.0, 5.0]]],
        },
        {"kind": "point", "line": 1, "label": "(1, 2)", "color": "#D55E00", "x": 1.0, "y": 2.0},
    ],
}


def warm_up(size: tuple[int, int] = (600, 400)) -> None:
    """Build the cached figure and draw it once, so the first real cell is fast.

    Loading fonts and building tick artists costs a few hundred milliseconds;
    a kernel may call this from a background thread right after it starts.
    """
    render(WARM_UP_SCENE, (PNG, SVG), size)
