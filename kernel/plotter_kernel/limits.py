"""The resource limits and defaults a cell runs under (plain data, no traitlets)."""

from __future__ import annotations

from dataclasses import dataclass

from .protocol import MAX_TABLE_ROWS


@dataclass(frozen=True)
class Limits:
    """Bounds that keep every cell fast and the kernel alive.

    The traitlets configuration (``plotter_kernel.shell.config``) fills this in.
    """

    max_samples: int = 20000
    """Most samples drawn for one curve."""
    implicit_grid: int = 400
    """Most grid cells along one axis for implicit curves and regions."""
    max_number: float = 1e308
    """Largest magnitude of a calculated value before it is a ResourceError (170! fits)."""
    max_factorial: int = 170
    """Largest argument of ``factorial``/``!`` (beyond it float64 overflows)."""
    max_depth: int = 100
    """Deepest nesting of brackets, calls and operators in one expression."""
    max_cell_chars: int = 20000
    """Longest cell, in characters."""
    max_line_chars: int = 2000
    """Longest line, in characters."""
    seconds_per_cell: float = 10.0
    """Wall-clock seconds one cell may take."""
    max_output_bytes: int = 5_000_000
    """Largest output of one cell; over it the SVG is dropped, then the drawing thinned."""
    max_table_rows: int = MAX_TABLE_ROWS
    """Most rows of a table file (``table("data.csv")``)."""
    default_x: tuple[float, float] = (-10.0, 10.0)
    """The x window when the cell sets none."""
