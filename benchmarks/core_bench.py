"""The TypeScript core's drawing next to the Python kernel's, on the same programs.

Run: ``python benchmarks/core_bench.py`` (``--rounds 30``). For each cell (the 3-curve
cell of ``bench.py``/``view_bench.py`` and ``x^2 + y^2 = 4``) the Python language writes
the program once; then both cores draw that program at 600x400 (program -> scene v2:
sampling, breaks, implicit tracing, the view rule), warm, ``--rounds`` times. The TS
core is compiled to CommonJS with the labextension's ``tsc`` and run in Node. Prints the
median wall and CPU milliseconds of each and the ratios (CPU time is the steadier
figure on a busy machine).

Target: the TS core at least as fast as the Python core on both cells (ratio <= 1).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from bench import PLOTTER_CODE

from plotter_kernel.budget import Budget
from plotter_kernel.draw.sample import sample
from plotter_kernel.lang.session import Session
from plotter_kernel.limits import Limits

ROOT = Path(__file__).resolve().parent.parent
LAB = ROOT / "labextension"
CELLS = {"3 curves": PLOTTER_CODE, "x^2 + y^2 = 4": "x^2 + y^2 = 4"}


def program_of(source: str) -> dict:
    plan, problems = Session().run(source, Budget(30.0))
    assert plan.program is not None and not problems, problems
    return plan.program


def python_times(program: dict, rounds: int) -> tuple[float, float]:
    """Median wall and CPU milliseconds of drawing ``program`` ``rounds`` times."""
    wall, cpu = [], []
    for _ in range(rounds):
        t0, c0 = time.perf_counter(), time.process_time()
        scene, _ = sample(program, Limits(), Budget.unlimited(), (600, 400))
        wall.append(1000 * (time.perf_counter() - t0))
        cpu.append(1000 * (time.process_time() - c0))
        assert scene is not None
    return statistics.median(wall), statistics.median(cpu)


def compile_core(out: Path, entry: str = "core/draw/sample.ts") -> None:
    """``labextension/src/core`` from ``entry`` as CommonJS in ``out`` (Node runs it
    without a bundler)."""
    tsc = LAB / "node_modules" / ".bin" / "tsc"
    subprocess.run(
        [
            str(tsc),
            "--outDir", str(out), "--rootDir", str(LAB / "src"),
            "--module", "commonjs", "--target", "es2020", "--moduleResolution", "node",
            "--strict", "--skipLibCheck", "--esModuleInterop", "--resolveJsonModule",
            str(LAB / "src" / entry),
        ],
        check=True,
    )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=30, help="timed draws of each cell")
    args = parser.parse_args()
    programs = {name: program_of(source) for name, source in CELLS.items()}
    with tempfile.TemporaryDirectory() as tmp:
        build = Path(tmp) / "build"
        compile_core(build)
        data = Path(tmp) / "programs.json"
        data.write_text(json.dumps(programs), "utf-8")
        node = subprocess.run(
            [
                "node",
                str(ROOT / "benchmarks" / "core_bench.mjs"),
                str(build),
                str(data),
                str(args.rounds + 5),
            ],
            check=True,
            capture_output=True,
            text=True,
        )
    ts = json.loads(node.stdout)
    head = ("cell", "Python ms", "TS ms", "TS/Python", "Py CPU ms", "TS CPU ms", "CPU ratio")
    print(f"{head[0]:<16}" + "".join(f"{h:>11}" for h in head[1:]) + "   TS first ms")
    for name, program in programs.items():
        python_times(program, 3)  # warm caches
        wall, cpu = python_times(program, args.rounds)
        t = ts[name]
        row = (wall, t["median_ms"], t["median_ms"] / wall, cpu, t["cpu_ms"], t["cpu_ms"] / cpu)
        print(f"{name:<16}" + "".join(f"{v:>11.2f}" for v in row) + f"{t['first_ms']:>14.1f}")


if __name__ == "__main__":
    main()
