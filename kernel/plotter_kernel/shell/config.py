"""Admin configuration of the Plotter kernel through traitlets and standard Jupyter config files."""

from __future__ import annotations

import json
import math
import os
import site
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from jupyter_core.paths import jupyter_config_dir, jupyter_config_path
from traitlets import Enum, Float, Int, List, TraitError, validate
from traitlets.config import Config, Configurable
from traitlets.config.loader import (
    ConfigFileNotFound,
    DeferredConfig,
    JSONFileConfigLoader,
    PyFileConfigLoader,
)

from ..limits import Limits
from ..protocol import SCENE_MIME

#: The environment variable through which the server extension hands its configuration to kernels.
ENV_VAR = "PLOTTER_CONFIG"

#: The basename of the kernel's own config files (``plotter_config.py`` / ``plotter_config.json``).
CONFIG_FILE = "plotter_config"

#: The config files whose ``PlotterConfig`` section counts, lowest priority first: the
#: kernel's own, then those a Jupyter server merges (JupyterLab and Notebook 7 add theirs).
CONFIG_FILES = (
    CONFIG_FILE,
    "jupyter_config",
    "jupyter_server_config",
    "jupyter_lab_config",
    "jupyter_notebook_config",
)

#: Every mimetype a drawing cell can send (SPEC §2).
MIMETYPES = ("image/png", "image/svg+xml", "text/plain", SCENE_MIME)

_DEFAULTS = Limits()

#: One config source: its name for reports (a file's path) and its ``PlotterConfig`` section.
Source = tuple[str, Mapping[str, Any]]


#: The range of every limit, lowest to highest allowed. Values outside it, NaN and
#: infinities are refused, and the setting keeps its default.
LIMIT_RANGES: dict[str, tuple[float, float]] = {
    "max_samples": (10, 200_000),
    "implicit_grid": (10, 2000),
    "max_number": (1.0, 1e308),
    "max_factorial": (0, 170),
    "max_depth": (1, 500),
    "max_cell_chars": (1, 1_000_000),
    "max_line_chars": (1, 100_000),
    "seconds_per_cell": (0.1, 3600.0),
    "max_output_bytes": (10_000, 100_000_000),
    "max_table_rows": (1, 1_000_000),
}


def _int(name: str, help: str) -> Int:
    lo, hi = LIMIT_RANGES[name]
    return Int(getattr(_DEFAULTS, name), min=int(lo), max=int(hi), help=help).tag(config=True)


def _float(name: str, help: str) -> Float:
    lo, hi = LIMIT_RANGES[name]
    return Float(getattr(_DEFAULTS, name), min=lo, max=hi, help=help).tag(config=True)


class PlotterConfig(Configurable):
    """What an admin may tune for every Plotter kernel (config section ``c.PlotterConfig``)."""

    max_samples = _int("max_samples", "Most samples drawn for one curve.")
    implicit_grid = _int(
        "implicit_grid", "Most grid cells along one axis for implicit curves and shaded regions."
    )
    max_number = _float(
        "max_number", "Largest magnitude of a calculated value before it is a ResourceError."
    )
    max_factorial = _int("max_factorial", "Largest argument of factorial and '!'.")
    max_depth = _int(
        "max_depth", "Deepest nesting of brackets, calls and operators in one expression."
    )
    max_cell_chars = _int("max_cell_chars", "Longest cell, in characters.")
    max_line_chars = _int("max_line_chars", "Longest line of a cell, in characters.")
    seconds_per_cell = _float(
        "seconds_per_cell",
        "Wall-clock seconds one cell may take (evaluating, drawing, rendering) before it "
        "stops with a ResourceError.",
    )
    max_output_bytes = _int(
        "max_output_bytes",
        "Largest output of one cell in bytes: over it the SVG copy is left out, then the "
        "drawing is thinned, with a warning.",
    )
    max_table_rows = _int(
        "max_table_rows", 'Most rows of a table file a cell reads with table("data.csv").'
    )
    default_x_window = List(
        Float(),
        default_value=list(_DEFAULTS.default_x),
        minlen=2,
        maxlen=2,
        help="The x window [x0, x1] of a cell that sets none.",
    ).tag(config=True)
    output_formats = List(
        Enum(MIMETYPES),
        default_value=list(MIMETYPES),
        minlen=1,
        help="Mimetypes a drawing cell sends, from: " + ", ".join(MIMETYPES) + ".",
    ).tag(config=True)
    figure_width = Int(600, min=100, max=4000, help="Figure width in CSS pixels.").tag(config=True)
    figure_height = Int(400, min=100, max=4000, help="Figure height in CSS pixels.").tag(
        config=True
    )

    @validate("max_number", "seconds_per_cell")
    def _check_finite(self, proposal: dict[str, Any]) -> float:
        """NaN passes every comparison with a bound, so it is refused by name."""
        value = float(proposal["value"])
        if not math.isfinite(value):
            raise TraitError(f"{proposal['trait'].name} must be a finite number, got {value}")
        return value

    @validate("default_x_window")
    def _check_window(self, proposal: dict[str, Any]) -> list[float]:
        """An empty or reversed window cannot be drawn."""
        x0, x1 = proposal["value"]
        if not (math.isfinite(x0) and math.isfinite(x1) and x0 < x1):
            raise TraitError(f"default_x_window needs x0 < x1, got {[x0, x1]}")
        return [float(x0), float(x1)]

    def limits(self) -> Limits:
        """The plain :class:`Limits` the language and the drawing code run under."""
        x0, x1 = self.default_x_window
        return Limits(
            max_samples=self.max_samples,
            implicit_grid=self.implicit_grid,
            max_number=self.max_number,
            max_factorial=self.max_factorial,
            max_depth=self.max_depth,
            max_cell_chars=self.max_cell_chars,
            max_line_chars=self.max_line_chars,
            seconds_per_cell=self.seconds_per_cell,
            max_output_bytes=self.max_output_bytes,
            max_table_rows=self.max_table_rows,
            default_x=(x0, x1),
        )


def env_config(env: Mapping[str, str]) -> Config:
    """Read the JSON the server extension put in ``PLOTTER_CONFIG``.

    Accepts ``{"PlotterConfig": {...}}`` or the bare ``{...}`` section. Malformed JSON is an
    error: a kernel silently ignoring its admin's limits would be worse than one that fails.
    """
    text = env.get(ENV_VAR, "").strip()
    if not text:
        return Config()
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError(f"{ENV_VAR} must hold a JSON object")
    section = data.get("PlotterConfig", data)
    if not isinstance(section, dict):
        raise ValueError(f"{ENV_VAR} must hold a JSON object of PlotterConfig values")
    return Config({"PlotterConfig": section})


def load_config(env: Mapping[str, str] | None = None) -> PlotterConfig:
    """Build the configuration a kernel process runs with (see :func:`read_config`)."""
    return read_config(env)[0]


def read_config(
    env: Mapping[str, str] | None = None,
    paths: list[str] | None = None,
    user_dirs: list[str] | None = None,
) -> tuple[PlotterConfig, list[str]]:
    """The kernel's configuration and the problems met while reading it; never raises.

    See :func:`decide`; ``PLOTTER_CONFIG`` (the server's settled values) counts as the admin's.
    A kernel the server started has it, settled over every server config file already, so
    only the kernel's own files are read again: a server's ``.py`` config is not run on each
    kernel start. A kernel started without a server (nbconvert, nbclient) reads them all.
    """
    environ = os.environ if env is None else env
    basenames = (CONFIG_FILE,) if environ.get(ENV_VAR, "").strip() else CONFIG_FILES
    values, problems = decide(environ, paths, user_dirs, basenames=basenames)
    return PlotterConfig(config=Config({"PlotterConfig": values})), problems


def decide(
    env: Mapping[str, str] | None = None,
    paths: list[str] | None = None,
    user_dirs: list[str] | None = None,
    *,
    server_config: Mapping[str, Any] | None = None,
    command_line: Mapping[str, Any] | None = None,
    basenames: Sequence[str] = CONFIG_FILES,
) -> tuple[dict[str, Any], list[str]]:
    """The ``PlotterConfig`` values every source settles on, and the problems met; never raises.

    The one place that decides, for the server and for the kernel alike (SPEC §8). Every
    ``PlotterConfig`` section counts: the kernel's and the server's config files, their
    ``.d`` folders, ``PLOTTER_CONFIG``, the server's command line and Python config. Those
    in the user's own folders (:func:`user_config_dirs`) may lower a limit the admin set,
    or set what the admin left alone, never more. Values are taken setting by setting: an
    unreadable file, or a value of the wrong type, out of range, NaN or infinite, is left
    out (the setting keeps its default) and described in the problems.

    Parameters
    ----------
    env
        The environment to read ``PLOTTER_CONFIG`` from; ``os.environ`` when ``None``.
    paths
        Config folders, highest priority first; ``jupyter_config_path()`` when ``None``.
    user_dirs
        Which of those folders the user can write; :func:`user_config_dirs` when ``None``.
    server_config
        The section a Jupyter server merged. Only values no server config file explains
        are taken from it (given in Python); the files are read here, knowing whose they are.
    command_line
        The section of the server's command line.
    basenames
        The config files to read in each folder, lowest priority first.
    """
    problems: list[str] = []
    folders = jupyter_config_path() if paths is None else paths
    mine = user_config_dirs() if user_dirs is None else user_dirs
    admin: list[Source] = []
    user: list[Source] = []
    server_names: set[str] = set()
    for basename in basenames:  # as Jupyter loads them: file by file, then folder by folder
        for folder in reversed(_unique(folders)):  # lowest priority first: later sources win
            for label, section in sections_in(folder, basename, problems):
                (user if same_folder(folder, mine) else admin).append((label, section))
                if basename != CONFIG_FILE:
                    server_names.update(section)
    cli = dict(command_line or {})
    given = {k: v for k, v in (server_config or {}).items() if k not in server_names | set(cli)}
    admin.append(("the server's config", given))
    text = (os.environ if env is None else env).get(ENV_VAR, "")
    try:
        admin.append((ENV_VAR, dict(env_config({ENV_VAR: text}).get("PlotterConfig", {}))))
    except (ValueError, RecursionError) as err:
        problems.append(f"{ENV_VAR}: {err}; every setting keeps its default")
    admin.append(("the command line", cli))
    values = settle(valid_values(admin, problems), valid_values(user, problems), problems)
    return values, problems


def user_config_dirs() -> list[str]:
    """The config folders a student can write: ``~/.jupyter`` and the user-site one."""
    folders = [jupyter_config_dir()]
    if site.ENABLE_USER_SITE:
        folders.append(os.path.join(site.getuserbase(), "etc", "jupyter"))
    return folders


def same_folder(folder: str, among: list[str]) -> bool:
    real = os.path.realpath(folder)
    return any(os.path.realpath(other) == real for other in among)


def _unique(folders: list[str]) -> list[str]:
    """``folders`` without repeats, each kept where it first comes."""
    kept: list[str] = []
    for folder in folders:
        if not same_folder(folder, kept):
            kept.append(folder)
    return kept


def sections_in(folder: str, basename: str, problems: list[str]) -> list[Source]:
    """The ``PlotterConfig`` sections of one folder's ``basename`` files, lowest priority first.

    ``basename.d/*.json`` (where packages and images drop config), then ``basename.py``,
    then ``basename.json``. Files that cannot be read are described in ``problems``.
    """
    drop_ins = sorted((Path(folder) / (basename + ".d")).glob("*.json"))
    files = [*drop_ins, Path(folder) / (basename + ".py"), Path(folder) / (basename + ".json")]
    found: list[Source] = []
    for path in files:
        if not path.is_file():
            continue
        loader_class = PyFileConfigLoader if path.suffix == ".py" else JSONFileConfigLoader
        try:
            loaded = loader_class(path.name, path=str(path.parent)).load_config()
            section = loaded["PlotterConfig"] if "PlotterConfig" in loaded else {}
            if not isinstance(section, Mapping):
                raise ValueError("its PlotterConfig is not a section of settings")
        except ConfigFileNotFound:
            continue
        except (Exception, SystemExit) as err:  # a config file is code: anything can go wrong
            problems.append(f"{path}: could not be read ({_reason(err)}); it is ignored")
            continue
        found.append((str(path), dict(section)))
    return found


def _reason(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    return f"{type(err).__name__}: {text[0][:200]}" if text else type(err).__name__


def valid_values(
    sources: Sequence[tuple[str, Mapping[str, Any]]], problems: list[str]
) -> dict[str, Any]:
    """Merge sources (later wins), keeping only values the trait accepts, one at a time."""
    known = PlotterConfig.class_own_traits(config=True)
    values: dict[str, Any] = {}
    for label, section in sources:
        for name, value in section.items():
            if name not in known:
                problems.append(f"{label}: PlotterConfig.{name} is not a setting; it is ignored")
                continue
            try:
                values[name] = _valid(name, value)
            except (TraitError, TypeError, ValueError, OverflowError) as err:
                default = getattr(_DEFAULT_CONFIG, name)
                problems.append(
                    f"{label}: PlotterConfig.{name} = {_short(value)} is not allowed "
                    f"({_short(err, 160)}); using the default {default!r}"
                )
    return values


def _valid(name: str, value: Any) -> Any:
    """``value`` as the trait ``name`` accepts it; raises :class:`TraitError` otherwise."""
    if isinstance(value, DeferredConfig):  # from the command line, still text
        value = value.get_value(PlotterConfig.class_traits()[name])
    if isinstance(value, bool) or (name in LIMIT_RANGES and not isinstance(value, (int, float))):
        raise TraitError(f"{name} needs a number")
    probe = PlotterConfig()
    setattr(probe, name, value)
    return getattr(probe, name)


def _short(value: object, most: int = 60) -> str:
    text = repr(value) if not isinstance(value, BaseException) else str(value)
    return text if len(text) <= most else text[: most - 1] + "…"


def settle(admin: dict[str, Any], user: dict[str, Any], problems: list[str]) -> dict[str, Any]:
    """The admin's values, with the user's where the admin set nothing or a lower limit.

    A limit is bigger-is-looser, so a user may only lower it; any other setting the admin
    made is the admin's.
    """
    values = dict(admin)
    for name, value in user.items():
        if name not in admin:
            values[name] = value
        elif name in LIMIT_RANGES and value <= admin[name]:
            values[name] = value
        elif value != admin[name]:
            problems.append(
                f"PlotterConfig.{name} = {_short(value)} from a user config file is ignored: "
                f"the administrator set {admin[name]!r}"
            )
    return values


def config_to_json(config: PlotterConfig, names: list[str] | None = None) -> str:
    """Serialise chosen traits (all configurable ones by default) for ``PLOTTER_CONFIG``."""
    keys = names if names is not None else sorted(config.class_own_traits(config=True))
    return json.dumps({"PlotterConfig": {name: getattr(config, name) for name in keys}})


_DEFAULT_CONFIG = PlotterConfig()
