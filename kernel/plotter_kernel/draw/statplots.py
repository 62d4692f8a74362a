"""Scene items of a histogram, boxplot or dotplot: the numbers the language worked out,
laid out as existing item kinds with an optional field saying what they count (so the
live view's trace can read a bar's range and count, or a box's five numbers)."""

from __future__ import annotations

from typing import Any

from ..plan import StatPlot

Box = tuple[tuple[float, float], tuple[float, float]]

BOX_Y = 1.0
"""A boxplot is drawn horizontally about this height (Desmos's default offset)."""
BOX_HALF = 0.5
"""Half the box's height (Desmos's default height is 1)."""
CAP_HALF = 0.25
"""Half the height of the marks at the ends of the whiskers."""


def _rectangle(x0: float, x1: float, y0: float, y1: float) -> list[list[float]]:
    return [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]


def _upright(x: float, y0: float, y1: float) -> list[list[float]]:
    return [[x, y0], [x, y1]]


def items(spec: StatPlot, base: dict[str, Any]) -> list[dict[str, Any]]:
    """The scene items of ``spec``: a histogram's bars and a boxplot are one ``region``
    each (filled lightly, outlined); a dotplot is one ``point`` per dot."""
    if spec.kind == "histogram":
        shapes = [_rectangle(a, b, 0.0, float(c)) for a, b, c in spec.bars if c > 0]
        bars = [{"from": a, "to": b, "count": c} for a, b, c in spec.bars]
        return [
            {
                "kind": "region",
                **base,
                "polygons": shapes,
                "boundary": shapes,
                "dash": False,
                "bars": bars,
            }
        ]
    if spec.kind == "boxplot":
        assert spec.box is not None
        low, q1, median, q3, high = spec.box
        y0, y1 = BOX_Y - BOX_HALF, BOX_Y + BOX_HALF
        box = _rectangle(q1, q3, y0, y1)
        lines = [
            box,
            _upright(median, y0, y1),
            [[low, BOX_Y], [q1, BOX_Y]],
            [[q3, BOX_Y], [high, BOX_Y]],
            _upright(low, BOX_Y - CAP_HALF, BOX_Y + CAP_HALF),
            _upright(high, BOX_Y - CAP_HALF, BOX_Y + CAP_HALF),
        ]
        summary = {"min": low, "q1": q1, "median": median, "q3": q3, "max": high}
        return [
            {
                "kind": "region",
                **base,
                "polygons": [box],
                "boundary": lines,
                "dash": False,
                "box": {**summary, "count": spec.count},
            }
        ]
    return [
        {"kind": "point", **base, "x": value, "y": float(k), "count": count}
        for value, count in spec.dots
        for k in range(1, count + 1)
    ]


def extent(spec: StatPlot) -> Box:
    """What the automatic window must show: the data across, and from 0 up to the
    tallest bar or stack (a boxplot up to twice its height)."""
    if spec.kind == "histogram":
        top = max(c for _, _, c in spec.bars)
        return (spec.bars[0][0], spec.bars[-1][1]), (0.0, float(top))
    if spec.kind == "boxplot":
        assert spec.box is not None
        return (spec.box[0], spec.box[4]), (0.0, 2 * BOX_Y)
    top = max(c for _, c in spec.dots)
    return (spec.dots[0][0], spec.dots[-1][0]), (0.0, float(top))
