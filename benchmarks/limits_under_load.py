"""Seconds until a cell or view request that runs into ``seconds_per_cell`` is answered.

Run: ``python benchmarks/limits_under_load.py`` (``--burn 2`` first starts two busy
loops, as other users of a shared machine would be; ``--limit 10``; ``--rounds 2``).
SPEC §5 wants every answer within ``seconds_per_cell`` + 1 s; each row gives the slowest
round, the output's size and whether it kept within the bound.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import uuid
from typing import Any

from jupyter_client.manager import start_new_kernel

CELLS = {
    "9999 lines of x": "\n".join(["x"] * 9999),
    "3000 lines of x": "\n".join(["x"] * 3000),
    "1500 lines of x": "\n".join(["x"] * 1500),
    "two fine regions": "sin(50x) sin(50y) > 0\nsin(37x) cos(41y) <= 0",
    "640 x! per grid point": "y < " + "+".join(["x!"] * 640),
    "implicit with factorials": " + ".join(["x!"] * 300) + " = y",
}
VIEWS = {
    "view: sum of 10^4 sines at 4000 px": (
        "n = 1\ny = sum(k, 1, n, sin(k x)/k)",
        {"view": {"x": [-10, 10], "width": 4000}, "params": {"n": 10000}},
    ),
    "view: 2000 lines of x": ("\n".join(["x"] * 2000), {"view": {"x": [-5, 5]}}),
}


def cell(kc: Any, code: str) -> tuple[float, int, str | None]:
    """Seconds to the ``execute_reply``, the display's bytes and its display id."""
    msg_id = kc.execute(code, stop_on_error=False)
    t0 = time.monotonic()
    while kc.get_shell_msg(timeout=300)["parent_header"].get("msg_id") != msg_id:
        pass
    seconds = time.monotonic() - t0
    size, display_id = 0, None
    while True:
        msg = kc.get_iopub_msg(timeout=60)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] in ("display_data", "update_display_data"):
            size = len(json.dumps(msg["content"]["data"]))  # the update replaces the output
            display_id = msg["content"]["transient"]["display_id"]
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return seconds, size, display_id


def view(kc: Any, comm_id: str, display_id: str, seq: int, fields: dict) -> tuple[float, int]:
    """Seconds to the reply of one view request, and the reply's bytes."""
    data = {"request": "view", "seq": seq, "display_id": display_id, **fields}
    msg = kc.session.msg("comm_msg", {"comm_id": comm_id, "data": data})
    t0 = time.monotonic()
    kc.shell_channel.send(msg)
    while True:
        reply = kc.get_iopub_msg(timeout=300)
        if reply["msg_type"] == "comm_msg" and reply["content"]["data"].get("seq") == seq:
            return time.monotonic() - t0, len(json.dumps(reply["content"]["data"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--burn", type=int, default=0, help="busy loops to run meanwhile")
    parser.add_argument("--limit", type=float, default=10.0, help="seconds_per_cell")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    burners = [
        subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(args.burn)
    ]
    config = {"PlotterConfig": {"seconds_per_cell": args.limit}}
    env = {**os.environ, "PLOTTER_CONFIG": json.dumps(config)}
    km, kc = start_new_kernel(kernel_name="plotter", env=env)
    rows = []
    try:
        comm_id = uuid.uuid4().hex
        target = {"comm_id": comm_id, "target_name": "plotter.view", "data": {}}
        kc.shell_channel.send(kc.session.msg("comm_open", target))
        cell(kc, "y = sin(x)")  # the warm-up has loaded Matplotlib
        for label, code in CELLS.items():
            runs = [cell(kc, code) for _ in range(args.rounds)]
            rows.append((label, max(r[0] for r in runs), max(r[1] for r in runs)))
        seq = 0
        for label, (code, fields) in VIEWS.items():
            _, _, display_id = cell(kc, code)
            if display_id is None:
                rows.append((label + " (no plot to view)", 0.0, 0))
                continue
            answers = []
            for _ in range(args.rounds):
                seq += 1
                answers.append(view(kc, comm_id, display_id, seq, fields))
            rows.append((label, max(a[0] for a in answers), max(a[1] for a in answers)))
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        for burner in burners:
            burner.kill()
            burner.wait()
    bound = args.limit + 1
    print(f"seconds_per_cell {args.limit:g}, {args.burn} busy loops, {args.rounds} rounds each")
    print(f"| {'case':<36} | slowest s | MB   | within {bound:g} s")
    for label, seconds, size in rows:
        within = "yes" if seconds <= bound else "NO"
        print(f"| {label:<36} | {seconds:9.2f} | {size / 1e6:4.2f} | {within}")


if __name__ == "__main__":
    main()
