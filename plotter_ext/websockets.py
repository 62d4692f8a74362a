"""Kernel websockets that pass each message on at once.

Tornado leaves Nagle's algorithm on, so a small reply written right after another waits
for the browser's delayed acknowledgement: on a quiet connection that holds a redrawn
plot back by tens of milliseconds. The interactive plot asks the kernel for a new scene
on every drag step, so its replies must leave the moment they arrive.
"""

from __future__ import annotations

import logging
from typing import Any

from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection


class PromptConnection(ZMQChannelsWebsocketConnection):
    """The server's own kernel websocket connection, with TCP_NODELAY on its socket."""

    def connect(self) -> Any:  # the base class returns a Future or None
        self.websocket_handler.set_nodelay(True)
        return super().connect()


def use_prompt_websockets(serverapp: Any, log: logging.Logger) -> bool:
    """Make new kernel websockets prompt, unless the server uses a connection class of its
    own choosing (a gateway, another extension): that one is left as it is."""
    settings = serverapp.web_app.settings
    current = settings.get("kernel_websocket_connection_class")
    if current is not ZMQChannelsWebsocketConnection:
        name = getattr(current, "__name__", current)
        log.info("Plotter: kernel websockets left as they are (%s)", name)
        return False
    settings["kernel_websocket_connection_class"] = PromptConnection
    return True
