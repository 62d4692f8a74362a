"""The interactive plot in a real JupyterLab and Chromium: pan and slider drags.

Run: ``python benchmarks/interactive_bench.py`` (``--steps 60``, ``--port 9220``). Starts
JupyterLab on 127.0.0.1 with a token, opens a notebook on the Plotter kernel in Debian's
Chromium (Playwright, ``CHROMIUM_PATH`` overrides ``/usr/bin/chromium``), runs the
3-curve cell of ``bench.py`` with a parameter on its first curve (``a = 1``, ``y = a
sin(x)``: the slider needs one), then drives two drags in the page, one input event per
animation frame:

- pan: a pointer drag of 60 steps of 4 px;
- slider: 60 steps of ``a`` on its range input.

For each step it measures

- transform: the input handler plus the style and layout it causes (the picture moving
  at once), and the interval between frames during the drag;
- re-drawn: from the input to the first re-sampled picture that shows this step or a
  later one (the kernel's answer drawn in the page).

Targets: transform under 16 ms per frame; re-drawn p95 under 100 ms.
"""

from __future__ import annotations

import argparse
import json
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

from bench import PLOTTER_CODE

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CELL = "a = 1\n" + PLOTTER_CODE.replace("y = sin(x)", "y = a sin(x)")

# Runs in the page: one input per animation frame, timings of each, and every redraw.
DRAG = """
async ({kind, steps}) => {
  const root = document.querySelector('.jp-PlotterView');
  const svg = root.querySelector('svg');
  const items = root.querySelector('.jp-PlotterView-items');
  const range = root.querySelector('.jp-PlotterView-slider input[type="range"]');
  const key = () => kind === 'pan' ? items.getAttribute('data-x0')
                                   : items.getAttribute('data-params');
  const redraws = [];
  const observer = new MutationObserver(() => redraws.push([performance.now(), key()]));
  observer.observe(items, {attributes: true, attributeFilter: ['data-x0', 'data-params']});
  const frame = () => new Promise(resolve => requestAnimationFrame(resolve));
  const rect = svg.getBoundingClientRect();
  const cx = rect.left + rect.width / 2, cy = rect.top + rect.height / 2;
  const pointer = (type, x) => svg.dispatchEvent(new PointerEvent(type, {
    pointerId: 7, pointerType: 'mouse', button: 0, buttons: 1, isPrimary: true,
    clientX: x, clientY: cy, bubbles: true, cancelable: true}));
  const inputs = [], handler = [], frames = [];
  const min = range ? Number(range.min) : 0, step = range ? Number(range.step) : 0;
  if (kind === 'pan') { pointer('pointerdown', cx); }
  let last = await frame();
  for (let k = 1; k <= steps; k++) {
    const now = await frame();
    frames.push(now - last);
    last = now;
    const t0 = performance.now();
    if (kind === 'pan') {
      pointer('pointermove', cx - 4 * k);
    } else {
      range.value = String(min + k * step);
      range.dispatchEvent(new Event('input', {bubbles: true}));
    }
    svg.getBoundingClientRect();  // the style and layout the change causes, now
    const t1 = performance.now();
    handler.push(t1 - t0);
    inputs.push([t0, kind === 'pan' ? root.dataset.x0
                                    : JSON.stringify({a: Number(range.value)})]);
  }
  if (kind === 'pan') { pointer('pointerup', cx - 4 * steps); }
  const final = inputs[inputs.length - 1][1];
  const deadline = performance.now() + 10000;
  while (key() !== final && performance.now() < deadline) {
    await new Promise(resolve => setTimeout(resolve, 10));
  }
  observer.disconnect();
  return {inputs, handler, frames, redraws};
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--steps", type=int, default=60, help="input events per drag")
    parser.add_argument("--port", type=int, default=9220, help="JupyterLab's port")
    parser.add_argument("--rounds", type=int, default=3, help="drags of each kind")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    root = Path(tempfile.mkdtemp(prefix="plotter-ibench-"))
    token = secrets.token_hex(16)
    notebook = {
        "cells": [
            {"cell_type": "code", "execution_count": None, "id": "bench", "metadata": {},
             "outputs": [], "source": CELL}
        ],
        "metadata": {"kernelspec": {"display_name": "Graphing Calculator",
                                    "language": "plotter", "name": "plotter"}},
        "nbformat": 4, "nbformat_minor": 5,
    }  # fmt: skip
    (root / "bench.ipynb").write_text(json.dumps(notebook))
    lab = start_lab(args.port, root, token)
    results: dict[str, dict[str, list[float]]] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.set_default_timeout(120_000)
            base = f"http://127.0.0.1:{args.port}"
            page.goto(f"{base}/lab/tree/bench.ipynb?reset&token={token}")
            page.wait_for_function(
                "() => { const k = window.jupyterapp?.shell?.currentWidget"
                "?.sessionContext?.session?.kernel;"
                " return k?.connectionStatus === 'connected' && k?.status === 'idle'; }"
            )
            page.locator(".jp-Cell .cm-content").first.click()
            page.keyboard.press("Shift+Enter")
            page.wait_for_selector(".jp-PlotterView-slider")
            page.wait_for_function(
                "() => { const r = document.querySelector('.jp-PlotterView');"
                " const g = r.querySelector('.jp-PlotterView-items');"
                " return g.getAttribute('data-x0') === r.dataset.x0; }"
            )
            width = page.locator(".jp-PlotterView svg").get_attribute("width")
            print(f"plot {width} px wide; cell: {CELL!r}")
            for kind in ("pan", "slider"):
                merged: dict[str, list[float]] = {"handler": [], "frames": [], "redrawn": []}
                for _ in range(args.rounds):
                    page.locator(".jp-PlotterView-reset").click()
                    out = page.evaluate(DRAG, {"kind": kind, "steps": args.steps})
                    merged["handler"] += out["handler"]
                    merged["frames"] += out["frames"]
                    merged["redrawn"] += redrawn_latency(out["inputs"], out["redraws"])
                    merged.setdefault("redraws", []).append(len(out["redraws"]))
                results[kind] = merged
            browser.close()
    finally:
        lab.terminate()
        try:
            lab.wait(30)
        except subprocess.TimeoutExpired:
            lab.kill()
        shutil.rmtree(root, ignore_errors=True)

    print(f"{args.rounds} drags of {args.steps} steps each (ms)")
    print(f"{'':28} {'median':>8} {'p95':>8} {'max':>8}")
    for kind, merged in results.items():
        for name, label in (
            ("handler", "transform: input + layout"),
            ("frames", "frame interval"),
            ("redrawn", "input -> re-drawn"),
        ):
            values = merged[name]
            print(
                f"{kind + ' ' + label:28} {statistics.median(values):8.1f}"
                f" {percentile(values, 0.95):8.1f} {max(values):8.1f}"
            )
        print(f"{kind} redraws per drag: {merged['redraws']}")
    worst_frame = max(percentile(m["handler"], 0.95) for m in results.values())
    worst_redraw = max(percentile(m["redrawn"], 0.95) for m in results.values())
    print(f"transform p95 {worst_frame:.1f} ms (target < 16 ms per frame)")
    print(f"re-drawn p95 {worst_redraw:.1f} ms (target < 100 ms)")


if __name__ == "__main__":
    main()
