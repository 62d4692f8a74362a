"""The interactive plot in a real JupyterLab and Chromium: pan and slider drags, and
the same slider drag on the classic peer (ipywidgets ``interact`` + Matplotlib).

Run: ``python benchmarks/interactive_bench.py`` (``--steps 60``, ``--port 9220``; the
peer needs ``pip install ipywidgets``). Starts JupyterLab on 127.0.0.1 with a token,
opens a notebook on the Plotter kernel in Debian's Chromium (Playwright,
``CHROMIUM_PATH`` overrides ``/usr/bin/chromium``), runs the 3-curve cell of
``bench.py`` with a parameter on its first curve (``a = 1``, ``y = a sin(x)``: the
slider needs one), then drives drags in the page, one input event per animation frame:

- pan: a pointer drag of 60 steps of 4 px (240 px a second);
- fast pan: 60 steps of 16 px (960 px a second, more than the plot's width), which
  outruns the margin the plot samples around its view;
- slider: 60 steps of ``a`` on its range input;
- peer slider: in a second tab on an ipykernel, ``interact`` redraws the same three
  curves with Matplotlib for each value of a ``FloatSlider`` dragged over 60 steps (its
  handle moved by mouse events, as a student would). Rounds alternate between the two
  so machine noise hits both.

For each step it measures

- transform: the input handler plus the style and layout it causes (the picture moving
  at once), and the interval between frames during the drag;
- comm round trip: a request leaving the page to its answer arriving (websocket,
  server, kernel);
- re-drawn: from the input to the first picture that is the kernel's sampling of this
  step's view and values, or a later step's (the plot's ``data-sampled``). The plot asks
  for a margin of a quarter of its size around the view, so a pan that stays within
  it is re-drawn at once, by the move itself; past it, or for a new slider value, it
  waits for the kernel's answer drawn in the page.

Targets: transform under 16 ms per frame; re-drawn p95 under 100 ms. The last table
gives Plotter's slider figures over the peer's, as ratios.

``--split-cores`` pins Chromium to the first CPU and the server with its kernels to the
others, as on a hub where the browser runs on the student's machine (Linux only).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from bench import PLOTTER_CODE

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CELL = "a = 1\n" + PLOTTER_CODE.replace("y = sin(x)", "y = a sin(x)")

# Runs in the page: one input per animation frame, timings of each, and every redraw.
DRAG = """
async ({kind, steps, px}) => {
  const root = document.querySelector('.jp-PlotterView');
  const svg = root.querySelector('svg');
  const items = root.querySelector('.jp-PlotterView-items');
  const range = root.querySelector('.jp-PlotterView-slider input[type="range"]');
  const pan = kind !== 'slider';
  // What a picture shows: the view when it is the kernel's sampling of it (pan), or
  // the values it was drawn with (slider; the view does not move).
  const sampled = () => root.dataset.sampled === 'true';
  const key = () => pan ? (sampled() ? root.dataset.x0 : null)
                        : items.getAttribute('data-params');
  const scenes = Number(root.dataset.redraws);
  const redraws = [], sent = new Map(), trips = [];
  const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  const onMessage = (_, args) => {
    if (args.msg.header.msg_type !== 'comm_msg') { return; }
    const seq = args.msg.content.data && args.msg.content.data.seq;
    if (args.direction === 'send') { sent.set(seq, performance.now()); }
    else if (sent.has(seq)) { trips.push(performance.now() - sent.get(seq)); }
  };
  kernel.anyMessage.connect(onMessage);
  const observer = new MutationObserver(
    () => redraws.push([performance.now(), key()]));
  observer.observe(root, {attributes: true, subtree: true,
                          attributeFilter: ['data-x0', 'data-params', 'data-sampled']});
  const frame = () => new Promise(resolve => requestAnimationFrame(resolve));
  const rect = svg.getBoundingClientRect();
  const cx = rect.left + rect.width / 2, cy = rect.top + rect.height / 2;
  const pointer = (type, x) => svg.dispatchEvent(new PointerEvent(type, {
    pointerId: 7, pointerType: 'mouse', button: 0, buttons: 1, isPrimary: true,
    clientX: x, clientY: cy, bubbles: true, cancelable: true}));
  const inputs = [], handler = [], frames = [];
  const min = range ? Number(range.min) : 0, step = range ? Number(range.step) : 0;
  if (pan) { pointer('pointerdown', cx); }
  let last = await frame();
  for (let k = 1; k <= steps; k++) {
    const now = await frame();
    frames.push(now - last);
    last = now;
    const t0 = performance.now();
    if (pan) {
      pointer('pointermove', cx - px * k);
    } else {
      range.value = String(min + k * step);
      range.dispatchEvent(new Event('input', {bubbles: true}));
    }
    svg.getBoundingClientRect();  // the style and layout the change causes, now
    const t1 = performance.now();
    handler.push(t1 - t0);
    inputs.push([t0, pan ? root.dataset.x0 : JSON.stringify({a: Number(range.value)})]);
  }
  if (pan) { pointer('pointerup', cx - px * steps); }
  const final = inputs[inputs.length - 1][1];
  const deadline = performance.now() + 10000;
  while (!(sampled() && key() === final) && performance.now() < deadline) {
    await new Promise(resolve => setTimeout(resolve, 10));
  }
  observer.disconnect();
  kernel.anyMessage.disconnect(onMessage);
  return {inputs, handler, frames, redraws, trips,
          scenes: Number(root.dataset.redraws) - scenes};
}
"""

PEER_CELL = """\
%matplotlib inline
import numpy as np
import matplotlib.pyplot as plt
from ipywidgets import FloatSlider, interact
_x = np.linspace(-5, 5, {width})
def _draw(a=1.0):
    _fig, _ax = plt.subplots(figsize=({width} / 100, {height} / 100), dpi=100)
    _ax.plot(_x, a * np.sin(_x), label="a sin(x)")
    _ax.plot(_x, np.cos(_x), label="cos(x)")
    _ax.plot(_x, _x**2 / 10, label="x^2/10")
    _ax.set_xlim(-5, 5)
    _ax.legend()
    plt.show()
    print(f"{{a:.{digits}f}}")
_a = FloatSlider(value=1, min={min}, max={max}, step={step}, readout_format=".{digits}f")
interact(_draw, a=_a);
"""

# The peer's slider dragged by mouse events on its handle, one per animation frame; a
# redraw is the output showing the value it printed under its picture.
PEER_DRAG = """
async ({steps}) => {
  const root = document.querySelector('.widget-interact');
  const handle = root.querySelector('.noUi-handle');
  const base = root.querySelector('.noUi-base');
  const out = root.querySelector('.widget-output');
  const readout = root.querySelector('.widget-readout');
  const shown = () => {
    const pre = out.querySelector('pre');
    return pre ? pre.textContent.trim() : null;
  };
  const redraws = [];
  const observer = new MutationObserver(() => redraws.push([performance.now(), shown()]));
  observer.observe(out, {childList: true, subtree: true, characterData: true});
  const min = Number(handle.getAttribute('aria-valuemin'));
  const max = Number(handle.getAttribute('aria-valuemax'));
  const rect = base.getBoundingClientRect();
  const cy = rect.top + rect.height / 2;
  const at = k => rect.left + rect.width * (k + 0.5) / steps * 0.9 + rect.width * 0.05;
  const mouse = (target, type, x) => target.dispatchEvent(new MouseEvent(type, {
    clientX: x, clientY: cy, button: 0, buttons: type === 'mouseup' ? 0 : 1,
    bubbles: true, cancelable: true, view: window}));
  const frame = () => new Promise(resolve => requestAnimationFrame(resolve));
  const hrect = handle.getBoundingClientRect();
  mouse(handle, 'mousedown', hrect.left + hrect.width / 2);
  const inputs = [], handler = [];
  for (let k = 0; k < steps; k++) {
    await frame();
    const t0 = performance.now();
    mouse(document.documentElement, 'mousemove', at(k));
    handler.push(performance.now() - t0);
    inputs.push([t0, readout.textContent.trim()]);
  }
  mouse(document.documentElement, 'mouseup', at(steps - 1));
  const final = inputs[inputs.length - 1][1];
  const deadline = performance.now() + 60000;
  while (shown() !== final && performance.now() < deadline) {
    await new Promise(resolve => setTimeout(resolve, 20));
  }
  observer.disconnect();
  return {inputs, handler, redraws, min, max};
}
"""


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def redrawn_latency(inputs: list[list], redraws: list[list]) -> list[float]:
    """For each input, ms until a redraw shows it or a later input."""
    order = {str(k): i for i, (_, k) in enumerate(inputs)}
    out = []
    for i, (t, _) in enumerate(inputs):
        hit = next((rt for rt, k in redraws if rt >= t and order.get(str(k), -1) >= i), None)
        if hit is not None:
            out.append(hit - t)
    return out


def start_lab(port: int, root: Path, token: str) -> subprocess.Popen[bytes]:
    log = (root / "lab.log").open("wb")
    process = subprocess.Popen(
        [
            sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}",
            "--port-retries=0", "--ip=127.0.0.1", "--allow-root",
            f"--ServerApp.root_dir={root}", f"--IdentityProvider.token={token}",
            "--LabApp.expose_app_in_browser=True",
        ],
        stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}")
            return process
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise SystemExit(f"JupyterLab did not start on port {port}: see {root / 'lab.log'}")


SAMPLED = "() => document.querySelector('.jp-PlotterView').dataset.sampled === 'true'"
KERNEL_READY = (
    "() => { const k = window.jupyterapp?.shell?.currentWidget?.sessionContext?.session?.kernel;"
    " return k?.connectionStatus === 'connected' && k?.status === 'idle'; }"
)


def notebook(source: str, kernel: str, display_name: str, language: str) -> str:
    return json.dumps({
        "cells": [
            {"cell_type": "code", "execution_count": None, "id": "bench", "metadata": {},
             "outputs": [], "source": source}
        ],
        "metadata": {"kernelspec": {"display_name": display_name, "language": language,
                                    "name": kernel}},
        "nbformat": 4, "nbformat_minor": 5,
    })  # fmt: skip


def open_and_run(browser: Any, url: str, ready: str) -> Any:
    """A new tab on ``url`` with its first cell run, once ``ready`` is on the page."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(120_000)
    page.goto(url)
    page.wait_for_function(KERNEL_READY)
    page.locator(".jp-Cell .cm-content").first.click()
    page.keyboard.press("Shift+Enter")
    page.wait_for_selector(ready)
    return page


def pin_chromium(cpus: list[int]) -> None:
    """Every Chromium process on ``cpus``; the renderers it starts later inherit them."""
    import psutil

    for process in psutil.process_iter(["exe"]):
        if process.info["exe"] and os.path.basename(process.info["exe"]).startswith("chromium"):
            with contextlib.suppress(psutil.Error):
                os.sched_setaffinity(process.pid, cpus)


def has_ipywidgets() -> bool:
    found = subprocess.run(
        [sys.executable, "-c", "import ipywidgets"], capture_output=True, check=False
    )
    return found.returncode == 0


def add(merged: dict[str, list[float]], out: dict[str, Any]) -> None:
    """One drag's figures added to those of its kind."""
    merged.setdefault("handler", []).extend(out["handler"])
    merged.setdefault("frames", []).extend(out.get("frames", []))
    merged.setdefault("trips", []).extend(out.get("trips", []))
    merged.setdefault("redrawn", []).extend(redrawn_latency(out["inputs"], out["redraws"]))
    merged.setdefault("scenes", []).append(out.get("scenes", len(out["redraws"])))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--steps", type=int, default=60, help="input events per drag")
    parser.add_argument("--port", type=int, default=9220, help="JupyterLab's port")
    parser.add_argument("--rounds", type=int, default=5, help="drags of each kind")
    parser.add_argument("--no-peer", action="store_true", help="skip the ipywidgets peer")
    parser.add_argument(
        "--split-cores", action="store_true", help="Chromium on CPU 0, the server on the rest"
    )
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    peer = not args.no_peer and has_ipywidgets()
    if not args.no_peer and not peer:
        print("ipywidgets is not installed: the peer is skipped (pip install ipywidgets)")
    root = Path(tempfile.mkdtemp(prefix="plotter-ibench-"))
    token = secrets.token_hex(16)
    (root / "bench.ipynb").write_text(notebook(CELL, "plotter", "Graphing Calculator", "plotter"))
    lab = start_lab(args.port, root, token)
    cpus = sorted(os.sched_getaffinity(0))
    if args.split_cores:
        if len(cpus) < 2:
            raise SystemExit("--split-cores needs two CPUs")
        os.sched_setaffinity(lab.pid, cpus[1:])  # kernels started later inherit it
    base = f"http://127.0.0.1:{args.port}/lab/tree"
    results: dict[str, dict[str, list[float]]] = {"pan": {}, "fast pan": {}, "slider": {}}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            if args.split_cores:
                pin_chromium(cpus[:1])
            page = open_and_run(
                browser, f"{base}/bench.ipynb?reset&token={token}", ".jp-PlotterView-slider"
            )
            page.wait_for_function(SAMPLED)
            width = int(page.locator(".jp-PlotterView svg").get_attribute("width") or 0)
            height = int(page.locator(".jp-PlotterView svg").get_attribute("height") or 0)
            print(f"plot {width}x{height} px; cell: {CELL!r}")
            peer_page = None
            if peer:
                lo, hi, step = page.evaluate(
                    "() => { const r = document.querySelector("
                    "'.jp-PlotterView-slider input[type=\"range\"]');"
                    " return [Number(r.min), Number(r.max), Number(r.step)]; }"
                )
                digits = max(0, -math.floor(math.log10(step)))
                source = PEER_CELL.format(
                    width=width, height=height, min=lo, max=hi, step=step, digits=digits
                )
                (root / "peer.ipynb").write_text(notebook(source, "python3", "Python 3", "python"))
                peer_url = f"http://127.0.0.1:{args.port}/lab/workspaces/peer/tree/peer.ipynb"
                peer_page = open_and_run(
                    browser, f"{peer_url}?reset&token={token}", ".widget-output img"
                )
                results["peer slider"] = {}
            for _ in range(args.rounds):
                page.bring_to_front()
                for kind, px in (("pan", 4), ("fast pan", 16), ("slider", 0)):
                    page.locator(".jp-PlotterView-reset").click()
                    page.wait_for_function(SAMPLED)
                    drag = {"kind": kind, "steps": args.steps, "px": px}
                    add(results[kind], page.evaluate(DRAG, drag))
                if peer_page is not None:
                    peer_page.bring_to_front()
                    out = peer_page.evaluate(PEER_DRAG, {"steps": args.steps})
                    add(results["peer slider"], out)
            browser.close()
    finally:
        lab.terminate()
        try:
            lab.wait(30)
        except subprocess.TimeoutExpired:
            lab.kill()
        shutil.rmtree(root, ignore_errors=True)

    print(f"{args.rounds} drags of {args.steps} steps each (ms)")
    print(f"{'':33} {'median':>8} {'p95':>8} {'max':>8}")
    for kind, merged in results.items():
        for name, label in (
            ("handler", "transform: input + layout"),
            ("frames", "frame interval"),
            ("trips", "comm round trip"),
            ("redrawn", "input -> re-drawn"),
        ):
            values = merged.get(name)
            if not values:
                continue
            print(
                f"{kind + ' ' + label:33} {statistics.median(values):8.1f}"
                f" {percentile(values, 0.95):8.1f} {max(values):8.1f}"
            )
        print(f"{kind} scenes drawn per drag: {merged['scenes']}")
    if "peer slider" in results:
        ours, theirs = results["slider"]["redrawn"], results["peer slider"]["redrawn"]
        print("slider input -> re-drawn, Plotter / ipywidgets + Matplotlib:")
        for label, q in (("median", 0.5), ("p95", 0.95)):
            a, b = percentile(ours, q), percentile(theirs, q)
            print(f"  {label:6} {a:8.1f} / {b:8.1f} ms = {a / b:.2f}")
    plotter = [results["pan"], results["fast pan"], results["slider"]]
    worst_frame = max(percentile(m["handler"], 0.95) for m in plotter)
    worst_redraw = max(percentile(m["redrawn"], 0.95) for m in plotter)
    print(f"transform p95 {worst_frame:.1f} ms (target < 16 ms per frame)")
    print(f"re-drawn p95 {worst_redraw:.1f} ms (target < 100 ms)")


if __name__ == "__main__":
    main()
