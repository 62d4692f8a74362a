"""The ``plotter.view`` comm over a real kernel process (SPEC §5)."""

from __future__ import annotations

import json
import math
import os
import queue
import uuid
from pathlib import Path
from typing import Any

import pytest
from jupyter_client.manager import start_new_kernel
from scene_schema import check_scene

from plotter_kernel.protocol import SCENE_MIME as SCENE

pytestmark = pytest.mark.slow

HANG = 60
"""Seconds after which a test fails as hung: a guard, never a measure of speed."""


class Client:
    """A frontend's side of the comm: runs cells and sends view requests."""

    def __init__(self, kc: Any) -> None:
        self.kc = kc
        self.comm_id = uuid.uuid4().hex
        self.seq = 0
        self.send("comm_open", {"comm_id": self.comm_id, "target_name": "plotter.view", "data": {}})

    def send(self, msg_type: str, content: dict | bytes) -> str:
        """Send a message; ``content`` as bytes goes as they are (``1e400``, ``[1, 2]``)."""
        msg = self.kc.session.msg(msg_type, {})
        msg["content"] = content
        self.kc.shell_channel.send(msg)
        return msg["header"]["msg_id"]

    def run(self, code: str) -> tuple[str, dict]:
        """Run a drawing cell: its display id and scene."""
        msg_id = self.kc.execute(code)
        found = None
        while True:
            msg = self.kc.get_iopub_msg(timeout=60)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "display_data":
                found = msg["content"]
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
        assert found is not None, code
        display_id = found["transient"]["display_id"]
        # The output model drops ``transient``: the frontend finds the id in the metadata.
        assert found["metadata"][SCENE] == {"display_id": display_id}
        return display_id, found["data"][SCENE]

    def value(self, code: str) -> str:
        msg_id = self.kc.execute(code)
        while True:
            msg = self.kc.get_iopub_msg(timeout=60)
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "execute_result":
                return msg["content"]["data"]["text/plain"]

    def request(self, display_id: str, kind: str = "view", **fields: Any) -> int:
        self.seq += 1
        data = {"request": kind, "seq": self.seq, "display_id": display_id, **fields}
        self.send("comm_msg", {"comm_id": self.comm_id, "data": data})
        return self.seq

    def replies(self, count: int, timeout: float = HANG) -> dict[int, dict]:
        """The next ``count`` replies on this comm, by seq."""
        found: dict[int, dict] = {}
        while len(found) < count:
            try:
                msg = self.kc.get_iopub_msg(timeout=timeout)
            except queue.Empty:
                pytest.fail(f"{len(found)} of {count} replies came: the kernel stopped answering")
            if msg["msg_type"] == "comm_msg" and msg["content"]["comm_id"] == self.comm_id:
                data = msg["content"]["data"]
                found[data["seq"]] = data
        return found

    def next_reply(self, timeout: float = HANG) -> dict:
        """The next reply on this comm, whatever its seq."""
        return self.replies(1, timeout).popitem()[1]


@pytest.fixture(scope="module")
def kernel_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the kernel's stderr (its log) goes."""
    return tmp_path_factory.mktemp("kernel") / "stderr.txt"


@pytest.fixture(scope="module")
def client(kernel_log: Path):
    env = {**os.environ, "PLOTTER_CONFIG": json.dumps({"PlotterConfig": {"seconds_per_cell": 20}})}
    with kernel_log.open("w") as sink:
        km, kc = start_new_kernel(kernel_name="plotter", env=env, stderr=sink)
    yield Client(kc)
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def points(scene: dict) -> list[list[float]]:
    return [p for item in scene["items"] for seg in item.get("segments", []) for p in seg]


def test_resample_to_a_zoomed_view(client: Client) -> None:
    display_id, first = client.run("y = sin(x)")
    check_scene(first)
    seq = client.request(display_id, view={"x": [0, 1], "y": None, "width": 600, "height": 400})
    reply = client.replies(1)[seq]
    scene = reply["scene"]
    check_scene(scene)
    assert scene["view"]["x"] == [0, 1]
    assert scene["view"]["width"] == 600
    inside = [p for p in points(scene) if 0 <= p[0] <= 1]
    # Sampled afresh for the new view: many points inside it, all on the curve.
    assert len(inside) >= 10
    assert all(abs(y - math.sin(x)) < 1e-9 for x, y in inside)
    assert [item["id"] for item in scene["items"]] == [item["id"] for item in first["items"]]


def test_a_parameter_override_changes_only_that_request(client: Client) -> None:
    display_id, first = client.run("a = 2\ny = a x")
    assert first["params"][0]["name"] == "a" and first["params"][0]["value"] == 2
    seq = client.request(display_id, view={"x": [-1, 1], "y": [-10, 10]}, params={"a": 5})
    scene = client.replies(1)[seq]["scene"]
    check_scene(scene)
    assert scene["params"][0]["value"] == 5
    assert all(abs(y - 5 * x) < 1e-9 for x, y in points(scene))
    # The session still has a = 2.
    assert client.value("a") == "2"


def test_a_newer_request_supersedes_a_running_one(client: Client) -> None:
    display_id, _ = client.run("n = 1\ny = sum(k, 1, n, sin(k x)/k)")
    slow = client.request(display_id, view={"x": [-10, 10], "width": 4000}, params={"n": 10000})
    quick = client.request(display_id, view={"x": [-10, 10]}, params={"n": 2})
    replies = client.replies(2)
    # Left to run, the slow one would have been answered with a scene at its time limit
    assert replies[slow] == {"seq": slow, "superseded": True}
    scene = replies[quick]["scene"]
    assert all(abs(y - (math.sin(x) + math.sin(2 * x) / 2)) < 1e-9 for x, y in points(scene))


def test_a_view_request_leaves_the_kernel_status_alone(client: Client) -> None:
    """The shell only queues a view request: no busy or idle for it, so a slider drag
    does not make the page redraw its kernel indicators twice per step. Other
    requests, and messages on comms of other targets, keep their status."""
    display_id, _ = client.run("y = sin(x)")
    client.seq += 1
    data = {"request": "view", "seq": client.seq, "display_id": display_id, "view": {"x": [0, 1]}}
    request = client.send("comm_msg", {"comm_id": client.comm_id, "data": data})
    stranger = client.send("comm_msg", {"comm_id": uuid.uuid4().hex, "data": {}})
    cell = client.kc.execute("1 + 1")
    statuses: dict[str, list[str]] = {request: [], stranger: [], cell: []}
    answered = False
    # IOPub keeps order: the statuses of the two comm messages come before the cell's idle.
    while not (answered and statuses[cell][-1:] == ["idle"]):
        msg = client.kc.get_iopub_msg(timeout=30)
        parent = msg["parent_header"].get("msg_id")
        if msg["msg_type"] == "status" and parent in statuses:
            statuses[parent].append(msg["content"]["execution_state"])
        if msg["msg_type"] == "comm_msg" and parent == request:
            assert "scene" in msg["content"]["data"]
            answered = True
    assert statuses == {request: [], stranger: ["busy", "idle"], cell: ["busy", "idle"]}


def test_a_view_comm_on_a_subshell(client: Client) -> None:
    """JupyterLab 4.6 opens the comm and sends its requests on a kernel subshell: they are
    answered there, with no busy or idle either."""
    kc = client.kc
    kc.control_channel.send(kc.session.msg("create_subshell_request", {}))
    subshell_id = kc.control_channel.get_msg(timeout=HANG)["content"]["subshell_id"]
    display_id, _ = client.run("y = sin(x)")

    def send(msg_type: str, content: dict) -> str:
        msg = kc.session.msg(msg_type, content)
        msg["header"]["subshell_id"] = subshell_id
        kc.shell_channel.send(msg)
        return msg["header"]["msg_id"]

    comm_id = uuid.uuid4().hex
    opened = send("comm_open", {"comm_id": comm_id, "target_name": "plotter.view", "data": {}})
    data = {"request": "view", "seq": 1, "display_id": display_id, "view": {"x": [0, 1]}}
    request = send("comm_msg", {"comm_id": comm_id, "data": data})
    # The subshell takes its messages in order: this one's idle comes after any of the request's.
    stranger = send("comm_msg", {"comm_id": uuid.uuid4().hex, "data": {}})
    statuses: dict[str, list[str]] = {opened: [], request: [], stranger: []}
    reply = None
    while reply is None or statuses[stranger][-1:] != ["idle"]:
        msg = kc.get_iopub_msg(timeout=HANG)
        parent = msg["parent_header"].get("msg_id")
        if msg["msg_type"] == "status" and parent in statuses:
            statuses[parent].append(msg["content"]["execution_state"])
        if msg["msg_type"] == "comm_msg" and parent == request:
            reply = msg["content"]["data"]
    assert reply["seq"] == 1
    assert "scene" in reply
    assert statuses == {opened: ["busy", "idle"], request: [], stranger: ["busy", "idle"]}
    kc.control_channel.send(kc.session.msg("delete_subshell_request", {"subshell_id": subshell_id}))
    assert kc.control_channel.get_msg(timeout=HANG)["content"]["status"] == "ok"


def test_features_of_a_parabola(client: Client) -> None:
    display_id, _ = client.run("y = x^2 - 1")
    seq = client.request(display_id, "features", view={"x": [-10, 10], "y": None})
    found = client.replies(1)[seq]["features"]
    zeros = sorted(f["x"] for f in found if f["kind"] == "zero")
    assert zeros == pytest.approx([-1, 1], abs=1e-12)
    (low,) = [f for f in found if f["kind"] == "minimum"]
    assert (low["x"], low["y"]) == (pytest.approx(0, abs=1e-7), pytest.approx(-1, abs=1e-12))
    assert all(f["items"] == ["line-0"] for f in found)


def test_features_of_the_sine(client: Client) -> None:
    display_id, _ = client.run("y = sin(x)")
    seq = client.request(display_id, "features", view={"x": [-10, 10], "y": None})
    found = client.replies(1)[seq]["features"]
    zeros = sorted(f["x"] for f in found if f["kind"] == "zero")
    assert zeros == pytest.approx([k * math.pi for k in range(-3, 4)], abs=1e-12)
    tops = sorted(f["x"] for f in found if f["kind"] == "maximum")
    bottoms = sorted(f["x"] for f in found if f["kind"] == "minimum")
    assert tops == pytest.approx([-3 * math.pi / 2, math.pi / 2, 5 * math.pi / 2], abs=1e-7)
    assert bottoms == pytest.approx([-5 * math.pi / 2, -math.pi / 2, 3 * math.pi / 2], abs=1e-7)
    assert all(abs(abs(f["y"]) - 1) < 1e-12 for f in found if f["kind"] != "zero")


def test_features_of_a_curve_in_y(client: Client) -> None:
    # Given x = y^2 - 1: it meets the y axis at y = ±1 and is leftmost at (-1, 0)
    display_id, _ = client.run("x = y^2 - 1")
    seq = client.request(display_id, "features", view={"x": [-10, 10], "y": [-10, 10]})
    found = client.replies(1)[seq]["features"]
    zeros = sorted((f["x"], f["y"]) for f in found if f["kind"] == "zero")
    assert [x for x, _ in zeros] == [0, 0]
    assert [y for _, y in zeros] == pytest.approx([-1, 1], abs=1e-12)
    (low,) = [f for f in found if f["kind"] == "minimum"]
    assert (low["x"], low["y"]) == (pytest.approx(-1, abs=1e-12), pytest.approx(0, abs=1e-7))
    assert not [f for f in found if f["kind"] == "maximum"]
    assert all(f["items"] == ["line-0"] for f in found)
    # With no y range the request looks where the output shows the curve
    seq = client.request(display_id, "features", view={"x": [-10, 10], "y": None})
    again = client.replies(1)[seq]["features"]
    assert sorted(f["y"] for f in again if f["kind"] == "zero") == pytest.approx([-1, 1])


def test_intersections_of_curves_in_x_and_in_y(client: Client) -> None:
    # y^2 - 1 = y - 1 at y = 0 and y = 1; x = 3 - y^2 meets x = y^2 - 1 at y = ±sqrt(2)
    display_id, _ = client.run("x = y^2 - 1\ny = x + 1\nx = 3 - y^2")
    seq = client.request(display_id, "features", view={"x": [-5, 5], "y": [-5, 5]})
    found = client.replies(1)[seq]["features"]
    meets = sorted(
        (round(f["x"], 9), round(f["y"], 9), *f["items"])
        for f in found
        if f["kind"] == "intersection"
    )
    root2 = math.sqrt(2)
    # y = x + 1 meets x = 3 - y^2 where y^2 + y - 4 = 0
    r = (-1 + math.sqrt(17)) / 2, (-1 - math.sqrt(17)) / 2
    expected = sorted(
        [
            (-1.0, 0.0, "line-0", "line-1"),
            (0.0, 1.0, "line-0", "line-1"),
            (1.0, -root2, "line-0", "line-2"),
            (1.0, root2, "line-0", "line-2"),
            (3 - r[0] ** 2, r[0], "line-1", "line-2"),
            (3 - r[1] ** 2, r[1], "line-1", "line-2"),
        ]
    )
    assert len(meets) == len(expected), meets
    for got, want in zip(meets, expected, strict=True):
        assert got[2:] == want[2:]
        assert got[:2] == pytest.approx(want[:2], abs=1e-9)


def test_an_unknown_display_gets_a_diagnostic(client: Client) -> None:
    seq = client.request("no-such-display", view={"x": [0, 1]})
    reply = client.replies(1)[seq]
    assert "scene" not in reply
    assert reply["diagnostics"][0]["code"] == "bad-request"
    assert "run its cell again" in reply["diagnostics"][0]["message"]


# -- what a frontend should never send --------------------------------------------------------


def raw_request(comm_id: str, display_id: str, fields: str) -> bytes:
    """A comm_msg content whose request carries ``fields`` as raw JSON text."""
    head = json.dumps({"request": "view", "display_id": display_id})[:-1]
    return f'{{"comm_id": "{comm_id}", "data": {head}, {fields}}}}}'.encode()


MALFORMED_REQUESTS = {
    "seq 1e400": '"seq": 1e400',
    "seq -1e400": '"seq": -1e400',
    "seq NaN": '"seq": NaN',
    "seq a 4 MB text": '"seq": "' + "9" * 4_000_000 + '"',
    "seq 10^400": '"seq": 1' + "0" * 400,
    "seq a list": '"seq": [1, 2]',
    "width 10^400": '"seq": 1, "view": {"width": 1' + "0" * 400 + "}",
    "height Infinity": '"seq": 1, "view": {"height": Infinity}',
    "x up to 1e400": '"seq": 1, "view": {"x": [0, 1e400]}',
    "param 10^400": '"seq": 1, "params": {"a": 1' + "0" * 400 + "}",
    "param NaN": '"seq": 1, "params": {"a": NaN}',
}


@pytest.mark.parametrize("fields", MALFORMED_REQUESTS.values(), ids=MALFORMED_REQUESTS.keys())
def test_a_malformed_request_is_refused_and_the_next_one_drawn(client: Client, fields: str) -> None:
    # Given a drawn plot
    display_id, _ = client.run("a = 1\ny = a x")
    # When a request with numbers JSON allows but no float holds (or a bad seq) comes
    client.send("comm_msg", raw_request(client.comm_id, display_id, fields))
    # Then it is refused in a short reply, never echoing a bad seq
    refusal = client.next_reply()
    assert refusal["seq"] in (None, 1)
    assert [d["code"] for d in refusal["diagnostics"]] == ["bad-request"]
    assert len(json.dumps(refusal)) < 1000
    # And the next valid request is drawn
    seq = client.request(display_id, view={"x": [0, 1]}, params={"a": 2})
    check_scene(client.replies(1)[seq]["scene"])


MALFORMED_COMM_MESSAGES = {
    "comm_open without comm_id": ("comm_open", {"target_name": "plotter.view", "data": {}}),
    "comm_open, comm_id a list": ("comm_open", {"comm_id": [1], "target_name": "plotter.view"}),
    "comm_open without target_name": ("comm_open", {"comm_id": uuid.uuid4().hex, "data": {}}),
    "comm_open, content a list": ("comm_open", b"[1, 2]"),
    "comm_msg without comm_id": ("comm_msg", {"data": {"request": "view", "seq": 1}}),
    "comm_msg, comm_id an object": ("comm_msg", {"comm_id": {}, "data": {}}),
    "comm_msg, content null": ("comm_msg", b"null"),
    "comm_msg, content a text": ("comm_msg", b'"plotter.view"'),
    "comm_close without comm_id": ("comm_close", {}),
    "comm_close, content a list": ("comm_close", b"[]"),
}


def test_comm_messages_without_ids_are_ignored_without_a_traceback(
    client: Client, kernel_log: Path
) -> None:
    display_id, _ = client.run("y = x")
    logged = kernel_log.stat().st_size
    for msg_type, content in MALFORMED_COMM_MESSAGES.values():
        client.send(msg_type, content)
    # The kernel goes on answering cells and view requests
    assert client.value("1 + 1") == "2"
    seq = client.request(display_id, view={"x": [0, 1]})
    assert "scene" in client.replies(1)[seq]
    with kernel_log.open(encoding="utf-8", errors="replace") as log:
        log.seek(logged)
        assert "Traceback" not in log.read()


def test_a_request_without_data_is_refused(client: Client) -> None:
    client.send("comm_msg", {"comm_id": client.comm_id})
    refusal = client.next_reply()
    assert refusal["seq"] is None
    assert [d["code"] for d in refusal["diagnostics"]] == ["bad-request"]
