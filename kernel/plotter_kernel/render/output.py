"""Fit a cell's display into ``max_output_bytes`` and the time left: drop SVG, then thin.

A scene can hold millions of points (two fine checkerboard regions), and rendering,
encoding and sending it all would blow both the output size and the cell's time. The
scene is measured before any picture is drawn: the SVG copy goes first, then the
polylines are rounded to the pixel and thinned until the output fits.
"""

from __future__ import annotations

import base64
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..budget import Budget
from ..protocol import TEXT_BYTES, TOO_BIG

PNG, SVG = "image/png", "image/svg+xml"
POLYLINE_KEYS = ("segments", "polygons", "boundary")
SCENE_SHARE = 0.4
"""Share of the byte limit a scene too big to draw in time is thinned to first."""
SVG_POINT_BYTES = 14
"""SVG bytes per drawn point (Matplotlib writes ``L 123.45 67.89`` per vertex)."""
SVG_ITEM_BYTES = 600
"""SVG bytes per item (a path element, its style and its legend entry)."""
RENDER_BASE = 0.15
"""Seconds to render an empty figure in one format (upper estimate)."""
RENDER_ITEM = 0.0015
"""Seconds to render one item (upper estimate)."""
RENDER_POINT = 1.5e-5
"""Seconds to render one point (upper estimate)."""
FINISH_BASE = 0.05
"""CPU seconds to finish an output once its pictures are drawn: the scene's JSON, the
description, packing the message (upper estimate; 5 MB took 0.66 s)."""
FINISH_POINT = 1.5e-5
"""CPU seconds per point of the scene to finish an output (upper estimate)."""
FINISH_BYTE = 2e-7
"""CPU seconds per byte of output to finish it (upper estimate)."""
SHRINK = 0.9
"""A thinning step that leaves more than this share of the bytes no longer helps: the
scene is many short items, not long polylines."""
SUBPIXEL = 4
"""Rounded coordinates keep this many steps per device pixel."""
TOO_SLOW = "output-time"


@dataclass
class Display:
    """What one ``display_data`` carries, and the warnings about what was left out."""

    data: dict[str, Any] = field(default_factory=dict)
    metadata: dict[str, Any] = field(default_factory=dict)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    """``(code, message)`` for each thing dropped or thinned."""


def points(scene: dict[str, Any]) -> int:
    """How many coordinate pairs a scene holds."""
    total = 0
    for item in scene.get("items", []):
        for key in POLYLINE_KEYS:
            total += sum(len(line) for line in item.get(key, []))
        total += 1
    return total


def scene_bytes(scene: dict[str, Any]) -> int:
    """The scene's size as JSON, written as jupyter_client writes messages."""
    return len(json.dumps(scene, allow_nan=False))


def render_seconds(scene: dict[str, Any]) -> float:
    """A pessimistic guess of one format's rendering time."""
    items = len(scene.get("items", []))
    return RENDER_BASE + RENDER_ITEM * items + RENDER_POINT * points(scene)


def finish_seconds(scene: dict[str, Any]) -> float:
    """A pessimistic guess of the CPU seconds from drawn pictures to a packed message."""
    return FINISH_BASE + FINISH_POINT * points(scene)


def finish_most(max_bytes: int) -> float:
    """A pessimistic guess of the CPU seconds to finish the largest output allowed."""
    return FINISH_BASE + FINISH_BYTE * max_bytes


def thinned(scene: dict[str, Any], step: int, size: tuple[int, int]) -> dict[str, Any]:
    """A copy with coordinates rounded to a fraction of a pixel and every ``step``-th point kept.

    Polylines keep their ends; lines and rings left with too few points are dropped.
    """
    window = scene["window"]
    digits = [_digits(window[axis], pixels) for axis, pixels in zip("xy", size, strict=True)]
    items = []
    for item in scene["items"]:
        copy = dict(item)
        for key in POLYLINE_KEYS:
            if key in item:
                fewest = 3 if key == "polygons" else 2
                lines = (_thin_line(line, step, digits) for line in item[key])
                copy[key] = [line for line in lines if len(line) >= fewest]
        items.append(copy)
    return {**scene, "items": items}


def _digits(span: Sequence[float], pixels: int) -> int:
    """Decimal places that resolve ``SUBPIXEL`` steps of a device pixel on this axis."""
    quantum = abs(span[1] - span[0]) / (pixels * 2 * SUBPIXEL)
    return max(0, min(15, math.ceil(-math.log10(quantum)))) if quantum > 0 else 15


def _thin_line(line: list[list[float]], step: int, digits: list[int]) -> list[list[float]]:
    kept = line[::step]
    if step > 1 and len(line) > 1 and (len(line) - 1) % step:
        kept.append(line[-1])
    dx, dy = digits
    return [[round(p[0], dx), round(p[1], dy)] for p in kept]


def fit_scene(
    scene: dict[str, Any], most: int, size: tuple[int, int], drop: bool = True
) -> tuple[dict[str, Any], bool]:
    """The scene, thinned until its JSON is at most ``most`` bytes; whether it was thinned.

    When thinning stops shrinking it (thousands of short items), the last items are left
    out until it fits, if ``drop``; otherwise the thinnest scene is returned as it is.
    """
    count = points(scene)
    if count * 20 <= most and scene_bytes(scene) <= most:
        return scene, False
    step, before = 1, math.inf
    while True:
        smaller = thinned(scene, step, size)
        size_now = scene_bytes(smaller)
        if size_now <= most:
            return smaller, True
        if step > count or size_now > before * SHRINK:
            return (_leading_items(smaller, most) if drop else smaller), True
        before = size_now
        step = max(step * 2, math.ceil(step * size_now / most))


def _leading_items(scene: dict[str, Any], most: int) -> dict[str, Any]:
    """The scene with as many of its first items as fit in ``most`` bytes."""
    room = most - scene_bytes({**scene, "items": []})
    kept = []
    for item in scene["items"]:
        room -= len(json.dumps(item, allow_nan=False)) + 2  # the comma and space between
        if room < 0:
            break
        kept.append(item)
    return {**scene, "items": kept}


def fit_display(
    scene: dict[str, Any],
    formats: Sequence[str],
    size: tuple[int, int],
    budget: Budget,
    max_bytes: int,
    scene_mime: str,
) -> tuple[Display, dict[str, Any]]:
    """Render the formats asked for within ``max_bytes`` and the time the cell has left.

    The SVG copy is left out first; then the scene is thinned (the PNG is drawn from a
    scene already small enough to draw in time). Without PNG the SVG comes from the
    NumPy-only writer and Matplotlib is not imported. Returns the display and the scene it
    shows, thinned or not.
    """
    display = Display()
    room = max_bytes - TEXT_BYTES
    images = [m for m in formats if m in (PNG, SVG)]
    shown, thin = scene, False
    if PNG in images and not budget.affords(2 * render_seconds(scene) + finish_seconds(scene)):
        shown, thin = fit_scene(scene, int(room * SCENE_SHARE), size, drop=False)  # too big to draw
    png = 0
    early: tuple[dict[str, Any], str] | None = None
    if PNG in images:
        finish = finish_seconds(shown)
        if budget.affords(render_seconds(shown) + finish):
            # One figure for both pictures when both are wanted: it is drawn only once.
            two = SVG in images and budget.affords(2 * render_seconds(shown) + finish)
            both = [PNG, SVG] if two else [PNG]
            from .render import render  # Matplotlib: only when a PNG is wanted

            data, metadata = render(shown, both, size)
            if SVG in data:
                early = (shown, str(data[SVG]))
            encoded = base64.b64encode(data[PNG]).decode("ascii")  # type: ignore[arg-type]
            if len(encoded) <= room // 2:
                display.data[PNG] = encoded
                display.metadata.update(metadata)
                png = len(encoded)
            else:
                display.warnings.append((TOO_BIG, f"The picture was left out: {_over(max_bytes)}."))
        else:
            display.warnings.append((TOO_SLOW, "The picture was left out: no time was left."))
    if scene_mime in formats and scene_bytes(shown) > room - png:
        shown, _ = fit_scene(scene, room - png, size)
        thin = True
    if thin:
        display.warnings.append((TOO_BIG, f"The drawing was simplified: {_over(max_bytes)}."))
    used = png + (scene_bytes(shown) if scene_mime in formats else 0)
    if SVG in images:
        estimate = SVG_POINT_BYTES * points(shown) + SVG_ITEM_BYTES * len(shown["items"])
        text = ""
        if used + estimate > room:
            display.warnings.append((TOO_BIG, f"The SVG copy was left out: {_over(max_bytes)}."))
        elif early is not None and early[0] is shown:
            text = early[1]
        elif budget.affords(render_seconds(shown) + finish_seconds(shown)):
            text = _svg_of(shown, size, PNG in images)
            if used + len(text) > room:
                text = ""
                display.warnings.append(
                    (TOO_BIG, f"The SVG copy was left out: {_over(max_bytes)}.")
                )
        else:
            display.warnings.append((TOO_SLOW, "The SVG copy was left out: no time was left."))
        if text:
            display.data[SVG] = text
    return display, shown


def _svg_of(scene: dict[str, Any], size: tuple[int, int], matplotlib: bool) -> str:
    """The SVG copy: drawn by Matplotlib beside its PNG, else by the NumPy-only writer
    (then Matplotlib is never imported)."""
    if matplotlib:
        from .render import render

        return str(render(scene, [SVG], size)[0][SVG])
    from .svg import scene_to_svg

    return scene_to_svg(scene)


def _over(max_bytes: int) -> str:
    return f"this output would be larger than {_mb(max_bytes)}"


def _mb(n: int) -> str:
    return f"{n / 1e6:g} MB" if n >= 1_000_000 else f"{n / 1000:g} kB"
