"""The palette on JupyterLab's dark themes: every colour the live plot draws stands out."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from plotter_kernel.draw.palette import OKABE_ITO

CSS = Path(__file__).resolve().parent.parent / "labextension" / "style" / "renderer.css"
THEMES = Path(sys.prefix) / "share" / "jupyter" / "lab" / "themes" / "@jupyterlab"
DARK_THEMES = ["theme-dark-extension", "theme-dark-high-contrast-extension"]


def rgb(hex_colour: str) -> tuple[int, int, int]:
    text = hex_colour.lstrip("#")
    if len(text) == 3:
        text = "".join(c * 2 for c in text)
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


def luminance(hex_colour: str) -> float:
    """Relative luminance, as WCAG defines it."""

    def linear(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def dark_overrides() -> dict[str, str]:
    """Palette colour → the colour renderer.css draws it in on dark themes (strokes)."""
    rule = re.compile(
        r"body\[data-jp-theme-light='false'\] \.jp-PlotterView \[stroke='(#[0-9a-f]{6})' i\]"
        r"\s*\{\s*stroke:\s*(#[0-9a-f]{6});",
        re.IGNORECASE,
    )
    return {a.lower(): b for a, b in rule.findall(CSS.read_text(encoding="utf-8"))}


def background(theme: str) -> str:
    css = (THEMES / theme / "index.css").read_text(encoding="utf-8")
    found = re.search(r"--jp-layout-color0:\s*(#[0-9a-fA-F]{3,6})", css)
    assert found, f"{theme} sets no --jp-layout-color0"
    return found.group(1)


@pytest.mark.parametrize("theme", DARK_THEMES)
def test_every_palette_colour_stands_out_on_dark_themes(theme: str) -> None:
    if not (THEMES / theme).is_dir():
        pytest.skip(f"JupyterLab's {theme} is not installed here")
    back = background(theme)
    lifted = dark_overrides()
    for colour in OKABE_ITO:
        if colour == "#000000":
            continue  # drawn in the theme's ink (white on dark)
        drawn = lifted.get(colour.lower(), colour)
        assert contrast(drawn, back) >= 4.5, (colour, drawn, back)


def test_a_lifted_colour_keeps_its_hue() -> None:
    # Lifted toward white: each channel grows and their order stays (still the same blue)
    lifted = dark_overrides()
    assert lifted, "renderer.css lifts no colour"
    for original, drawn in lifted.items():
        before, after = rgb(original), rgb(drawn)
        assert all(b >= a for a, b in zip(before, after, strict=True))
        assert sorted(range(3), key=lambda k: before[k]) == sorted(range(3), key=lambda k: after[k])
