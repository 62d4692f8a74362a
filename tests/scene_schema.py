"""Validation of scenes and programs against the JSON Schemas in ``language/``."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

LANGUAGE = Path(__file__).resolve().parent.parent / "language"


@cache
def _validators() -> tuple[Draft202012Validator, Draft202012Validator]:
    schemas = {
        name: json.loads((LANGUAGE / name).read_text("utf-8"))
        for name in ("program.schema.json", "scene.schema.json")
    }
    registry: Registry = Registry()
    for name, schema in schemas.items():
        Draft202012Validator.check_schema(schema)
        resource = Resource.from_contents(schema)
        registry = registry.with_resources([(schema["$id"], resource), (name, resource)])
    program = Draft202012Validator(schemas["program.schema.json"], registry=registry)
    scene = Draft202012Validator(schemas["scene.schema.json"], registry=registry)
    return program, scene


def check_scene(scene: Any) -> None:
    """Raise ``jsonschema.ValidationError`` unless ``scene`` is a valid scene v2 (as JSON)."""
    _validators()[1].validate(json.loads(json.dumps(scene, allow_nan=False)))


def check_program(program: Any) -> None:
    """Raise ``jsonschema.ValidationError`` unless ``program`` is a valid program."""
    _validators()[0].validate(json.loads(json.dumps(program, allow_nan=False)))
