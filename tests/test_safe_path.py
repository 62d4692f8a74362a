"""No file next to a notebook can shadow a module the kernel imports (SPEC §8)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

from plotter_kernel.shell.kernelspec import KERNEL_NAME, get_kernel_dict, make_cmd

SHADOWED = ("random", "difflib", "numpy", "matplotlib", "json")

SHADOW = """\
import importlib, os, sys
with open({mark!r}, "a", encoding="utf-8") as log:
    log.write(__name__ + "\\n")
# Step aside so the kernel keeps working, and the test sees only the mark.
here = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != here]
del sys.modules[__name__]
sys.modules[__name__] = importlib.import_module(__name__)
"""


def test_both_kernelspecs_start_python_in_safe_path_mode() -> None:
    assert make_cmd()[:2] == ["python", "-P"]
    assert get_kernel_dict()["argv"][1] == "-P"


@pytest.fixture
def notebook_folder(tmp_path: Path) -> tuple[Path, Path]:
    """A folder holding a student's ``random.py``, ``difflib.py``... that leave a mark."""
    folder = tmp_path / "notebooks"
    folder.mkdir()
    mark = tmp_path / "imported.txt"
    for name in SHADOWED:
        (folder / f"{name}.py").write_text(SHADOW.format(mark=str(mark)), encoding="utf-8")
    return folder, mark


def run_cells(km: KernelManager, cwd: Path) -> list[str]:
    km.start_kernel(cwd=str(cwd))
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        values = []
        # a plot (NumPy, Matplotlib) and a misspelling (difflib's suggestions)
        for code in ("y = sin(x)", "sinn(1)", "x^2 + y^2 < 4", "1 + 1"):
            reply = kc.execute_interactive(code, timeout=60, output_hook=lambda m: None)
            values.append(reply["content"]["status"])
        return values
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


@pytest.mark.slow
def test_kernelspec_kernel_ignores_modules_beside_the_notebook(
    notebook_folder: tuple[Path, Path],
) -> None:
    folder, mark = notebook_folder
    statuses = run_cells(KernelManager(kernel_name=KERNEL_NAME), folder)
    assert statuses == ["ok", "error", "ok", "ok"]
    assert not mark.exists(), mark.read_text(encoding="utf-8")


@pytest.mark.slow
def test_kernel_started_without_safe_path_drops_the_folder_itself(
    notebook_folder: tuple[Path, Path], tmp_path: Path
) -> None:
    # Given a spec that starts the kernel the plain `python -m` way
    folder, mark = notebook_folder
    kernels = tmp_path / "kernels" / "plotter-plain"
    kernels.mkdir(parents=True)
    argv = [sys.executable, "-m", "plotter_kernel", "-f", "{connection_file}"]
    (kernels / "kernel.json").write_text(
        json.dumps({"argv": argv, "display_name": "plain", "language": "plotter"}),
        encoding="utf-8",
    )
    ksm: Any = KernelSpecManager(kernel_dirs=[str(kernels.parent)])
    km = KernelManager(kernel_name="plotter-plain", kernel_spec_manager=ksm)
    statuses = run_cells(km, folder)
    assert statuses == ["ok", "error", "ok", "ok"]
    # Modules Python loads before the kernel's first line cannot be helped; none of these is
    imported = mark.read_text(encoding="utf-8").split() if mark.exists() else []
    assert imported == []
