"""Interrupt, time limit, restart and shutdown of a real Plotter kernel process."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import time

import pytest
from jupyter_client.manager import start_new_kernel

pytestmark = pytest.mark.slow

HANG = 60
"""Seconds after which a test fails as hung: a guard, never a measure of speed."""
# About a quarter of a second per line here: a minute or more, on any machine.
HEAVY = "\n".join(f"sin(x y) = cos(x) + {k / 100}" for k in range(200))


def start(**settings):
    """A kernel whose PlotterConfig is ``settings`` (as the server extension passes it)."""
    env = {**os.environ, "PLOTTER_CONFIG": json.dumps({"PlotterConfig": settings})}
    return start_new_kernel(kernel_name="plotter", env=env)


def reply_to(kc, msg_id: str, timeout: float = HANG) -> dict:
    """The shell reply to ``msg_id``, skipping any other reply still queued."""
    while True:
        try:
            msg = kc.get_shell_msg(timeout=timeout)
        except queue.Empty:
            pytest.fail(f"no reply within {timeout} s: the kernel hangs")
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg["content"]


def wait_busy(kc, msg_id: str) -> None:
    """Block until the kernel says it started working on ``msg_id``."""
    while True:
        msg = kc.get_iopub_msg(timeout=30)
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "execute_input":
            return


def value_of(kc, code: str) -> dict:
    return reply_to(kc, kc.execute(code))


@pytest.fixture
def kernel():
    km, kc = start(seconds_per_cell=120)
    yield km, kc
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def test_interrupt_stops_a_long_cell(kernel):
    km, kc = kernel
    value_of(kc, "k = 7")
    # Given a cell that would run for about a minute (not aborting the queue after it),
    msg_id = kc.execute(HEAVY, stop_on_error=False)
    wait_busy(kc, msg_id)
    time.sleep(0.5)  # let the evaluation get well under way
    # when the user interrupts,
    km.interrupt_kernel()
    content = reply_to(kc, msg_id)
    # then the cell stops with a KeyboardInterrupt (had it not, it would have run on to an
    # ok reply), and the session lives on.
    assert content["status"] == "error"
    assert content["ename"] == "KeyboardInterrupt"
    assert km.is_alive()
    assert value_of(kc, "k + 1")["status"] == "ok"


def test_time_limit_gives_resource_error():
    km, kc = start(seconds_per_cell=1)
    try:
        # A cell of about a minute at a one-second limit: stopped by the budget
        content = value_of(kc, HEAVY)
        assert content["status"] == "error"
        assert content["ename"] == "ResourceError"
        assert content["diagnostics"][0]["code"] == "time-limit"
        assert km.is_alive()
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def test_restart_forgets_definitions(kernel):
    km, kc = kernel
    assert value_of(kc, "f(x) = x + 1\nf(1)")["status"] == "ok"
    km.restart_kernel(now=True)
    kc.wait_for_ready(timeout=30)
    content = value_of(kc, "f(1)")
    assert content["status"] == "error"
    assert content["ename"] == "NameError"


@pytest.mark.parametrize("before", ["nothing", "a plot", "the warm-up"])
def test_shutdown_ends_the_process_promptly(before):
    # Five times over, since the shutdown races it guards against do not show every time:
    # the process must end by itself after shutdown_request, its reply sent first, with
    # exit code 0. "the warm-up": the request lands while the background warm-up imports
    # and draws (it starts half a second after kernel_info); a warm-up thread left inside
    # Matplotlib's C++ code when Python exits aborts the process (exit code -6).
    for attempt in range(5):
        km, kc = start()
        try:
            if before == "a plot":
                reply_to(kc, kc.execute("y = sin(x)"))
            elif before == "the warm-up":
                time.sleep(0.7 + 0.25 * attempt)  # spread over the warm-up, not a measure
            msg_id = kc.shutdown()
            reply = kc.get_control_msg(timeout=HANG)
            assert reply["parent_header"]["msg_id"] == msg_id
            assert reply["content"]["status"] == "ok"
            process = km.provisioner.process
            try:
                process.wait(timeout=HANG)
            except subprocess.TimeoutExpired:
                pytest.fail("the kernel did not exit after shutdown_request")
            assert process.returncode == 0
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
