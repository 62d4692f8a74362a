"""The ``plotter.view`` comm's re-sample round trip, next to whole-cell round trips.

Run: ``python benchmarks/view_bench.py`` (``--rounds 50``). Starts a Plotter kernel and
an ipykernel through jupyter_client and drives both over ZeroMQ as Jupyter does:

- re-sample: a ``view`` request for the 3-curve cell of ``bench.py`` at 600x400 (a
  slightly shifted view each time, as a pan does), until its reply arrives;
- warm cell: running that cell again in the Plotter kernel (PNG, SVG, scene, text);
- ipykernel: the same picture drawn with Matplotlib inline at the same pixel size.

Targets: re-sample p95 under 30 ms; warm cell at most 0.5x ipykernel.
"""

from __future__ import annotations

import argparse
import statistics
import time
import uuid

from bench import PLOTTER_CODE, PYTHON_CODE, PYTHON_SETUP, run_cell
from jupyter_client.manager import start_new_kernel


def display_of(kc, code: str) -> str:
    """Run a drawing cell; the display id of its output."""
    msg_id = kc.execute(code, store_history=False)
    found = None
    while True:
        msg = kc.get_iopub_msg(timeout=60)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "display_data":
            found = msg["content"]["transient"]["display_id"]
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
    while kc.get_shell_msg(timeout=60)["parent_header"].get("msg_id") != msg_id:
        pass
    assert found is not None
    return found


def resample(kc, comm_id: str, display_id: str, seq: int) -> float:
    """Seconds from sending one view request to its reply with a scene."""
    shift = 0.01 * (seq % 50)
    data = {
        "request": "view",
        "seq": seq,
        "display_id": display_id,
        "view": {"x": [-5 + shift, 5 + shift], "y": None, "width": 600, "height": 400},
        "params": {},
    }
    msg = kc.session.msg("comm_msg", {"comm_id": comm_id, "data": data})
    t0 = time.perf_counter()
    kc.shell_channel.send(msg)
    while True:
        reply = kc.get_iopub_msg(timeout=30)
        if reply["msg_type"] != "comm_msg" or reply["content"]["comm_id"] != comm_id:
            continue
        if reply["content"]["data"].get("seq") == seq:
            assert "scene" in reply["content"]["data"], reply["content"]["data"]
            return time.perf_counter() - t0


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=50, help="measurements of each kind")
    args = parser.parse_args()

    km, kc = start_new_kernel(kernel_name="plotter")
    pkm, pkc = start_new_kernel(kernel_name="python3")
    try:
        run_cell(pkc, PYTHON_SETUP)
        comm_id = uuid.uuid4().hex
        kc.shell_channel.send(
            kc.session.msg(
                "comm_open", {"comm_id": comm_id, "target_name": "plotter.view", "data": {}}
            )
        )
        display_id = display_of(kc, PLOTTER_CODE)
        for seq in range(5):  # warm up both kernels and the view worker
            resample(kc, comm_id, display_id, seq)
            run_cell(kc, PLOTTER_CODE)
            run_cell(pkc, PYTHON_CODE)
        views, cells, python = [], [], []
        for seq in range(5, 5 + args.rounds):
            views.append(resample(kc, comm_id, display_id, seq))
            cells.append(run_cell(kc, PLOTTER_CODE)[0])
            python.append(run_cell(pkc, PYTHON_CODE)[0])
    finally:
        for manager, client in ((km, kc), (pkm, pkc)):
            client.stop_channels()
            manager.shutdown_kernel(now=True)

    ms = 1000.0
    rows = [
        ("comm re-sample 600x400", views),
        ("plotter warm cell", cells),
        ("ipykernel + matplotlib inline", python),
    ]
    print(f"{'round trip (ms)':32} {'median':>8} {'p95':>8}")
    for name, values in rows:
        print(f"{name:32} {ms * statistics.median(values):8.1f} {ms * p95(values):8.1f}")
    ratio = statistics.median(cells) / statistics.median(python)
    print(f"re-sample p95 {ms * p95(views):.1f} ms (target < 30 ms)")
    print(f"warm cell / ipykernel (medians) {ratio:.2f} (target <= 0.5)")


if __name__ == "__main__":
    main()
