"""The built wheel in a fresh virtual environment without Node: extension, kernelspec, Lab."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
from collections.abc import Iterator
from pathlib import Path

import pytest

from plotter_kernel.shell.kernelspec import LOGO_FILES, get_kernel_dict

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "demo" / "plotter-demo.ipynb"


def run(argv: list[str], env: dict[str, str], cwd: Path, timeout: float = 900) -> str:
    """Run a command, failing with its output when it fails; return stdout and stderr."""
    done = subprocess.run(
        argv, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, f"{argv} failed ({done.returncode}):\n{output[-4000:]}"
    return output


def source_copy(dest: Path) -> Path:
    """Copy the checkout as a fresh clone would have it: no build output, no node_modules."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    return dest


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``pip wheel .`` of a fresh copy: the build hook builds the Lab plugin with Node."""
    if not (ROOT / "labextension" / "package.json").is_file():
        pytest.skip("labextension/package.json does not exist yet: no Lab plugin to ship")
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs a git checkout to copy the sources from")
    source = source_copy(tmp_path_factory.mktemp("source"))
    assert not (source / "plotter_ext" / "labextension").exists()
    out = tmp_path_factory.mktemp("wheelhouse")
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    argv = [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-w", str(out)]
    run(argv, env, source)
    (built,) = out.glob("plotter-*.whl")
    return built


@pytest.fixture(scope="module")
def fresh_env(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A new virtual environment with the wheel (and JupyterLab) installed; PATH has no node."""
    base = tmp_path_factory.mktemp("fresh")
    prefix = base / "venv"
    venv.create(prefix, with_pip=True, clear=True)
    bindir = prefix / ("Scripts" if os.name == "nt" else "bin")
    home = base / "home"
    home.mkdir()
    env = {
        "PATH": str(bindir),
        "HOME": str(home),
        "PYTHONNOUSERSITE": "1",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "JUPYTER_PLATFORM_DIRS": "1",
        "MPLCONFIGDIR": str(home / "mpl"),
        **{k: v for k, v in os.environ.items() if k.startswith(("PIP_INDEX", "PIP_FIND", "LANG"))},
    }
    assert shutil.which("node", path=env["PATH"]) is None
    python = str(bindir / "python")
    run([python, "-m", "pip", "install", "-q", str(wheel), "jupyterlab>=4,<5"], env, base)
    env["VENV_PREFIX"] = str(prefix)
    yield env


def test_server_extension_is_enabled(fresh_env: dict[str, str], tmp_path: Path) -> None:
    output = run(["jupyter", "server", "extension", "list"], fresh_env, tmp_path)
    lines = [line for line in output.splitlines() if "plotter_ext" in line]
    assert any("enabled" in line for line in lines), output
    assert any("OK" in line for line in lines), output


def test_kernelspec_is_shipped(fresh_env: dict[str, str], tmp_path: Path) -> None:
    output = run(["jupyter", "kernelspec", "list", "--json"], fresh_env, tmp_path)
    specs = json.loads(output[output.index("{") :])["kernelspecs"]
    folder = Path(specs["plotter"]["resource_dir"])
    assert folder.is_relative_to(fresh_env["VENV_PREFIX"])
    # generated from kernelspec.py: same content, no build-time interpreter path
    assert json.loads((folder / "kernel.json").read_text(encoding="utf-8")) == get_kernel_dict()
    assert all((folder / name).is_file() for name in LOGO_FILES)


def test_labextension_is_installed(fresh_env: dict[str, str], tmp_path: Path) -> None:
    output = run(["jupyter", "labextension", "list"], fresh_env, tmp_path)
    lines = [line for line in output.splitlines() if "plotter-labextension" in line]
    assert lines, output
    assert "enabled" in lines[0] and "OK" in lines[0], output
    folder = Path(fresh_env["VENV_PREFIX"]) / "share/jupyter/labextensions/plotter-labextension"
    assert (folder / "install.json").is_file()
    assert (folder / "package.json").is_file()


def test_demo_notebook_runs_with_the_shipped_spec(
    fresh_env: dict[str, str], tmp_path: Path
) -> None:
    # nbconvert finds the kernel through the wheel's data, with no server running
    if not DEMO.is_file():
        pytest.skip("demo/plotter-demo.ipynb does not exist")
    out = tmp_path / "executed.ipynb"
    argv = ["jupyter", "nbconvert", "--to", "notebook", "--execute", "--allow-errors"]
    run([*argv, "--output", str(out), str(DEMO)], fresh_env, tmp_path)
    cells = json.loads(out.read_text(encoding="utf-8"))["cells"]
    outputs = [o for c in cells if c["cell_type"] == "code" for o in c["outputs"]]
    assert any("image/png" in o.get("data", {}) for o in outputs)
    assert any(o["output_type"] == "error" for o in outputs), "the demo shows an error"


def dockerfile_steps(path: Path) -> tuple[list[str], list[tuple[str, str]]]:
    """The shell commands of a Dockerfile's RUN instructions and its COPY (source, target)s."""
    text = path.read_text(encoding="utf-8").replace("\\\n", " ")
    runs: list[str] = []
    copies: list[tuple[str, str]] = []
    for line in text.splitlines():
        if line.startswith("RUN "):
            runs.append(line[4:].strip())
        elif line.startswith("COPY "):
            source, target = line.split()[1:3]
            copies.append((source, target))
    return runs, copies


def test_the_hub_images_install_steps_work_in_a_clean_venv(wheel: Path, tmp_path: Path) -> None:
    # Given the Dockerfile of deploy/z2jh, its steps run in a new virtual environment:
    # /tmp/wheels holds our wheel, /etc/jupyter is the environment's own etc/jupyter
    runs, copies = dockerfile_steps(ROOT / "deploy" / "z2jh" / "Dockerfile")
    prefix = tmp_path / "venv"
    venv.create(prefix, with_pip=True, clear=True)
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    shutil.copy2(wheel, wheels / wheel.name)
    env = {
        "PATH": f"{prefix / 'bin'}:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "PYTHONNOUSERSITE": "1",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "JUPYTER_PLATFORM_DIRS": "1",
        "MPLCONFIGDIR": str(tmp_path / "mpl"),
        **{k: v for k, v in os.environ.items() if k.startswith(("PIP_INDEX", "PIP_FIND", "LANG"))},
    }
    for source, target in copies:
        if target.startswith("/etc/jupyter/"):
            where = prefix / "etc" / "jupyter" / target.removeprefix("/etc/jupyter/")
            where.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / source, where)
    for command in runs:
        run(["bash", "-c", command.replace("/tmp/wheels", str(wheels))], env, tmp_path)
    assert not list(wheels.glob("*")), "the step cleans up the wheel it installed"

    # Then the kernel is registered and a notebook run by nbconvert gets the admin's
    # formats: an SVG and no PNG
    output = run(["jupyter", "kernelspec", "list", "--json"], env, tmp_path)
    assert "plotter" in json.loads(output[output.index("{") :])["kernelspecs"]
    notebook = tmp_path / "sine.ipynb"
    notebook.write_text(
        json.dumps(
            {
                "cells": [
                    {
                        "cell_type": "code",
                        "execution_count": None,
                        "id": "c0",
                        "metadata": {},
                        "outputs": [],
                        "source": "y = sin(x)",
                    }
                ],
                "metadata": {"kernelspec": {"name": "plotter", "display_name": "Plotter"}},
                "nbformat": 4,
                "nbformat_minor": 5,
            }
        ),
        encoding="utf-8",
    )
    run(["pip", "install", "-q", "nbconvert", "nbformat"], env, tmp_path)
    run(["jupyter", "nbconvert", "--to", "notebook", "--execute", str(notebook)], env, tmp_path)
    executed = json.loads((tmp_path / "sine.nbconvert.ipynb").read_text(encoding="utf-8"))
    (shown,) = executed["cells"][0]["outputs"]
    assert "image/svg+xml" in shown["data"]
    assert "image/png" not in shown["data"]
