"""A class at once on the classroom hub: cell latency, lost replies and memory per student.

Run: ``python benchmarks/hub_load.py`` (``--students 20 --cells 30``; ``--search`` also
looks for the largest class this machine holds at p95 under 1 s). It starts its own hub
with ``scripts/hub.sh`` on 127.0.0.1 (port 9306, students' servers on 9360-9399), so the
hub's environment is installed on the first run. Every student's traffic goes through the
hub's proxy: their server's REST API and the kernel websocket, as from a browser. All
students start together and run their cells back to back, with no pause to think: a worst
case for the machine. Bounded: at most 40 students, ``--max-minutes`` for the whole run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hub.client import Hub, Kernel, fetch  # noqa: E402

PORT = 9306
USER_PORTS = (9360, 9399)
MAX_STUDENTS = USER_PORTS[1] - USER_PORTS[0] + 1
TARGET_P95 = 1.0

#: A lesson's worth of cells: curves, a function, points, implicit curves, regions, polar,
#: calculations, and mistakes (an unknown name, a stray operator, a limit of the admin file).
CELLS = [
    "y = sin(x)",
    "f(x) = x^2 - 2\ny = f(x)\n(1, 2), (-1, 2)",
    "y = sn(x) + 1\ny = x^3 - 3x",
    "x in [-3, 3]\nx^2 + y^2 = 4",
    "sqrt(2) * pi + f(3)",
    "y < sin(x)",
    "y = 2 +* x",
    "r = 1 + cos(theta)",
    "y = 1/x\ny = floor(x)",
    "25!",
]


@dataclass
class Student:
    name: str
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    lost: int = 0
    no_kernel: str = ""
    kernel_start: float = 0.0
    kernel_rss: int = 0
    server_rss: int = 0


@dataclass
class Round:
    size: int
    spawn_seconds: float
    students: list[Student]
    wall_seconds: float
    load_before: float

    @property
    def latencies(self) -> list[float]:
        return sorted(t for s in self.students for t in s.latencies)

    def quantile(self, q: float) -> float:
        values = self.latencies
        return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")


async def run_student(hub: Hub, student: Student, cells: int) -> None:
    """Open a kernel through the proxy and run ``cells`` cells of the lesson, back to back."""
    token = await hub.user_token(student.name)
    try:
        kernel = await Kernel.start(hub.url, student.name, token)
    except Exception as error:  # noqa: BLE001 - reported in the table, the others go on
        student.no_kernel = f"{type(error).__name__}: {error}"
        return
    try:
        student.kernel_start = await kernel.ready()
        for index in range(cells):
            try:
                reply = await kernel.execute(CELLS[index % len(CELLS)], timeout=60)
            except (TimeoutError, ConnectionError):
                student.lost += 1
                continue
            student.latencies.append(reply.seconds)
            student.errors += reply.status != "ok"
        student.kernel_rss, student.server_rss = memory_of(student.name)
    finally:
        await kernel.close()


def memory_of(name: str) -> tuple[int, int]:
    """RSS of the student's kernel and of their Jupyter server (found by their home folder)."""
    kernel = server = 0
    for proc in psutil.process_iter(["cmdline", "cwd", "memory_info"]):
        cmdline = " ".join(proc.info["cmdline"] or [])
        cwd = proc.info["cwd"] or ""
        if not cwd.endswith(f"/homes/{name}") or proc.info["memory_info"] is None:
            continue
        if "plotter_kernel" in cmdline:
            kernel += proc.info["memory_info"].rss
        elif "jupyterhub-singleuser" in cmdline:
            server += proc.info["memory_info"].rss
    return kernel, server


async def run_round(hub: Hub, size: int, cells: int) -> Round:
    students = [Student(f"student{i:02d}") for i in range(1, size + 1)]
    load_before = os.getloadavg()[0]
    start = time.perf_counter()
    await asyncio.gather(*(hub.start_server(s.name) for s in students))
    spawned = time.perf_counter() - start
    start = time.perf_counter()
    await asyncio.gather(*(run_student(hub, s, cells) for s in students))
    return Round(size, spawned, students, time.perf_counter() - start, load_before)


def report(result: Round, cells: int) -> None:
    mb = 2**20
    students = result.students
    opened = [s for s in students if not s.no_kernel] or students
    kernel_rss = [s.kernel_rss / mb for s in opened]
    server_rss = [s.server_rss / mb for s in opened]
    lost = sum(s.lost for s in students)
    firsts = [s.latencies[0] for s in students if s.latencies] or [float("nan")]
    memory = psutil.virtual_memory()
    rows = [
        ("students at once", f"{result.size}"),
        ("cells per student", f"{cells} ({len(CELLS)} kinds, 3 of them mistakes)"),
        ("cells answered", f"{len(result.latencies)} of {result.size * cells}"),
        ("replies lost", f"{lost}"),
        ("kernels that did not open", f"{sum(bool(s.no_kernel) for s in students)}"),
        ("servers started (all, concurrently)", f"{result.spawn_seconds:.1f} s"),
        ("kernel ready, median", f"{statistics.median(s.kernel_start for s in opened):.2f} s"),
        ("cell latency p50", f"{result.quantile(0.50) * 1000:.0f} ms"),
        ("cell latency p95", f"{result.quantile(0.95) * 1000:.0f} ms"),
        ("cell latency max", f"{max(result.latencies, default=float('nan')) * 1000:.0f} ms"),
        ("first cell of a kernel, median", f"{statistics.median(firsts) * 1000:.0f} ms"),
        ("cells per second, whole class", f"{len(result.latencies) / result.wall_seconds:.1f}"),
        ("kernel RSS per student, median", f"{statistics.median(kernel_rss):.0f} MB"),
        ("kernel RSS per student, max", f"{max(kernel_rss):.0f} MB"),
        ("server RSS per student, median", f"{statistics.median(server_rss):.0f} MB"),
        ("host memory total / used", f"{memory.total / mb:.0f} / {memory.used / mb:.0f} MB"),
        ("host CPUs, load average before", f"{os.cpu_count()}, {result.load_before:.1f}"),
    ]
    width = max(len(label) for label, _ in rows)
    print(f"\n| {'measure':<{width}} | value |\n|{'-' * (width + 2)}|-------|")
    for label, value in rows:
        print(f"| {label:<{width}} | {value} |")
    sys.stdout.flush()


def start_hub(state: Path, token: str) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "VIRTUAL_ENV"))}
    env |= {
        "PLOTTER_HUB_STATE": str(state),
        "PLOTTER_HUB_PORT": str(PORT),
        "PLOTTER_HUB_USER_PORTS": f"{USER_PORTS[0]}-{USER_PORTS[1]}",
        "PLOTTER_HUB_SERVICE_TOKEN": token,
        "PYTHON": sys.executable,
    }
    log = (state / "hub.log").open("wb")
    return subprocess.Popen(
        ["bash", "scripts/hub.sh"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


async def wait_for_hub(url: str, process: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError("scripts/hub.sh stopped; see its log")
        try:
            await fetch(f"{url}/hub/api", timeout=5)
            return
        except (OSError, RuntimeError):
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(1)


def next_size(tried: dict[int, float]) -> int | None:
    """The next class size to try: between the largest under the target and the smallest over."""
    good = [n for n, p95 in tried.items() if p95 < TARGET_P95]
    bad = [n for n, p95 in tried.items() if p95 >= TARGET_P95]
    low = max(good, default=0)
    high = min(bad, default=MAX_STUDENTS + 1)
    if high - low <= max(1, low // 5):  # close enough: within 20 %
        return None
    if not bad:
        return min(MAX_STUDENTS, low * 2)
    if not good:
        return max(1, high // 2)
    return (low + high) // 2


FORMATS = {
    "all": None,
    "no-png": ["image/svg+xml", "text/plain", "application/vnd.plotter.v2+json"],
}
"""``--formats``: the admin's ``output_formats`` for the run (``no-png`` is the Kubernetes
recipe's: kernels never load Matplotlib)."""
DROP_IN = ROOT / ".hub" / "env" / "venv" / "etc" / "jupyter" / "jupyter_server_config.d"


def set_formats(name: str) -> Path | None:
    """Write the run's formats as one more admin drop-in file of the hub's environment."""
    formats = FORMATS[name]
    if formats is None:
        return None
    DROP_IN.mkdir(parents=True, exist_ok=True)
    path = DROP_IN / "zz-hub-load-formats.json"
    path.write_text(json.dumps({"PlotterConfig": {"output_formats": formats}}))
    return path


async def main(args: argparse.Namespace) -> int:
    state = Path(tempfile.mkdtemp(prefix="plotter-hub-load-"))
    token = secrets.token_hex(16)
    hub = Hub(f"http://127.0.0.1:{PORT}", token)
    drop_in = set_formats(args.formats)
    process = start_hub(state, token)
    deadline = time.monotonic() + args.max_minutes * 60
    lost = 0
    try:
        await wait_for_hub(hub.url, process, timeout=900)
        tried: dict[int, float] = {}
        size: int | None = min(args.students, MAX_STUDENTS)
        while size is not None and time.monotonic() < deadline:
            print(f"\n== {size} students, {args.cells} cells each", flush=True)
            result = await asyncio.wait_for(
                run_round(hub, size, args.cells), deadline - time.monotonic()
            )
            report(result, args.cells)
            lost += sum(s.lost + bool(s.no_kernel) for s in result.students)
            for student in result.students:
                if student.no_kernel:
                    print(f"{student.name}: no kernel ({student.no_kernel})")
            tried[size] = result.quantile(0.95)
            size = next_size(tried) if args.search else None
        if args.search:
            good = [n for n, p95 in tried.items() if p95 < TARGET_P95]
            summary = ", ".join(f"{n}: {p * 1000:.0f} ms" for n, p in sorted(tried.items()))
            print(f"\np95 by class size: {summary}")
            print(f"largest class tried with p95 under {TARGET_P95:.0f} s: {max(good, default=0)}")
    finally:
        os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=120)
        if drop_in is not None:
            drop_in.unlink(missing_ok=True)
    return 1 if lost else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=20)
    parser.add_argument("--cells", type=int, default=30)
    parser.add_argument("--search", action="store_true", help="find the largest class size")
    parser.add_argument("--max-minutes", type=float, default=20)
    parser.add_argument("--formats", choices=sorted(FORMATS), default="all")
    sys.exit(asyncio.run(main(parser.parse_args())))
