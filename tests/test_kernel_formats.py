"""A real kernel whose admin left PNG out of the output formats never loads Matplotlib."""

from __future__ import annotations

import json
import os
import queue
import time
from pathlib import Path

import pytest
from jupyter_client.manager import start_new_kernel

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SCENE_MIME = "application/vnd.plotter.v2+json"
NO_PNG = ["image/svg+xml", "text/plain", SCENE_MIME]
CELLS = [
    "y = sin(x)",
    "y = tan(x)\ny = x^2/4 - 3",
    "f(x) = x^3 - x\ny = f(x)\ny = f'(x)",
    "y = a x + 1\na = 2",
    "x = y^2 - 2",
    "(1, 2), (3, -1), (-2, 0.5)",
    "[(k, k^2) for k = [1...4]]",
    "x^2 + y^2 = 9",
    "sin(x y) = 0.5",
    "x^2/9 + y^2/4 = 1\ny = x",
    "y < x/4",
    "x^2 + y^2 <= 4",
    "y >= x^2 - 2\ny <= 2",
    "(cos(t), sin(2t)) for t in [0, 2pi]",
    "(t cos(t), t sin(t)) for t in [0, 6pi]",
    "r = 1 + cos(theta)",
    "r = sin(4 theta)",
    "L = [1, 2, 2, 3, 3, 3, 4, 7]\nhistogram(L, 1)",
    "M = [2, 4, 4, 5, 9]\nboxplot(M)",
    "y = e^x\nx in [-2pi, 2pi]\n(0, 1)",
]
HANG = 60
"""Seconds after which a test fails as hung: a guard, never a measure of speed."""


def start(formats: list[str]):
    """A kernel of this checkout whose admin set ``output_formats``."""
    settings = {"PlotterConfig": {"output_formats": formats}}
    path = os.pathsep.join([str(ROOT / "kernel"), str(ROOT), os.environ.get("PYTHONPATH", "")])
    env = {**os.environ, "PLOTTER_CONFIG": json.dumps(settings), "PYTHONPATH": path}
    return start_new_kernel(kernel_name="plotter", env=env)


def run(kc, code: str) -> tuple[dict, list[dict]]:
    """The reply to ``code`` and the IOPub messages it caused, up to its idle status."""
    msg_id = kc.execute(code)
    reply = kc.get_shell_msg(timeout=HANG)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=HANG)
    messages = []
    while True:
        try:
            msg = kc.get_iopub_msg(timeout=HANG)
        except queue.Empty:
            pytest.fail("no idle status: the kernel hangs")
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return reply["content"], messages
        messages.append(msg)


def matplotlib_libraries(pid: int) -> set[str]:
    """Matplotlib's compiled modules mapped into the process (``_path``, ``ft2font``, ...)."""
    maps = Path(f"/proc/{pid}/maps").read_text()
    return {
        line.split()[-1].rsplit("/", 1)[-1]
        for line in maps.splitlines()
        if "matplotlib" in line and ".so" in line
    }


def pid_of(km) -> int:
    process = getattr(km.provisioner, "process", None)
    return process.pid if process is not None else km.kernel.pid


@pytest.mark.parametrize("png", [False, True], ids=["png-off", "png-on"])
def test_matplotlib_is_loaded_only_for_png(png: bool) -> None:
    # Given a fresh kernel whose admin left PNG out (or, as a control, kept it)
    km, kc = start(["image/png", *NO_PNG] if png else NO_PNG)
    try:
        # When it runs twenty drawing cells of every kind
        for code in CELLS:
            content, messages = run(kc, code)
            assert content["status"] == "ok", (code, content)
            displays = [m for m in messages if m["msg_type"] == "display_data"]
            updates = [m for m in messages if m["msg_type"] == "update_display_data"]
            # (with PNG the scene goes out first and the pictures follow as an update)
            assert len(displays) == 1 and len(updates) == int(png), code
            data = (updates or displays)[0]["content"]["data"]
            # then every output carries its SVG, and a PNG only when PNG is on,
            assert "image/svg+xml" in data and SCENE_MIME in data, code
            assert ("image/png" in data) is png, code
            assert "<svg" in data["image/svg+xml"], code
        time.sleep(1)  # past the warm-up's start, had there been one
        # and Matplotlib's libraries are in the process only when PNG is on.
        loaded = matplotlib_libraries(pid_of(km))
        if png:
            assert any(name.startswith(("_path", "ft2font")) for name in loaded), loaded
        else:
            assert loaded == set()
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
