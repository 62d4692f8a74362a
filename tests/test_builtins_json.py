"""language/builtins.json, read by the TypeScript core, must agree with the kernel's table."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

from plotter_kernel.lang.builtins import ALIASES, BUILTINS, CONSTANTS, INVERSES, SERIES

ROOT = Path(__file__).parent.parent


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "builtins_json", ROOT / "scripts" / "builtins_json.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_file_is_what_the_script_writes() -> None:
    written = (ROOT / "language" / "builtins.json").read_text("utf-8")
    assert written == _generator().text(), "run python scripts/builtins_json.py"


def test_file_lists_every_builtin_with_its_arity() -> None:
    data = json.loads((ROOT / "language" / "builtins.json").read_text("utf-8"))
    functions = {f["name"]: f for f in data["functions"]}
    assert set(functions) == set(BUILTINS)
    for name, builtin in BUILTINS.items():
        entry = functions[name]
        assert (entry["min"], entry["max"]) == (builtin.min_args, builtin.max_args)
        assert (entry["signature"], entry["doc"]) == (builtin.signature, builtin.doc)
    assert data["aliases"] == ALIASES
    assert data["inverses"] == INVERSES
    assert data["series"] == SERIES
    assert {c["name"]: c["value"] for c in data["constants"]} == {
        name: c.value for name, c in CONSTANTS.items()
    }
