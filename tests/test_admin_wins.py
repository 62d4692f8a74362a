"""Admin wins, wherever the admin and the student put their config (SPEC §8).

An admin may set ``PlotterConfig`` in the kernel's own files or in the server's files, in
any system-wide config folder, in ``.d`` folders, in ``PLOTTER_CONFIG`` or on the server's
command line; a student may write the same files and folders in ``~/.jupyter`` and in the
user-site folder. Whatever the pair, the student may only lower a limit. The full matrix
runs against the one function that decides; a smaller one through a real server and kernel.
"""

from __future__ import annotations

import json
import site
from pathlib import Path
from typing import Any

import jupyter_core.paths
import pytest
from jupyter_client.manager import start_new_kernel
from traitlets.config import Config

from plotter_kernel.shell.config import CONFIG_FILE, ENV_VAR, read_config
from plotter_kernel.shell.kernelspec import KERNEL_NAME

#: Where a ``PlotterConfig`` section can be written in one config folder.
FILES = (
    "plotter_config.py",
    "plotter_config.json",
    "plotter_config.d",
    "jupyter_config.py",
    "jupyter_config.json",
    "jupyter_config.d",
    "jupyter_server_config.py",
    "jupyter_server_config.json",
    "jupyter_server_config.d",
    "jupyter_lab_config.json",
)
ADMIN_FOLDERS = ("JUPYTER_CONFIG_PATH", "sys.prefix", "system")
USER_FOLDERS = ("~/.jupyter", "user-site")

ADMIN = {"max_factorial": 20, "figure_width": 500}
RAISE = {"max_factorial": 170, "figure_width": 900}
LOWER = {"max_factorial": 10}


def put(folder: Path, place: str, values: dict[str, Any]) -> Path:
    """Write ``values`` as the ``PlotterConfig`` section of one file of ``folder``."""
    if place.endswith(".d"):
        path = folder / place / "50-class.json"
    else:
        path = folder / place
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".py":
        text = "".join(f"c.PlotterConfig.{name} = {value!r}\n" for name, value in values.items())
    else:
        text = json.dumps({"PlotterConfig": values})
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """Every kind of config folder, on a config path where the user's come first."""
    named = {
        "JUPYTER_CONFIG_PATH": tmp_path / "config-path",
        "sys.prefix": tmp_path / "env" / "etc" / "jupyter",
        "system": tmp_path / "etc" / "jupyter",
        "~/.jupyter": tmp_path / "home" / ".jupyter",
        "user-site": tmp_path / "home" / ".local" / "etc" / "jupyter",
    }
    for folder in named.values():
        folder.mkdir(parents=True)
    monkeypatch.delenv("JUPYTER_NO_CONFIG", raising=False)
    monkeypatch.setenv("JUPYTER_PREFER_ENV_PATH", "0")
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", str(named["JUPYTER_CONFIG_PATH"]))
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(named["~/.jupyter"]))
    monkeypatch.setattr(jupyter_core.paths, "ENV_CONFIG_PATH", [str(named["sys.prefix"])])
    monkeypatch.setattr(jupyter_core.paths, "SYSTEM_CONFIG_PATH", [str(named["system"])])
    monkeypatch.setattr(site, "ENABLE_USER_SITE", True)
    monkeypatch.setattr(site, "USER_BASE", str(tmp_path / "home" / ".local"))
    return named


def clear(folders: dict[str, Path]) -> None:
    for folder in folders.values():
        for path in sorted(folder.rglob("*"), reverse=True):
            path.rmdir() if path.is_dir() else path.unlink()


ADMIN_PLACES = [(folder, name) for folder in ADMIN_FOLDERS for name in FILES]
USER_PLACES = [(folder, name) for folder in USER_FOLDERS for name in FILES]


@pytest.mark.parametrize("admin_folder,admin_file", ADMIN_PLACES)
def test_a_user_file_never_raises_an_admin_file(
    folders: dict[str, Path], admin_folder: str, admin_file: str
) -> None:
    for user_folder, user_file in USER_PLACES:
        where = f"admin {admin_folder}/{admin_file}, user {user_folder}/{user_file}"
        clear(folders)
        put(folders[admin_folder], admin_file, ADMIN)
        # Given a student's file that raises the limit and changes the admin's figure width
        put(folders[user_folder], user_file, RAISE)
        config, problems = read_config({})
        # Then the admin's values stand, and the refusal is reported
        assert (config.max_factorial, config.figure_width) == (20, 500), where
        assert any("max_factorial" in p and "ignored" in p for p in problems), where
        # Given a student's file that lowers the limit instead
        put(folders[user_folder], user_file, LOWER)
        config, problems = read_config({})
        assert (config.max_factorial, config.figure_width) == (10, 500), where
        assert problems == [], where


@pytest.mark.parametrize("user_folder,user_file", USER_PLACES)
def test_a_user_file_never_raises_plotter_config_env(
    folders: dict[str, Path], user_folder: str, user_file: str
) -> None:
    put(folders[user_folder], user_file, RAISE)
    config, _ = read_config({ENV_VAR: json.dumps({"PlotterConfig": ADMIN})})
    assert (config.max_factorial, config.figure_width) == (20, 500)
    put(folders[user_folder], user_file, LOWER)
    # A kernel the server started reads only the kernel's own files again: the server
    # settled its config files (the user's lowering included) into PLOTTER_CONFIG.
    lowered = 10 if user_file.startswith(CONFIG_FILE) else 20
    assert read_config({ENV_VAR: json.dumps(ADMIN)})[0].max_factorial == lowered


def test_a_user_file_sets_what_no_admin_set(folders: dict[str, Path]) -> None:
    put(folders["~/.jupyter"], "jupyter_server_config.d", {"max_factorial": 50})
    put(folders["user-site"], "plotter_config.json", {"figure_width": 700})
    config, problems = read_config({})
    assert (config.max_factorial, config.figure_width) == (50, 700) and problems == []


def test_the_higher_admin_folder_wins_among_admins(folders: dict[str, Path]) -> None:
    # Jupyter's own order among the admin's folders: the sys.prefix one beats the system one
    put(folders["system"], "jupyter_server_config.json", {"max_factorial": 20})
    put(folders["sys.prefix"], "jupyter_server_config.d", {"max_factorial": 30})
    assert read_config({})[0].max_factorial == 30


def test_a_bad_drop_in_file_is_reported_and_skipped(folders: dict[str, Path]) -> None:
    broken = folders["system"] / "jupyter_server_config.d" / "10-broken.json"
    broken.parent.mkdir()
    broken.write_text("{oops", encoding="utf-8")
    put(folders["system"], "jupyter_server_config.d", {"max_factorial": 20})
    config, problems = read_config({})
    assert config.max_factorial == 20
    assert len(problems) == 1 and str(broken) in problems[0]


# -- the server: its command line and its Python config are the admin's ----------------------


def test_the_servers_own_values_are_the_admins(folders: dict[str, Path]) -> None:
    from plotter_kernel.shell.config import decide

    put(folders["~/.jupyter"], "jupyter_server_config.json", {"max_factorial": 170})
    put(folders["~/.jupyter"], "plotter_config.json", {"max_depth": 400, "max_samples": 900})
    # What the server merged: the user's file, its command line, and a value given in Python
    merged = {"max_factorial": 170, "max_depth": 30, "max_samples": 1000}
    values, problems = decide(
        {}, server_config=merged, command_line={"max_factorial": 20, "max_depth": 30}
    )
    assert values == {"max_factorial": 20, "max_depth": 30, "max_samples": 900}
    assert len(problems) == 2  # the two refused raises


# -- a real server and kernel ------------------------------------------------------------------

REAL_ADMIN = {
    "kernel file": ("plotter_config.json", []),
    "server .d file": ("jupyter_server_config.d", []),
    "server file": ("jupyter_server_config.json", []),
    "command line": (None, ["--PlotterConfig.max_factorial=20"]),
}
REAL_USER = ("jupyter_server_config.json", "plotter_config.json")
REAL_CASES = [
    pytest.param((admin, user, 170), id=f"{admin}-vs-user-{user}")
    for admin in REAL_ADMIN
    for user in REAL_USER
] + [pytest.param(("server .d file", "jupyter_server_config.json", 10), id="user-lowers")]


@pytest.fixture
def real_case(
    request: pytest.FixtureRequest, jp_config_dir: Path, jp_system_config_path: Path
) -> tuple[str, str, int]:
    """The admin's and the student's files, written before the server starts."""
    admin, user, student_value = request.param
    admin_file = REAL_ADMIN[admin][0]
    if admin_file:
        put(jp_system_config_path, admin_file, {"max_factorial": 20})
    put(jp_config_dir, user, {"max_factorial": student_value})
    return admin, user, student_value


@pytest.fixture
def jp_argv(real_case: tuple[str, str, int]) -> list[str]:
    return list(REAL_ADMIN[real_case[0]][1])


@pytest.fixture
def jp_server_config() -> Config:
    return Config({"ServerApp": {"jpserver_extensions": {"plotter_ext": True}}})


async def factorials(jp_fetch: Any, jp_serverapp: Any, *numbers: int) -> list[dict[str, Any]]:
    """The replies to ``n!`` for each number, in one kernel started through the REST API."""
    body = json.dumps({"name": KERNEL_NAME})
    response = await jp_fetch("api", "kernels", method="POST", body=body)
    kernel_id = json.loads(response.body.decode())["id"]
    client = jp_serverapp.kernel_manager.get_kernel(kernel_id).client()
    client.start_channels()
    try:
        await client.wait_for_ready(timeout=60)
        replies = []
        for n in numbers:
            reply = await client.execute_interactive(
                f"{n}!", stop_on_error=False, timeout=60, output_hook=lambda msg: None
            )
            replies.append(reply["content"])
        return replies
    finally:
        client.stop_channels()
        await jp_fetch("api", "kernels", kernel_id, method="DELETE")


@pytest.mark.slow
@pytest.mark.parametrize("real_case", REAL_CASES, indirect=True)
async def test_the_student_kernel_obeys_the_admin(
    real_case: tuple[str, str, int], jp_fetch: Any, jp_serverapp: Any
) -> None:
    _, _, student_value = real_case
    top = min(20, student_value)
    fine, over = await factorials(jp_fetch, jp_serverapp, top, top + 5)
    assert fine["status"] == "ok", fine
    assert over["status"] == "error" and over["ename"] == "ResourceError", over


@pytest.mark.slow
@pytest.mark.parametrize("user_file", REAL_USER)
def test_a_kernel_without_a_server_obeys_admin_server_files(
    user_file: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given an admin's drop-in server file and a student's raise, and no server (nbclient)
    admin, user = tmp_path / "admin-etc", tmp_path / "home" / ".jupyter"
    put(admin, "jupyter_server_config.d", {"max_factorial": 20})
    put(user, user_file, {"max_factorial": 170})
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(user))
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", str(admin))
    km, kc = start_new_kernel(kernel_name=KERNEL_NAME)
    try:
        reply = kc.execute_interactive("25!", timeout=60, output_hook=lambda msg: None)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    # Then the admin's limit holds
    assert reply["content"].get("ename") == "ResourceError", reply["content"]
