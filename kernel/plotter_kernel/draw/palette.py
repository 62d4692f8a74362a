"""The colour-blind-safe palette (Okabe–Ito) that items take in order."""

from __future__ import annotations

OKABE_ITO = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#000000",  # black
    "#F0E442",  # yellow, last: weakest on white
)


def color(index: int) -> str:
    """The colour of the ``index``-th drawable statement of a cell (cycling after eight)."""
    return OKABE_ITO[index % len(OKABE_ITO)]
