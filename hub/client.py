"""A small client of the classroom hub, for the hub test and the load benchmark.

Everything goes through the hub's public port, as a browser's traffic does: the hub's REST
API, the login form, each student's Jupyter server API and the kernel websocket.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
import uuid
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlencode

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest, HTTPResponse
from tornado.websocket import WebSocketClientConnection, websocket_connect

# A whole class talks to the hub at once: do not queue requests behind tornado's default 10.
AsyncHTTPClient.configure(None, max_clients=200)


async def fetch(
    url: str,
    method: str = "GET",
    body: Any = None,
    headers: dict[str, str] | None = None,
    timeout: float = 60,
) -> HTTPResponse:
    """One HTTP request; JSON body in, the response out (errors raise with their body)."""
    data = body if isinstance(body, str | bytes) or body is None else json.dumps(body)
    if data is None and method in ("POST", "PUT", "PATCH"):
        data = ""
    request = HTTPRequest(
        url,
        method=method,
        body=data,
        headers=headers,
        request_timeout=timeout,
        follow_redirects=False,
    )
    try:
        return await AsyncHTTPClient().fetch(request, raise_error=True)
    except HTTPClientError as error:
        if error.response is not None and error.code in (301, 302, 303):
            return error.response
        detail = error.response.body.decode(errors="replace") if error.response else ""
        raise RuntimeError(f"{method} {url}: {error.code} {detail[:500]}") from error


def decode(response: HTTPResponse) -> Any:
    return json.loads(response.body) if response.body else None


@dataclass
class Hub:
    """The hub at ``url`` (e.g. ``http://127.0.0.1:9300``), driven with a service token."""

    url: str
    token: str

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"token {self.token}", "Content-Type": "application/json"}

    async def api(self, method: str, path: str, body: Any = None) -> Any:
        response = await fetch(f"{self.url}/hub/api{path}", method, body, self._headers())
        return decode(response)

    async def start_server(self, name: str, timeout: float = 300) -> None:
        """Create the user if needed, start their server and wait until it is ready."""
        users = {user["name"] for user in await self.api("GET", "/users")}
        if name not in users:
            await self.api("POST", f"/users/{name}")
        model = await self.api("GET", f"/users/{name}")
        if "" not in model.get("servers", {}):
            await self.api("POST", f"/users/{name}/server")
        deadline = time.monotonic() + timeout
        while True:
            server = (await self.api("GET", f"/users/{name}"))["servers"].get("", {})
            if server.get("ready"):
                return
            if time.monotonic() > deadline:
                raise TimeoutError(f"the server of {name} did not start: {server}")
            await asyncio.sleep(0.5)

    async def stop_server(self, name: str) -> None:
        await self.api("DELETE", f"/users/{name}/server")

    async def user_token(self, name: str) -> str:
        """A token that acts as the student (for their server's API and websockets)."""
        body = {"expires_in": 3600, "note": "plotter checks"}
        return (await self.api("POST", f"/users/{name}/tokens", body))["token"]


async def login(hub_url: str, name: str, password: str) -> dict[str, str]:
    """Log in through the hub's login form; return the cookies the hub set."""
    cookies: dict[str, str] = {}

    def keep(response: HTTPResponse) -> None:
        for header in response.headers.get_list("Set-Cookie"):
            for key, morsel in SimpleCookie(header).items():
                cookies[key] = morsel.value

    def cookie_header() -> dict[str, str]:
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}

    page = await fetch(f"{hub_url}/hub/login")
    keep(page)
    found = re.search(r'name="_xsrf" value="([^"]+)"', page.body.decode())
    if found is None:
        raise RuntimeError("the login page has no _xsrf field")
    form = urlencode({"username": name, "password": password, "_xsrf": found.group(1)})
    headers = {**cookie_header(), "Content-Type": "application/x-www-form-urlencoded"}
    request = HTTPRequest(f"{hub_url}/hub/login", "POST", headers, form, follow_redirects=False)
    response = await AsyncHTTPClient().fetch(request, raise_error=False)
    if b"Invalid username or password" in response.body:
        raise PermissionError(f"the hub refused {name}'s login")
    keep(response)
    if response.code != 302:
        raise PermissionError(f"the hub refused {name}'s login ({response.code})")
    return cookies


@dataclass
class Reply:
    """What one cell gave: reply status, the iopub outputs and how long it took."""

    status: str
    outputs: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0
    content: dict[str, Any] = field(default_factory=dict)

    def of_type(self, msg_type: str) -> list[dict[str, Any]]:
        return [out["content"] for out in self.outputs if out["msg_type"] == msg_type]

    @property
    def text(self) -> str:
        """The text/plain of the execute_result, if any."""
        results = self.of_type("execute_result")
        return results[0]["data"].get("text/plain", "") if results else ""


@dataclass
class Kernel:
    """A kernel of a student's server, reached through the hub's proxy over its websocket."""

    server: str
    token: str
    kernel_id: str
    socket: WebSocketClientConnection
    session: str = field(default_factory=lambda: uuid.uuid4().hex)

    @classmethod
    async def start(cls, hub_url: str, name: str, token: str, kernel: str = "plotter") -> Kernel:
        """Start a new kernel in the student's server and connect to it."""
        headers = {"Authorization": f"token {token}", "Content-Type": "application/json"}
        url = f"{hub_url}/user/{name}/api/kernels"
        model = decode(await fetch(url, "POST", {"name": kernel}, headers, timeout=120))
        return await cls.attach(hub_url, name, token, model["id"])

    @classmethod
    async def attach(cls, hub_url: str, name: str, token: str, kernel_id: str) -> Kernel:
        """Connect to a running kernel of the student's server."""
        server = f"{hub_url}/user/{name}"
        ws_url = server.replace("http", "ws", 1) + f"/api/kernels/{kernel_id}/channels"
        request = HTTPRequest(
            ws_url,
            headers={"Authorization": f"token {token}"},
            connect_timeout=120,
            request_timeout=120,
        )
        socket = await websocket_connect(request, max_message_size=64 * 2**20)
        return cls(server, token, kernel_id, socket)

    async def ready(self, timeout: float = 120) -> float:
        """Wait until the kernel answers a kernel_info_request; return the seconds it took."""
        start = time.perf_counter()
        msg_id = await self._send("kernel_info_request", {})
        while True:
            left = start + timeout - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"the kernel did not answer within {timeout} s")
            try:
                msg = await self._receive(msg_id, min(left, 2))
            except TimeoutError:
                # a kernel still starting can miss the first request: ask again
                msg_id = await self._send("kernel_info_request", {})
                continue
            if msg["header"]["msg_type"] == "kernel_info_reply":
                return time.perf_counter() - start

    async def _send(self, msg_type: str, content: dict[str, Any]) -> str:
        msg_id = uuid.uuid4().hex
        header = {
            "msg_id": msg_id,
            "msg_type": msg_type,
            "session": self.session,
            "username": "student",
            "version": "5.3",
            "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        message = {"header": header, "parent_header": {}, "metadata": {}, "content": content}
        await self.socket.write_message(json.dumps({**message, "channel": "shell"}))
        return msg_id

    async def _receive(self, msg_id: str, timeout: float) -> dict[str, Any]:
        """The next message answering ``msg_id`` (others are dropped)."""
        deadline = time.perf_counter() + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError
            raw = await asyncio.wait_for(self.socket.read_message(), left)
            if raw is None:
                raise ConnectionError("the kernel websocket closed")
            msg = json.loads(raw)
            if msg.get("parent_header", {}).get("msg_id") == msg_id:
                return msg

    async def execute(self, code: str, timeout: float = 60) -> Reply:
        """Run one cell; wait for its reply and for the kernel to be idle again."""
        content = {
            "code": code,
            "silent": False,
            "store_history": True,
            "user_expressions": {},
            "allow_stdin": False,
            "stop_on_error": False,
        }
        start = time.perf_counter()
        msg_id = await self._send("execute_request", content)
        reply: dict[str, Any] | None = None
        outputs: list[dict[str, Any]] = []
        idle = False
        while reply is None or not idle:
            left = start + timeout - time.perf_counter()
            try:
                msg = await self._receive(msg_id, left)
            except TimeoutError:
                raise TimeoutError(f"no reply within {timeout} s to {code!r}") from None
            kind = msg["header"]["msg_type"]
            if msg["channel"] == "shell" and kind == "execute_reply":
                reply = msg["content"]
            elif kind == "status":
                idle = msg["content"]["execution_state"] == "idle"
            elif msg["channel"] == "iopub" and kind != "execute_input":
                outputs.append({"msg_type": kind, "content": msg["content"]})
        return Reply(reply["status"], outputs, time.perf_counter() - start, reply)

    async def close(self) -> None:
        """Close the websocket and shut the kernel down."""
        self.socket.close()
        headers = {"Authorization": f"token {self.token}"}
        await fetch(f"{self.server}/api/kernels/{self.kernel_id}", "DELETE", None, headers)
