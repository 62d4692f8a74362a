"""Build hook: write the ``plotter`` kernelspec from ``kernelspec.py`` into the wheel's data."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "kernel" / "plotter_kernel" / "shell" / "kernelspec.py"
OUTPUT = HERE / "build" / "data_kernelspec"


def load_kernelspec_module() -> Any:
    """Load ``kernelspec.py`` by path: the build environment lacks the kernel's dependencies."""
    spec = importlib.util.spec_from_file_location("_plotter_kernelspec", SOURCE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class CustomHook(BuildHookInterface):  # type: ignore[type-arg]
    """Generate ``share/jupyter/kernels/plotter`` so every Jupyter tool in the prefix sees it."""

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        kernelspec = load_kernelspec_module()
        if OUTPUT.exists():
            shutil.rmtree(OUTPUT)
        # argv starts with plain "python", for standard and editable wheels alike.
        kernelspec.write_kernel_spec(OUTPUT / kernelspec.KERNEL_NAME)
        build_data["shared_data"][str(OUTPUT / kernelspec.KERNEL_NAME)] = (
            f"share/jupyter/kernels/{kernelspec.KERNEL_NAME}"
        )
