"""Tick values and labels, one rule for every picture (twin of ``core/render/ticks.ts``).

Round steps about 75 px apart, multiples of pi for a window set in pi, true minus signs,
no scientific notation below a million, and never fewer than four labels where a finer
round step still leaves room for them. Pure Python: the NumPy-only SVG writer and the
Matplotlib frame both read their ticks here.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator

TICK_SPACING = 75
"""Roughly the CSS pixels between grid lines."""
MIN_LABELLED = 4
"""Labels every axis shows at least, when a finer step leaves room for them (SPEC §9)."""
LABEL_GAP = 6
"""Pixels kept free between two neighbouring labels."""
PI_STEPS = (0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0)
"""Tick steps, in multiples of pi, for a window set in pi."""
MAX_REFINE = 12
"""Finer steps tried at most, past the ~75 px one."""
MAX_DECIMALS = 15
"""Most digits after the point a tick label shows (a float has no more to tell)."""
MINUS = "\u2212"

Tick = tuple[float, str]
"""A labelled tick: its value and its label."""


def nice_step(span: float, pixels: float) -> float:
    """The round step (1, 2 or 5 times a power of ten) that puts ticks ~75 px apart."""
    wanted = span / max(2.0, pixels / TICK_SPACING)
    power = 10.0 ** math.floor(math.log10(wanted))
    return next((m * power for m in (1, 2, 5, 10) if m * power >= wanted * 0.999999), 10 * power)


def finer_step(step: float) -> float:
    """The next finer round step: 5 -> 2 -> 1 -> 0.5 times the same power of ten."""
    power = 10.0 ** math.floor(math.log10(step) + 1e-9)
    mantissa = round(step / power)
    return 2 * power if mantissa == 5 else power if mantissa == 2 else 0.5 * power


def in_pi(lo: float, hi: float) -> bool:
    """Whether both ends of a window are multiples of pi/4 (``x in [-2pi, 2pi]``, ``[0, tau]``)."""
    quarters = [v / (math.pi / 4) for v in (lo, hi)]
    return any(v != 0 for v in (lo, hi)) and all(abs(q - round(q)) < 1e-9 for q in quarters)


def tick_label(value: float, step: float) -> str:
    """A tick label with just the digits its step needs, and a true minus sign.

    Below a million the digits are written out in full: a reader should not have to
    decode ``1e-07`` or an offset on a calculator's axis.
    """
    if value == 0:
        return "0"
    magnitude = math.floor(math.log10(abs(value)))
    resolution = math.floor(math.log10(step)) if step > 0 else magnitude
    if abs(value) >= 1e6:
        text = f"{value:.{max(1, magnitude - resolution + 1)}g}"
    else:
        text = f"{value:.{min(MAX_DECIMALS, max(0, -resolution))}f}"
    return text.replace("-", MINUS)


def pi_label(value: float, step: float) -> str:
    """``value`` as a reader writes a multiple of pi: pi, 2pi, 3pi/2, pi/4 (true minus)."""
    quarters = round(value / (math.pi / 4))
    if quarters == 0:
        return "0"
    num, den = quarters, 4
    while den > 1 and num % 2 == 0:
        num, den = num // 2, den // 2
    sign = MINUS if num < 0 else ""
    digits = "" if abs(num) == 1 else str(abs(num))
    return f"{sign}{digits}\u03c0" + (f"/{den}" if den > 1 else "")


def ticks(
    lo: float, hi: float, pixels: float, room: Callable[[str], float] = lambda _: 0.0
) -> list[Tick]:
    """Labelled ticks inside ``[lo, hi]`` for an axis ``pixels`` long.

    Starts from the round step ~75 px apart and takes finer ones while fewer than
    ``MIN_LABELLED`` labels could be read (zero does not count), as long as neighbouring
    labels keep ``room`` (a label's width on x, its height on y) apart.
    """
    if not (hi > lo) or not (math.isfinite(lo) and math.isfinite(hi)):
        return []
    best: list[Tick] = []
    seen = -1
    for step, pi in _steps(lo, hi, pixels):
        listed = _at(lo, hi, step, pi)
        widest = max((room(t) for _, t in listed), default=0.0)
        if seen >= 0 and step / (hi - lo) * pixels < widest + LABEL_GAP:
            break
        count = readable(listed)
        if count > seen:
            best, seen = listed, count
        if seen >= MIN_LABELLED:
            break
    return best


def readable(listed: list[Tick]) -> int:
    """How many of ``listed`` carry a label a reader sees: all but zero, which is left out
    where the axes cross."""
    return sum(1 for _, t in listed if t != "0")


def _steps(lo: float, hi: float, pixels: float) -> Iterator[tuple[float, bool]]:
    """Candidate steps, coarse to fine: multiples of pi first for a window set in pi."""
    span = hi - lo
    if in_pi(lo, hi):
        wanted = span / max(2.0, pixels / TICK_SPACING)
        start = next((k for k, s in enumerate(PI_STEPS) if s * math.pi >= wanted), None)
        for k in range(len(PI_STEPS) - 1 if start is None else start, -1, -1):
            yield PI_STEPS[k] * math.pi, True
    step = nice_step(span, pixels)
    for _ in range(MAX_REFINE + 1):
        yield step, False
        step = finer_step(step)


def _at(lo: float, hi: float, step: float, pi: bool) -> list[Tick]:
    """The multiples of ``step`` inside ``[lo, hi]``, labelled."""
    first, last = math.ceil(lo / step - 1e-9), math.floor(hi / step + 1e-9)
    values = [k * step + 0.0 for k in range(first, min(last, first + 999) + 1)]
    return [(v, pi_label(v, step) if pi else tick_label(v, step)) for v in values]
