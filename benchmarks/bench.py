"""Plotter kernel against ipykernel + Matplotlib on the same plot, in one run, as ratios.

Run: ``python benchmarks/bench.py`` (``--cells 500`` for the memory-growth figure,
``--quick`` for a short smoke run). Both kernels are started through jupyter_client and
driven over ZeroMQ exactly as Jupyter does, interleaved so machine noise hits both.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

import psutil
from jupyter_client.manager import start_new_kernel

PLOTTER_CODE = "x in [-5, 5]\ny = sin(x)\ny = cos(x)\ny = x^2/10"
PYTHON_SETUP = "%matplotlib inline\nimport numpy as np\nimport matplotlib.pyplot as plt"
PYTHON_CODE = """\
_x = np.linspace(-5, 5, 600)
_fig, _ax = plt.subplots(figsize=(6, 4), dpi=100)
_ax.plot(_x, np.sin(_x), label="sin(x)")
_ax.plot(_x, np.cos(_x), label="cos(x)")
_ax.plot(_x, _x**2 / 10, label="x^2/10")
_ax.set_xlim(-5, 5)
_ax.legend()
plt.show()
"""


@dataclass
class Peer:
    """One kernel under test: its name, optional setup cell and the plot cell."""

    name: str
    kernel: str
    code: str
    setup: str = ""


PEERS = [
    Peer("plotter", "plotter", PLOTTER_CODE),
    Peer("ipykernel", "python3", PYTHON_CODE, PYTHON_SETUP),
]


def run_cell(kc, code: str, timeout: float = 60) -> tuple[float, bool]:
    """Execute ``code`` and wait for idle; return (seconds, whether an image came back)."""
    t0 = time.perf_counter()
    msg_id = kc.execute(code, store_history=False)
    got_image = False
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        shown = kind in ("display_data", "update_display_data")
        if shown and "image/png" in msg["content"]["data"]:
            got_image = True
        if kind == "status" and msg["content"]["execution_state"] == "idle":
            break
    while kc.get_shell_msg(timeout=timeout)["parent_header"].get("msg_id") != msg_id:
        pass  # e.g. a late kernel_info_reply
    return time.perf_counter() - t0, got_image


def cold_start(peer: Peer) -> tuple[float, float, object, object]:
    """Seconds to kernel_info_reply and to the first plot, plus the running kernel."""
    t0 = time.perf_counter()
    km, kc = start_new_kernel(kernel_name=peer.kernel)  # returns after kernel_info_reply
    ready = time.perf_counter() - t0
    if peer.setup:
        run_cell(kc, peer.setup)
    seconds, got_image = run_cell(kc, peer.code)
    if not got_image:
        raise SystemExit(f"{peer.name} did not return an image")
    first_plot = time.perf_counter() - t0
    return ready, first_plot, km, kc


def rss_mb(km) -> float:
    """Resident memory of the kernel process tree, in MB."""
    proc = psutil.Process(km.provisioner.pid)
    procs = [proc, *proc.children(recursive=True)]
    return sum(p.memory_info().rss for p in procs) / 1e6


def interleaved(fn: Callable[[Peer], float], rounds: int) -> dict[str, list[float]]:
    """Call ``fn`` on each peer in turn, ``rounds`` times."""
    out: dict[str, list[float]] = {p.name: [] for p in PEERS}
    for _ in range(rounds):
        for peer in PEERS:
            out[peer.name].append(fn(peer))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--starts", type=int, default=3, help="cold starts per kernel")
    parser.add_argument("--warm", type=int, default=20, help="warm plots per kernel")
    parser.add_argument("--cells", type=int, default=500, help="cells for memory growth")
    parser.add_argument("--quick", action="store_true", help="1 start, 5 warm plots, 50 cells")
    args = parser.parse_args()
    if args.quick:
        args.starts, args.warm, args.cells = 1, 5, 50

    ready: dict[str, list[float]] = {p.name: [] for p in PEERS}
    first: dict[str, list[float]] = {p.name: [] for p in PEERS}
    for _ in range(args.starts):
        for peer in PEERS:
            r, f, km, kc = cold_start(peer)
            ready[peer.name].append(r)
            first[peer.name].append(f)
            kc.stop_channels()
            km.shutdown_kernel(now=True)

    kernels = {}
    for peer in PEERS:
        _, _, km, kc = cold_start(peer)
        kernels[peer.name] = (km, kc)
    for peer in PEERS:  # warm up caches (fonts, imports) before measuring
        run_cell(kernels[peer.name][1], peer.code)
    warm = interleaved(lambda p: run_cell(kernels[p.name][1], p.code)[0], args.warm)
    time.sleep(1.0)
    idle = {p.name: rss_mb(kernels[p.name][0]) for p in PEERS}
    for _ in range(args.cells):
        for peer in PEERS:
            run_cell(kernels[peer.name][1], peer.code)
    time.sleep(1.0)
    after = {p.name: rss_mb(kernels[p.name][0]) for p in PEERS}
    for km, kc in kernels.values():
        kc.stop_channels()
        km.shutdown_kernel(now=True)

    med = statistics.median
    rows = [
        ("cold start to kernel_info_reply (s)", {k: med(v) for k, v in ready.items()}, 0.8),
        ("cold start to first plot (s)", {k: med(v) for k, v in first.items()}, None),
        ("warm plot round trip, median (ms)", {k: 1000 * med(v) for k, v in warm.items()}, 0.5),
        ("idle RSS after warm-up (MB)", idle, 1.0),
        (f"RSS growth over {args.cells} cells (MB)", {k: after[k] - idle[k] for k in idle}, None),
    ]
    print(f"{'figure':44} {'plotter':>10} {'ipykernel':>10} {'ratio':>7}  target")
    for name, vals, target in rows:
        p, i = vals["plotter"], vals["ipykernel"]
        ratio = f"{p / i:7.2f}" if i > 0 else "    n/a"
        goal = f"<= {target}" if target is not None else ""
        print(f"{name:44} {p:10.3f} {i:10.3f} {ratio}  {goal}")
    growth = after["plotter"] - idle["plotter"]
    print(f"plotter growth over {args.cells} cells: {growth:.1f} MB (target < 5 MB)")
    try:
        from plot_kinds import main as plot_kinds_main
    except ImportError:
        return
    print()
    plot_kinds_main()


if __name__ == "__main__":
    main()
