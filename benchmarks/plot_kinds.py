"""Median time per plot for parametric, polar, implicit and inequality drawing (run as a script)."""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "kernel"))

from plotter_kernel.budget import Budget  # noqa: E402
from plotter_kernel.cell import run_cell  # noqa: E402
from plotter_kernel.draw.contour import cell_segments, sample_grid  # noqa: E402
from plotter_kernel.draw.implicit import located_crossings, trace_implicit  # noqa: E402
from plotter_kernel.draw.parametric import sample_parametric, sample_polar  # noqa: E402
from plotter_kernel.draw.regions import shade_region  # noqa: E402
from plotter_kernel.lang.program import instantiate  # noqa: E402
from plotter_kernel.lang.session import Session  # noqa: E402
from plotter_kernel.limits import Limits  # noqa: E402

X = (-10.0, 10.0)
Y = (-6.67, 6.67)
"""The window of a 600x400 plot with x in [-10, 10] at equal scale."""
REPEATS = 25


def circle(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return x**2 + y**2 - 4


def lemniscate(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return (x**2 + y**2) ** 2 - 2 * (x**2 - y**2)


def below_sine(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return y - np.sin(x)


def compiled(source: str) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    """The function the Plotter language makes of an implicit statement."""
    plan, problems = Session().run(source, Budget.unlimited())
    assert not problems and plan.program is not None, problems
    drawn, _ = instantiate(plan.program, Limits())
    return drawn.specs[0].F  # type: ignore[union-attr]


def median_ms(plot: Callable[[], object]) -> float:
    """Median wall time of one plot over warm repeats."""
    plot()
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        plot()
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def points(pieces: list[np.ndarray]) -> int:
    return sum(len(p) for p in pieces)


def cells(F: Callable[[np.ndarray, np.ndarray], np.ndarray], grid: int, strict: bool) -> str:
    """The finest grid, the cells refined down to it, and every evaluation of F."""
    sg = sample_grid(F, X, Y, grid, Budget.unlimited(), strict)
    on_grid = sg.evaluations
    located_crossings(sg, cell_segments(sg), Budget.unlimited())
    ny, nx = sg.shape
    return (
        f"grid {nx}x{ny}, {int(sg.active.sum())} fine cells, "
        f"{on_grid} + {sg.evaluations - on_grid} (crossings) evaluations"
    )


def main() -> None:
    """Print, per kind, the median milliseconds per plot and the samples or cells it used."""
    limits = Limits()
    n, grid = limits.max_samples, limits.implicit_grid
    budget = Budget.unlimited()
    rows = [
        (
            "parametric (cos 3t, sin 2t)",
            lambda: sample_parametric(
                lambda t: np.cos(3 * t), lambda t: np.sin(2 * t), (0, 2 * np.pi), n, budget
            ),
            lambda out: f"{points(out)} samples",
        ),
        (
            "polar spiral r = θ, θ in [0, 20π]",
            lambda: sample_polar(lambda th: th, (0, 20 * np.pi), n, budget),
            lambda out: f"{points(out)} samples",
        ),
        (
            "implicit circle x^2 + y^2 = 4",
            lambda: trace_implicit(circle, X, Y, grid, budget),
            lambda out: f"{len(out)} piece(s), {points(out)} points; {cells(circle, grid, False)}",
        ),
        (
            "implicit lemniscate",
            lambda: trace_implicit(lemniscate, X, Y, grid, budget),
            lambda out: (
                f"{len(out)} piece(s), {points(out)} points; {cells(lemniscate, grid, False)}"
            ),
        ),
        (
            "inequality y < sin(x)",
            lambda: shade_region(below_sine, "<", X, Y, grid, budget),
            lambda out: (
                f"{len(out[0])} polygon(s), {points(out[0])} points; "
                f"{cells(lambda x, y: -below_sine(x, y), grid, True)}"
            ),
        ),
    ]
    rows += [
        (
            "dense implicit sin(10x) + cos(10y) = 0",
            lambda: trace_implicit(
                lambda x, y: np.sin(10 * x) + np.cos(10 * y), X, Y, grid, budget
            ),
            lambda out: f"{len(out)} piece(s), {points(out)} points",
        ),
        (
            "dense region sin(3x) sin(3y) > 0",
            lambda: shade_region(
                lambda x, y: np.sin(3 * x) * np.sin(3 * y), ">", X, Y, grid, budget
            ),
            lambda out: f"{len(out[0])} polygon(s), {points(out[0])} points",
        ),
    ]
    language_circle = compiled("x^2 + y^2 = 4")
    rows += [
        (
            "implicit circle, language-compiled F",
            lambda: trace_implicit(language_circle, X, Y, grid, budget),
            lambda out: f"{len(out)} piece(s), {points(out)} points",
        ),
        (
            "whole cell x^2 + y^2 = 4 (no render)",
            lambda: run_cell(Session(), "x^2 + y^2 = 4", Budget.unlimited()),
            lambda out: f"{len(out.scene['items'])} item(s), window {out.scene['window']}",
        ),
    ]
    print(f"window x {X}, y {Y}; max_samples {n}, grid {grid}; median of {REPEATS} warm runs")
    for name, plot, describe in rows:
        ms = median_ms(plot)
        print(f"{name:36s} {ms:8.2f} ms   {describe(plot())}")


if __name__ == "__main__":
    main()
