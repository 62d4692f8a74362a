"""The Zero to JupyterHub recipe: ``deploy/z2jh/config.yaml`` is valid for the chart.

Helm merges a values file into the chart's defaults and validates the result against the
chart's schema; this does the same with both vendored from the chart's source.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

Z2JH = Path(__file__).resolve().parent.parent / "deploy" / "z2jh"


def merged(base: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """Helm's merge of user values into chart defaults: maps merge, a null removes a key."""
    out = dict(base)
    for key, value in values.items():
        if value is None:
            out.pop(key, None)
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merged(out[key], value)
        else:
            out[key] = value
    return out


def problems(values: dict[str, Any]) -> list[str]:
    """What the chart's schema says about ``values`` merged into its defaults."""
    schema = yaml.safe_load((Z2JH / "values.schema.yaml").read_text(encoding="utf-8"))
    defaults = yaml.safe_load((Z2JH / "chart-values.yaml").read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    return [
        f"{'.'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(merged(defaults, values))
    ]


def recipe() -> dict[str, Any]:
    loaded = yaml.safe_load((Z2JH / "config.yaml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_the_recipe_is_valid_for_the_chart() -> None:
    assert problems(recipe()) == []


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"singleuser": {"memroy": {"limit": "1G"}}}, "singleuser"),
        ({"cull": {"timeout": "an hour"}}, "cull.timeout"),
        ({"singleuser": {"extraFiles": {"x": {"data": {}}}}}, "singleuser.extraFiles.x"),
    ],
)
def test_the_schema_catches_a_mistake(change: dict[str, Any], where: str) -> None:
    # (so that the check above can fail: a typo, a wrong type, a file without a path)
    found = problems(merged(recipe(), change))
    assert found and all(p.startswith(where) for p in found), found


def test_the_image_copies_the_admin_file_the_recipe_points_at() -> None:
    dockerfile = (Z2JH / "Dockerfile").read_text(encoding="utf-8")
    assert "FROM quay.io/jupyter/minimal-notebook:2026-08-24" in dockerfile
    copied = [line.split()[1] for line in dockerfile.splitlines() if line.startswith("COPY ")]
    assert "deploy/z2jh/plotter_admin.json" in copied
    assert (Z2JH.parent.parent / "deploy/z2jh/plotter_admin.json").is_file()
