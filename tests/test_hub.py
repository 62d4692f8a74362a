"""A real classroom JupyterHub from ``scripts/hub.sh``, used by two students.

One hub per module, on 127.0.0.1 ports 9303-9305 (students' servers 9340-9359). The tests
run in file order: the students log in, one uses Lab in Chromium, the other the REST and
websocket API, and Ctrl-C stops everything at the end. The other student has written higher
limits in every config file of his own ``~/.jupyter``; the admin's still hold.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil
import pytest
from traitlets.config.loader import JSONFileConfigLoader, PyFileConfigLoader

from hub.client import Hub, Kernel, fetch, login

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
PORT = 9303
USER_PORTS = (9340, 9359)
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@dataclass
class RunningHub:
    url: str
    password: str
    token: str
    process: subprocess.Popen[bytes]
    log: Path
    state: Path

    def run(self, coroutine: Any) -> Any:
        return asyncio.run(coroutine)

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-5000:]


def admin_limits() -> Any:
    """The PlotterConfig sections of the admin's files that hub.sh installs, merged.

    The server's config file, a ``jupyter_server_config.d`` drop-in and the kernel's own
    ``plotter_config.json``, each with limits of its own.
    """
    hub = str(ROOT / "hub")
    section = PyFileConfigLoader("plotter_admin.py", path=hub).load_config()["PlotterConfig"]
    for name in ("plotter_class.json", "plotter_config.json"):
        section.merge(JSONFileConfigLoader(name, path=hub).load_config()["PlotterConfig"])
    return section


#: What the other student writes in his own config files to raise every limit.
RAISED = {"max_factorial": 170, "max_depth": 500, "max_line_chars": 100000, "max_cell_chars": 10**6}


#: The student's files: the kernel's, the server's, a drop-in, and the config file of the
#: hub's own server extension app (which reaches the server's config too).
STUDENT_FILES = (
    "plotter_config.json",
    "jupyter_server_config.json",
    "jupyter_config.d/me.json",
    "jupyter_jupyterhub_singleuser_config.json",
)


def raise_limits_in(home: Path) -> None:
    """A student's ``~/.jupyter`` files, kernel-level and server-level, with higher limits."""
    section = json.dumps({"PlotterConfig": RAISED})
    for name in STUDENT_FILES:
        path = home / ".jupyter" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(section, encoding="utf-8")


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningHub]:
    if shutil.which("npm") is None:
        pytest.skip("needs npm for configurable-http-proxy")
    state = tmp_path_factory.mktemp("hub-state")
    raise_limits_in(state / "homes" / "bob")  # before his server starts
    log = state.parent / "hub.log"
    password = "class-" + secrets.token_urlsafe(6)
    token = secrets.token_hex(16)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "VIRTUAL_ENV"))}
    env |= {
        "PLOTTER_HUB_STATE": str(state),
        "PLOTTER_HUB_PORT": str(PORT),
        "PLOTTER_HUB_USER_PORTS": f"{USER_PORTS[0]}-{USER_PORTS[1]}",
        "PLOTTER_HUB_PASSWORD": password,
        "PLOTTER_HUB_SERVICE_TOKEN": token,
        "PYTHON": sys.executable,
    }
    with log.open("wb") as out:
        process = subprocess.Popen(
            ["bash", "scripts/hub.sh"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    running = RunningHub(f"http://127.0.0.1:{PORT}", password, token, process, log, state)
    try:
        deadline = time.monotonic() + 900
        while True:
            assert process.poll() is None, f"hub.sh stopped:\n{running.log_tail()}"
            assert time.monotonic() < deadline, f"the hub did not start:\n{running.log_tail()}"
            try:
                running.run(fetch(f"{running.url}/hub/api", timeout=5))
                break
            except (OSError, RuntimeError):
                time.sleep(1)
        yield running
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def test_hub_sh_says_how_to_log_in(hub: RunningHub) -> None:
    text = hub.log.read_text()
    assert f"http://127.0.0.1:{PORT}/" in text
    assert f"any name, password {hub.password}" in text


def test_two_students_log_in_through_the_hub(hub: RunningHub) -> None:
    for name in ("alice", "bob"):
        cookies = hub.run(login(hub.url, name, hub.password))
        assert "jupyterhub-hub-login" in cookies
    with pytest.raises(PermissionError):
        hub.run(login(hub.url, "mallory", "not-the-password"))
    users = {user["name"] for user in hub.run(Hub(hub.url, hub.token).api("GET", "/users"))}
    assert {"alice", "bob"} <= users


def test_a_student_draws_and_sees_a_mistake_in_chromium(hub: RunningHub) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            page = browser.new_page()
            page.set_default_timeout(120_000)
            expect = sync_api.expect
            expect.set_options(timeout=60_000)
            # Alice logs in; the hub starts her server and opens Lab
            page.goto(f"{hub.url}/hub/login")
            page.fill("#username_input", "alice")
            page.fill("#password_input", hub.password)
            page.click("#login_submit")
            page.wait_for_url("**/user/alice/lab**", timeout=180_000)
            # One Graphing Calculator tile
            tiles = page.locator(".jp-LauncherCard", has_text="Graphing Calculator")
            expect(tiles).to_have_count(1)
            tiles.click()
            cell = page.locator(".jp-Notebook .jp-Cell").first
            expect(cell.locator(".cm-content")).to_have_text("a = 2y = a sin(x)")
            expect(page.locator(".jp-NotebookPanel-toolbar .jp-KernelName")).to_have_text(
                "Graphing Calculator"
            )
            # Once the kernel is idle, Shift+Enter draws the starter cell
            expect(page.get_by_text("Graphing Calculator | Idle")).to_be_visible()
            cell.locator(".cm-content").click()
            page.keyboard.press("Shift+Enter")
            expect(cell.locator(".jp-PlotterView svg[role=img]")).to_have_count(1)
            # A mistake in the next cell is underlined and reported
            second = page.locator(".jp-Notebook .jp-Cell").nth(1)
            second.locator(".cm-content").click()
            page.keyboard.type("y = foo(x)")
            page.keyboard.press("Shift+Enter")
            expect(second.locator(".jp-plotter-error")).to_have_text("foo")
            stderr = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
            expect(second.locator(stderr)).to_contain_text("foo")
        finally:
            browser.close()


def test_the_admins_limits_reach_the_other_students_kernel(hub: RunningHub) -> None:
    # Given the admin's three files, and Bob's own files that raise every limit
    limits = admin_limits()
    assert all(RAISED[name] > limits[name] for name in RAISED)

    async def check() -> None:
        admin = Hub(hub.url, hub.token)
        await admin.start_server("bob")
        kernel = await Kernel.start(hub.url, "bob", await admin.user_token("bob"))
        try:
            top = limits.max_factorial
            assert top < 170, "the admin's limit is below Plotter's default"
            allowed = await kernel.execute(f"{top}!")
            assert allowed.status == "ok", allowed.content
            over = await kernel.execute(f"{top + 1}!")
            assert over.status == "error" and over.content["ename"] == "ResourceError"
            long_cell = "\n".join(["y = x"] * (limits.max_cell_chars // 6 + 1))
            too_long = await kernel.execute(long_cell)
            assert too_long.content.get("ename") == "ResourceError", too_long.content
            # The drop-in file's limit and the kernel-level file's hold too
            long_line = await kernel.execute("1" + "+1" * (limits.max_line_chars // 2 + 1))
            assert "longer than" in long_line.content.get("evalue", ""), long_line.content
            deep = limits.max_depth + 5
            nested = await kernel.execute("(" * deep + "1" + ")" * deep)
            assert "nested too deeply" in nested.content.get("evalue", ""), nested.content
            drawn = await kernel.execute("y = x")
            (display,) = drawn.of_type("display_data")
            scene = next(v for k, v in display["data"].items() if k.startswith("application/vnd"))
            window = scene.get("window") or scene.get("view")
            assert window["x"] == list(limits.default_x_window)
        finally:
            await kernel.close()

    hub.run(check())


def test_each_students_definitions_stay_in_their_own_kernel(hub: RunningHub) -> None:
    async def check() -> None:
        admin = Hub(hub.url, hub.token)
        alice_token = await admin.user_token("alice")
        # Alice's kernel is the one her notebook in Chromium used (a = 2 there)
        headers = {"Authorization": f"token {alice_token}"}
        kernels = (await fetch(f"{hub.url}/user/alice/api/kernels", headers=headers)).body
        (alice_id,) = [k["id"] for k in json.loads(kernels)]
        bob = await Kernel.start(hub.url, "bob", await admin.user_token("bob"))
        try:
            unknown = await bob.execute("a + 0")
            assert unknown.content.get("ename") == "NameError", unknown.content
            assert (await bob.execute("a = 5\nf(x) = 10x")).status == "ok"
            assert (await bob.execute("a + f(1)")).text == "15"
        finally:
            await bob.close()
        alice = await Kernel.attach(hub.url, "alice", alice_token, alice_id)
        try:
            assert (await alice.execute("a + 0")).text == "2"
            missing = await alice.execute("f(1)")
            assert missing.content.get("ename") == "NameError", missing.content
        finally:
            alice.socket.close()

    hub.run(check())


def listening(first: int, last: int) -> list[int]:
    return sorted(
        c.laddr.port
        for c in psutil.net_connections(kind="tcp")
        if c.status == psutil.CONN_LISTEN and first <= c.laddr.port <= last
    )


def students_processes(state: Path) -> list[str]:
    """Command lines of the students' servers and kernels (they run in their homes)."""
    found = []
    for proc in psutil.process_iter(["cmdline", "cwd"]):
        cwd = proc.info["cwd"] or ""
        if cwd.startswith(str(state / "homes")):
            found.append(" ".join(proc.info["cmdline"] or []))
    return found


def test_ctrl_c_stops_the_hub_and_every_server(hub: RunningHub) -> None:
    running = students_processes(hub.state)
    assert any("jupyterhub-singleuser" in cmd for cmd in running), running
    assert any("plotter_kernel" in cmd for cmd in running), running
    assert listening(*USER_PORTS), "the students' servers are running"
    os.killpg(hub.process.pid, signal.SIGINT)
    hub.process.wait(timeout=60)
    deadline = time.monotonic() + 30
    while students_processes(hub.state) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert students_processes(hub.state) == [], hub.log_tail()
    assert listening(PORT, PORT + 2) == [], hub.log_tail()
    assert listening(*USER_PORTS) == [], hub.log_tail()
    assert not (hub.state / "jupyterhub-proxy.pid").exists()
    assert (hub.state / "jupyterhub.sqlite").is_file()
    assert (hub.state / "homes" / "alice").is_dir()
