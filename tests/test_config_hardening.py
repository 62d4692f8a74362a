"""Bad configuration never kills a kernel, every limit has a range, and the admin wins (SPEC §8)."""

from __future__ import annotations

import json
import math
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from jupyter_client.manager import KernelManager

from plotter_kernel.shell.config import ENV_VAR, LIMIT_RANGES, PlotterConfig, read_config

DEFAULTS = PlotterConfig()
TRAITS = PlotterConfig.class_own_traits(config=True)


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def in_range(config: PlotterConfig) -> None:
    """Every limit of ``config`` is finite and inside its documented range."""
    for name, (lo, hi) in LIMIT_RANGES.items():
        value = getattr(config, name)
        assert math.isfinite(value) and lo <= value <= hi, (name, value)
    x0, x1 = config.default_x_window
    assert math.isfinite(x0) and math.isfinite(x1) and x0 < x1


# -- ranges -----------------------------------------------------------------------------------


def test_every_limit_has_a_finite_range() -> None:
    limits = {name for name in TRAITS if name.startswith(("max_", "seconds_", "implicit_"))}
    assert limits <= set(LIMIT_RANGES)
    for name, (lo, hi) in LIMIT_RANGES.items():
        assert math.isfinite(lo) and math.isfinite(hi) and lo < hi, name
        assert lo <= getattr(DEFAULTS, name) <= hi, name
    assert DEFAULTS.max_output_bytes == 5_000_000


# -- bad values fall back, one at a time, and are reported -----------------------------------

BAD_ENV = {
    "{not json": None,
    "[1, 2]": None,
    '{"seconds_per_cell": "ten"}': "seconds_per_cell",
    '{"seconds_per_cell": -1}': "seconds_per_cell",
    "NaN": None,
    "Infinity": None,
    '{"seconds_per_cell": NaN}': "seconds_per_cell",
    '{"max_number": Infinity}': "max_number",
    '{"max_samples": 1000000000000}': "max_samples",
    '{"max_samples": true}': "max_samples",
    '{"default_x_window": [-Infinity, 3]}': "default_x_window",
    '{"PlotterConfig": 3}': None,
}


@pytest.mark.parametrize("text", BAD_ENV)
def test_bad_environment_value_falls_back_and_is_reported(text: str, tmp_path: Path) -> None:
    config, problems = read_config({ENV_VAR: text}, paths=[], user_dirs=[])
    in_range(config)
    assert len(problems) == 1
    assert ENV_VAR in problems[0]
    setting = BAD_ENV[text]
    if setting:
        assert setting in problems[0]
        assert getattr(config, setting) == getattr(DEFAULTS, setting)


def test_one_bad_value_keeps_the_good_ones() -> None:
    text = json.dumps({"PlotterConfig": {"max_depth": "deep", "max_samples": 500}})
    config, problems = read_config({ENV_VAR: text}, paths=[], user_dirs=[])
    assert (config.max_depth, config.max_samples) == (DEFAULTS.max_depth, 500)
    assert len(problems) == 1 and "max_depth" in problems[0]


BAD_FILES = {
    "syntax error": ("plotter_config.json", '{"PlotterConfig": {"max_depth": 5,}'),
    "wrong type": ("plotter_config.json", '{"PlotterConfig": {"max_depth": "deep"}}'),
    "not an object": ("plotter_config.json", "[1, 2]"),
    "raises": ("plotter_config.py", "raise RuntimeError('boom')\n"),
    "exits": ("plotter_config.py", "import sys\nsys.exit(3)\n"),
    "nan": ("plotter_config.py", "c.PlotterConfig.seconds_per_cell = float('nan')\n"),
}


@pytest.mark.parametrize("name,text", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_bad_file_falls_back_and_is_reported(name: str, text: str, tmp_path: Path) -> None:
    folder = write(tmp_path / "etc", name, text)
    config, problems = read_config({}, paths=[str(folder)], user_dirs=[])
    in_range(config)
    assert len(problems) == 1
    assert str(folder / name) in problems[0]


def test_unknown_setting_is_reported() -> None:
    config, problems = read_config({ENV_VAR: '{"max_sample": 5}'}, paths=[], user_dirs=[])
    assert config.max_samples == DEFAULTS.max_samples
    assert len(problems) == 1 and "max_sample" in problems[0]


# -- admin wins -------------------------------------------------------------------------------


def test_a_user_file_cannot_raise_an_admin_limit(tmp_path: Path) -> None:
    user = write(tmp_path / "user", "plotter_config.py", "c.PlotterConfig.max_factorial = 1000\n")
    write(user, "plotter_config.json", '{"PlotterConfig": {"max_depth": 500, "max_samples": 50}}')
    admin = write(tmp_path / "etc", "plotter_config.json", '{"PlotterConfig": {"max_depth": 40}}')
    env = {ENV_VAR: '{"max_factorial": 100, "max_samples": 900}'}
    config, problems = read_config(env, paths=[str(user), str(admin)], user_dirs=[str(user)])
    assert config.max_factorial == 100  # the server's value, not the user's 1000
    assert config.max_depth == 40  # the system file's value, not the user's 500
    assert config.max_samples == 50  # lowering is allowed
    assert any("max_factorial" in p for p in problems)


def test_a_user_file_sets_what_the_admin_left_alone(tmp_path: Path) -> None:
    user = write(tmp_path / "user", "plotter_config.json", '{"PlotterConfig": {"max_depth": 50}}')
    config, problems = read_config({}, paths=[str(user)], user_dirs=[str(user)])
    assert config.max_depth == 50 and problems == []


# -- fuzz -------------------------------------------------------------------------------------

VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=10),
    st.lists(st.one_of(st.floats(), st.integers(), st.text(max_size=3)), max_size=3),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(sorted(TRAITS)), VALUES, max_size=4), st.booleans())
@example({"max_number": 2**53 + 1}, False)
def test_any_config_values_give_a_working_config(values: dict[str, Any], as_file: bool) -> None:
    text = json.dumps({"PlotterConfig": values})  # NaN and Infinity too, as Python writes them
    config, problems = read_config({ENV_VAR: text}, paths=[], user_dirs=[])
    in_range(config)
    config.limits()
    for name, value in values.items():
        kept = getattr(config, name)
        # a whole number read into a float setting is kept as the nearest float (2**53 + 1)
        if isinstance(kept, float) and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if kept != value:
            assert any(name in p for p in problems), name


# -- real kernels -----------------------------------------------------------------------------


def isolated_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """An environment with its own HOME and Jupyter config folders."""
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if k not in (ENV_VAR, "JUPYTER_CONFIG_PATH")}
    env.update(HOME=str(home), JUPYTER_CONFIG_DIR=str(home / ".jupyter"))
    env.update(extra)
    return env


def start(env: dict[str, str], stderr: Path) -> tuple[Any, Any]:
    km = KernelManager(kernel_name="plotter")
    with stderr.open("w") as sink:
        km.start_kernel(env=env, stderr=sink)
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    return km, kc


def execute(kc: Any, code: str) -> tuple[dict[str, Any], list[str]]:
    msg_id = kc.execute(code)
    while True:
        reply = kc.get_shell_msg(timeout=60)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    values = []
    while True:
        msg = kc.get_iopub_msg(timeout=10)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "execute_result":
            values.append(msg["content"]["data"]["text/plain"])
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return reply["content"], values


REAL_BAD = {
    "env not json": ({ENV_VAR: "{not json"}, None, ENV_VAR),
    "env NaN": ({ENV_VAR: "NaN"}, None, ENV_VAR),
    "env wrong type": ({ENV_VAR: '{"seconds_per_cell": "ten"}'}, None, "seconds_per_cell"),
    "json syntax": ({}, ("plotter_config.json", "{oops"), "plotter_config.json"),
    "json wrong type": (
        {},
        ("plotter_config.json", '{"PlotterConfig": {"max_depth": "deep"}}'),
        "max_depth",
    ),
    "py raises": ({}, ("plotter_config.py", "1/0\n"), "plotter_config.py"),
}


@pytest.mark.slow
@pytest.mark.parametrize("extra,file,named", REAL_BAD.values(), ids=REAL_BAD.keys())
def test_kernel_starts_with_bad_config_and_warns_once(
    extra: dict[str, str], file: tuple[str, str] | None, named: str, tmp_path: Path
) -> None:
    env = isolated_env(tmp_path, **extra)
    if file:
        write(Path(env["JUPYTER_CONFIG_DIR"]), *file)
    km, kc = start(env, tmp_path / "stderr.txt")
    try:
        first, values = execute(kc, "1 + 1")
        second, _ = execute(kc, "2 + 2")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    assert values == ["2"] and first["status"] == "ok"
    warnings = [d for d in first["diagnostics"] if d["code"] == "bad-config"]
    assert len(warnings) == 1 and warnings[0]["severity"] == 2
    assert named in warnings[0]["message"]
    assert not any(d["code"] == "bad-config" for d in second["diagnostics"])
    log = (tmp_path / "stderr.txt").read_text(encoding="utf-8")
    assert sum(named in line for line in log.splitlines()) == 1
    assert "Traceback" not in log


@pytest.fixture
def env_wide_config() -> Any:
    """A ``plotter_config.json`` in ``{sys.prefix}/etc/jupyter``, where an image's admin puts it.

    That folder comes after ``~/.jupyter`` on the config path (``JUPYTER_PREFER_ENV_PATH=0``),
    so Jupyter's own rule would let the user's file win.
    """
    folder = Path(sys.prefix) / "etc" / "jupyter"
    path = folder / "plotter_config.json"
    if path.exists() or not os.access(folder if folder.exists() else sys.prefix, os.W_OK):
        pytest.skip(f"cannot use {path} for this test")
    write(folder, path.name, '{"PlotterConfig": {"max_factorial": 100}}')
    yield folder
    path.unlink()


@pytest.mark.slow
def test_a_student_cannot_raise_the_admins_factorial_limit(
    env_wide_config: Path, tmp_path: Path
) -> None:
    env = isolated_env(tmp_path, JUPYTER_PREFER_ENV_PATH="0")
    user = Path(env["JUPYTER_CONFIG_DIR"])
    write(user, "plotter_config.py", "c.PlotterConfig.max_factorial = 1000\n")
    write(user, "plotter_config.json", '{"PlotterConfig": {"max_depth": 20}}')
    km, kc = start(env, tmp_path / "stderr.txt")
    try:
        big, _ = execute(kc, "150!")
        fine, values = execute(kc, "5!")
        deep, _ = execute(kc, "(" * 30 + "1" + ")" * 30)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    assert big["status"] == "error" and big["ename"] == "ResourceError"
    assert values == ["120"]
    assert deep["status"] == "error"  # the user's lower max_depth applies


# -- the README tells admins what the limits do and do not do --------------------------------


def test_readme_has_a_classroom_hardening_section() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Classroom hardening", 1)[1].split("\n## ", 1)[0]
    for needed in (
        "c.Spawner.cpu_limit",
        "c.Spawner.mem_limit",
        "c.Spawner.args",
        "only_allowed_kernels",
        "kernelspec remove",
        "terminal",
    ):
        assert needed in section, needed
    # The command-line limits it shows are accepted as they are written
    hub = section.split("```python\n", 1)[1].split("```", 1)[0]
    args = [line.strip().strip('",') for line in hub.splitlines() if "--PlotterConfig." in line]
    assert args
    from traitlets.config.loader import KVArgParseConfigLoader

    loaded = KVArgParseConfigLoader(args, classes=[PlotterConfig]).load_config()
    config, problems = read_config(
        {ENV_VAR: json.dumps({k: v for k, v in loaded.PlotterConfig.items()})}, paths=[]
    )
    assert problems == [] and config.seconds_per_cell == 5
