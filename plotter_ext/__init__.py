"""The Plotter jupyter_server extension: registers the kernel, carries the admin configuration."""

from __future__ import annotations

from typing import Any

from .registration import PlotterExtension, register_kernel
from .websockets import use_prompt_websockets

__all__ = ["PlotterExtension", "register_kernel"]

#: The npm package name of the Lab plugin, and its folder under ``share/jupyter/labextensions``.
LABEXTENSION_NAME = "plotter-labextension"


def _jupyter_labextension_paths() -> list[dict[str, str]]:
    """Where ``jupyter labextension develop`` finds the built Lab plugin."""
    return [{"src": "labextension", "dest": LABEXTENSION_NAME}]


def _jupyter_server_extension_points() -> list[dict[str, Any]]:
    """Tell jupyter_server which module to load."""
    return [{"module": "plotter_ext"}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    """Register the ``plotter`` kernelspec and make kernel websockets prompt.

    Adds no HTTP handler: everything happens through the server's kernelspec manager and
    its kernel websocket connection class.
    """
    register_kernel(serverapp)
    if PlotterExtension(config=serverapp.config).prompt_websockets:
        use_prompt_websockets(serverapp, serverapp.log)
