"""The kernel package's layers import only downwards (DESIGN.md): read from the source.

text -> program (``lang/``) -> scene (``draw/``) -> pictures (``render/``); the cell and
the view requests (``cell.py``, ``replay.py``) use all three; the protocol shell
(``shell/``) sits on top and nothing below it imports it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "kernel" / "plotter_kernel"
NAME = "plotter_kernel"

SHARED, LANG, DRAW, RENDER, CORE, SHELL = range(6)
FOLDERS = {"lang": LANG, "draw": DRAW, "render": RENDER, "shell": SHELL}
TOP = {
    "__init__": SHARED,
    "budget": SHARED,
    "envelope": SHARED,
    "errors": SHARED,
    "limits": SHARED,
    "plan": SHARED,
    "protocol": SHARED,
    "report": SHARED,
    "cell": CORE,
    "replay": CORE,
    "__main__": SHELL,
}
"""Every top-level module and its layer: a new one must be placed here on purpose."""
LAYER_NAMES = ["shared", "lang", "draw", "render", "core", "shell"]

PROTOCOL = ("ipykernel", "comm", "jupyter_client", "jupyter_core", "traitlets", "zmq", "tornado")
"""Only the shell speaks Jupyter."""


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer(module: str) -> int:
    parts = module.split(".")[1:]
    if not parts:
        return SHARED
    if parts[0] in FOLDERS:
        return FOLDERS[parts[0]]
    assert parts[0] in TOP, f"{module} is in no layer: add it to TOP or move it into a folder"
    return TOP[parts[0]]


def imports(path: Path, text: str | None = None) -> list[tuple[int, str]]:
    """``(line, absolute module)`` of every import in the module at ``path`` (its source,
    or ``text``), also inside functions and ``if TYPE_CHECKING:``; ``from . import x``
    names the submodule ``x`` when it is one."""
    source = path.read_text(encoding="utf-8") if text is None else text
    tree = ast.parse(source, filename=str(path))
    here = module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.append((node.lineno, target))
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                rel = sub.split(".")[1:]
                if sub.startswith(NAME + ".") and (
                    PACKAGE.joinpath(*rel).with_suffix(".py").exists()
                    or (PACKAGE.joinpath(*rel) / "__init__.py").exists()
                ):
                    found.append((node.lineno, sub))
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_layer_is_there() -> None:
    folders = {p.parent.name for p in MODULES if p.parent != PACKAGE}
    assert folders == set(FOLDERS)
    assert {p.stem for p in MODULES if p.parent == PACKAGE} == set(TOP)


def upward(path: Path, text: str | None = None) -> list[str]:
    """The imports of the module at ``path`` that reach a higher layer than its own."""
    mine = layer(module_name(path))
    return [
        f"line {line}: {target} ({LAYER_NAMES[layer(target)]})"
        for line, target in imports(path, text)
        if (target == NAME or target.startswith(NAME + ".")) and layer(target) > mine
    ]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_go_downwards(path: Path) -> None:
    assert upward(path) == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_only_the_shell_speaks_jupyter_and_only_render_draws(path: Path) -> None:
    mine = layer(module_name(path))
    tops = {target.split(".")[0] for _, target in imports(path)}
    if mine != SHELL:
        assert not tops & set(PROTOCOL)
    if mine != RENDER:
        assert "matplotlib" not in tops


def test_the_check_sees_an_upward_import() -> None:
    # Given a drawing module that reaches up, in every way Python allows
    source = (
        "from ..shell.kernel import PlotterKernel\n"
        "from .. import cell\n"
        "def later():\n"
        "    import plotter_kernel.render.render\n"
        "    from .sample import sample\n"
    )
    # Then each upward import is found, and the import within its own layer is not
    found = upward(PACKAGE / "draw" / "features.py", source)
    assert found == [
        "line 1: plotter_kernel.shell.kernel (shell)",
        "line 2: plotter_kernel.cell (core)",
        "line 4: plotter_kernel.render.render (render)",
    ]
