"""The one source of the ``plotter`` kernelspec, for the build hook and the server extension."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

#: ``language/protocol.json`` (the package's link to it), read by path with the standard
#: library alone: the build hook loads this module without its package.
PROTOCOL = json.loads((Path(__file__).resolve().parent.parent / "protocol.json").read_text("utf-8"))

#: The kernel's name: its folder under ``share/jupyter/kernels`` and the name Jupyter knows it by.
KERNEL_NAME: str = PROTOCOL["kernelName"]

#: What the launcher shows unless an admin configures another name.
DISPLAY_NAME: str = PROTOCOL["displayName"]

#: The language name in ``kernel.json`` and the kernel's ``language_info``.
LANGUAGE: str = PROTOCOL["languageInfo"]["name"]

#: The module started by ``python -m``.
MODULE = "plotter_kernel"

#: The folder holding the kernel logos (32 and 64 px PNG, and SVG).
RESOURCES = Path(__file__).resolve().parent.parent / "resources"

#: The logo files copied beside ``kernel.json``.
LOGO_FILES = ("logo-32x32.png", "logo-64x64.png", "logo-svg.svg")


def make_cmd(executable: str = "python") -> list[str]:
    """Build the kernel's launch command.

    ``python`` is the right executable for a wheel: jupyter_client replaces it with the
    Python of the process that starts the kernel, so the spec never names a build-time path.
    ``-P`` (safe-path mode) keeps the notebook's folder off ``sys.path``: a student's
    ``random.py`` or ``numpy.py`` beside the notebook is never imported by the kernel.

    Parameters
    ----------
    executable
        The Python executable to put first in ``argv``.

    Returns
    -------
    list[str]
        The ``argv`` of ``kernel.json``.
    """
    return [executable, "-P", "-m", MODULE, "-f", "{connection_file}"]


def get_kernel_dict(
    display_name: str = DISPLAY_NAME,
    env: dict[str, str] | None = None,
    executable: str = "python",
) -> dict[str, Any]:
    """Construct the content of ``kernel.json``.

    Parameters
    ----------
    display_name
        The name shown in the launcher and the kernel picker.
    env
        Extra environment variables for the kernel process (the server extension passes
        the admin's configuration this way); omitted from the spec when empty.
    executable
        See :func:`make_cmd`.

    Returns
    -------
    dict
        A kernelspec dictionary.
    """
    spec: dict[str, Any] = {
        "argv": make_cmd(executable),
        "display_name": display_name,
        "language": LANGUAGE,
        "interrupt_mode": "signal",
        "metadata": {"debugger": False},
    }
    if env:
        spec["env"] = dict(env)
    return spec


def write_kernel_spec(
    path: Path | str | None = None,
    display_name: str = DISPLAY_NAME,
    env: dict[str, str] | None = None,
) -> Path:
    """Write a kernelspec folder: ``kernel.json`` and the logos.

    Parameters
    ----------
    path
        The folder to write (created, and emptied of an older spec); a new temporary
        folder when ``None``.
    display_name, env
        See :func:`get_kernel_dict`.

    Returns
    -------
    Path
        The folder written.
    """
    dest = Path(tempfile.mkdtemp(suffix="_kernels")) / KERNEL_NAME if path is None else Path(path)
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name in LOGO_FILES:
        source = RESOURCES / name
        if source.is_file():
            shutil.copyfile(source, dest / name)
    spec = get_kernel_dict(display_name=display_name, env=env)
    (dest / "kernel.json").write_text(json.dumps(spec, indent=1) + "\n", encoding="utf-8")
    return dest
