"""A plain-text sentence describing a scene, for screen readers and text-only frontends."""

from __future__ import annotations

from collections.abc import Sequence

NOUNS = {
    "curve": ("curve", "curves"),
    "point": ("point", "points"),
    "region": ("shaded region", "shaded regions"),
}


def number(value: float) -> str:
    """A short, readable number: ``-10``, ``2.5``, ``-6.67``, ``3358``, ``1.2e+06``."""
    if value == 0:
        return "0"
    if abs(value) >= 1e5 or abs(value) < 1e-3:
        return f"{value:.3g}"
    digits = 0 if abs(value) >= 100 else 2
    text = f"{value:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _quote(labels: Sequence[str]) -> str:
    quoted = [f'"{label}"' for label in labels]
    if len(quoted) <= 2:
        return " and ".join(quoted)
    return ", ".join(quoted[:-1]) + " and " + quoted[-1]


def describe(scene: dict) -> str:
    """One or two sentences: what is drawn (each statement's source text) and the window.

    Several points from one statement are counted once per point but named once.
    """
    window = scene["window"]
    (x0, x1), (y0, y1) = window["x"], window["y"]
    where = f"for x from {number(x0)} to {number(x1)} and y from {number(y0)} to {number(y1)}"
    items = scene["items"]
    text = _describe_items(items, where)
    if scene.get("program", {}).get("angles") == "degrees":
        text += " Angles are in degrees."
    return text


def _describe_items(items: list[dict], where: str) -> str:
    """What is drawn, and where."""
    if not items:
        return f"An empty graph {where}."
    parts = []
    for kind, (one, many) in NOUNS.items():
        of_kind = [item for item in items if item["kind"] == kind]
        if not of_kind:
            continue
        labels = list(dict.fromkeys(item["label"] for item in of_kind))
        noun = one if len(of_kind) == 1 else many
        parts.append(f"{len(of_kind)} {noun} ({_quote(labels)})")
    what = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"A graph of {what}, {where}."
