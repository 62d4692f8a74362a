"""The view worker in one process: which requests supersede which, and when one stops."""

from __future__ import annotations

import json
import logging
import threading
from typing import Any

import pytest

from plotter_kernel.budget import Budget
from plotter_kernel.cell import run_cell
from plotter_kernel.lang.session import Session
from plotter_kernel.limits import Limits
from plotter_kernel.replay import Outputs, Stored
from plotter_kernel.shell.viewcomm import ViewWorker, guarded

HANG = 60
"""Seconds after which a test fails as hung: a guard, never a measure of speed."""
SLOW = {"view": {"x": [-10, 10], "width": 4000}, "params": {"n": 10000}}


class GatedOutputs(Outputs):
    """Outputs whose first look-up waits for the test: that request is surely running."""

    def __init__(self) -> None:
        super().__init__()
        self.started = threading.Event()
        self.release = threading.Event()
        self._first = True

    def get(self, display_id: str) -> Stored | None:
        if self._first:
            self._first = False
            self.started.set()
            assert self.release.wait(HANG), "the test never released the request"
        return super().get(display_id)


class Replies:
    """What the worker sent, by seq."""

    def __init__(self) -> None:
        self.by_seq: dict[int, dict[str, Any]] = {}
        self.order: list[int] = []
        self._arrived = threading.Condition()

    def send(self, reply: dict[str, Any], _to: dict[str, Any]) -> None:
        with self._arrived:
            self.by_seq[reply["seq"]] = reply
            self.order.append(reply["seq"])
            self._arrived.notify_all()

    def wait(self, count: int, timeout: float = HANG) -> dict[int, dict[str, Any]]:
        with self._arrived:
            arrived = self._arrived.wait_for(lambda: len(self.by_seq) >= count, timeout)
            assert arrived, f"{len(self.by_seq)} of {count} replies came: the worker stopped"
            return dict(self.by_seq)


def worker(patience: float) -> tuple[ViewWorker, GatedOutputs, Replies]:
    outputs = GatedOutputs()
    outcome = run_cell(Session(), "n = 1\ny = sum(k, 1, n, sin(k x)/k)", Budget(30))
    assert outcome.scene is not None
    lines = ["n = 1", "y = sum(k, 1, n, sin(k x)/k)"]
    outputs.add("d", Stored(outcome.scene["program"], lines, (600, 400)))
    replies = Replies()
    log = logging.getLogger("test")
    return ViewWorker(outputs, Limits(), replies.send, log, patience), outputs, replies


def request(seq: int, kind: str = "view", **fields: Any) -> dict[str, Any]:
    return {"request": kind, "seq": seq, "display_id": "d", **fields}


def test_a_running_request_that_ends_soon_is_answered_though_a_newer_one_came() -> None:
    # Given a request running when a newer one for the same plot arrives
    views, outputs, replies = worker(patience=30)
    views.submit(request(1), {})
    assert outputs.started.wait(HANG), "the worker never started the request"
    views.submit(request(2, params={"n": 2}), {})
    outputs.release.set()
    # Then both are drawn, in order: a drag shows the answers on the way
    found = replies.wait(2)
    assert "scene" in found[1] and "scene" in found[2]
    assert replies.order == [1, 2]


def test_a_stale_request_that_runs_long_stops() -> None:
    # Given a slow request running when a newer one arrives, and no patience left
    views, outputs, replies = worker(patience=0)
    views.submit(request(1, **SLOW), {})
    assert outputs.started.wait(HANG), "the worker never started the request"
    views.submit(request(2, params={"n": 2}), {})
    outputs.release.set()
    # Then the slow one gives up (left to run, it would be answered with a scene at its
    # time limit) and the newer one is drawn
    found = replies.wait(2)
    assert found[1] == {"seq": 1, "superseded": True}
    assert "scene" in found[2]


def test_only_the_latest_waiting_request_of_a_kind_is_answered() -> None:
    views, outputs, replies = worker(patience=30)
    views.submit(request(1), {})
    assert outputs.started.wait(HANG), "the worker never started the request"
    # While 1 runs: a view, a features request, then another view of the same plot
    views.submit(request(2), {})
    views.submit(request(3, "features"), {})
    views.submit(request(4), {})
    # The waiting view 2 is dropped at once for view 4; features are a kind of their own
    assert replies.wait(1) == {2: {"seq": 2, "superseded": True}}
    outputs.release.set()
    found = replies.wait(4)
    assert "scene" in found[1] and "scene" in found[4]
    assert "features" in found[3]


class StrictReplies(Replies):
    """Replies packed as the kernel packs them (strict JSON), the first ``broken`` failing."""

    def __init__(self, broken: int = 0) -> None:
        super().__init__()
        self.broken = broken

    def send(self, reply: dict[str, Any], to: dict[str, Any]) -> None:
        json.dumps(reply, allow_nan=False)
        if self.broken:
            self.broken -= 1
            raise OSError("the socket is gone")
        super().send(reply, to)


def plain_worker(replies: Replies) -> ViewWorker:
    outputs = Outputs()
    outcome = run_cell(Session(), "y = x", Budget(30))
    assert outcome.scene is not None
    outputs.add("d", Stored(outcome.scene["program"], ["y = x"], (600, 400)))
    return ViewWorker(outputs, Limits(), replies.send, logging.getLogger("test"))


def wait_for(replies: Replies, seq: object, timeout: float = HANG) -> dict[str, Any]:
    """The reply with this seq; fails clearly when the worker never sends it."""
    with replies._arrived:
        arrived = replies._arrived.wait_for(lambda: seq in replies.by_seq, timeout)
        assert arrived, f"no reply to seq {seq!r}: the worker stopped answering"
        return replies.by_seq[seq]  # type: ignore[index]


@pytest.mark.parametrize(
    "data",
    [
        {**request(1), "seq": float("inf")},
        {**request(1), "seq": float("nan")},
        {**request(1), "seq": 10**400},
        {**request(1), "seq": "s" * 4_000_000},
        request(1, view={"width": 10**400}),
        request(1, params={"a": 10**400}),
        request(1, view={"x": [float("-inf"), 0]}),
        None,
        [1, 2],
        "view",
    ],
    ids=[
        "inf",
        "nan",
        "huge int",
        "4 MB",
        "huge width",
        "huge param",
        "-inf x",
        "null",
        "list",
        "text",
    ],
)
def test_the_worker_answers_a_malformed_request_and_the_next_one(data: Any) -> None:
    # Given a worker whose replies are packed strictly, as the kernel packs them
    replies = StrictReplies()
    views = plain_worker(replies)
    # When a malformed request comes, then a valid one
    views.submit(data, {})
    views.submit(request(2, "features"), {})
    # Then the malformed one is refused under seq null or its own, and the next is answered
    refusal = next(iter(replies.wait(1).values()))
    assert refusal["seq"] in (None, 1)
    assert [d["code"] for d in refusal["diagnostics"]] == ["bad-request"]
    assert len(json.dumps(refusal)) < 1000
    assert "features" in wait_for(replies, 2)


def test_a_reply_that_cannot_be_sent_does_not_end_the_worker() -> None:
    # Given a transport that fails on the first two sends (the answer and its fallback)
    replies = StrictReplies(broken=2)
    views = plain_worker(replies)
    views.submit(request(1), {})
    views.submit(request(2, "features"), {})
    # Then the next request is still answered
    assert "features" in wait_for(replies, 2)


def test_a_failure_of_ours_is_answered_and_the_worker_goes_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import plotter_kernel.replay

    real = plotter_kernel.replay.answer
    calls = []

    def broken_once(*args: Any) -> dict[str, Any]:
        calls.append(args)
        if len(calls) == 1:
            raise RuntimeError("a bug")
        return real(*args)

    monkeypatch.setattr(plotter_kernel.replay, "answer", broken_once)
    replies = StrictReplies()
    views = plain_worker(replies)
    views.submit(request(1), {})
    views.submit(request(2, "features"), {})
    assert [d["code"] for d in wait_for(replies, 1)["diagnostics"]] == ["internal"]
    assert "features" in wait_for(replies, 2)


@pytest.mark.parametrize(
    ("msg_type", "content"),
    [
        ("comm_open", {"target_name": "plotter.view"}),
        ("comm_open", {"comm_id": "c"}),
        ("comm_open", {"comm_id": ["c"], "target_name": "plotter.view"}),
        ("comm_msg", {"data": {}}),
        ("comm_msg", {"comm_id": {}, "data": {}}),
        ("comm_msg", [1, 2]),
        ("comm_close", None),
        ("comm_close", "c"),
    ],
)
def test_comm_messages_without_ids_never_reach_the_manager(msg_type: str, content: Any) -> None:
    reached = []
    handle = guarded(msg_type, lambda *args: reached.append(args), logging.getLogger("test"))
    handle(None, [], {"content": content})
    assert reached == []


def test_well_formed_comm_messages_reach_the_manager() -> None:
    reached = []
    for msg_type, content in [
        ("comm_open", {"comm_id": "c", "target_name": "plotter.view"}),
        ("comm_msg", {"comm_id": "c"}),
        ("comm_close", {"comm_id": "c"}),
    ]:
        handle = guarded(msg_type, lambda *args: reached.append(args), logging.getLogger("test"))
        handle(None, [], {"content": content})
    assert len(reached) == 3
