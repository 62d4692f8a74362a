"""The server extension in a real Jupyter server: registration, configuration, safety."""

from __future__ import annotations

import asyncio
import json
import logging
import shutil
import socket
import sys
from pathlib import Path
from typing import Any

import pytest
from jupyter_client.session import Session
from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection
from scene_schema import check_scene
from tornado.httpclient import HTTPClientError
from traitlets.config import Config

from plotter_ext.stale import check_shadowing, spec_problem
from plotter_kernel.protocol import SCENE_MIME as SCENE
from plotter_kernel.shell.kernelspec import KERNEL_NAME, get_kernel_dict


@pytest.fixture
def jp_server_config(request: pytest.FixtureRequest) -> Config:
    """The server's config: plotter_ext enabled, plus what a test passes by indirect parameter."""
    extra = getattr(request, "param", {})
    config = Config(
        {"ServerApp": {"jpserver_extensions": {"plotter_ext": True}}, **extra},
    )
    return config


def count_logged(capfd: pytest.CaptureFixture[str], text: str) -> int:
    """How many server log lines so far mention ``text``.

    The extension logs while the server initialises, before pytest-jupyter lets records
    propagate to caplog, so the server's own stderr output is read instead (``capfd`` must
    come before the server fixtures in the test's arguments).
    """
    captured = capfd.readouterr()
    return sum(1 for line in (captured.err + captured.out).splitlines() if text in line)


def write_spec(kernels_dir: Path, argv: list[str], display_name: str) -> Path:
    """Write a ``plotter`` kernelspec as an earlier install or a user might have left it."""
    folder = kernels_dir / KERNEL_NAME
    folder.mkdir(parents=True)
    spec = {"argv": argv, "display_name": display_name, "language": "plotter"}
    (folder / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    return folder


async def kernelspecs(jp_fetch: Any) -> dict[str, Any]:
    response = await jp_fetch("api", "kernelspecs")
    return json.loads(response.body.decode())["kernelspecs"]


async def run_cell(jp_fetch: Any, jp_ws_fetch: Any, code: str) -> list[dict[str, Any]]:
    """Start a plotter kernel through the REST API and run one cell over its websocket.

    Returns the iopub and shell messages that answer the request, up to its execute_reply.
    """
    response = await jp_fetch(
        "api", "kernels", method="POST", body=json.dumps({"name": KERNEL_NAME})
    )
    kernel_id = json.loads(response.body.decode())["id"]
    ws = await jp_ws_fetch("api", "kernels", kernel_id, "channels")
    try:
        await iopub_ready(ws)
        return await answered(
            ws, "execute_request", {"code": code, "silent": False}, until="execute_reply"
        )
    finally:
        ws.close()
        await jp_fetch("api", "kernels", kernel_id, method="DELETE")


async def answered(ws: Any, msg_type: str, content: dict, until: str) -> list[dict[str, Any]]:
    """Send a shell request on ``ws`` and collect what answers it, up to an ``until`` message."""
    request = Session().msg(msg_type, content)
    request["channel"] = "shell"
    await ws.write_message(json.dumps(request, default=str))
    answers: list[dict[str, Any]] = []
    while True:
        raw = await asyncio.wait_for(ws.read_message(), timeout=90)
        assert raw is not None, "the kernel websocket closed"
        message = json.loads(raw)
        if message.get("parent_header", {}).get("msg_id") != request["header"]["msg_id"]:
            continue
        answers.append(message)
        if message["msg_type"] == until:
            return answers


async def iopub_ready(ws: Any) -> None:
    """Wait until IOPub messages reach ``ws``: a kernel_info request's status comes back.

    Until then an output the kernel sends can be lost on a busy machine (the server's
    IOPub subscription is still connecting), so the request is repeated as the server's
    own nudge does.
    """
    for _ in range(60):
        answers = await answered(ws, "kernel_info_request", {}, until="kernel_info_reply")
        parent = answers[0]["parent_header"]["msg_id"]
        if any(m["msg_type"] == "status" for m in answers):
            return
        try:
            while True:
                raw = await asyncio.wait_for(ws.read_message(), timeout=1)
                message = json.loads(raw or "{}")
                if message.get("parent_header", {}).get("msg_id") == parent and (
                    message.get("msg_type") == "status"
                ):
                    return
        except TimeoutError:
            continue
    raise AssertionError("no IOPub message reached the websocket")


def of_type(messages: list[dict[str, Any]], msg_type: str) -> list[dict[str, Any]]:
    return [m for m in messages if m["msg_type"] == msg_type]


async def test_kernelspec_is_listed_without_install(jp_fetch: Any) -> None:
    # Given a server with only the extension enabled (no kernelspec installed anywhere)
    specs = await kernelspecs(jp_fetch)
    # Then the plotter kernel is offered under its display name, with its logos
    assert KERNEL_NAME in specs
    spec = specs[KERNEL_NAME]["spec"]
    assert spec["display_name"] == "Graphing Calculator"
    assert spec["language"] == "plotter"
    assert spec["argv"][1:] == get_kernel_dict()["argv"][1:]
    assert set(specs[KERNEL_NAME]["resources"]) >= {"logo-32x32", "logo-64x64", "logo-svg"}
    # and with no admin settings, nothing is passed to kernels
    assert "PLOTTER_CONFIG" not in spec.get("env", {})


async def test_kernel_logo_is_served(jp_fetch: Any) -> None:
    response = await jp_fetch("kernelspecs", KERNEL_NAME, "logo-64x64.png")
    assert response.body[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    "jp_server_config", [{"PlotterExtension": {"display_name": "Maths 101"}}], indirect=True
)
async def test_display_name_is_configurable(jp_fetch: Any) -> None:
    specs = await kernelspecs(jp_fetch)
    assert specs[KERNEL_NAME]["spec"]["display_name"] == "Maths 101"


@pytest.mark.parametrize(
    "jp_server_config",
    [{"PlotterConfig": {"max_cell_chars": 500, "default_x_window": [-3, 3]}}],
    indirect=True,
)
async def test_spec_passes_only_the_settings_the_admin_made(jp_fetch: Any) -> None:
    spec = (await kernelspecs(jp_fetch))[KERNEL_NAME]["spec"]
    passed = json.loads(spec["env"]["PLOTTER_CONFIG"])
    assert passed == {"PlotterConfig": {"default_x_window": [-3.0, 3.0], "max_cell_chars": 500}}


@pytest.mark.parametrize(
    "jp_server_config", [{"PlotterConfig": {"default_x_window": [5, -5]}}], indirect=True
)
async def test_invalid_setting_is_reported_not_fatal(
    capfd: pytest.CaptureFixture[str], jp_fetch: Any
) -> None:
    spec = (await kernelspecs(jp_fetch))[KERNEL_NAME]["spec"]
    assert "PLOTTER_CONFIG" not in spec.get("env", {})
    assert count_logged(capfd, "invalid PlotterConfig") == 1


@pytest.mark.slow
async def test_kernel_draws_over_the_websocket(jp_fetch: Any, jp_ws_fetch: Any) -> None:
    # When a student runs y = sin(x) in a kernel the server started
    answers = await run_cell(jp_fetch, jp_ws_fetch, "y = sin(x)")
    # Then the reply is ok, one display carries the scene and its update the PNG too
    assert of_type(answers, "execute_reply")[0]["content"]["status"] == "ok"
    displays = of_type(answers, "display_data")
    (update,) = of_type(answers, "update_display_data")
    assert len(displays) == 1
    assert update["content"]["transient"] == displays[0]["content"]["transient"]
    data = update["content"]["data"]
    assert data["image/png"]
    check_scene(data[SCENE])
    assert data[SCENE]["window"]["x"] == [-10, 10]


@pytest.mark.slow
@pytest.mark.parametrize(
    "jp_server_config",
    [{"PlotterConfig": {"default_x_window": [-3, 3], "output_formats": ["image/png", SCENE]}}],
    indirect=True,
)
async def test_server_config_reaches_the_kernel(jp_fetch: Any, jp_ws_fetch: Any) -> None:
    # Given an admin's default window and output formats in the server's config
    answers = await run_cell(jp_fetch, jp_ws_fetch, "y = sin(x)")
    # Then the kernel draws over that window and sends only those formats
    first = of_type(answers, "display_data")[0]["content"]["data"]
    data = of_type(answers, "update_display_data")[0]["content"]["data"]
    check_scene(data[SCENE])
    assert data[SCENE]["window"]["x"] == [-3, 3]
    assert set(first) == {SCENE}
    assert set(data) == {"image/png", SCENE}


@pytest.mark.slow
@pytest.mark.parametrize(
    "jp_server_config", [{"PlotterConfig": {"max_cell_chars": 5}}], indirect=True
)
async def test_server_limit_reaches_the_kernel(jp_fetch: Any, jp_ws_fetch: Any) -> None:
    answers = await run_cell(jp_fetch, jp_ws_fetch, "y = sin(x) + cos(x)")
    reply = of_type(answers, "execute_reply")[0]["content"]
    assert reply["status"] == "error"
    assert reply["ename"] == "ResourceError"


@pytest.fixture
def stale_user_spec(jp_data_dir: Path) -> Path:
    """A user-level spec left by an old install whose Python is gone."""
    argv = ["/nonexistent/venv/bin/python", "-m", "plotter_kernel", "-f", "{connection_file}"]
    return write_spec(jp_data_dir / "kernels", argv, "Old Plotter")


async def test_stale_user_spec_is_repaired_and_logged_once(
    capfd: pytest.CaptureFixture[str], stale_user_spec: Path, jp_fetch: Any, jp_serverapp: Any
) -> None:
    # Given a dead user-level spec that shadows the packaged one (created before the server)
    # When the server has started and the kernel list is asked for twice
    first = await kernelspecs(jp_fetch)
    second = await kernelspecs(jp_fetch)
    # Then the server offers its own working spec
    for specs in (first, second):
        assert specs[KERNEL_NAME]["spec"]["display_name"] == "Graphing Calculator"
    used = jp_serverapp.kernel_spec_manager.get_kernel_spec(KERNEL_NAME).resource_dir
    assert Path(used).resolve() != stale_user_spec.resolve()
    # and the user-level spec now launches the kernel the packaged way
    repaired = json.loads((stale_user_spec / "kernel.json").read_text(encoding="utf-8"))
    assert repaired["argv"] == get_kernel_dict()["argv"]
    assert (stale_user_spec / "logo-64x64.png").is_file()
    # and the repair was logged exactly once
    assert count_logged(capfd, "repaired the stale kernelspec") == 1


@pytest.fixture
def custom_user_spec(jp_data_dir: Path) -> Path:
    """A working user-level spec that runs something else (a teacher's own wrapper)."""
    return write_spec(jp_data_dir / "kernels", ["python", "-m", "my_wrapper"], "Custom")


async def test_differing_user_spec_is_kept_and_logged_once(
    capfd: pytest.CaptureFixture[str], custom_user_spec: Path, jp_fetch: Any
) -> None:
    specs = await kernelspecs(jp_fetch)
    await kernelspecs(jp_fetch)
    assert specs[KERNEL_NAME]["spec"]["display_name"] == "Graphing Calculator"
    kept = json.loads((custom_user_spec / "kernel.json").read_text(encoding="utf-8"))
    assert kept["argv"] == ["python", "-m", "my_wrapper"]
    assert count_logged(capfd, "differs from the packaged one") == 1


@pytest.mark.parametrize(
    "jp_server_config",
    [{"KernelSpecManager": {"allowed_kernelspecs": ["echo"]}}],
    indirect=True,
)
async def test_allowed_kernelspecs_is_respected(jp_fetch: Any) -> None:
    specs = await kernelspecs(jp_fetch)
    assert KERNEL_NAME not in specs
    assert "echo" in specs


@pytest.fixture
def packaged_spec(jp_env_jupyter_path: Path) -> Path:
    """The spec a pip install ships in ``sys.prefix/share/jupyter/kernels``."""
    return write_spec(jp_env_jupyter_path / "kernels", get_kernel_dict()["argv"], "Packaged")


@pytest.mark.parametrize(
    "jp_server_config", [{"PlotterExtension": {"register_kernel": False}}], indirect=True
)
async def test_registration_off_hides_the_kernel(packaged_spec: Path, jp_fetch: Any) -> None:
    # Given registration off and a packaged spec on the data path
    specs = await kernelspecs(jp_fetch)
    # Then the server offers no plotter kernel, and cannot start one
    assert KERNEL_NAME not in specs
    assert "echo" in specs
    with pytest.raises(HTTPClientError) as err:
        await jp_fetch("api", "kernels", method="POST", body=json.dumps({"name": KERNEL_NAME}))
    assert err.value.code >= 400


async def test_packaged_spec_is_seen_but_server_uses_its_own(
    packaged_spec: Path, jp_fetch: Any
) -> None:
    specs = await kernelspecs(jp_fetch)
    assert specs[KERNEL_NAME]["spec"]["display_name"] == "Graphing Calculator"


def handler_classes(rules: Any) -> list[type]:
    """Every handler class reachable from a tornado rule list, nested routers included."""
    found: list[type] = []
    for rule in rules:
        target = rule.target
        if isinstance(target, type):
            found.append(target)
        elif hasattr(target, "rules"):
            found.extend(handler_classes(target.rules))
    return found


async def test_no_endpoint_is_added(jp_serverapp: Any) -> None:
    # The extension is loaded...
    assert "plotter_ext" in jp_serverapp.extension_manager.extensions
    assert jp_serverapp.extension_manager.extensions["plotter_ext"].enabled
    # ...and no HTTP handler of the server comes from it
    classes = handler_classes(jp_serverapp.web_app.default_router.rules)
    assert classes, "the router walk found no handlers at all"
    assert not [c for c in classes if c.__module__.startswith("plotter_ext")]


def test_spec_problem_tells_a_dead_spec_from_a_working_one(tmp_path: Path) -> None:
    def problem(argv: list[str]) -> str | None:
        shutil.rmtree(tmp_path / KERNEL_NAME, ignore_errors=True)
        return spec_problem(write_spec(tmp_path, argv, "x"))

    assert problem(["python", "-m", "plotter_kernel"]) is None
    assert problem([sys.executable, "-m", "plotter_kernel"]) is None
    assert "does not exist" in (problem(["/nonexistent/python", "-m", "plotter_kernel"]) or "")
    assert "not on PATH" in (problem(["no-such-python-here", "-m", "plotter_kernel"]) or "")
    assert "no usable argv" in (problem([]) or "")
    (tmp_path / KERNEL_NAME / "kernel.json").write_text("{not json", encoding="utf-8")
    assert "cannot be read" in (spec_problem(tmp_path / KERNEL_NAME) or "")


def test_check_shadowing_outcomes(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    log = logging.getLogger("test-plotter-stale")
    user, system = tmp_path / "user", tmp_path / "system"
    dirs = [str(user), str(system)]
    # nothing on the path
    assert check_shadowing(dirs, str(user), log) == "none"
    # the packaged spec itself
    write_spec(system, get_kernel_dict()["argv"], "Graphing Calculator")
    assert check_shadowing(dirs, str(user), log) == "current"
    # a dead spec outside the user's folder is reported, never rewritten
    dead = write_spec(user / "elsewhere", ["/gone/python", "-m", "plotter_kernel"], "Old")
    before = (dead / "kernel.json").read_text(encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger=log.name):
        outcome = check_shadowing([str(dead.parent), *dirs], str(user), log)
    assert outcome == "broken"
    assert (dead / "kernel.json").read_text(encoding="utf-8") == before
    assert [r.levelno for r in caplog.records] == [logging.WARNING]


async def server_socket_nodelay(jp_fetch: Any, jp_ws_fetch: Any) -> int:
    """TCP_NODELAY of the server's end of a kernel websocket, read while it is open."""
    response = await jp_fetch(
        "api", "kernels", method="POST", body=json.dumps({"name": KERNEL_NAME})
    )
    kernel_id = json.loads(response.body.decode())["id"]
    ws = await jp_ws_fetch("api", "kernels", kernel_id, "channels", params={"session_id": "s1"})
    try:
        handler = ZMQChannelsWebsocketConnection._open_sessions[f"{kernel_id}:s1"]
        sock = handler.ws_connection.stream.socket
        return int(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
    finally:
        ws.close()
        await jp_fetch("api", "kernels", kernel_id, method="DELETE")


async def test_kernel_websockets_send_at_once(jp_fetch: Any, jp_ws_fetch: Any) -> None:
    # Given the extension's defaults, a kernel websocket does not wait to batch small
    # messages (a dragged plot's replies would wait for the browser's delayed ACK)
    assert await server_socket_nodelay(jp_fetch, jp_ws_fetch) == 1


@pytest.mark.parametrize(
    "jp_server_config",
    [{"PlotterExtension": {"prompt_websockets": False}}],
    indirect=True,
)
async def test_prompt_websockets_can_be_turned_off(
    jp_serverapp: Any, jp_fetch: Any, jp_ws_fetch: Any
) -> None:
    # Given an admin who turned it off, the server's own connection class stays
    settings = jp_serverapp.web_app.settings
    assert settings["kernel_websocket_connection_class"] is ZMQChannelsWebsocketConnection
    assert await server_socket_nodelay(jp_fetch, jp_ws_fetch) == 0


class OwnConnection(ZMQChannelsWebsocketConnection):
    """A connection class some other part of the deployment chose."""


@pytest.mark.parametrize(
    "jp_server_config",
    [{"ServerApp": {"kernel_websocket_connection_class": OwnConnection}}],
    indirect=True,
)
async def test_another_connection_class_is_left_alone(jp_serverapp: Any) -> None:
    # Given a server configured with its own kernel websocket connection class
    settings = jp_serverapp.web_app.settings
    # Then Plotter does not replace it
    assert settings["kernel_websocket_connection_class"] is OwnConnection
