"""Shared pytest fixtures: pytest-jupyter's server fixtures and a shared Matplotlib cache."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest_plugins = ["pytest_jupyter.jupyter_server"]


@pytest.fixture(scope="session")
def mpl_config_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One Matplotlib cache for the session, so each kernel skips rebuilding its font list."""
    return tmp_path_factory.mktemp("mplconfig")


@pytest.fixture(autouse=True)
def _shared_mpl_cache(monkeypatch: pytest.MonkeyPatch, mpl_config_dir: Path) -> Iterator[None]:
    """Kernels started by tests inherit MPLCONFIGDIR (pytest-jupyter isolates HOME)."""
    monkeypatch.setenv("MPLCONFIGDIR", str(mpl_config_dir))
    yield


@pytest.fixture(autouse=True)
def _scenes_follow_the_schema(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every scene a test draws in this process is checked against language/scene.schema.json."""
    from scene_schema import check_scene

    import plotter_kernel.cell
    import plotter_kernel.replay
    from plotter_kernel.draw.sample import sample

    def checked(*args: Any, **kwargs: Any) -> Any:
        scene, problems = sample(*args, **kwargs)
        if scene is not None:
            check_scene(scene)
        return scene, problems

    monkeypatch.setattr(plotter_kernel.cell, "sample", checked)
    monkeypatch.setattr(plotter_kernel.replay, "sample", checked)
    yield
