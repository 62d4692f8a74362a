"""A fresh Plotter kernel with PNG on and with PNG off (SVG only): first plot and memory.

Run: ``python benchmarks/first_plot.py`` (``--rounds 5``). For each round both kernels
are started fresh through jupyter_client, interleaved so machine noise hits both; each
runs its first plot the moment it is ready (timed to its first display, the picture
first, and to its reply), then nineteen more of every kind. Prints the medians side by
side and PNG off as a ratio of PNG on. With PNG off the SVG comes from
the NumPy-only writer and Matplotlib is never imported.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import time
from pathlib import Path

import psutil
from jupyter_client.manager import start_new_kernel

ROOT = Path(__file__).resolve().parent.parent
SCENE_MIME = "application/vnd.plotter.v2+json"
MODES = {
    "PNG on": ["image/png", "image/svg+xml", "text/plain", SCENE_MIME],
    "PNG off": ["image/svg+xml", "text/plain", SCENE_MIME],
}
KINDS = [
    "y = sin(x)\ny = x^2/10",
    "(1, 2), (3, -1), (-2, 0.5)",
    "x^2 + y^2 = 9",
    "y < x/4",
    "(cos(t), sin(2t)) for t in [0, 2pi]",
    "r = 1 + cos(theta)",
    "L = [1, 2, 2, 3, 3, 3, 4, 7]\nhistogram(L, 1)",
]
PLOTS = 20


def start(formats: list[str]):
    """A kernel of this checkout with these output formats."""
    path = os.pathsep.join([str(ROOT / "kernel"), str(ROOT), os.environ.get("PYTHONPATH", "")])
    config = json.dumps({"PlotterConfig": {"output_formats": formats}})
    env = {**os.environ, "PLOTTER_CONFIG": config, "PYTHONPATH": path}
    return start_new_kernel(kernel_name="plotter", env=env)


def run_cell(kc, code: str, timeout: float = 60) -> tuple[float, float]:
    """Seconds from sending ``code`` to its first display and to its reply (as the kernel
    dated them); fails unless it drew an SVG."""
    sent = time.time()
    msg_id = kc.execute(code, store_history=False)
    while True:
        reply = kc.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    first, drew = math.inf, False
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] in ("display_data", "update_display_data"):
            first = min(first, msg["header"]["date"].timestamp() - sent)
            drew = drew or "image/svg+xml" in msg["content"]["data"]
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
    if reply["content"]["status"] != "ok" or not drew:
        raise SystemExit(f"{code!r} drew no SVG: {reply['content']}")
    return first, reply["header"]["date"].timestamp() - sent


def rss_mb(km) -> float:
    """Resident memory of the kernel process, in MB."""
    return psutil.Process(km.provisioner.pid).memory_info().rss / 1e6


def one_round(formats: list[str]) -> dict[str, float]:
    """Start a kernel, time its first plot, draw up to ``PLOTS`` and read its memory."""
    t0 = time.perf_counter()
    km, kc = start(formats)
    ready = time.perf_counter() - t0
    try:
        picture, first = run_cell(kc, KINDS[0])
        for k in range(1, PLOTS):
            run_cell(kc, KINDS[k % len(KINDS)])
        return {
            "ready (s)": ready,
            "first plot: picture (s)": picture,
            "first plot: reply (s)": first,
            "launch to first reply (s)": ready + first,
            f"RSS after {PLOTS} plots (MB)": rss_mb(km),
        }
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="fresh kernels per mode")
    args = parser.parse_args()
    runs: dict[str, list[dict[str, float]]] = {mode: [] for mode in MODES}
    for _ in range(args.rounds):
        for mode, formats in MODES.items():
            runs[mode].append(one_round(formats))
    on, off = runs["PNG on"], runs["PNG off"]
    print(f"median of {args.rounds} fresh kernels each")
    print(f"{'':32} {'PNG on':>10} {'PNG off':>10} {'off/on':>8}")
    for key in on[0]:
        a = statistics.median(r[key] for r in on)
        b = statistics.median(r[key] for r in off)
        print(f"{key:32} {a:10.3f} {b:10.3f} {b / a:8.2f}")


if __name__ == "__main__":
    main()
