"""What a cell asks to draw: the contract between the language and the drawing code.

The language turns each drawable statement into one of these specs, whose
functions are plain NumPy callables (the evaluator closed over the session).
Drawing code only ever sees these, never the syntax tree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

Fn1 = Callable[[np.ndarray], np.ndarray]
"""A vectorised function of one variable; NaN where undefined."""
Fn2 = Callable[[np.ndarray, np.ndarray], np.ndarray]
"""A vectorised function of x and y (arrays of one shape); NaN where undefined."""
Range = tuple[float, float]


@dataclass
class Curve:
    """``y = f(x)`` (``var == "x"``) or ``x = f(y)`` (``var == "y"``)."""

    line: int
    label: str
    fn: Fn1
    var: Literal["x", "y"] = "x"
    domain: Range | None = None
    """A ``for x in [a, b]`` restriction, if any."""


@dataclass
class Parametric:
    """``(fx(t), fy(t)) for t in [t0, t1]``."""

    line: int
    label: str
    fx: Fn1
    fy: Fn1
    t: Range = (0.0, 2 * np.pi)


@dataclass
class Polar:
    """``r = fr(theta) for theta in [a, b]``."""

    line: int
    label: str
    fr: Fn1
    theta: Range = (0.0, 2 * np.pi)


@dataclass
class Implicit:
    """The set where ``F(x, y) == 0`` (``F`` is left side minus right side)."""

    line: int
    label: str
    F: Fn2


@dataclass
class Inequality:
    """The region where ``F(x, y) op 0``; strict ops get a dashed boundary."""

    line: int
    label: str
    F: Fn2
    op: Literal["<", "<=", ">", ">="]


@dataclass
class Points:
    """One or more marked points; ``data`` when they come from lists (a table's columns).

    Data has its own units on each axis, so it is framed as it is, not at equal scale.
    """

    line: int
    label: str
    points: list[tuple[float, float]]
    data: bool = False


@dataclass
class StatPlot:
    """``histogram(L, w)``, ``boxplot(L)`` or ``dotplot(L)``: the numbers it draws, worked
    out by the language (``lang.statplots``), so drawing only lays them out."""

    line: int
    label: str
    kind: Literal["histogram", "boxplot", "dotplot"]
    count: int
    """How many values were drawn (undefined values are left out)."""
    bars: list[tuple[float, float, int]] = field(default_factory=list)
    """A histogram's bars ``(from, to, count)``, left to right, empty ones included."""
    box: tuple[float, float, float, float, float] | None = None
    """A boxplot's five numbers: min, Q1, median, Q3, max."""
    dots: list[tuple[float, int]] = field(default_factory=list)
    """A dotplot's distinct values, increasing, each with how many times it occurs."""


Spec = Curve | Parametric | Polar | Implicit | Inequality | Points | StatPlot


@dataclass
class Window:
    """The view a cell asked for; ``None`` means automatic."""

    x: Range | None = None
    y: Range | None = None


@dataclass
class DrawProblem:
    """A drawing-time problem with one statement: a warning (undefined everywhere, empty
    region), or an error such as the cell's time running out while it was drawn."""

    line: int
    message: str
    code: str
    ename: str = "ValueError"
    severity: int = 2


@dataclass
class CellPlan:
    """Everything the language found in a cell, ready for drawing and replying."""

    specs: list[Spec] = field(default_factory=list)
    window: Window = field(default_factory=Window)
    values: list[tuple[int, str]] = field(default_factory=list)
    """``(line, text)`` of each calculation's printed value."""
    program: dict[str, Any] | None = None
    """The cell's drawable statements as data (``lang.program``): what the drawing reads."""
    degrees: bool = False
    """Angles were in degrees for some of the cell: its outputs say so."""
    table: list[tuple[str, Any]] | None = None
    """``(name, values)`` of the lists a cell of tables and lists only shows as a table."""
