"""Data in both kernels: a 10 000-row CSV read as a table, then a linear and an
exponential fit, in the Python kernel's language and in the TypeScript core.

Run: ``python benchmarks/data_bench.py`` (``--rounds 15``, ``--rows 10000``). Each
round starts a fresh session in each core and times three cells one after the other:
``table("data.csv")``, ``Y ~ m X + b`` (least squares, exact) and ``Z ~ a e^(k X)``
(Levenberg–Marquardt). The TS core is compiled to CommonJS with the labextension's
``tsc`` and run in Node. Prints the median wall milliseconds of each and the ratio.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np
from core_bench import compile_core

from plotter_kernel.budget import Budget
from plotter_kernel.lang.session import Session
from plotter_kernel.limits import Limits
from plotter_kernel.shell.tablefiles import folder_reader

ROOT = Path(__file__).resolve().parent.parent
CELLS = {
    "table (read CSV)": 'table("data.csv")',
    "linear fit": "Y ~ m X + b",
    "exponential fit": "Z ~ a e^(k X)",
}


def write_csv(folder: Path, rows: int) -> None:
    """``X``, a noisy line ``Y`` and a noisy exponential ``Z``, the same every run."""
    rng = np.random.default_rng(7)
    x = np.linspace(0, 10, rows)
    y = 2.5 * x + 1 + rng.normal(0, 0.5, rows)
    z = 3 * np.exp(0.2 * x) * (1 + rng.normal(0, 0.02, rows))
    lines = ["X,Y,Z", *(f"{a:.6g},{b:.6g},{c:.6g}" for a, b, c in zip(x, y, z, strict=True))]
    (folder / "data.csv").write_text("\n".join(lines) + "\n", "utf-8")


def python_times(folder: Path, rounds: int, rows: int) -> dict[str, float]:
    """Median wall milliseconds of each cell, each round in a fresh session."""
    limits = Limits(max_table_rows=rows)
    times: dict[str, list[float]] = {name: [] for name in CELLS}
    for _ in range(rounds):
        session = Session(limits, folder_reader(str(folder), rows))
        for name, source in CELLS.items():
            t0 = time.perf_counter()
            _, problems = session.run(source, Budget(60.0))
            times[name].append(1000 * (time.perf_counter() - t0))
            assert not problems, (name, problems)
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=15, help="fresh sessions timed")
    parser.add_argument("--rows", type=int, default=10000, help="rows of the CSV")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_csv(folder, args.rows)
        python_times(folder, 2, args.rows)  # warm imports and caches
        py = python_times(folder, args.rounds, args.rows)
        compile_core(folder / "build", "core/lang/session.ts")
        node = subprocess.run(
            [
                "node",
                str(ROOT / "benchmarks" / "data_bench.mjs"),
                str(folder / "build"),
                str(folder / "data.csv"),
                json.dumps(CELLS),
                str(args.rounds),
                str(args.rows),
            ],
            check=True,
            capture_output=True,
            text=True,
        )
    ts = json.loads(node.stdout)
    print(f"{args.rows} rows, median of {args.rounds} fresh sessions")
    print(f"{'cell':<18}{'Python ms':>11}{'TS ms':>11}{'TS/Python':>11}")
    for name in CELLS:
        print(f"{name:<18}{py[name]:>11.2f}{ts[name]:>11.2f}{ts[name] / py[name]:>11.2f}")


if __name__ == "__main__":
    main()
