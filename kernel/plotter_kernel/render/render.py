"""Draw a scene with Matplotlib (no pyplot) as PNG (at 2x) and SVG."""

from __future__ import annotations

import io
import re
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
from matplotlib.patches import PathPatch
from matplotlib.path import Path

from .frame import Entry, draw_frame, draw_legend, layout

PNG, SVG = "image/png", "image/svg+xml"
SCALE = 2
"""PNG pixels per CSS pixel."""
PNG_LEVEL = 1
"""zlib level for PNG: level 1 is several times faster than 6 for a few more bytes."""
THIN_ABOVE = 1000
"""Polylines with more points than this are thinned to the pixel columns they cover."""
DENSE_PER_COLUMN = 3
"""Polylines with more points per pixel column than this are filled as a band instead."""
LABEL_CHARS = 40
"""Longest legend label before it is shortened with an ellipsis."""
STYLE: dict[str, Any] = {
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
) -> tuple[list[Entry], list[np.ndarray]]:
    """Add every item to the axes.

    Returns one legend entry per source line, and the polylines the legend
    should avoid covering.
    """
    legend: dict[int, Entry] = {}
    lines: list[np.ndarray] = []
    for z, item in enumerate(items):
        kind, col = item["kind"], item["color"]
        if kind == "curve":
            xs, ys, bands = _polyline(item["segments"], window, size)
            artist = Line2D(xs, ys, color=col, linewidth=2.0, zorder=3 + z * 1e-3)
            artist.set_solid_capstyle("round")
            ax.add_line(artist)
            if bands:
                band = PathPatch(
                    _compound([b.tolist() for b in bands]),
                    facecolor=col,
                    edgecolor=col,
                    linewidth=2.0,
                    joinstyle="round",
                    zorder=3 + z * 1e-3,
                )
                _add_patch(ax, band)
            lines.extend(_parts(xs, ys))
            lines.extend(bands)
        elif kind == "point":
            point = Line2D(
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
            point.set_clip_on(False)
            point.set_visible(_inside(item["x"], item["y"], window))
            ax.add_line(point)
            lines.append(np.array([[item["x"], item["y"]]]))
        else:
            fill = PathPatch(
                _compound(item["polygons"]), facecolor=col, edgecolor="none", alpha=0.25, zorder=2
            )
            _add_patch(ax, fill)
            xs, ys, _ = _polyline(item.get("boundary", []), window, size)
            dash: Any = (0, (4, 3)) if item.get("dash") else "solid"
            ax.add_line(Line2D(xs, ys, color=col, linewidth=1.6, linestyle=dash, zorder=3))
            lines.extend(_parts(xs, ys))
        entry = Entry(kind, col, _short(item["label"]), bool(item.get("dash")))
        legend.setdefault(item["line"], entry)
    return [legend[k] for k in sorted(legend)], lines


def _add_patch(ax: Any, patch: PathPatch) -> None:
    """Add a patch without ``add_patch``'s data-limit update.

    The limits are fixed (autoscale is off), yet ``add_patch`` walks every Bézier segment
    of the path to update them: seconds for a region of tens of thousands of vertices.
    """
    ax.add_artist(patch)


def _parts(xs: np.ndarray, ys: np.ndarray) -> list[np.ndarray]:
    """Split a NaN-separated path back into polylines."""
    if xs.size == 0:
        return []
    xy = np.column_stack([xs, ys])
    parts = np.split(xy, np.flatnonzero(np.isnan(xs)))
    return [p[~np.isnan(p[:, 0])] for p in parts if np.any(~np.isnan(p[:, 0]))]


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
        ax.set_axis_off()  # the frame module draws grid, axes and labels itself
        ax.set_autoscale_on(False)
        _FIGURES[size] = fig, ax
    fig, ax = _FIGURES[size]
    for artist in [*ax.lines, *ax.collections, *ax.patches, *ax.texts, *ax.artists]:
        artist.remove()
    return fig, ax


def _figure(scene: dict, size: tuple[int, int]) -> Figure:
    fig, ax = _blank_axes(size)
    window = scene["window"]
    frame = layout(window, size, bool(scene.get("view", {}).get("equal")))
    ax.set_position(frame.rect)
    ax.set_xlim(*window["x"])
    ax.set_ylim(*window["y"])
    labels = draw_frame(ax, window, frame)
    entries, lines = _draw_items(ax, scene["items"], window, size)
    draw_legend(ax, entries, lines, window, labels)
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


_POINT_SIZE = re.compile(r'width="[0-9.e+-]+pt" height="[0-9.e+-]+pt"')


def _svg(fig: Figure, size: tuple[int, int]) -> str:
    """SVG text whose intrinsic size is the figure's CSS size (Matplotlib writes points)."""
    text = io.StringIO()
    fig.savefig(text, format="svg", metadata={"Date": None, "Creator": None})
    svg = text.getvalue()
    css = f'width="{size[0]}px" height="{size[1]}px"'
    return _POINT_SIZE.sub(css, svg, count=1)


def render(
    scene: dict,
    formats: Sequence[str] = (PNG, SVG),
    size: tuple[int, int] = (600, 400),
) -> tuple[dict[str, bytes | str], dict[str, dict]]:
    """Render a scene in the formats asked for.

    Parameters
    ----------
    scene
        A scene from :func:`plotter_kernel.draw.scene.build_scene`.
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
            data[SVG] = _svg(fig, size)
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
