"""One cell as the messages any transport sends, without a kernel (``cell.execute``)."""

from __future__ import annotations

from plotter_kernel.cell import Setup, execute
from plotter_kernel.errors import WARNING, Problem, Span
from plotter_kernel.lang.session import Session
from plotter_kernel.limits import Limits
from plotter_kernel.render.display import SCENE_MIME
from plotter_kernel.replay import Outputs

CELL = "y = sin(x)\n2 + 3\ny = sqrt(-1 - x^2)\ny = nosuch(x)"
"""A curve, a value, a curve undefined everywhere (a warning) and an unknown name."""


def test_a_cell_answers_with_display_value_warning_and_error_in_order() -> None:
    outputs = Outputs()
    done = execute(Session(), CELL, outputs, Setup(Limits()), count=7)
    kinds = [kind for kind, _ in done.messages]
    assert kinds == ["display_data", "execute_result", "stream", "error"]
    display = done.messages[0][1]
    display_id = display["transient"]["display_id"]
    # The id is in the metadata too (the output model drops transient) and its program kept
    assert display["metadata"][SCENE_MIME] == {"display_id": display_id}
    assert set(display["data"]) == {"image/png", "image/svg+xml", "text/plain", SCENE_MIME}
    stored = outputs.get(display_id)
    assert stored is not None
    assert stored.y == tuple(display["data"][SCENE_MIME]["view"]["y"])
    assert done.messages[1][1] == {
        "execution_count": 7,
        "data": {"text/plain": "5"},
        "metadata": {},
    }
    assert "line 3" in done.messages[2][1]["text"]
    assert done.reply["status"] == "error"
    assert done.reply["execution_count"] == 7
    assert done.reply["ename"] == "NameError"
    # The saved error output holds only what nbformat allows; the reply has the underlines
    assert set(done.messages[3][1]) == {"ename", "evalue", "traceback"}
    assert [d["range"]["start"]["line"] for d in done.reply["diagnostics"]] == [2, 3]


def test_a_silent_cell_sends_nothing_and_stores_nothing() -> None:
    outputs = Outputs()
    done = execute(Session(), CELL, outputs, Setup(Limits()), count=1, silent=True)
    assert done.messages == []
    assert len(outputs) == 0
    assert done.reply["status"] == "error"


def test_only_the_allowed_formats_are_sent() -> None:
    setup = Setup(Limits(), (300, 200), ("text/plain",))
    done = execute(Session(), "y = x", Outputs(), setup, count=1)
    ((kind, content),) = done.messages
    assert kind == "display_data"
    assert list(content["data"]) == ["text/plain"]
    assert SCENE_MIME not in content["metadata"]


def test_notes_come_first_among_the_warnings() -> None:
    note = Problem("ValueError", "Plotter configuration: bad", Span(0, 0, 0), "bad-config", WARNING)
    done = execute(Session(), "1 + 1", Outputs(), Setup(Limits()), count=1, notes=[note])
    assert [kind for kind, _ in done.messages] == ["execute_result", "stream"]
    assert done.reply["diagnostics"][0]["code"] == "bad-config"
