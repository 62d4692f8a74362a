"""Which ``PlotterConfig`` values of the server are the admin's, and which the user's.

A student can write ``~/.jupyter/jupyter_server_config.*``, and the server merges that file
over the system-wide ones. Limits set system-wide or on the command line must not be
raised that way (SPEC §8), so the user's own files are read again on their own.
"""

from __future__ import annotations

from typing import Any

from plotter_kernel.shell.config import (
    PlotterConfig,
    same_folder,
    sections_in,
    settle,
    user_config_dirs,
    valid_values,
)

#: The config files a Jupyter server reads from each folder, lowest priority first.
SERVER_FILES = ("jupyter_config", "jupyter_server_config")


def _section(config: Any) -> dict[str, Any]:
    return dict(config["PlotterConfig"]) if "PlotterConfig" in config else {}


def admin_section(serverapp: Any) -> tuple[dict[str, Any], list[str]]:
    """The ``PlotterConfig`` values to pass to kernels, and the problems found.

    The user's files only ever lower a limit the admin set (or set what the admin left
    alone). Admin files are read a second time only when a user file sets a Plotter value.
    """
    problems: list[str] = []
    known = PlotterConfig.class_own_traits(config=True)
    merged = _section(serverapp.config)
    folders = list(getattr(serverapp, "config_file_paths", []))
    mine = user_config_dirs()
    user_sources = [
        source
        for folder in reversed(folders)
        if same_folder(folder, mine)
        for basename in SERVER_FILES
        for source in sections_in(folder, basename, [])
    ]
    user_names = {name for _, section in user_sources for name in section if name in known}
    if not user_names:
        return valid_values([("the server's config", merged)], problems), problems
    admin_sources = [
        source
        for folder in reversed(folders)
        if not same_folder(folder, mine)
        for basename in SERVER_FILES
        for source in sections_in(folder, basename, problems)
    ]
    admin_sources.append(("the command line", _section(getattr(serverapp, "cli_config", {}))))
    # Values given to the server programmatically are neither in a file nor on the command line.
    direct = {k: v for k, v in merged.items() if k not in user_names}
    admin = valid_values([("the server's config", direct), *admin_sources], problems)
    user = valid_values(user_sources, problems)
    return settle(admin, user, problems), problems
