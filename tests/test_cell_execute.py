"""One cell as the messages any transport sends, without a kernel (``cell.execute``)."""

from __future__ import annotations

from typing import Any

import pytest

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
    assert kinds == ["display_data", "update_display_data", "execute_result", "stream", "error"]
    display, update = done.messages[0][1], done.messages[1][1]
    display_id = display["transient"]["display_id"]
    # The picture first: the scene and its description, then the full bundle on the same id
    assert set(display["data"]) == {"text/plain", SCENE_MIME}
    assert update["transient"]["display_id"] == display_id
    assert set(update["data"]) == {"image/png", "image/svg+xml", "text/plain", SCENE_MIME}
    assert update["data"][SCENE_MIME] == display["data"][SCENE_MIME]
    # The id is in the metadata too (the output model drops transient) and its program kept
    assert display["metadata"][SCENE_MIME] == {"display_id": display_id}
    assert update["metadata"][SCENE_MIME] == {"display_id": display_id}
    assert update["metadata"]["image/png"] == {"width": 600, "height": 400}
    stored = outputs.get(display_id)
    assert stored is not None
    assert stored.y == tuple(display["data"][SCENE_MIME]["view"]["y"])
    assert done.messages[2][1] == {
        "execution_count": 7,
        "data": {"text/plain": "5"},
        "metadata": {},
    }
    assert "line 3" in done.messages[3][1]["text"]
    assert done.reply["status"] == "error"
    assert done.reply["execution_count"] == 7
    assert done.reply["ename"] == "NameError"
    # The saved error output holds only what nbformat allows; the reply has the underlines
    assert set(done.messages[4][1]) == {"ename", "evalue", "traceback"}
    assert [d["range"]["start"]["line"] for d in done.reply["diagnostics"]] == [2, 3]


def test_the_picture_first_goes_out_through_send_before_the_pictures_are_drawn(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Given a transport that sends at once, and a cell that draws with PNG among its formats
    import plotter_kernel.render.render as matplotlib_render

    drawn: list[object] = []
    draw = matplotlib_render.render

    def counted(*args: Any, **kwargs: Any) -> Any:
        drawn.append(args)
        return draw(*args, **kwargs)

    monkeypatch.setattr(matplotlib_render, "render", counted)
    sent: list[tuple[str, dict]] = []
    drawn_when_sent: list[int] = []

    def send(message: tuple[str, dict]) -> None:
        sent.append(message)
        drawn_when_sent.append(len(drawn))

    done = execute(Session(), "y = x", Outputs(), Setup(Limits()), count=1, send=send)
    # Then the scene went out through it before any picture was drawn,
    [(kind, first)] = sent
    assert kind == "display_data" and set(first["data"]) == {"text/plain", SCENE_MIME}
    assert drawn_when_sent == [0] and len(drawn) == 1
    # and the cell's messages hold only the update with the pictures, on the same id
    assert [k for k, _ in done.messages] == ["update_display_data"]
    assert done.messages[0][1]["transient"] == first["transient"]
    assert "image/png" in done.messages[0][1]["data"]


def test_without_png_one_display_carries_everything() -> None:
    setup = Setup(Limits(), formats=("image/svg+xml", "text/plain", SCENE_MIME))
    sent: list = []
    done = execute(Session(), "y = x", Outputs(), setup, count=1, send=sent.append)
    assert sent == []
    [(kind, content)] = done.messages
    assert kind == "display_data"
    assert set(content["data"]) == {"image/svg+xml", "text/plain", SCENE_MIME}
    assert content["data"]["image/svg+xml"].startswith("<svg")


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
