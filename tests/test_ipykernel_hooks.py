"""What the shell relies on in ipykernel: the private hook in ``shell/ipykernel_private.py``
and the public ones beside it. These fail when ipykernel changes any of it."""

from __future__ import annotations

import asyncio
import inspect
import logging
from typing import Any

import comm
import zmq
from ipykernel.comm.comm import BaseComm
from ipykernel.comm.manager import CommManager
from ipykernel.kernelbase import Kernel
from jupyter_client.session import Session

from plotter_kernel.shell.ipykernel_private import StatusKernel
from plotter_kernel.shell.viewcomm import comm_manager


class Sink:
    """An IOPub socket that keeps what is sent on it."""

    def __init__(self) -> None:
        self.sent: list[list[bytes]] = []

    def send_multipart(self, parts: list[bytes], copy: bool = True) -> None:
        self.sent.append(parts)


class Quiet(StatusKernel):
    """Handles ``comm_msg`` and ``comm_close`` by keeping them; ``comm_msg`` gets no status."""

    msg_types = [*StatusKernel.msg_types, "comm_msg", "comm_close"]

    def __init__(self) -> None:
        super().__init__(session=Session(), iopub_socket=Sink(), log=logging.getLogger("test"))
        self.handled: list[str] = []

    def comm_msg(self, stream: Any, ident: Any, msg: dict[str, Any]) -> None:
        self.handled.append(msg["header"]["msg_type"])

    comm_close = comm_msg

    def skips_status(self, msg: Any) -> bool:
        return bool(msg) and msg["header"]["msg_type"] == "comm_msg"


def dispatch(kernel: Quiet, msg_type: str) -> list[tuple[str, str]]:
    """Hand one request to ipykernel's ``dispatch_shell``: the statuses it publishes, each
    with the type of its parent request."""
    session = kernel.session
    msg = session.msg(msg_type, {"comm_id": "c", "data": {}})
    asyncio.run(kernel.dispatch_shell([zmq.Frame(f) for f in session.serialize(msg)]))
    sent = kernel.iopub_socket.sent
    published = [session.deserialize(session.feed_identities(p)[1]) for p in sent]
    return [
        (m["content"]["execution_state"], m["parent_header"]["msg_type"])
        for m in published
        if m["msg_type"] == "status"
    ]


def test_publish_status_keeps_its_signature() -> None:
    params = inspect.signature(Kernel._publish_status).parameters
    assert list(params) == ["self", "status", "channel", "parent"]
    assert params["parent"].default is None


def test_every_request_gets_busy_and_idle_through_publish_status() -> None:
    kernel = Quiet()
    assert dispatch(kernel, "comm_close") == [("busy", "comm_close"), ("idle", "comm_close")]
    assert kernel.handled == ["comm_close"]


def test_a_request_that_skips_its_status_is_still_handled() -> None:
    kernel = Quiet()
    assert dispatch(kernel, "comm_msg") == []
    assert kernel.handled == ["comm_msg"]


def test_the_comm_package_hands_out_ipykernels_comms() -> None:
    # viewcomm imported ipykernel.ipkernel, which registers ipykernel's comms
    manager = comm_manager()
    assert isinstance(manager, CommManager)
    assert comm.get_comm_manager() is manager
    made = comm.create_comm(comm_id="c", primary=False, target_name="t")
    assert isinstance(made, BaseComm)
