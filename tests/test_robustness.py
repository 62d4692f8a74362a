"""Nothing a student types may crash, hang or escape the kernel: escapes and fuzzing."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from jupyter_client.manager import start_new_kernel

from plotter_kernel.budget import Budget
from plotter_kernel.cell import run_cell
from plotter_kernel.errors import ENAMES
from plotter_kernel.lang.session import Session
from plotter_kernel.limits import Limits

PROBE = Path("/tmp/plotter-escape-probe")

ESCAPES = [
    ('__import__("os").system("touch /tmp/plotter-escape-probe")', "SyntaxError"),
    ("__import__(os)", "NameError"),
    ('open("/tmp/plotter-escape-probe", "w")', None),
    ("x.__class__", None),
    ("().__class__.__bases__[0].__subclasses__()", None),
    ("import os", None),
    ('exec("open(1)")', None),
    ('eval("1")', None),
    ('getattr(x, "real")', None),
    ("lambda: 1", None),
    ("sin.__globals__", None),
    ("__builtins__", "NameError"),
    ("y = x; import os", None),
    ("10^10^10", "ResourceError"),
    ("factorial(10^6)", "ResourceError"),
    ("(" * 50_000 + "x" + ")" * 50_000, "ResourceError"),
    ("y = x\n" * 200_000, "ResourceError"),
    ("f(x) = f(x)", None),
    ("\x00", "SyntaxError"),
]

VALID_LINES = [
    "y = sin(x)",
    "f(x) = 3x^2 + 1",
    "a = 2.5",
    "sqrt(2) * pi",
    "x = y^2",
    "(0, 0), (pi, 0)",
    "x in [-2pi, 2pi]",
    "y = sqrt(x) for x in [0, 4]",
    "(cos(t), sin(t)) for t in [0, 2pi]",
    "r = 1 + cos(theta)",
    "x^2 + y^2 = 4",
    "y < sin(x)",
    "g(x, k) = k sin(x)",
    "3!",
    "log(2, 8)",
    "y = 2sin x cos x",
    "y = sin^2 x + |x - 1|",
    "y = √x + log_2 x",
    "y = 3x + 2 {0 < x < 5}",
    "y = {x < 0: -x, x}",
    "f'(2)",
    "y = d/dx x^3",
    "sum(n, 1, 10, 1/n^2)",
    "y = arcsinx",
]
TOKENS = [
    *VALID_LINES,
    "(",
    ")",
    "[",
    "]",
    ",",
    "=",
    "<",
    "^",
    "!",
    "x",
    "y",
    "t",
    "θ",
    "π",
    "1e308",
    " for ",
    " in ",
    "#",
    "\n",
    "f(",
    "|",
    "{",
    "}",
    ":",
    "'",
    "√",
    "_",
    "d/dx",
    "sum(",
    "sin",
    "²",
    "-",
    "*",
    "/",
    ".",
    "9" * 40,
    "é",
    "😀",
]


def _check_outcome(source: str) -> None:
    session = Session(Limits(seconds_per_cell=5))
    outcome = run_cell(session, source, Budget(5))
    lines = source.split("\n")
    for p in outcome.problems:
        assert p.ename in ENAMES
        assert 0 <= p.span.line < len(lines)
        assert 0 <= p.span.start <= p.span.end <= len(lines[p.span.line]) + 1
        assert p.message and "Traceback" not in p.message


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=25).map("".join))
@example("r = 1 + cos(theta)1e308")  # a polar curve near the largest double
def test_core_survives_token_soup(source: str) -> None:
    _check_outcome(source)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(VALID_LINES), st.integers(0, 40), st.text(max_size=3))
def test_core_survives_mutations(line: str, where: int, insert: str) -> None:
    where = min(where, len(line))
    _check_outcome(line[:where] + insert + line[where + 1 :])


@pytest.fixture(scope="module")
def kernel():
    km, kc = start_new_kernel(kernel_name="plotter")
    yield km, kc
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def execute(kc, code: str, timeout: float = 30) -> tuple[dict, list[dict]]:
    """Run ``code``; return the reply content and the iopub messages of that request."""
    msg_id = kc.execute(code)
    reply = kc.get_shell_msg(timeout=timeout)
    while reply["parent_header"].get("msg_id") != msg_id:  # e.g. a late kernel_info_reply
        reply = kc.get_shell_msg(timeout=timeout)
    outputs = []
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
        outputs.append(msg)
    return reply["content"], outputs


@pytest.mark.slow
@pytest.mark.parametrize(("code", "ename"), ESCAPES, ids=range(len(ESCAPES)))
def test_escape_attempt_gets_located_error_and_no_side_effect(kernel, code: str, ename: str | None):
    km, kc = kernel
    PROBE.unlink(missing_ok=True)
    content, outputs = execute(kc, code)
    # Then: a located error, in the language's own words, and nothing happened.
    assert content["status"] == "error"
    assert content["ename"] in ENAMES
    if ename:
        assert content["ename"] == ename
    assert content["diagnostics"], "every error is located"
    assert all(d["severity"] == 1 or d["severity"] == 2 for d in content["diagnostics"])
    text = "\n".join(content["traceback"])
    assert "Traceback (most recent call last)" not in text and 'File "' not in text
    assert not PROBE.exists()
    assert km.is_alive()
    content, outputs = execute(kc, "1 + 1")
    assert [
        m["content"]["data"]["text/plain"] for m in outputs if m["msg_type"] == "execute_result"
    ] == ["2"]


@pytest.mark.slow
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(TOKENS), max_size=15).map("".join))
def test_kernel_replies_to_anything_and_stays_alive(kernel, source: str) -> None:
    km, kc = kernel
    content, _ = execute(kc, source, timeout=20)
    assert content["status"] in ("ok", "error")
    assert km.is_alive()
