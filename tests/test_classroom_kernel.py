"""Classroom hardening of a real kernel process: what a student can type or send.

Malformed requests, leaks to stderr, control characters and huge echoes, and the time and
size limits over the whole cell (SPEC §5 limits, §8).
"""

from __future__ import annotations

import json
import os
import queue
from typing import Any

import pytest
from jupyter_client.manager import start_new_kernel

pytestmark = pytest.mark.slow

LIMIT = 4.0
"""seconds_per_cell of the shared kernel: short, so over-long cells show quickly."""
HANG = 60.0
"""Seconds after which a test fails as hung: a guard, never a measure of speed."""


def start(**settings: Any) -> tuple[Any, Any]:
    env = {**os.environ, "PLOTTER_CONFIG": json.dumps({"PlotterConfig": settings})}
    return start_new_kernel(kernel_name="plotter", env=env)


@pytest.fixture(scope="module")
def kernel() -> Any:
    km, kc = start(seconds_per_cell=LIMIT)
    yield km, kc
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def send(kc: Any, content: dict[str, Any]) -> str:
    """Send an ``execute_request`` with exactly this content (a client would not)."""
    msg = kc.session.msg("execute_request", content)
    kc.shell_channel.send(msg)
    return str(msg["header"]["msg_id"])


def answer(kc: Any, msg_id: str, timeout: float = HANG) -> tuple[dict[str, Any], list[dict]]:
    """The reply content and the iopub messages of one request, up to its idle status."""
    try:
        while True:
            reply = kc.get_shell_msg(timeout=timeout)
            if reply["parent_header"].get("msg_id") == msg_id:
                break
    except queue.Empty:
        pytest.fail(f"no reply within {timeout} s: the kernel hangs")
    outputs = []
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return reply["content"], outputs
        outputs.append(msg)


def run(kc: Any, code: str) -> tuple[dict[str, Any], list[dict]]:
    return answer(kc, kc.execute(code, stop_on_error=False))


def printed(outputs: list[dict]) -> list[str]:
    return [
        m["content"]["data"]["text/plain"] for m in outputs if m["msg_type"] == "execute_result"
    ]


def stderr_text(outputs: list[dict]) -> str:
    return "".join(
        m["content"]["text"]
        for m in outputs
        if m["msg_type"] == "stream" and m["content"]["name"] == "stderr"
    )


def display_bytes(outputs: list[dict]) -> int:
    """Size of the displayed outputs as JSON, each as its last update left it."""
    last: dict[str, dict] = {}
    for m in outputs:
        if m["msg_type"] in ("display_data", "update_display_data"):
            last[m["content"].get("transient", {}).get("display_id", str(len(last)))] = m
    return sum(len(json.dumps(m["content"]["data"])) for m in last.values())


# -- malformed requests -----------------------------------------------------------------------


@pytest.mark.parametrize("code", [None, 123, ["y = x"], {"a": 1}])
def test_code_that_is_not_text_gets_an_error_reply(kernel: Any, code: Any) -> None:
    km, kc = kernel
    content, _ = answer(kc, send(kc, {"code": code, "silent": False}))
    assert content["status"] == "error"
    assert "Traceback" not in json.dumps(content)
    assert km.is_alive()
    assert printed(run(kc, "1 + 1")[1]) == ["2"]


def test_request_without_code_gets_an_error_reply(kernel: Any) -> None:
    km, kc = kernel
    content, _ = answer(kc, send(kc, {"silent": False}))
    assert content["status"] == "error"
    assert km.is_alive()


# -- nothing leaks ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "code", ["x in [0, 5e-324]\ny = x", "x in [-1e300, 1e300]\ny < x", "y in [0, 5e-324]\nx = y"]
)
def test_numpy_warnings_never_reach_stderr(kernel: Any, code: str) -> None:
    _, kc = kernel
    _, outputs = run(kc, code)
    text = stderr_text(outputs)
    assert "Warning:" not in text.replace("Warning: line", "")
    assert ".py" not in text and "numpy" not in text


def test_control_characters_are_escaped_in_tracebacks(kernel: Any) -> None:
    _, kc = kernel
    content, outputs = run(kc, "y = sin(x) \x1b[2J +")
    assert content["status"] == "error"
    shown = "\n".join(content["traceback"]) + content["evalue"]
    assert "\x1b[2J" not in shown
    assert "\\x1b[2J" in "\n".join(content["traceback"])
    for msg in outputs:
        assert "\x1b[2J" not in json.dumps(msg["content"], ensure_ascii=False)


def test_a_huge_one_line_cell_is_echoed_as_a_short_excerpt(kernel: Any) -> None:
    _, kc = kernel
    code = "1+" * 2_500_000 + "1"
    content, outputs = run(kc, code)
    assert content["status"] == "error"
    assert content["ename"] == "ResourceError"
    assert len(json.dumps(content["traceback"])) < 2000
    assert len(content["evalue"]) < 300
    errors = [m for m in outputs if m["msg_type"] == "error"]
    assert errors and len(json.dumps(errors[0]["content"]["traceback"])) < 2000


# -- the time limit covers the whole cell -----------------------------------------------------

SLOW_CELLS = {
    "two fine regions": "sin(50x) sin(50y) > 0\nsin(37x) cos(41y) <= 0",
    "9999 lines": "\n".join(["x"] * 9999),
    "factorials per grid point": "y < " + "+".join(["x!"] * 640),
    "implicit with factorials": " + ".join(["x!"] * 300) + " = y",
}


@pytest.mark.parametrize("code", SLOW_CELLS.values(), ids=SLOW_CELLS.keys())
def test_every_slow_cell_is_stopped_by_its_budget(kernel: Any, code: str) -> None:
    # Given a cell far over the limit: the budget stops it (the seconds it takes are
    # benchmarks/limits_under_load.py's to measure, not a test's on a shared machine)
    km, kc = kernel
    content, outputs = run(kc, code)
    assert content["ename"] == "ResourceError"
    assert "time-limit" in [d["code"] for d in content["diagnostics"]]
    assert display_bytes(outputs) <= 5_000_000
    assert km.is_alive()
    assert printed(run(kc, "2 + 2")[1]) == ["4"]


def test_output_stays_under_max_output_bytes_with_a_warning() -> None:
    km, kc = start(seconds_per_cell=30, max_output_bytes=1_000_000)
    try:
        content, outputs = run(kc, "sin(50x) sin(50y) > 0")
        displays = [m for m in outputs if m["msg_type"] == "display_data"]
        updates = [m for m in outputs if m["msg_type"] == "update_display_data"]
        assert len(displays) == len(updates) == 1
        assert "image/png" in updates[0]["content"]["data"]
        assert all(len(json.dumps(m["content"]["data"])) <= 1_000_000 for m in displays + updates)
        assert display_bytes(outputs) <= 1_000_000
        codes = {d["code"] for d in content["diagnostics"] if d["severity"] == 2}
        assert "output-too-big" in codes
        assert "Warning: line 1" in stderr_text(outputs)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
