"""The TypeScript core has the kernel's layout (DESIGN.md, "The twin map"): read from the files.

``kernel/plotter_kernel/lang/<name>.py`` has its twin at ``labextension/src/core/lang/<name>.ts``,
``draw/<name>.py`` at ``core/draw/<name>.ts`` and the top-level modules of one cell or one
view request (``cell.py``, ``replay.py``, ``errors.py``, ...) at ``core/<name>.ts``, so a
reader finds a function's twin from its path. A TypeScript module under ``core/`` with no
Python module at the mirrored path says so in the first line of its doc comment, either
``No Python twin: <why>`` or ``Twin of `<path under kernel/plotter_kernel>`: ...`` (a twin
under another name).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
KERNEL = ROOT / "kernel" / "plotter_kernel"
CORE = ROOT / "labextension" / "src" / "core"
MIRRORED = ("lang", "draw")
TOP_LEVEL = ("cell.py", "replay.py", "errors.py", "budget.py", "limits.py", "plan.py", "report.py")
"""Modules directly under ``plotter_kernel`` with a twin directly under ``core/``; the
others there (``envelope.py``, ``protocol.py``) belong to the transports."""

KNOWN_GAPS = {
    # Late binding is part of the TS session: the stored definitions are parsed again
    # in `Session` itself (core/lang/session.ts), not in a module of their own.
    "lang/late.py": "in core/lang/session.ts",
    # The closures of conditions, piecewise branches, sums and products are written
    # beside the other closures (core/lang/closures.ts: compare, piecewise, series).
    "lang/notation.py": "in core/lang/closures.ts",
}
"""Python modules without a TypeScript module at the mirrored path, each with where its
logic lives in the TS core."""

NO_TWIN = "No Python twin:"
TWIN_OF = re.compile(r"Twin of `([\w/]+\.py)`")
DOC_FIRST_LINE = re.compile(r"\A/\*\*\s*\n?\s*\*?\s*(.*)")


def python_modules() -> list[str]:
    return sorted(
        [
            f"{folder}/{path.name}"
            for folder in MIRRORED
            for path in (KERNEL / folder).glob("*.py")
            if path.name != "__init__.py"
        ]
        + list(TOP_LEVEL)
    )


def ts_modules() -> list[str]:
    return sorted(
        path.relative_to(CORE).as_posix()
        for path in CORE.rglob("*.ts")
        if not path.name.endswith((".spec.ts", ".testing.ts", ".d.ts"))
    )


def mirrored_python(module: str) -> Path:
    """The Python module at the mirrored path of a TS module (``index.ts``: ``__init__.py``)."""
    path = Path(module)
    name = "__init__.py" if path.name == "index.ts" else path.with_suffix(".py").name
    return KERNEL / path.parent / name


def first_doc_line(path: Path) -> str:
    match = DOC_FIRST_LINE.match(path.read_text("utf-8"))
    return match.group(1).strip() if match else ""


@pytest.mark.parametrize("module", python_modules())
def test_python_module_has_its_twin(module: str) -> None:
    twin = CORE / Path(module).with_suffix(".ts")
    if module in KNOWN_GAPS:
        assert not twin.exists(), f"{module} has a twin now: drop it from KNOWN_GAPS"
    else:
        assert twin.is_file(), f"{module} has no twin at {twin.relative_to(ROOT)}"


def test_known_gaps_are_python_modules() -> None:
    assert set(KNOWN_GAPS) <= set(python_modules())


def test_top_level_modules_exist() -> None:
    missing = [name for name in TOP_LEVEL if not (KERNEL / name).is_file()]
    assert not missing, f"TOP_LEVEL names modules that are gone: {missing}"


@pytest.mark.parametrize("module", ts_modules())
def test_module_without_twin_says_why(module: str) -> None:
    if mirrored_python(module).is_file():
        return
    line = first_doc_line(CORE / module)
    named = TWIN_OF.search(line)
    if named:
        assert (KERNEL / named.group(1)).is_file(), f"{module}: no {named.group(1)}"
    else:
        assert NO_TWIN in line, (
            f"core/{module} has no Python twin at the mirrored path: the first line of "
            f"its doc comment should start with '{NO_TWIN} <why>' or name its twin as "
            "'Twin of `<path>`'"
        )


def test_there_are_modules_to_check() -> None:
    assert len(python_modules()) > 20 and len(ts_modules()) > 20
