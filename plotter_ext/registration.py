"""Register the ``plotter`` kernelspec with a running Jupyter server, with the admin's settings."""

from __future__ import annotations

import atexit
import logging
import shutil
import tempfile
from pathlib import Path
from typing import Any

from jupyter_client.kernelspec import NoSuchKernel
from tornado import web
from traitlets import Bool, TraitError, Unicode
from traitlets.config import Config, Configurable

from plotter_kernel.shell.config import (
    CONFIG_FILES,
    ENV_VAR,
    PlotterConfig,
    config_to_json,
    decide,
)
from plotter_kernel.shell.kernelspec import DISPLAY_NAME, KERNEL_NAME, write_kernel_spec

from .stale import check_shadowing


class PlotterExtension(Configurable):
    """Server-side settings of Plotter (config section ``c.PlotterExtension``).

    The kernel's own settings live in ``c.PlotterConfig`` in the same file; the extension
    hands them to every kernel it starts.
    """

    register_kernel = Bool(
        True,
        help=(
            "Offer the Plotter kernel ('Graphing Calculator') in this server. When False the "
            "server lists no 'plotter' kernel at all, not even the spec installed with the package."
        ),
    ).tag(config=True)
    display_name = Unicode(
        DISPLAY_NAME, help="The kernel's name in the launcher and the kernel picker."
    ).tag(config=True)
    prompt_websockets = Bool(
        True,
        help=(
            "Send kernel messages to the browser as soon as they arrive (TCP_NODELAY on the "
            "kernel websockets), so a dragged plot redraws without a delayed-ACK wait."
        ),
    ).tag(config=True)
    only_allowed_kernels = Bool(
        False,
        help=(
            "Refuse to start any kernel outside KernelSpecManager.allowed_kernelspecs (Jupyter "
            "only hides them from the list). For calculator-only hubs."
        ),
    ).tag(config=True)


def _section(config: Any) -> dict[str, Any]:
    return dict(config["PlotterConfig"]) if "PlotterConfig" in config else {}


def kernel_env(serverapp: Any, log: logging.Logger) -> dict[str, str]:
    """The environment that passes the settled ``PlotterConfig`` values to kernels.

    :func:`~plotter_kernel.shell.config.decide` settles them, with the server's command line
    and Python config as the admin's, and reads the config files of the server's extension
    apps too (a student's ``~/.jupyter/jupyter_lab_config.json`` reaches the server's config).
    Only values set somewhere are passed. Each invalid value is logged and dropped.
    """
    apps = getattr(getattr(serverapp, "extension_manager", None), "extension_apps", {})
    more = sorted({app.config_file_name for found in apps.values() for app in found} - {""})
    values, problems = decide(
        paths=list(serverapp.config_file_paths),
        server_config=_section(serverapp.config),
        command_line=_section(getattr(serverapp, "cli_config", {})),
        basenames=[*CONFIG_FILES, *(name for name in more if name not in CONFIG_FILES)],
    )
    for problem in problems:
        log.warning("Plotter: invalid PlotterConfig setting: %s", problem)
    if not values:
        return {}
    try:
        settings = PlotterConfig(config=Config({"PlotterConfig": values}))
    except TraitError as err:  # each value passed on its own; together they must too
        log.error("Plotter: invalid PlotterConfig, kernels use their defaults: %s", err)
        return {}
    return {ENV_VAR: config_to_json(settings, sorted(values))}


def guard_kernel_starts(serverapp: Any, settings: PlotterExtension, log: logging.Logger) -> None:
    """Answer 404 to a request for a kernel this server must not start.

    Jupyter itself only hides kernels outside ``allowed_kernelspecs`` from the list, and a
    missing spec is a 500. Here an unknown or hidden spec is "not found", the ``plotter``
    kernel is not found when ``allowed_kernelspecs`` excludes it, and with
    ``only_allowed_kernels`` no kernel outside ``allowed_kernelspecs`` starts at all.
    """
    kernels = serverapp.kernel_manager
    specs = serverapp.kernel_spec_manager
    start = kernels.start_kernel

    def refused(name: str) -> str | None:
        allowed = specs.allowed_kernelspecs
        if (
            allowed
            and name not in allowed
            and (name == KERNEL_NAME or settings.only_allowed_kernels)
        ):
            return f"The kernel {name!r} is not allowed on this server."
        try:
            specs.get_kernel_spec(name)
        except NoSuchKernel:
            return f"No such kernel: {name!r}."
        return None

    async def start_kernel(*args: Any, **kwargs: Any) -> Any:
        kernel_id = kwargs.get("kernel_id")
        if kernel_id is None or kernel_id not in kernels:
            name = kwargs.get("kernel_name") or kernels.default_kernel_name
            reason = refused(name)
            if reason is not None:
                log.warning("Plotter: refused to start a kernel: %s", reason)
                raise web.HTTPError(404, reason)
        return await start(*args, **kwargs)

    kernels.start_kernel = start_kernel


def hide_kernel(kernel_spec_manager: Any) -> None:
    """Make the server's kernelspec manager offer no ``plotter`` kernel.

    A pip-installed spec lives in ``sys.prefix/share/jupyter/kernels`` beside other kernels,
    so leaving out a folder is not enough: the manager's look-ups skip the name instead.
    """
    find_specs = kernel_spec_manager.find_kernel_specs
    get_spec = kernel_spec_manager.get_kernel_spec

    def find_kernel_specs() -> dict[str, str]:
        specs = dict(find_specs())
        specs.pop(KERNEL_NAME, None)
        return specs

    def get_kernel_spec(kernel_name: str) -> Any:
        if kernel_name.lower() == KERNEL_NAME:
            raise NoSuchKernel(kernel_name)
        return get_spec(kernel_name)

    kernel_spec_manager.find_kernel_specs = find_kernel_specs
    kernel_spec_manager.get_kernel_spec = get_kernel_spec


def register_kernel(serverapp: Any) -> Path | None:
    """Put a ``plotter`` kernelspec first on the server's kernel path.

    Parameters
    ----------
    serverapp
        The running ``jupyter_server.serverapp.ServerApp``.

    Returns
    -------
    Path | None
        The spec folder registered, or ``None`` when registration is off or not allowed.
    """
    log: logging.Logger = serverapp.log
    settings = PlotterExtension(config=serverapp.config)
    manager = serverapp.kernel_spec_manager
    if getattr(getattr(serverapp, "gateway_config", None), "gateway_enabled", False):
        log.info("Plotter: kernels come from a gateway; the Plotter kernel is not registered here")
        return None
    guard_kernel_starts(serverapp, settings, log)
    if not settings.register_kernel:
        hide_kernel(manager)
        log.info("Plotter: kernel registration is off (PlotterExtension.register_kernel)")
        return None
    allowed = manager.allowed_kernelspecs
    if allowed and KERNEL_NAME not in allowed:
        log.info("Plotter: not registered, KernelSpecManager.allowed_kernelspecs excludes it")
        return None

    env = kernel_env(serverapp, log)
    # A private folder (mode 0700) of its own: not the runtime folder, where the kernels'
    # connection files hold their keys.
    root = Path(tempfile.mkdtemp(prefix="plotter-kernels-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    spec_dir = write_kernel_spec(root / KERNEL_NAME, display_name=settings.display_name, env=env)
    check_shadowing(list(manager.kernel_dirs), manager.user_kernel_dir, log)
    manager.kernel_dirs = [str(root), *(d for d in manager.kernel_dirs if d != str(root))]
    log.info(
        "Plotter: registered the %r kernel (%s) from %s", KERNEL_NAME, settings.display_name, root
    )
    return spec_dir
