"""Admin configuration of the Plotter kernel through traitlets and standard Jupyter config files."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jupyter_core.paths import jupyter_config_path
from traitlets import Enum, Float, Int, List, TraitError, validate
from traitlets.config import Config, Configurable
from traitlets.config.loader import ConfigFileNotFound, JSONFileConfigLoader, PyFileConfigLoader

from .limits import Limits

#: The environment variable through which the server extension hands its configuration to kernels.
ENV_VAR = "PLOTTER_CONFIG"

#: The basename of the kernel's own config files (``plotter_config.py`` / ``plotter_config.json``).
CONFIG_FILE = "plotter_config"

#: Every mimetype a drawing cell can send (SPEC §2).
MIMETYPES = ("image/png", "image/svg+xml", "text/plain", "application/vnd.plotter.v1+json")

_DEFAULTS = Limits()


class PlotterConfig(Configurable):
    """What an admin may tune for every Plotter kernel (config section ``c.PlotterConfig``)."""

    max_samples = Int(_DEFAULTS.max_samples, min=10, help="Most samples drawn for one curve.").tag(
        config=True
    )
    implicit_grid = Int(
        _DEFAULTS.implicit_grid,
        min=10,
        help="Most grid cells along one axis for implicit curves and shaded regions.",
    ).tag(config=True)
    max_number = Float(
        _DEFAULTS.max_number,
        min=1.0,
        help="Largest magnitude of a calculated value before it is a ResourceError.",
    ).tag(config=True)
    max_factorial = Int(
        _DEFAULTS.max_factorial, min=0, help="Largest argument of factorial and '!'."
    ).tag(config=True)
    max_depth = Int(
        _DEFAULTS.max_depth,
        min=1,
        help="Deepest nesting of brackets, calls and operators in one expression.",
    ).tag(config=True)
    max_cell_chars = Int(_DEFAULTS.max_cell_chars, min=1, help="Longest cell, in characters.").tag(
        config=True
    )
    max_line_chars = Int(
        _DEFAULTS.max_line_chars, min=1, help="Longest line of a cell, in characters."
    ).tag(config=True)
    seconds_per_cell = Float(
        _DEFAULTS.seconds_per_cell,
        min=0.1,
        help="Wall-clock seconds one cell may take before it stops with a ResourceError.",
    ).tag(config=True)
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

    @validate("default_x_window")
    def _check_window(self, proposal: dict[str, Any]) -> list[float]:
        """An empty or reversed window cannot be drawn."""
        x0, x1 = proposal["value"]
        if not x0 < x1:
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
            default_x=(x0, x1),
        )


def file_config(paths: list[str] | None = None) -> Config:
    """Merge ``plotter_config.py``/``.json`` files, the first path winning (as Jupyter does).

    Parameters
    ----------
    paths
        Folders to look in, highest priority first; ``jupyter_config_path()`` when ``None``.
    """
    merged = Config()
    for folder in reversed(paths if paths is not None else jupyter_config_path()):
        for loader_class, ext in ((PyFileConfigLoader, ".py"), (JSONFileConfigLoader, ".json")):
            if not (Path(folder) / (CONFIG_FILE + ext)).is_file():
                continue
            try:
                merged.merge(loader_class(CONFIG_FILE + ext, path=folder).load_config())
            except ConfigFileNotFound:
                continue
    return merged


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
    """Build the configuration a kernel process runs with.

    ``plotter_config`` files on ``jupyter_config_path()`` come first (so
    ``/etc/jupyter/plotter_config.py`` works system-wide), then the server's values from
    the ``PLOTTER_CONFIG`` environment variable override them.

    Parameters
    ----------
    env
        The environment to read; ``os.environ`` when ``None``.
    """
    config = file_config()
    config.merge(env_config(os.environ if env is None else env))
    return PlotterConfig(config=config)


def config_to_json(config: PlotterConfig, names: list[str] | None = None) -> str:
    """Serialise chosen traits (all configurable ones by default) for ``PLOTTER_CONFIG``."""
    keys = names if names is not None else sorted(config.class_own_traits(config=True))
    return json.dumps({"PlotterConfig": {name: getattr(config, name) for name in keys}})
