"""Try what a student in a classroom hub could do, against real kernels and servers.

Run: ``python benchmarks/attacks.py`` (about two minutes; ``--quick`` skips the cells that
run up to the default 10-second limit). Each attack of SPEC §8 and the limits of §5 is one
row of the table; the last line says how many were handled.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from jupyter_client.manager import KernelManager

from plotter_ext.stale import check_shadowing
from plotter_kernel.shell.kernelspec import KERNEL_NAME

LIMIT = 10.0
"""The default seconds_per_cell: the time attacks run against it."""
MAX_BYTES = 5_000_000
"""The default max_output_bytes."""
PORTS = range(9150, 9199)
"""Ports for the servers this script starts (the harden range)."""
ESC = "\x1b[2J"


# -- plumbing ---------------------------------------------------------------------------------


@contextmanager
def kernel(
    env: dict[str, str] | None = None, cwd: str | None = None, log: str = os.devnull
) -> Iterator[Any]:
    """A started Plotter kernel's client, its stderr to ``log``; the process is ended
    afterwards."""
    km = KernelManager(kernel_name=KERNEL_NAME)
    with open(log, "w") as sink:
        km.start_kernel(env={**os.environ, **(env or {})}, cwd=cwd, stderr=sink)
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        yield kc
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def ask(kc: Any, content: dict[str, Any], timeout: float = 60) -> tuple[dict, list[dict], float]:
    """Send one execute_request as given; the reply, its iopub messages and the seconds taken."""
    msg = kc.session.msg("execute_request", {"silent": False, **content})
    t0 = time.monotonic()
    kc.shell_channel.send(msg)
    msg_id = msg["header"]["msg_id"]
    while True:
        reply = kc.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    elapsed = time.monotonic() - t0
    outputs = []
    while True:
        out = kc.get_iopub_msg(timeout=10)
        if out["parent_header"].get("msg_id") != msg_id:
            continue
        if out["msg_type"] == "status" and out["content"]["execution_state"] == "idle":
            return reply["content"], outputs, elapsed
        outputs.append(out)


def run(kc: Any, code: str) -> tuple[dict, list[dict], float]:
    return ask(kc, {"code": code})


def values(outputs: list[dict]) -> list[str]:
    return [
        m["content"]["data"]["text/plain"] for m in outputs if m["msg_type"] == "execute_result"
    ]


def display_bytes(outputs: list[dict]) -> int:
    """Size of the displayed outputs as JSON, each as its last update left it."""
    last: dict[str, dict] = {}
    for m in outputs:
        if m["msg_type"] in ("display_data", "update_display_data"):
            last[m["content"].get("transient", {}).get("display_id", str(len(last)))] = m
    return sum(len(json.dumps(m["content"]["data"])) for m in last.values())


def stderr_text(outputs: list[dict]) -> str:
    return "".join(
        m["content"]["text"]
        for m in outputs
        if m["msg_type"] == "stream" and m["content"]["name"] == "stderr"
    )


def free_port() -> int:
    for port in PORTS:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError("no free port in the harden range")


@contextmanager
def server(config: dict[str, Any]) -> Iterator[Callable[[str], int]]:
    """A real Jupyter server with ``config``; yields ``start(name) -> HTTP status``."""
    with tempfile.TemporaryDirectory() as tmp:
        conf = Path(tmp) / "config"
        conf.mkdir()
        (conf / "jupyter_server_config.json").write_text(json.dumps(config), encoding="utf-8")
        port, token = free_port(), "attack-token"
        env = {**os.environ, "JUPYTER_CONFIG_DIR": str(conf), "JUPYTER_RUNTIME_DIR": tmp}
        argv = [sys.executable, "-m", "jupyter_server", "--no-browser", "--ServerApp.ip=127.0.0.1"]
        argv += [f"--ServerApp.port={port}", f"--IdentityProvider.token={token}"]
        argv += ["--ServerApp.port_retries=0", f"--ServerApp.root_dir={tmp}", "--allow-root"]
        proc = subprocess.Popen(
            argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tmp
        )
        base = f"http://127.0.0.1:{port}/api"
        headers = {"Authorization": f"token {token}"}

        def call(method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
            data = json.dumps(body).encode() if body is not None else None
            request = urllib.request.Request(base + path, data, headers, method=method)
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    text = response.read().decode() or "{}"
                    return response.status, json.loads(text)
            except urllib.error.HTTPError as err:
                return err.code, {}

        def start(name: str) -> int:
            status, model = call("POST", "/kernels", {"name": name})
            if status == 201:
                call("DELETE", f"/kernels/{model['id']}")
            return status

        try:
            for _ in range(240):
                try:
                    call("GET", "/status")
                    break
                except (urllib.error.URLError, ConnectionError):
                    time.sleep(0.25)
            else:
                raise RuntimeError("the Jupyter server did not start")
            yield start
        finally:
            proc.terminate()
            proc.wait(timeout=20)


# -- the attacks ------------------------------------------------------------------------------

Row = tuple[str, str, bool, str]


def shadowing() -> Iterator[Row]:
    with tempfile.TemporaryDirectory() as tmp:
        mark = Path(tmp) / "ran.txt"
        for name in ("random", "difflib", "numpy"):
            (Path(tmp) / f"{name}.py").write_text(
                f"open({str(mark)!r}, 'a').write({name!r} + ' ')\nraise ImportError('shadow')\n",
                encoding="utf-8",
            )
        with kernel(cwd=tmp) as kc:
            replies = [run(kc, code)[0]["status"] for code in ("y = sin(x)", "sinn(1)", "1 + 1")]
        ran = mark.read_text() if mark.exists() else ""
        ok = not ran and replies == ["ok", "error", "ok"]
        yield (
            "shadowing",
            "random.py, difflib.py, numpy.py beside the notebook",
            ok,
            ran or "none ran",
        )


BAD_CONFIGS: dict[str, tuple[dict[str, str], tuple[str, str] | None]] = {
    "PLOTTER_CONFIG={not json": ({"PLOTTER_CONFIG": "{not json"}, None),
    "PLOTTER_CONFIG=[1, 2]": ({"PLOTTER_CONFIG": "[1, 2]"}, None),
    'seconds_per_cell "ten"': ({"PLOTTER_CONFIG": '{"seconds_per_cell": "ten"}'}, None),
    "seconds_per_cell -1": ({"PLOTTER_CONFIG": '{"seconds_per_cell": -1}'}, None),
    "PLOTTER_CONFIG=NaN": ({"PLOTTER_CONFIG": "NaN"}, None),
    "PLOTTER_CONFIG=Infinity": ({"PLOTTER_CONFIG": "Infinity"}, None),
    "plotter_config.json syntax error": ({}, ("plotter_config.json", '{"PlotterConfig": {,}')),
    'max_depth "deep"': ({}, ("plotter_config.json", '{"PlotterConfig": {"max_depth": "deep"}}')),
    "plotter_config.py raises": ({}, ("plotter_config.py", "raise RuntimeError('x')\n")),
}


def bad_config() -> Iterator[Row]:
    for label, (env, file) in BAD_CONFIGS.items():
        with tempfile.TemporaryDirectory() as tmp:
            conf = Path(tmp) / ".jupyter"
            conf.mkdir()
            if file:
                (conf / file[0]).write_text(file[1], encoding="utf-8")
            env = {**env, "HOME": tmp, "JUPYTER_CONFIG_DIR": str(conf)}
            try:
                with kernel(env) as kc:
                    content, outputs, _ = run(kc, "1 + 1")
                warned = any(d["code"] == "bad-config" for d in content["diagnostics"])
                ok = values(outputs) == ["2"] and warned
                detail = "starts, warns on first cell" if ok else f"warned={warned}"
            except RuntimeError as err:
                ok, detail = False, f"kernel died: {err}"[:60]
        yield "bad config", label, ok, detail


def admin_wins() -> Iterator[Row]:
    # Where an image's admin puts it; with JUPYTER_PREFER_ENV_PATH=0 it comes after ~/.jupyter.
    env_wide = Path(sys.prefix) / "etc" / "jupyter" / "plotter_config.json"
    if env_wide.exists():
        yield "admin wins", f"(skipped: {env_wide} exists)", False, "not run"
        return
    env_wide.parent.mkdir(parents=True, exist_ok=True)
    env_wide.write_text('{"PlotterConfig": {"max_factorial": 100}}', encoding="utf-8")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            user = Path(tmp) / ".jupyter"
            user.mkdir()
            (user / "plotter_config.py").write_text("c.PlotterConfig.max_factorial = 1000\n")
            for label, env in (
                ("user file raises the image's max_factorial", {}),
                ("user file raises PLOTTER_CONFIG's", {"PLOTTER_CONFIG": '{"max_factorial": 100}'}),
            ):
                env = {**env, "HOME": tmp, "JUPYTER_CONFIG_DIR": str(user)}
                with kernel({**env, "JUPYTER_PREFER_ENV_PATH": "0"}) as kc:
                    content, outputs, _ = run(kc, "150!")
                ok = content["status"] == "error" and content["ename"] == "ResourceError"
                detail = "refused" if ok else f"printed {values(outputs)}"
                yield "admin wins", label + " (150!)", ok, detail
    finally:
        env_wide.unlink()


def kernel_access() -> Iterator[Row]:
    ext = {"ServerApp": {"jpserver_extensions": {"plotter_ext": True}}}
    cases = [
        (
            "allowed_kernelspecs excludes plotter",
            {"KernelSpecManager": {"allowed_kernelspecs": ["python3"]}},
            KERNEL_NAME,
            404,
        ),
        (
            "register_kernel = False",
            {"PlotterExtension": {"register_kernel": False}},
            KERNEL_NAME,
            404,
        ),
        (
            "only_allowed_kernels, start python3",
            {
                "KernelSpecManager": {"allowed_kernelspecs": [KERNEL_NAME]},
                "PlotterExtension": {"only_allowed_kernels": True},
            },
            "python3",
            404,
        ),
    ]
    for label, config, name, wanted in cases:
        with server({**ext, **config}) as start:
            status = start(name)
        yield "kernel access", f"{label}: POST {name}", status == wanted, f"HTTP {status}"


SLOW_CELLS = {
    "two fine regions": "sin(50x) sin(50y) > 0\nsin(37x) cos(41y) <= 0",
    "9999 lines of x": "\n".join(["x"] * 9999),
    "640 x! per grid point": "y < " + "+".join(["x!"] * 640),
}


def time_limit(quick: bool) -> Iterator[Row]:
    if quick:
        return
    with kernel() as kc:
        for label, code in SLOW_CELLS.items():
            content, outputs, elapsed = run(kc, code)
            size = display_bytes(outputs)
            ok = elapsed <= LIMIT + 1 and size <= MAX_BYTES
            yield "time/size", label, ok, f"{elapsed:.1f} s, {size / 1e6:.2f} MB"


def malformed_and_leaks() -> Iterator[Row]:
    with kernel() as kc:
        for code in (None, 123, ["y = x"]):
            try:
                content, _, _ = ask(kc, {"code": code}, timeout=10)
                ok, detail = content["status"] == "error", content["status"] + " reply"
            except Exception:  # no reply at all
                ok, detail = False, "no reply"
            yield "malformed", f"execute_request code={code!r}", ok, detail
        for code in ("x in [0, 5e-324]\ny = x", "x in [-1e300, 1e300]\ny < x"):
            _, outputs, _ = run(kc, code)
            text = stderr_text(outputs)
            ok = ".py" not in text and "Warning:" not in text.replace("Warning: line", "")
            yield "leaks", f"NumPy warnings: {code!r}", ok, "clean" if ok else text[:50]
        content, _, _ = run(kc, f"y = sin(x) {ESC} +")
        shown = "".join(content.get("traceback", []))
        escaped = ESC not in shown
        yield (
            "leaks",
            "\\x1b[2J in a cell's traceback",
            escaped,
            "escaped" if escaped else "sent raw",
        )
        content, _, _ = run(kc, "1+" * 2_500_000 + "1")
        size = len(json.dumps(content.get("traceback", [])))
        yield "leaks", "5 MB one-line cell's echo", size < 2000, f"{size} chars of traceback"


BIG = "1" + "0" * 400
"""An integer JSON allows and no float holds."""
MALFORMED_VIEWS = {
    "seq 1e400": '"seq": 1e400',
    "seq NaN": '"seq": NaN',
    "seq 10^400": f'"seq": {BIG}',
    "seq a 4 MB text": '"seq": "' + "9" * 4_000_000 + '"',
    "seq a list": '"seq": [1]',
    "width 10^400": f'"seq": 1, "view": {{"width": {BIG}}}',
    "height Infinity": '"seq": 1, "view": {"height": Infinity}',
    "x up to 1e400": '"seq": 1, "view": {"x": [0, 1e400]}',
    "param 10^400": f'"seq": 1, "params": {{"a": {BIG}}}',
    "param NaN": '"seq": 1, "params": {"a": NaN}',
}
MALFORMED_COMMS: list[tuple[str, str, dict | bytes]] = [
    # what a frontend should never send; their row checks the kernel's log for tracebacks
    ("comm_open without comm_id", "comm_open", {"target_name": "plotter.view", "data": {}}),
    ("comm_open without target_name", "comm_open", {"comm_id": "c1", "data": {}}),
    ("comm_open, content a list", "comm_open", b"[1, 2]"),
    ("comm_msg without comm_id", "comm_msg", {"data": {"request": "view", "seq": 1}}),
    ("comm_msg, comm_id an object", "comm_msg", {"comm_id": {}, "data": {}}),
    ("comm_msg, content null", "comm_msg", b"null"),
    ("comm_close without comm_id", "comm_close", {}),
]


def send_raw(kc: Any, msg_type: str, content: dict | bytes) -> None:
    """Send a shell message whose content may be raw JSON bytes (``1e400`` as typed)."""
    msg = kc.session.msg(msg_type, {})
    msg["content"] = content
    kc.shell_channel.send(msg)


def comm_reply(kc: Any, comm_id: str, seq: Any = ..., timeout: float = 30) -> dict | None:
    """The next reply on the comm (with this seq, if given), or None if none comes."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            msg = kc.get_iopub_msg(timeout=max(0.1, end - time.monotonic()))
        except Exception:  # queue.Empty: nothing came
            return None
        if msg["msg_type"] == "comm_msg" and msg["content"].get("comm_id") == comm_id:
            data = msg["content"]["data"]
            if seq is ... or data.get("seq") == seq:
                return dict(data)
    return None


def malformed_view() -> Iterator[Row]:
    with tempfile.TemporaryDirectory() as tmp:
        log = str(Path(tmp) / "kernel.log")
        with kernel(log=log) as kc:
            comm_id = "view-attacks"
            target = {"comm_id": comm_id, "target_name": "plotter.view", "data": {}}
            send_raw(kc, "comm_open", target)
            msg_id = kc.execute("a = 1\ny = a x")
            display_id = None
            while display_id is None:
                msg = kc.get_iopub_msg(timeout=60)
                if msg["parent_header"].get("msg_id") == msg_id:
                    if msg["msg_type"] == "display_data":
                        display_id = msg["content"]["transient"]["display_id"]
            head = json.dumps({"request": "view", "display_id": display_id})[:-1]
            for label, fields in MALFORMED_VIEWS.items():
                content = f'{{"comm_id": "{comm_id}", "data": {head}, {fields}}}}}'
                send_raw(kc, "comm_msg", content.encode())
                reply = comm_reply(kc, comm_id)
                codes = [d["code"] for d in (reply or {}).get("diagnostics", [])]
                size = len(json.dumps(reply))
                ok = reply is not None and codes == ["bad-request"] and size < 1000
                detail = f"refused, {size} B reply" if ok else f"reply {str(reply)[:40]}"
                yield "view request", label, ok, detail
            for _, msg_type, content in MALFORMED_COMMS:
                send_raw(kc, msg_type, content)
            data = {"request": "view", "seq": 99, "display_id": display_id, "view": {"x": [0, 1]}}
            send_raw(kc, "comm_msg", {"comm_id": comm_id, "data": data})
            reply = comm_reply(kc, comm_id, seq=99)
            ok = reply is not None and "scene" in reply
            yield "view request", "a valid request after all these", ok, "drawn" if ok else "none"
        text = Path(log).read_text(encoding="utf-8", errors="replace")
        clean = "Traceback" not in text
        label = f"{len(MALFORMED_COMMS)} comm messages without ids or object content"
        yield "view request", label, clean, "no traceback logged" if clean else "traceback logged"


def stale_spec() -> Iterator[Row]:
    with tempfile.TemporaryDirectory() as tmp:
        shared = Path(tmp) / "shared" / KERNEL_NAME
        shared.mkdir(parents=True)
        (shared / "kernel.json").write_text('{"argv": ["/gone/python"]}')
        (shared / "notes.txt").write_text("teacher's")
        user = Path(tmp) / "kernels"
        user.symlink_to(shared.parent, target_is_directory=True)
        check_shadowing([str(user)], str(user), logging.getLogger("attacks"))
        kept = "/gone/python" in (shared / "kernel.json").read_text()
        yield (
            "stale spec",
            "repair through a symlinked kernels folder",
            kept,
            "not followed" if kept else "written through",
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="skip the 10-second time attacks")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    rows: list[Row] = []
    families: list[Callable[[], Iterator[Row]]] = [
        shadowing,
        bad_config,
        admin_wins,
        kernel_access,
        malformed_and_leaks,
        malformed_view,
        stale_spec,
        lambda: time_limit(args.quick),
    ]
    for attack in families:
        try:
            for row in attack():
                rows.append(row)
        except Exception as err:  # the attack broke the kernel or server: not handled
            name = getattr(attack, "__name__", "attack").replace("_", " ")
            detail = f"{type(err).__name__}: {err}"[:70]
            rows.append((name, "(the rest of this class)", False, detail))
    width = max(len(r[1]) for r in rows)
    print(f"| {'class':<13} | {'attack':<{width}} | handled | detail")
    print(f"|{'-' * 15}|{'-' * (width + 2)}|---------|-------")
    for cls, label, ok, detail in rows:
        print(f"| {cls:<13} | {label:<{width}} | {'yes' if ok else 'NO':<7} | {detail}")
    handled = sum(1 for r in rows if r[2])
    print(f"\n{handled}/{len(rows)} attacks handled")


if __name__ == "__main__":
    main()
