"""Classroom hardening of the server extension in a real Jupyter server (SPEC §8).

``allowed_kernelspecs`` and ``only_allowed_kernels`` over the REST API, admin-wins for the
server's ``PlotterConfig``, bad server values dropped one by one, the stale-spec repair.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import jupyter_core.paths
import pytest
from tornado.httpclient import HTTPClientError
from traitlets.config import Config

from plotter_ext.stale import check_shadowing
from plotter_kernel.shell.kernelspec import KERNEL_NAME, get_kernel_dict

pytestmark = pytest.mark.slow


@pytest.fixture
def jp_server_config(request: pytest.FixtureRequest) -> Config:
    extra = getattr(request, "param", {})
    return Config({"ServerApp": {"jpserver_extensions": {"plotter_ext": True}}, **extra})


async def start_kernel(jp_fetch: Any, name: str) -> int:
    """The HTTP status of ``POST /api/kernels`` for ``name`` (the kernel is shut down again)."""
    try:
        response = await jp_fetch("api", "kernels", method="POST", body=json.dumps({"name": name}))
    except HTTPClientError as err:
        return err.code
    kernel_id = json.loads(response.body.decode())["id"]
    await jp_fetch("api", "kernels", kernel_id, method="DELETE")
    return response.code


async def spec_env(jp_fetch: Any) -> dict[str, Any]:
    response = await jp_fetch("api", "kernelspecs")
    spec = json.loads(response.body.decode())["kernelspecs"][KERNEL_NAME]["spec"]
    text = spec.get("env", {}).get("PLOTTER_CONFIG", "{}")
    return dict(json.loads(text).get("PlotterConfig", {}))


# -- which kernels may start ------------------------------------------------------------------


@pytest.mark.parametrize(
    "jp_server_config", [{"KernelSpecManager": {"allowed_kernelspecs": ["echo"]}}], indirect=True
)
async def test_excluded_plotter_kernel_cannot_be_started(jp_fetch: Any) -> None:
    assert await start_kernel(jp_fetch, KERNEL_NAME) == 404


@pytest.mark.parametrize(
    "jp_server_config", [{"PlotterExtension": {"register_kernel": False}}], indirect=True
)
async def test_unregistered_plotter_kernel_is_not_found(jp_fetch: Any) -> None:
    assert await start_kernel(jp_fetch, KERNEL_NAME) == 404


@pytest.mark.parametrize(
    "jp_server_config",
    [
        {
            "KernelSpecManager": {"allowed_kernelspecs": [KERNEL_NAME]},
            "PlotterExtension": {"only_allowed_kernels": True},
        }
    ],
    indirect=True,
)
async def test_only_allowed_kernels_refuses_every_other_kernel(jp_fetch: Any) -> None:
    assert await start_kernel(jp_fetch, "python3") == 404
    assert await start_kernel(jp_fetch, "echo") == 404
    assert await start_kernel(jp_fetch, KERNEL_NAME) == 201


@pytest.mark.parametrize(
    "jp_server_config",
    [{"KernelSpecManager": {"allowed_kernelspecs": [KERNEL_NAME]}}],
    indirect=True,
)
async def test_without_only_allowed_kernels_other_kernels_still_start(jp_fetch: Any) -> None:
    # The default keeps Jupyter's own behaviour; only_allowed_kernels is the admin's choice
    assert await start_kernel(jp_fetch, KERNEL_NAME) == 201


# -- admin wins -------------------------------------------------------------------------------


@pytest.fixture
def admin_and_user_files(
    jp_environ: Any, jp_config_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """System-wide and user-level server config files, written before the server starts.

    The system folder stands in for ``/etc/jupyter``: last on the config path, so Jupyter
    lets the user's ``~/.jupyter`` file override it.
    """
    admin = tmp_path / "admin-etc"
    admin.mkdir()
    section = {"max_factorial": 100, "max_depth": 40, "figure_width": 500}
    (admin / "jupyter_server_config.json").write_text(
        json.dumps({"PlotterConfig": section}), encoding="utf-8"
    )
    monkeypatch.setattr(jupyter_core.paths, "SYSTEM_CONFIG_PATH", [str(admin)])
    mine = {"max_factorial": 1000, "max_depth": 20, "max_samples": 90000, "figure_width": 900}
    (jp_config_dir / "jupyter_server_config.json").write_text(
        json.dumps({"PlotterConfig": mine}), encoding="utf-8"
    )


@pytest.mark.parametrize("jp_argv", [["--PlotterConfig.max_samples=5000"]])
async def test_user_server_config_cannot_raise_admin_limits(
    admin_and_user_files: None, jp_fetch: Any
) -> None:
    env = await spec_env(jp_fetch)
    assert env["max_factorial"] == 100  # system-wide file beats the user's raise
    assert env["max_depth"] == 20  # a user may lower a limit
    assert env["max_samples"] == 5000  # the command line beats the user's raise
    assert env["figure_width"] == 500  # the admin's other settings stay


@pytest.mark.parametrize(
    "jp_server_config",
    [{"PlotterConfig": {"max_samples": "lots", "max_depth": 7, "seconds_per_cell": float("nan")}}],
    indirect=True,
)
async def test_bad_server_values_are_dropped_one_by_one(
    capfd: pytest.CaptureFixture[str], jp_fetch: Any
) -> None:
    env = await spec_env(jp_fetch)
    assert env == {"max_depth": 7}
    err = capfd.readouterr().err
    assert "PlotterConfig.max_samples" in err and "PlotterConfig.seconds_per_cell" in err


# -- the stale-spec repair --------------------------------------------------------------------


def dead_spec(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    spec = {"argv": ["/gone/python", "-m", "plotter_kernel", "-f", "{connection_file}"]}
    (folder / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    return folder


LOG = logging.getLogger("test-plotter-repair")


def test_repair_keeps_files_it_did_not_write(tmp_path: Path) -> None:
    user = tmp_path / "kernels"
    spec = dead_spec(user / KERNEL_NAME)
    (spec / "notes.txt").write_text("mine", encoding="utf-8")
    assert check_shadowing([str(user)], str(user), LOG) == "repaired"
    assert (spec / "notes.txt").read_text(encoding="utf-8") == "mine"
    repaired = json.loads((spec / "kernel.json").read_text(encoding="utf-8"))
    assert repaired["argv"] == get_kernel_dict()["argv"]


def test_repair_never_writes_through_a_symlinked_kernels_folder(tmp_path: Path) -> None:
    shared = dead_spec(tmp_path / "shared" / KERNEL_NAME)
    before = (shared / "kernel.json").read_text(encoding="utf-8")
    user = tmp_path / "kernels"
    user.symlink_to(shared.parent, target_is_directory=True)
    assert check_shadowing([str(user)], str(user), LOG) == "broken"
    assert (shared / "kernel.json").read_text(encoding="utf-8") == before


def test_repair_never_follows_a_symlinked_file(tmp_path: Path) -> None:
    user = tmp_path / "kernels"
    spec = user / KERNEL_NAME
    spec.mkdir(parents=True)
    target = dead_spec(tmp_path / "elsewhere") / "kernel.json"
    before = target.read_text(encoding="utf-8")
    (spec / "kernel.json").symlink_to(target)
    assert check_shadowing([str(user)], str(user), LOG) == "broken"
    assert target.read_text(encoding="utf-8") == before
    assert (spec / "kernel.json").is_symlink()


def test_repair_never_follows_a_symlinked_spec_folder(tmp_path: Path) -> None:
    elsewhere = dead_spec(tmp_path / "elsewhere" / "spec")
    (elsewhere / "notes.txt").write_text("mine", encoding="utf-8")
    user = tmp_path / "kernels"
    user.mkdir()
    (user / KERNEL_NAME).symlink_to(elsewhere, target_is_directory=True)
    check_shadowing([str(user)], str(user), LOG)
    assert (elsewhere / "notes.txt").exists()
    assert json.loads((elsewhere / "kernel.json").read_text())["argv"][0] == "/gone/python"


# -- where the registered spec lives ----------------------------------------------------------


async def test_registered_spec_is_not_in_the_runtime_folder(jp_serverapp: Any) -> None:
    # The runtime folder holds the kernels' connection files and their keys
    spec = jp_serverapp.kernel_spec_manager.get_kernel_spec(KERNEL_NAME)
    folder = Path(spec.resource_dir).resolve()
    runtime = Path(jp_serverapp.runtime_dir).resolve()
    assert folder != runtime and runtime not in folder.parents
    # and its own folder is private to the server's user
    assert folder.parent.stat().st_mode & 0o077 == 0
