"""The one source of the kernelspec: its content, the written folder and the logos."""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PIL import Image

from plotter_kernel.shell import kernelspec
from plotter_kernel.shell.kernelspec import (
    KERNEL_NAME,
    LOGO_FILES,
    get_kernel_dict,
    make_cmd,
    write_kernel_spec,
)


def test_make_cmd_uses_plain_python() -> None:
    assert make_cmd() == ["python", "-P", "-m", "plotter_kernel", "-f", "{connection_file}"]
    assert make_cmd("/opt/py/bin/python")[0] == "/opt/py/bin/python"


def test_kernel_dict_matches_the_contract() -> None:
    spec = get_kernel_dict()
    assert spec["argv"] == make_cmd()
    assert sys.executable not in spec["argv"]
    assert spec["display_name"] == "Graphing Calculator"
    assert spec["language"] == "plotter"
    assert spec["interrupt_mode"] == "signal"
    assert "env" not in spec


def test_kernel_dict_carries_name_and_env() -> None:
    spec = get_kernel_dict(display_name="Algebra", env={"PLOTTER_CONFIG": "{}"})
    assert spec["display_name"] == "Algebra"
    assert spec["env"] == {"PLOTTER_CONFIG": "{}"}


def test_write_kernel_spec(tmp_path: Path) -> None:
    folder = write_kernel_spec(tmp_path / KERNEL_NAME, display_name="Algebra")
    written = json.loads((folder / "kernel.json").read_text(encoding="utf-8"))
    assert written == get_kernel_dict(display_name="Algebra")
    assert sorted(p.name for p in folder.iterdir()) == sorted(["kernel.json", *LOGO_FILES])


def test_write_kernel_spec_replaces_an_old_folder(tmp_path: Path) -> None:
    old = tmp_path / KERNEL_NAME
    old.mkdir()
    (old / "leftover.txt").write_text("x", encoding="utf-8")
    folder = write_kernel_spec(old)
    assert not (folder / "leftover.txt").exists()
    assert (folder / "kernel.json").is_file()


def test_write_kernel_spec_to_a_temporary_folder() -> None:
    folder = write_kernel_spec()
    assert folder.name == KERNEL_NAME
    assert (folder / "kernel.json").is_file()


def test_logos() -> None:
    for size in (32, 64):
        with Image.open(kernelspec.RESOURCES / f"logo-{size}x{size}.png") as image:
            assert image.size == (size, size)
            assert image.mode == "RGBA"
    root = ET.parse(kernelspec.RESOURCES / "logo-svg.svg").getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox") == "0 0 64 64"
