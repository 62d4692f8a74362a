"""The JupyterLite site of ``scripts/lite.sh`` in Chromium: the calculator runs in the page.

One site per module, built and served by ``lite.sh`` on 127.0.0.1:9410 (it rebuilds the Lab
plugin first; ``PLOTTER_LITE_PREBUILT=1`` in the environment reuses the current build). Every
request the page makes to another host is aborted and recorded; one test on one page runs
the demo notebook through, moves a slider, zooms, and interrupts a long cell. A JupyterLab on
9411 checks that the same Lab plugin stays silent there.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SITE_PORT = 9410
LAB_PORT = 9411
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ORIGIN = f"http://127.0.0.1:{SITE_PORT}"
DEMO = ROOT / "demo" / "plotter-demo.ipynb"
CHECKS = "check f(2) = 13\ncheck 0 < k < 1\ncheck f = 3x^2 + 1\ncheck (1, 4) on f"
NOT_DRAWN = {
    "a = 2.5\nb = -1",
    "sqrt(2) * pi",
    "f(3) + 5! - log(2, 8)",
    "L = [2, 3, 5, 7, 11, 13]\nmean(L)\nstdev(L)",
    'table("cooling.csv")',
    CHECKS,
}
"""The demo's cells that only define or calculate."""
KERNEL_TEXT = "the functions and parameters of earlier cells are gone"
"""A sentence of the Lite kernel's code (kernel.ts): JupyterLab must never load it."""


@dataclass
class Browser:
    """One page on the Lite site, with what it tried to fetch elsewhere and said."""

    page: Any
    expect: Any
    site: str
    blocked: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)


def wait_for_http(url: str, process: subprocess.Popen[bytes], log: Path, seconds: float) -> None:
    """Wait until ``url`` answers, failing early with the log if the process ends."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if process.poll() is not None:
            pytest.fail(f"exited {process.returncode}:\n{log.read_text(errors='replace')[-4000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"{url} did not answer in {seconds} s:\n{log.read_text(errors='replace')[-4000:]}")


def stop(process: subprocess.Popen[bytes]) -> None:
    """End a process group this module started."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def free(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``bash scripts/lite.sh`` building the site and serving it."""
    if not free(SITE_PORT):
        pytest.fail(f"port {SITE_PORT} is taken")
    log = tmp_path_factory.mktemp("lite") / "lite.log"
    env = dict(os.environ, PYTHON=sys.executable, PLOTTER_LITE_PORT=str(SITE_PORT))
    with log.open("wb") as out:
        process = subprocess.Popen(
            ["bash", "scripts/lite.sh"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_for_http(f"{ORIGIN}/lab/index.html", process, log, seconds=900)
        yield ORIGIN
    finally:
        stop(process)


@contextmanager
def lite_page(site: str) -> Iterator[Browser]:
    """Chromium on the site; requests to any other host are aborted and recorded."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        # The site's service worker stays on, as for a student: its fetches pass the route
        # too (the end of the test checks that a foreign one is caught).
        context = chromium.new_context(service_workers="allow")
        page = context.new_page()
        seen = Browser(page=page, expect=sync_api.expect, site=site)

        def route(route: Any) -> None:
            url = route.request.url
            if url == f"{site}/jupyter-lite.json":
                # The app on ``window.jupyterapp``, as the Lab tests have it: to watch the kernel
                try:
                    response = route.fetch()
                except Exception:  # offline: the request fails as it would without the route
                    route.abort()
                    return
                config = json.loads(response.text())
                config["jupyter-config-data"]["exposeAppInBrowser"] = "true"
                route.fulfill(response=response, body=json.dumps(config))
            elif url.startswith((f"{site}/", "data:", "blob:")):
                route.continue_()
            else:
                seen.blocked.append(url)
                route.abort()

        context.route("**/*", route)
        page.on(
            "console",
            lambda msg: (
                seen.console.append(f"{msg.type}: {msg.text}")
                if msg.type in ("error", "warning")
                else None
            ),
        )
        page.on("pageerror", lambda err: seen.console.append(f"pageerror: {err}"))
        page.set_default_timeout(60_000)
        sync_api.expect.set_options(timeout=60_000)
        try:
            yield seen
        finally:
            chromium.close()


def fetch_text(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return str(response.read().decode())


def code_cells() -> list[str]:
    cells = json.loads(DEMO.read_text())["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]


def cell_with(page: Any, text: str) -> Any:
    """The code cell whose source is exactly ``text``."""
    cells = page.locator(".jp-Notebook .jp-CodeCell")
    for i in range(cells.count()):
        # text_content joins the editor's lines (inner_text is empty off screen)
        if cells.nth(i).locator(".cm-content").text_content() == text.replace("\n", ""):
            return cells.nth(i)
    raise AssertionError(f"no cell {text!r}")


def demo_opens_on_the_in_browser_calculator(browser: Browser) -> None:
    page, expect = browser.page, browser.expect
    page.goto(f"{browser.site}/lab/index.html?path=plotter-demo.ipynb")
    # Given the site's default kernel is the calculator, the demo opens on it
    expect(page.locator(".jp-NotebookPanel-toolbar .jp-KernelName")).to_have_text(
        "Graphing Calculator", timeout=120_000
    )
    expect(page.get_by_text("Graphing Calculator | Idle")).to_be_visible()
    # and opening it changes nothing: Lab copies the kernel's info into the notebook
    page.evaluate(
        "async () => { await window.jupyterapp.shell.currentWidget"
        ".sessionContext.session.kernel.info; }"
    )
    expect(page.locator(".lm-TabBar-tab.jp-mod-dirty")).to_have_count(0)


WATCH_STATUS = """() => {
  const statuses = window.plotterStatuses = [];
  const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  kernel.statusChanged.connect((_, status) => statuses.push(status));
}"""
"""Records each status of the notebook's kernel in ``window.plotterStatuses``."""


def statuses_shown(page: Any) -> list[str]:
    return list(page.evaluate("() => window.plotterStatuses.splice(0)"))


def run_all_draws_every_plot_and_underlines_the_mistake(browser: Browser) -> None:
    page, expect = browser.page, browser.expect
    cells = code_cells()
    page.evaluate(WATCH_STATUS)
    # When every cell runs
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile("^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile("^Run All Cells$")).click()
    prompts = page.locator(".jp-Notebook .jp-CodeCell .jp-InputPrompt")
    expect(prompts).to_have_count(len(cells))
    for i in range(len(cells)):
        expect(prompts.nth(i)).to_have_text(re.compile(r"\[\d+\]"), timeout=120_000)
    # Then each drawing cell shows a plot: the interactive one, or the SVG fallback
    plots = page.locator(".jp-Notebook .jp-PlotterView, .jp-Notebook .jp-RenderedSVG")
    drawing = [c for c in cells if c not in NOT_DRAWN]
    expect(plots).to_have_count(len(drawing))
    # Calculations print their values, and definitions persist across cells
    expect(cell_with(page, "sqrt(2) * pi").locator(".jp-OutputArea-output")).to_have_text(
        re.compile(r"^4\.44288")
    )
    expect(cell_with(page, "f(3) + 5! - log(2, 8)").locator(".jp-OutputArea-output")).to_have_text(
        re.compile(r"^145$")
    )
    # The Data section reads its table from the site's contents (16 rows, one list per
    # column) and marks a point per row
    table = cell_with(page, 'table("cooling.csv")').locator(".jp-OutputArea-output table")
    expect(table.locator("tbody tr")).to_have_count(16)
    expect(table.locator("thead")).to_contain_text("temperature")
    points = cell_with(page, "(time, temperature)").locator(".jp-PlotterView")
    expect(points).to_have_attribute("data-x0", "-3")
    # and fits Newton's law of cooling to it, as the Python kernel does (same digits)
    fit = cell_with(page, "temperature ~ c e^(-k time) + room").locator(".jp-OutputArea")
    expect(fit).to_contain_text("k = 0.0804005")
    expect(fit).to_contain_text("R² = 0.99975")
    expect(fit.locator(".jp-PlotterView")).to_have_count(1)
    # A teacher's checks pass, each with its tick
    checks = cell_with(page, CHECKS).locator(".jp-OutputArea-output")
    expect(checks).to_contain_text("✓ f(2) = 13")
    expect(checks).to_contain_text("✓ (1, 4) on f")
    # The mistake is underlined where it is, reported in the output, the rest still drawn
    mistake = cell_with(page, "x in [-3, 3]\ny = sn(x) + 1\ny = x^3 - 3x")
    expect(mistake.locator(".jp-plotter-error")).to_have_text("sn")
    expect(mistake.locator(".jp-OutputArea-output").last).to_contain_text("NameError")
    expect(mistake.locator(".jp-PlotterView, .jp-RenderedSVG")).to_have_count(1)
    # (running cells shows the kernel busy)
    assert "busy" in statuses_shown(page)


def a_slider_and_a_zoom_redraw_through_the_comm(browser: Browser) -> None:
    page, expect = browser.page, browser.expect
    view = cell_with(page, "y = a cos(x) + b").locator(".jp-PlotterView")
    expect(view).to_have_count(1)
    # The items group carries the parameter values the kernel sampled with
    drawn = view.locator("g[data-params]")
    expect(drawn).to_have_attribute("data-params", re.compile(r'"a":2\.5[,}]'))
    # When the student moves the slider of a, the kernel samples the curve again for it
    slider = view.locator(".jp-PlotterView-slider[data-name=a] input[type=range]")
    expect(slider).to_have_value("2.5")
    statuses_shown(page)
    slider.fill("3")
    expect(drawn).to_have_attribute("data-params", re.compile(r'^\{"a":3[,}]'))
    # And zooming in is drawn again for the new view, with a margin around it
    expect(view).to_have_attribute("data-x0", "-10")
    view.locator(".jp-PlotterView-zoom-in").click()
    expect(view).not_to_have_attribute("data-x0", "-10")
    expect(view).to_have_attribute("data-sampled", "true")
    shown = float(view.get_attribute("data-x0") or "nan")
    assert -10 < shown < 0
    assert float(drawn.get_attribute("data-x0") or "nan") < shown
    # Redrawing never showed the kernel busy: the indicator does not flicker on a drag
    expect(view).to_have_attribute("data-sampled", "true")
    assert statuses_shown(page) == []
    # The notebook's text never changes
    expect(cell_with(page, "y = a cos(x) + b").locator(".cm-content")).to_have_text(
        "y = a cos(x) + b"
    )


def a_point_drags_its_parameters(browser: Browser) -> None:
    page, expect = browser.page, browser.expect
    source = "p = 1\nq = 2\n(p, q)\ny = (x - p)^2 + q"
    view = cell_with(page, source).locator(".jp-PlotterView")
    view.scroll_into_view_if_needed()
    handle = view.locator(".jp-PlotterView-handle")
    expect(handle).to_have_count(1)
    slider = view.locator(".jp-PlotterView-slider[data-name=p] input[type=range]")
    expect(slider).to_have_value("1")
    drawn = view.locator("g[data-params]")
    statuses_shown(page)
    # When the student drags the vertex 100 px to the right
    box = handle.bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 50, y, steps=5)
    page.mouse.move(x + 100, y, steps=5)
    page.mouse.up()
    # Then p follows it, the Lite kernel samples the parabola again for it, q stays
    expect(slider).not_to_have_value("1")
    moved = float(slider.input_value())
    assert moved > 2
    expect(drawn).to_have_attribute("data-params", re.compile(f'"p":{moved:g}[,}}]'))
    expect(drawn).to_have_attribute("data-params", re.compile(r'"q":2[,}]'))
    # And with the point focused, the right arrow moves p one step
    handle.focus()
    page.keyboard.press("ArrowRight")
    expect(slider).to_have_value(f"{moved + 0.1:.10g}")
    # And the notebook's text never changes
    expect(cell_with(page, source).locator(".cm-content")).to_have_text(source.replace("\n", ""))


def interrupt_ends_the_worker_and_says_the_session_is_gone(browser: Browser) -> None:
    page, expect, site = browser.page, browser.expect, browser.site
    # Given a new calculator notebook from the launcher tile, its starter cell run
    page.goto(f"{site}/lab/index.html?reset")
    tile = page.locator(".jp-LauncherCard", has_text="Graphing Calculator")
    expect(tile).to_have_count(1, timeout=120_000)
    tile.click()
    panel = page.locator(".jp-NotebookPanel:visible")
    expect(panel.locator(".jp-KernelName")).to_have_text("Graphing Calculator")
    expect(page.get_by_text("Graphing Calculator | Idle")).to_be_visible()
    cells = panel.locator(".jp-CodeCell")
    expect(cells.nth(0).locator(".cm-content")).to_have_text("a = 2y = a sin(x)")
    cells.nth(0).locator(".cm-content").click()
    page.keyboard.press("Shift+Enter")
    expect(cells.nth(0).locator(".jp-InputPrompt")).to_have_text("[1]:")
    # And a cell that would take many seconds (a hundred million terms)
    busy = cells.nth(1)
    busy.locator(".cm-content").click()
    page.keyboard.type("sum(i, 1, 10000, sum(j, 1, 10000, sin(i j)))")
    page.keyboard.press("Shift+Enter")
    expect(busy.locator(".jp-InputPrompt")).to_have_text("[*]:")
    # When the student interrupts it
    panel.locator("[data-command='notebook:interrupt-kernel']").click()
    # Then it stops at once with a KeyboardInterrupt that says what was lost
    expect(busy.locator(".jp-InputPrompt")).to_have_text("[2]:", timeout=5_000)
    error = busy.locator(".jp-OutputArea-output")
    expect(error).to_contain_text("KeyboardInterrupt")
    expect(error).to_contain_text("run those cells again")
    marks = busy.locator(".jp-plotter-error")
    expect(marks.first).to_be_visible()
    assert "".join(marks.all_text_contents()) == "sum(i, 1, 10000, sum(j, 1, 10000, sin(i j)))"
    # And a fresh worker answers the next cell, without the earlier definitions
    cells.nth(2).locator(".cm-content").click()
    page.keyboard.type("a")
    page.keyboard.press("Shift+Enter")
    expect(cells.nth(2).locator(".jp-OutputArea-output")).to_contain_text(
        "NameError: line 1: Unknown name 'a'."
    )


def a_failing_cell_loses_no_plot_request(browser: Browser) -> None:
    page, expect = browser.page, browser.expect
    panel = page.locator(".jp-NotebookPanel:visible")
    cells = panel.locator(".jp-CodeCell")
    # Given two drawing cells and then a failing one, in the notebook of the last step
    for i, source in ((1, "y = cos(x)"), (2, "y = sn(x)")):
        cells.nth(i).locator(".cm-content").click()
        page.keyboard.press("Control+a")
        page.keyboard.type(source)
    expect(cells.nth(2).locator(".cm-content")).to_have_text("y = sn(x)")
    # When every cell runs: the plots ask for their views while the failing cell waits
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile("^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile("^Run All Cells$")).click()
    expect(cells.nth(2).locator(".jp-OutputArea-output")).to_contain_text("NameError")
    # Then each plot is answered by the kernel (the failing cell dropped what waited
    # behind it; the page sends it again) and none says to re-run
    plots = panel.locator(".jp-PlotterView")
    expect(plots).to_have_count(2)
    for i in range(2):
        expect(plots.nth(i)).to_have_attribute("data-sampled", "true", timeout=20_000)
    expect(panel.locator(".jp-PlotterView-note:visible")).to_have_count(0)


def the_site_asked_nothing_of_another_host_and_logged_no_error(browser: Browser) -> None:
    assert browser.blocked == []
    errors = [m for m in browser.console if not m.startswith("warning")]
    assert errors == []
    plotter = [m for m in browser.console if "plotter" in m.lower()]
    assert plotter == []
    # The check itself works: a foreign fetch from the page or a worker is caught
    browser.page.evaluate(
        """async () => {
            await fetch('https://example.invalid/page').catch(() => 0);
            const code = "fetch('https://example.invalid/worker').catch(() => 0)";
            new Worker(URL.createObjectURL(new Blob([code])));
        }"""
    )
    browser.page.wait_for_function("() => true")
    deadline = time.monotonic() + 10
    while len(browser.blocked) < 2 and time.monotonic() < deadline:
        browser.page.wait_for_timeout(100)
    assert sorted(browser.blocked) == [
        "https://example.invalid/page",
        "https://example.invalid/worker",
    ]


def test_the_calculator_runs_in_the_page_and_asks_nothing_of_another_host(site: str) -> None:
    with lite_page(site) as browser:
        demo_opens_on_the_in_browser_calculator(browser)
        run_all_draws_every_plot_and_underlines_the_mistake(browser)
        a_slider_and_a_zoom_redraw_through_the_comm(browser)
        a_point_drags_its_parameters(browser)
        interrupt_ends_the_worker_and_says_the_session_is_gone(browser)
        a_failing_cell_loses_no_plot_request(browser)
        the_site_asked_nothing_of_another_host_and_logged_no_error(browser)


def worker_chunk() -> str:
    """The file name of the evaluation worker's code in the built site."""
    static = ROOT / "build" / "lite" / "extensions" / "plotter-labextension" / "static"
    found = [
        path.name
        for path in static.glob("*.js")
        if re.search(r"postMessage\(\{ready:!0,loaded:", path.read_text("utf-8"))
    ]
    assert len(found) == 1, f"the worker's chunk is not one file: {found}"
    return found[0]


def test_after_one_visit_the_calculator_works_offline(site: str) -> None:
    with lite_page(site) as browser:
        page, expect = browser.page, browser.expect
        # Given one visit online that opened the demo and ran a cell
        demo_opens_on_the_in_browser_calculator(browser)
        cell = cell_with(page, "y = sin(x)")
        cell.click()
        page.keyboard.press("Shift+Enter")
        expect(cell.locator(".jp-PlotterView")).to_be_visible()
        expect(page.locator("body")).to_have_attribute("data-plotter-offline", "ready")

        # When the network goes away and the student reloads
        page.context.set_offline(True)
        page.reload()

        # Then the site's own notebook opens again, its cells run and draw, with nothing
        # underlined
        demo = page.locator(".jp-NotebookPanel:visible")
        expect(demo.locator(".jp-KernelName")).to_have_text("Graphing Calculator", timeout=120_000)
        expect(page.get_by_text("Graphing Calculator | Idle")).to_be_visible()
        expect(demo.locator(".jp-CodeCell .cm-content").first).to_have_text("y = sin(x)")
        cell = cell_with(page, "y = sin(x)")
        cell.locator(".cm-content").click()
        page.keyboard.press("Shift+Enter")
        expect(cell.locator(".jp-PlotterView path.jp-PlotterView-curve")).to_have_count(1)
        expect(cell.locator(".jp-plotter-error")).to_have_count(0)

        # And a new calculator notebook from the launcher runs its starter cell and draws
        page.evaluate(
            "async () => { await window.jupyterapp.commands.execute('launcher:create'); }"
        )
        tile = page.locator(".jp-LauncherCard:visible", has_text="Graphing Calculator")
        expect(tile).to_have_count(1, timeout=120_000)
        tile.click()
        panel = page.locator(".jp-NotebookPanel:visible")
        expect(page.get_by_text("Graphing Calculator | Idle")).to_be_visible()
        cell = panel.locator(".jp-CodeCell").nth(0)
        cell.locator(".cm-content").click()
        page.keyboard.press("Shift+Enter")
        expect(cell.locator(".jp-PlotterView path.jp-PlotterView-curve")).to_have_count(1)
        expect(cell.locator(".jp-plotter-error")).to_have_count(0)


def test_a_calculator_that_cannot_load_says_so_and_blames_no_line(site: str) -> None:
    with lite_page(site) as browser:
        page, expect = browser.page, browser.expect
        # Given the calculator's worker code cannot be fetched (offline before it was kept)
        worker = worker_chunk()
        page.context.route(lambda url: worker in url, lambda route: route.abort())
        demo_opens_on_the_in_browser_calculator(browser)
        cell = cell_with(page, "y = sin(x)")
        cell.click()
        page.keyboard.press("Shift+Enter")
        # Then the cell says the calculator could not load, and nothing is underlined
        expect(cell.locator(".jp-OutputArea-output")).to_contain_text(
            "The calculator could not load; reconnect and reload."
        )
        expect(cell.locator(".jp-plotter-error")).to_have_count(0)


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """JupyterLab with the Plotter package as installed in this environment."""
    if not free(LAB_PORT):
        pytest.fail(f"port {LAB_PORT} is taken")
    home = tmp_path_factory.mktemp("lab-home")
    log = home / "lab.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
    env |= {"HOME": str(home), "JUPYTER_CONFIG_DIR": str(home / ".jupyter")}
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--allow-root",
        "--ip=127.0.0.1",
        f"--port={LAB_PORT}",
        "--IdentityProvider.token=",
        "--ServerApp.password=",
        f"--ServerApp.root_dir={home}",
    ]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        wait_for_http(f"http://127.0.0.1:{LAB_PORT}/lab", process, log, seconds=120)
        yield f"http://127.0.0.1:{LAB_PORT}"
    finally:
        stop(process)


def test_jupyterlab_loads_the_plugin_without_a_word_from_the_lite_kernel(lab: str) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        try:
            page = chromium.new_page()
            console: list[str] = []
            page.on(
                "console",
                lambda msg: (
                    console.append(f"{msg.type}: {msg.text}")
                    if msg.type in ("error", "warning")
                    else None
                ),
            )
            page.on("pageerror", lambda err: console.append(f"pageerror: {err}"))
            page.goto(f"{lab}/lab")
            tile = page.locator(".jp-LauncherCard", has_text="Graphing Calculator")
            sync_api.expect(tile).to_have_count(1, timeout=120_000)
            # The Lab plugin carries the Lite kernel's plugin, yet nothing of it spoke or loaded
            said = [m for m in console if re.search(r"plotter|jupyterlite|shared module", m, re.I)]
            assert said == []
            assert [m for m in console if m.startswith(("error", "pageerror"))] == []
            loaded = page.evaluate(
                "performance.getEntriesByType('resource').map(entry => entry.name)"
            )
            code = [fetch_text(url) for url in loaded if "/plotter-labextension/static/" in url]
            assert any("plotter-labextension:lite-kernel" in text for text in code), [
                url for url in loaded if "plotter" in url
            ]
            assert not any(KERNEL_TEXT in text for text in code)
        finally:
            chromium.close()
