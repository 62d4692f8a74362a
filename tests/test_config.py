"""The kernel's traitlets configuration: defaults, validation, files and the server's overrides."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest
from traitlets import TraitError
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

from plotter_kernel.limits import Limits
from plotter_kernel.shell.config import (
    ENV_VAR,
    MIMETYPES,
    PlotterConfig,
    config_to_json,
    env_config,
    load_config,
    read_config,
)


def make(**values: object) -> PlotterConfig:
    return PlotterConfig(config=Config({"PlotterConfig": values}))


def test_defaults_mirror_limits() -> None:
    assert PlotterConfig().limits() == Limits()


def test_every_limit_is_configurable() -> None:
    traits = PlotterConfig.class_own_traits(config=True)
    for field in fields(Limits):
        name = "default_x_window" if field.name == "default_x" else field.name
        assert name in traits, name
        assert traits[name].help, f"{name} needs help text for admins"


def test_display_defaults() -> None:
    config = PlotterConfig()
    assert config.default_x_window == [-10.0, 10.0]
    assert config.output_formats == list(MIMETYPES)
    assert (config.figure_width, config.figure_height) == (600, 400)


def test_values_reach_limits() -> None:
    limits = make(max_samples=500, seconds_per_cell=2.5, default_x_window=[-1, 4]).limits()
    assert limits.max_samples == 500
    assert limits.seconds_per_cell == 2.5
    assert limits.default_x == (-1.0, 4.0)


@pytest.mark.parametrize(
    "values",
    [
        {"default_x_window": [3, -3]},
        {"default_x_window": [1, 1]},
        {"default_x_window": [0, 1, 2]},
        {"output_formats": ["text/html"]},
        {"output_formats": []},
        {"max_samples": 0},
        {"seconds_per_cell": -1.0},
    ],
)
def test_invalid_values_are_refused(values: dict[str, object]) -> None:
    with pytest.raises(TraitError):
        make(**values)


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_file_config_reads_py_and_json(tmp_path: Path) -> None:
    folder = write(tmp_path / "a", "plotter_config.py", "c.PlotterConfig.max_depth = 7\n")
    write(folder, "plotter_config.json", json.dumps({"PlotterConfig": {"max_line_chars": 80}}))
    config, _ = read_config({}, [str(folder)], user_dirs=[])
    assert (config.max_depth, config.max_line_chars) == (7, 80)


def test_first_config_path_wins(tmp_path: Path) -> None:
    # Like Jupyter: among the admin's folders, the first on the path beats the later one
    first = write(tmp_path / "env", "plotter_config.py", "c.PlotterConfig.max_depth = 5\n")
    system = write(tmp_path / "etc", "plotter_config.py", "c.PlotterConfig.max_depth = 50\n")
    write(system, "plotter_config.json", json.dumps({"PlotterConfig": {"max_samples": 99}}))
    config, _ = read_config({}, [str(first), str(system)], user_dirs=[])
    assert config.max_depth == 5
    assert config.max_samples == 99


def test_load_config_uses_jupyter_config_path_then_env(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a system-wide file on the Jupyter config path
    system = write(
        tmp_path / "etc",
        "plotter_config.py",
        "c.PlotterConfig.max_depth = 12\nc.PlotterConfig.figure_width = 800\n",
    )
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", str(system))
    # and the server's value for one of the same settings in the environment
    env = {ENV_VAR: json.dumps({"PlotterConfig": {"max_depth": 30}})}
    config = load_config(env)
    # Then the server's value wins and the file supplies the rest
    assert config.max_depth == 30
    assert config.figure_width == 800


def test_load_config_reads_os_environ(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", str(tmp_path))
    monkeypatch.setenv(ENV_VAR, json.dumps({"figure_height": 300}))
    assert load_config().figure_height == 300


def test_env_config_accepts_both_shapes() -> None:
    nested = env_config({ENV_VAR: '{"PlotterConfig": {"max_depth": 3}}'})
    bare = env_config({ENV_VAR: '{"max_depth": 3}'})
    assert nested == bare == Config({"PlotterConfig": {"max_depth": 3}})
    assert env_config({}) == Config()


@pytest.mark.parametrize("text", ["not json", "[1, 2]", '{"PlotterConfig": 3}'])
def test_malformed_env_is_an_error(text: str) -> None:
    with pytest.raises(ValueError):
        env_config({ENV_VAR: text})


def test_json_round_trip() -> None:
    original = make(default_x_window=[-2, 2], output_formats=["image/png"], max_number=1e10)
    text = config_to_json(original)
    again = load_config({ENV_VAR: text})
    for name in PlotterConfig.class_own_traits(config=True):
        assert getattr(again, name) == getattr(original, name), name


def test_config_json_can_be_limited_to_some_names() -> None:
    text = config_to_json(make(max_depth=9), ["max_depth"])
    assert json.loads(text) == {"PlotterConfig": {"max_depth": 9}}


def test_config_module_stays_light() -> None:
    # The kernel reads its config before anything else: it must not pull in the server stack
    code = (
        "import sys, plotter_kernel.shell.config; "
        "print(sorted({'ipykernel', 'jupyter_server'} & set(sys.modules)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_readme_admin_example_is_valid(tmp_path: Path) -> None:
    # The README's example jupyter_server_config.py loads, and every value in it is accepted
    from plotter_ext import PlotterExtension

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    blocks = readme.split("```python\n")[1:]
    example = next(b.split("```")[0] for b in blocks if "c.PlotterConfig." in b)
    (tmp_path / "jupyter_server_config.py").write_text(example, encoding="utf-8")
    config = PyFileConfigLoader("jupyter_server_config.py", path=str(tmp_path)).load_config()
    assert set(config["PlotterConfig"]) == set(PlotterConfig.class_own_traits(config=True))
    kernel = PlotterConfig(config=config)
    server = PlotterExtension(config=config)
    assert kernel.limits() == Limits()
    assert server.register_kernel is True
