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
    plain = [item for item in items if not _is_statistic(item)]
    for kind, (one, many) in NOUNS.items():
        of_kind = [item for item in plain if item["kind"] == kind]
        if not of_kind:
            continue
        labels = list(dict.fromkeys(item["label"] for item in of_kind))
        noun = one if len(of_kind) == 1 else many
        parts.append(f"{len(of_kind)} {noun} ({_quote(labels)})")
    parts.extend(_statistics(items))
    what = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"A graph of {what}, {where}."


def _is_statistic(item: dict) -> bool:
    """Whether an item is (part of) a histogram, boxplot or dotplot."""
    return "bars" in item or "box" in item or "count" in item


def _statistics(items: list[dict]) -> list[str]:
    """One phrase per statistics plot, in drawing order: what it counts and how."""
    phrases = []
    dots: dict[object, int] = {}
    for item in items:
        if "bars" in item:
            bars = item["bars"]
            values = sum(bar["count"] for bar in bars)
            width = number(bars[0]["to"] - bars[0]["from"])
            noun = "bar" if len(bars) == 1 else "bars"
            phrases.append(
                f"a histogram of {_values(values)} in {len(bars)} {noun} of width {width} "
                f'("{item["label"]}")'
            )
        elif "box" in item:
            box = item["box"]
            five = ", ".join(
                f"{name} {number(box[key])}"
                for name, key in (
                    ("min", "min"),
                    ("Q1", "q1"),
                    ("median", "median"),
                    ("Q3", "q3"),
                    ("max", "max"),
                )
            )
            phrases.append(f'a box plot of {_values(box["count"])}: {five} ("{item["label"]}")')
        elif "count" in item:
            if item["line"] not in dots:
                dots[item["line"]] = len(phrases)
                phrases.append(item["label"])
    for key, at in dots.items():
        label = phrases[at]
        count = sum(1 for item in items if item["line"] == key and "count" in item)
        phrases[at] = f'a dot plot of {_values(count)} ("{label}")'
    return phrases


def _values(count: int) -> str:
    return "1 value" if count == 1 else f"{count} values"
