"""language/protocol.json is the one source of what both halves agree on: each reads it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hatchling.builders.wheel import WheelBuilder

import hatch_build
from plotter_kernel import protocol

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "language" / "protocol.json"


@pytest.mark.parametrize(
    "link", ["kernel/plotter_kernel/protocol.json", "labextension/src/core/protocol.json"]
)
def test_each_half_reads_the_language_file(link: str) -> None:
    assert (ROOT / link).samefile(SOURCE)


def test_the_kernel_holds_its_values() -> None:
    assert protocol.PROTOCOL == json.loads(SOURCE.read_text("utf-8"))


def test_the_build_hook_reads_it_without_the_package() -> None:
    # hatch_build loads kernelspec.py alone, in a build environment without NumPy
    kernelspec = hatch_build.load_kernelspec_module()
    assert kernelspec.KERNEL_NAME == protocol.PROTOCOL["kernelName"]
    assert kernelspec.LANGUAGE == protocol.LANGUAGE_INFO["name"]


def test_the_wheel_ships_it() -> None:
    shipped = {f.distribution_path for f in WheelBuilder(str(ROOT)).recurse_included_files()}
    assert "plotter_kernel/protocol.json" in shipped
