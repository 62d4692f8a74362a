"""``check`` lines as a grader sees them (SPEC §11): the messages of one cell, through
``cell.execute`` as every transport sends them. The language itself (messages, spans,
tolerances) is in the ``check:`` cases of ``language/cases/language.json``."""

from __future__ import annotations

from typing import Any

from plotter_kernel.cell import Setup, execute
from plotter_kernel.lang.session import Session
from plotter_kernel.limits import Limits
from plotter_kernel.replay import Outputs


def _run(*cells: str) -> tuple[list[tuple[str, dict[str, Any]]], dict[str, Any]]:
    session = Session()
    for count, cell in enumerate(cells, start=1):
        done = execute(session, cell, Outputs(), Setup(Limits()), count=count)
    return done.messages, done.reply


def test_a_check_that_holds_prints_a_tick_and_the_reply_is_ok() -> None:
    messages, reply = _run("f(x) = 2x + 1", "check f(2) = 5\ncheck f = 2x + 1")
    # Then the cell prints its checks, draws nothing and succeeds
    assert messages == [
        (
            "execute_result",
            {
                "execution_count": 2,
                "data": {"text/plain": "✓ f(2) = 5\n✓ f = 2x + 1"},
                "metadata": {},
            },
        )
    ]
    assert reply["status"] == "ok"


def test_a_check_that_fails_is_an_error_graders_count() -> None:
    messages, reply = _run("f(x) = 2x", "check f(2) = 5\ncheck f(1) = 2")
    # Then the reply is an error (nbgrader, nbconvert --execute fail the cell) naming both sides
    assert reply["status"] == "error"
    assert reply["ename"] == "CheckError"
    assert reply["evalue"] == "Line 1: f(2) is 4, not 5"
    kinds = [kind for kind, _ in messages]
    assert kinds == ["execute_result", "error"]  # the other check still ran
    assert messages[0][1]["data"]["text/plain"] == "✓ f(1) = 2"
    error = messages[1][1]
    assert (error["ename"], error["evalue"]) == ("CheckError", "Line 1: f(2) is 4, not 5")
    ((diagnostic,),) = [reply["diagnostics"]]
    assert diagnostic["range"]["start"] == {"line": 0, "character": 6}
    assert diagnostic["code"] == "check-failed"


def test_a_check_reads_angles_in_degrees_after_degrees() -> None:
    messages, reply = _run("degrees\ncheck sin(30) = 0.5")
    assert reply["status"] == "ok"
    results = [c["data"]["text/plain"] for kind, c in messages if kind == "execute_result"]
    assert results == ["✓ sin(30) = 0.5"]


def test_checks_beside_calculations_say_what_they_are() -> None:
    messages, _ = _run("L = [1, 2]", "1 + 1\ncheck L > 0")
    assert messages[0][1]["data"]["text/plain"] == "1 + 1 = 2\n✓ L > 0"
