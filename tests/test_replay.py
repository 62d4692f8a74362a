"""Answers to view requests without a kernel: bounded storage, bad requests, time limit."""

from __future__ import annotations

import json

import pytest

from plotter_kernel.budget import Budget
from plotter_kernel.cell import run_cell
from plotter_kernel.draw.sample import slider
from plotter_kernel.lang.session import Session
from plotter_kernel.limits import Limits
from plotter_kernel.replay import Outputs, Stored, answer


def stored(source: str, session: Session | None = None) -> Stored:
    outcome = run_cell(session or Session(), source, Budget(30))
    assert outcome.scene is not None
    return Stored(outcome.scene["program"], source.split("\n"), (600, 400))


def test_only_the_most_recent_outputs_are_kept() -> None:
    outputs = Outputs(keep=2)
    for name in ("a", "b", "c"):
        outputs.add(name, stored("y = x"))
    assert len(outputs) == 2
    assert outputs.get("a") is None
    assert outputs.get("c") is not None


@pytest.mark.parametrize(
    ("request_", "words"),
    [
        ([1, 2], "JSON object"),
        ({"request": "zoom", "display_id": "d"}, "'view' or 'features'"),
        ({"request": "view", "display_id": "d", "view": {"x": [1, 0]}}, "smaller to a larger"),
        ({"request": "view", "display_id": "d", "view": {"x": ["a", 1]}}, "two numbers"),
        ({"request": "view", "display_id": "d", "params": {"a": "big"}}, "numbers"),
    ],
)
def test_bad_requests_get_a_plain_diagnostic(request_: object, words: str) -> None:
    outputs = Outputs()
    outputs.add("d", stored("y = x"))
    reply = answer(request_, outputs, Limits(), Budget(10))
    assert "scene" not in reply
    assert words in reply["diagnostics"][0]["message"]


def test_a_request_never_changes_the_session() -> None:
    session = Session()
    outputs = Outputs()
    outputs.add("d", stored("a = 2\nf(x) = a x\ny = f(x)", session))
    request = {"request": "view", "seq": 1, "display_id": "d", "params": {"a": -3}}
    reply = answer(request, outputs, Limits(), Budget(10))
    assert reply["scene"]["params"] == [
        {"name": "a", "value": -3.0, "min": -10.0, "max": 10.0, "step": 0.1, "line": 0}
    ]
    plan, _ = session.run("f(2)", Budget(10))
    assert plan.values == [(0, "4")]


def test_a_request_stops_at_the_time_limit() -> None:
    outputs = Outputs()
    outputs.add("d", stored("y = x^2"))
    reply = answer({"request": "view", "seq": 3, "display_id": "d"}, outputs, Limits(), Budget(-1))
    assert reply["seq"] == 3
    assert [d["code"] for d in reply["diagnostics"]] == ["time-limit"]


def test_slider_ranges_suit_the_value() -> None:
    assert slider(2.5) == (-10, 10, 0.1)
    assert slider(0) == (-10, 10, 0.1)
    assert slider(250) == (-1000, 1000, 10)
    assert slider(0.02) == (-0.1, 0.1, 0.001)


def test_a_reply_is_thinned_to_the_output_limit() -> None:
    outputs = Outputs()
    outputs.add("d", stored("y = sin(40x)\ny = cos(40x)"))
    request = {"request": "view", "seq": 1, "display_id": "d"}
    full = answer(request, outputs, Limits(), Budget(10))
    small = answer(request, outputs, Limits(max_output_bytes=60_000), Budget(10))
    assert len(json.dumps(full["scene"])) > 60_000
    assert len(json.dumps(small["scene"])) <= 60_000
    codes = [d["code"] for d in small["diagnostics"]]
    assert codes and set(codes) == {"output-too-big"}


def test_a_dependent_parameter_follows_an_override() -> None:
    outputs = Outputs()
    outputs.add("d", stored("a = 2\nb = 3a\ny = b x"))
    request = {"request": "view", "seq": 1, "display_id": "d", "params": {"a": 1}}
    scene = answer(request, outputs, Limits(), Budget(10))["scene"]
    assert {p["name"]: p["value"] for p in scene["params"]} == {"a": 1, "b": 3}
    xs_ys = [p for seg in scene["items"][0]["segments"] for p in seg]
    assert all(abs(y - 3 * x) < 1e-9 for x, y in xs_ys)


def test_a_family_and_points_from_lists_are_drawn_again_on_zoom_and_slide() -> None:
    outputs = Outputs()
    session = Session()
    run_cell(session, "L = [1, 2, 3]", Budget(30))
    outputs.add("d", stored("a = 1\ny = L x + a\n(L, 2L)", session))
    view = {"x": [0, 2], "y": None, "width": 600, "height": 400}
    request = {"request": "view", "seq": 1, "display_id": "d", "view": view, "params": {"a": 5}}
    scene = answer(request, outputs, Limits(), Budget(10))["scene"]
    assert [p["name"] for p in scene["params"]] == ["a"]  # a list is data, not a slider
    curves = [item for item in scene["items"] if item["kind"] == "curve"]
    assert len(curves) == 3 and len({item["color"] for item in curves}) == 1
    for k, item in zip([1, 2, 3], curves, strict=True):
        xs_ys = [p for seg in item["segments"] for p in seg]
        assert min(x for x, _ in xs_ys) >= -1e-9 and max(x for x, _ in xs_ys) <= 2 + 1e-9
        assert all(abs(y - (k * x + 5)) < 1e-9 for x, y in xs_ys)
    points = [(item["x"], item["y"]) for item in scene["items"] if item["kind"] == "point"]
    assert points == [(1, 2), (2, 4), (3, 6)]


def features_of(source: str, view: dict) -> list[dict]:
    outputs = Outputs()
    outputs.add("d", stored(source))
    reply = answer(
        {"request": "features", "seq": 1, "display_id": "d", "view": view},
        outputs,
        Limits(),
        Budget(10),
    )
    return reply["features"]


@pytest.mark.parametrize("source", ["x = 0", "y = 0", "x = 3", "y = -2"])
def test_a_constant_has_no_zeros_or_extrema(source: str) -> None:
    # A line on an axis is zero everywhere: no point of it is a zero worth showing
    assert features_of(source, {"x": [-10, 10], "y": [-10, 10]}) == []


def test_a_curve_in_y_keeps_to_its_restriction() -> None:
    found = features_of("x = y^2 - 1 for y in [0, 3]", {"x": [-10, 10], "y": [-10, 10]})
    # Only the zero at y = 1: y = -1 and the vertex at y = 0 are outside or at the edge
    assert [(f["kind"], f["x"], f["y"]) for f in found] == [("zero", 0.0, pytest.approx(1))]


def test_a_curve_in_x_meets_a_curve_in_y_inside_its_restriction() -> None:
    # x = y^2 meets y = x at (0, 0) and (1, 1); restricted to x >= 0.5, only (1, 1) is left
    found = features_of("x = y^2\ny = x for x in [0.5, 2]", {"x": [-3, 3], "y": [-3, 3]})
    meets = [(f["x"], f["y"]) for f in found if f["kind"] == "intersection"]
    assert meets == [(pytest.approx(1), pytest.approx(1))]


HUGE = 10**400
"""An integer JSON allows and no float holds."""
INF = float("inf")
"""What ``1e400`` in a request's JSON parses as."""


def valid_view(**fields: object) -> dict[str, object]:
    return {"request": "view", "seq": 1, "display_id": "d", **fields}


@pytest.mark.parametrize(
    "request_",
    [
        valid_view(seq=INF),
        valid_view(seq=float("nan")),
        valid_view(seq=1.5),
        valid_view(seq=True),
        valid_view(seq=HUGE),
        valid_view(seq=2**60),
        valid_view(seq=[1]),
        valid_view(seq={"n": 1}),
        valid_view(seq="s" * 4_000_000),
    ],
    ids=["inf", "nan", "fraction", "bool", "huge int", "past 2^53", "list", "object", "4 MB"],
)
def test_a_bad_seq_is_refused_and_never_echoed(request_: dict[str, object]) -> None:
    # Given a request whose seq is no whole number, short text or null
    outputs = Outputs()
    outputs.add("d", stored("y = x"))
    # When it is answered
    reply = answer(request_, outputs, Limits(), Budget(10))
    # Then it is refused as a bad request under seq null, in strict JSON of a few hundred bytes
    assert reply["seq"] is None
    assert [d["code"] for d in reply["diagnostics"]] == ["bad-request"]
    assert "seq" in reply["diagnostics"][0]["message"]
    assert len(json.dumps(reply, allow_nan=False)) < 1000


@pytest.mark.parametrize("seq", [None, 0, 7, -3, 2**53, "drag-12", ""])
def test_a_good_seq_is_echoed(seq: object) -> None:
    outputs = Outputs()
    outputs.add("d", stored("y = x"))
    reply = answer(valid_view(seq=seq), outputs, Limits(), Budget(10))
    assert reply["seq"] == seq
    assert "scene" in reply


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"view": {"width": HUGE}}, "width and height"),
        ({"view": {"height": -HUGE}}, "width and height"),
        ({"view": {"width": INF}}, "width and height"),
        ({"view": {"x": [0, HUGE]}}, "two numbers"),
        ({"view": {"y": [-HUGE, 0]}}, "two numbers"),
        ({"view": {"x": [-INF, INF]}}, "two numbers"),
        ({"view": {"x": [0, float("nan")]}}, "two numbers"),
        ({"params": {"a": HUGE}}, "numbers"),
        ({"params": {"a": INF}}, "numbers"),
        ({"params": {"a": float("nan")}}, "numbers"),
        ({"params": [["a", 1]]}, "numbers"),
        ({"view": [0, 1]}, "JSON object"),
        ({"request": None}, "'view' or 'features'"),
    ],
)
@pytest.mark.parametrize("kind", ["view", "features"])
def test_huge_and_non_finite_numbers_get_a_bad_request(
    fields: dict[str, object], words: str, kind: str
) -> None:
    outputs = Outputs()
    outputs.add("d", stored("a = 1\ny = a x"))
    reply = answer({**valid_view(request=kind), **fields}, outputs, Limits(), Budget(10))
    assert reply["seq"] == 1
    assert [d["code"] for d in reply["diagnostics"]] == ["bad-request"]
    assert words in reply["diagnostics"][0]["message"]
    json.dumps(reply, allow_nan=False)
