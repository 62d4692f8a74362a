"""The picture first (SPEC §12): a real kernel sends the scene, then PNG and SVG on the same
display id, and a notebook executed by nbclient keeps one output with the full bundle."""

from __future__ import annotations

import json
import os
from pathlib import Path

import nbformat
import pytest
from jupyter_client.manager import start_new_kernel
from nbclient import NotebookClient

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SCENE = "application/vnd.plotter.v2+json"
FULL = {"image/png", "image/svg+xml", "text/plain", SCENE}
HANG = 60
"""Seconds after which a test fails as hung: a guard, never a measure of speed."""


def this_checkout() -> str:
    """A PYTHONPATH that makes the kernel process run this checkout's code."""
    return os.pathsep.join([str(ROOT / "kernel"), str(ROOT), os.environ.get("PYTHONPATH", "")])


def test_a_fresh_kernel_sends_the_scene_first_then_the_pictures_then_the_reply() -> None:
    env = {**os.environ, "PYTHONPATH": this_checkout()}
    env.pop("PLOTTER_CONFIG", None)  # every format, PNG included
    km, kc = start_new_kernel(kernel_name="plotter", env=env)
    try:
        # Given a fresh kernel, when its first cell draws
        msg_id = kc.execute("y = sin(x)\n(1, 2)")
        reply = kc.get_shell_msg(timeout=HANG)
        assert reply["parent_header"]["msg_id"] == msg_id
        outputs = []
        while True:
            msg = kc.get_iopub_msg(timeout=HANG)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
            if msg["msg_type"] != "status" and msg["msg_type"] != "execute_input":
                outputs.append(msg)
        # then a display_data with the scene and its description goes out first,
        first, update = outputs
        assert first["msg_type"] == "display_data"
        assert set(first["content"]["data"]) == {"text/plain", SCENE}
        # and an update on the same display id carries the PNG, the SVG and the rest,
        assert update["msg_type"] == "update_display_data"
        display_id = first["content"]["transient"]["display_id"]
        assert update["content"]["transient"]["display_id"] == display_id
        assert set(update["content"]["data"]) == FULL
        assert update["content"]["metadata"]["image/png"] == {"width": 600, "height": 400}
        assert update["content"]["metadata"][SCENE] == {"display_id": display_id}
        # both before the reply.
        assert first["header"]["date"] <= update["header"]["date"] <= reply["header"]["date"]
        assert reply["content"]["status"] == "ok"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def test_nbclient_keeps_one_output_per_plot_with_the_full_bundle(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Given a notebook of two drawing cells and a calculation
    monkeypatch.setenv("PYTHONPATH", this_checkout())
    monkeypatch.delenv("PLOTTER_CONFIG", raising=False)
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "plotter", "display_name": "Graphing Calculator"}
    nb.cells = [
        nbformat.v4.new_code_cell("y = sin(x)"),
        nbformat.v4.new_code_cell("1 + 2"),
        nbformat.v4.new_code_cell("x^2 + y^2 = 4\n(1, 1)"),
    ]
    # When nbclient executes it (as nbconvert --execute does) and it is saved
    NotebookClient(nb, kernel_name="plotter", timeout=HANG).execute()
    path = tmp_path / "run.ipynb"
    nbformat.write(nb, path)
    saved = nbformat.read(path, as_version=4)
    nbformat.validate(saved)
    # Then each drawing cell holds one output with every format, the calculation its value
    for index in (0, 2):
        (output,) = saved.cells[index].outputs
        assert output.output_type == "display_data"
        assert set(output.data) == FULL
        assert output.metadata["image/png"] == {"width": 600, "height": 400}
        json.dumps(output.data[SCENE], allow_nan=False)
    (value,) = saved.cells[1].outputs
    assert value.output_type == "execute_result" and value.data["text/plain"] == "3"
