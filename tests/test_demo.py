"""The demo notebook and ``scripts/demo.sh``: what a new user meets first."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
import urllib.request
import venv
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
import pytest
from nbclient import NotebookClient
from test_wheel import source_copy

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "demo" / "plotter-demo.ipynb"
DEMO_PORT = 9309  # outside the ports hub.sh gives students (9310-9399)


def code_cells(path: Path) -> list[dict]:
    return [
        c for c in json.loads(path.read_text(encoding="utf-8"))["cells"] if c["cell_type"] == "code"
    ]


def test_the_tracked_demo_holds_no_outputs() -> None:
    cells = code_cells(DEMO)
    assert cells
    assert all(c["outputs"] == [] and c["execution_count"] is None for c in cells)


def test_opening_the_demo_changes_none_of_its_metadata() -> None:
    """Lab copies the kernel's ``language_info`` and kernelspec into a notebook when the
    kernel starts: any difference marks the demo "modified" before anything runs."""
    from plotter_kernel.shell.kernel import PlotterKernel
    from plotter_kernel.shell.kernelspec import get_kernel_dict

    metadata = json.loads(DEMO.read_text(encoding="utf-8"))["metadata"]
    assert metadata["language_info"] == PlotterKernel.language_info
    spec = get_kernel_dict()
    assert metadata["kernelspec"] == {
        "display_name": spec["display_name"],
        "language": spec["language"],
        "name": "plotter",
    }


def test_only_the_mistakes_cell_is_tagged_raises_exception() -> None:
    tagged = [c for c in code_cells(DEMO) if "raises-exception" in c["metadata"].get("tags", [])]
    assert [c["source"][1] for c in tagged] == ["y = sn(x) + 1\n"]


@pytest.mark.slow
def test_a_plain_execute_runs_the_whole_demo(tmp_path: Path) -> None:
    out = tmp_path / "executed.ipynb"
    argv = ["jupyter", "nbconvert", "--to", "notebook", "--execute", "--output", str(out)]
    done = subprocess.run(
        [*argv, str(DEMO)], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    cells = code_cells(out)
    errors = [c for c in cells if any(o["output_type"] == "error" for o in c["outputs"])]
    assert [c["id"] for c in errors] == ["2d50b1d1"], "only the mistakes cell shows an error"
    # the right line of the mistakes cell is still drawn, and so is every other cell
    drawn = [c for c in cells if any("image/png" in o.get("data", {}) for o in c["outputs"])]
    assert errors[0] in drawn
    assert len(drawn) >= 12
    # The saved error output holds only what nbformat allows there.
    nbformat.validate(nbformat.read(out, as_version=4))


@pytest.mark.slow
def test_nbclient_keeps_a_notebook_with_errors_valid(tmp_path: Path) -> None:
    # Given a notebook whose cells fail in several ways, run as a grader runs it
    spec = {"name": "plotter", "display_name": "Graphing Calculator"}
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": spec})
    nb.cells = [
        nbformat.v4.new_code_cell("y = sin(x)\ny = sn(x)"),
        nbformat.v4.new_code_cell("2 +* 3"),
        nbformat.v4.new_code_cell("factorial(10^6)"),
    ]
    client = NotebookClient(nb, timeout=120, allow_errors=True)
    client.execute()
    # Then every cell has its error output, and the written notebook validates
    enames = [[o.get("ename") for o in c.outputs if o.output_type == "error"] for c in nb.cells]
    assert enames == [["NameError"], ["SyntaxError"], ["ResourceError"]]
    path = tmp_path / "graded.ipynb"
    nbformat.write(nb, path)
    nbformat.validate(nbformat.read(path, as_version=4))


def git(args: list[str], cwd: Path) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@localhost"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@localhost"}
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """``bash scripts/demo.sh`` in a fresh clone with a fresh virtual environment.

    Yields the URL it printed and the clone's folder.
    """
    if shutil.which("git") is None or shutil.which("node") is None:
        pytest.skip("needs git and Node")
    clone = source_copy(tmp_path_factory.mktemp("clone"))
    git(["init", "-q"], clone)
    git(["add", "-A"], clone)
    git(["commit", "-qm", "clone"], clone)
    prefix = tmp_path_factory.mktemp("demo-env") / "venv"
    venv.create(prefix, with_pip=True, clear=True)
    bindir = prefix / "bin"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "JUPYTER"))}
    home = tmp_path_factory.mktemp("home")
    env |= {
        "PATH": f"{bindir}{os.pathsep}{env['PATH']}",
        "VIRTUAL_ENV": str(prefix),
        "PYTHON": str(bindir / "python"),
        "HOME": str(home),
        "JUPYTER_PLATFORM_DIRS": "1",
        "MPLCONFIGDIR": str(home / "mpl"),
    }
    log = (tmp_path_factory.mktemp("demo-log") / "demo.log").open("w+")
    argv = ["bash", "scripts/demo.sh", "--no-browser", f"--port={DEMO_PORT}"]
    proc = subprocess.Popen(argv, cwd=clone, env=env, stdout=log, stderr=subprocess.STDOUT)
    url_pattern = re.compile(rf"http://127\.0\.0\.1:{DEMO_PORT}/\S*\?token=\w+")
    try:
        deadline = time.monotonic() + 600
        while True:
            log.seek(0)
            text = log.read()
            found = url_pattern.search(text)
            if found:
                break
            assert proc.poll() is None, f"demo.sh stopped:\n{text[-4000:]}"
            assert time.monotonic() < deadline, f"no URL printed:\n{text[-4000:]}"
            time.sleep(1)
        yield found.group(0), clone
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def api(url: str, path: str, method: str = "GET", body: dict | None = None) -> dict:
    """Call the server's REST API with the token of the printed URL."""
    parts = urlsplit(url)
    token = parts.query.split("token=")[1]
    request = urllib.request.Request(
        f"{parts.scheme}://{parts.netloc}{path}",
        method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"token {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read() or b"{}")


@pytest.mark.slow
def test_demo_sh_prints_a_url_that_opens_the_demo(demo_server: tuple[str, Path]) -> None:
    url, _ = demo_server
    path = urlsplit(url).path
    assert path.startswith("/lab/tree/"), url
    opened = path.removeprefix("/lab/tree/")
    model = api(url, f"/api/contents/{opened}")
    assert model["type"] == "notebook"
    assert model["content"]["metadata"]["kernelspec"]["name"] == "plotter"


@pytest.mark.slow
def test_using_the_demo_leaves_the_clone_clean(demo_server: tuple[str, Path]) -> None:
    url, clone = demo_server
    opened = urlsplit(url).path.removeprefix("/lab/tree/")
    # The student saves the demo with outputs and makes a new notebook, as Lab does.
    model = api(url, f"/api/contents/{opened}")
    model["content"]["cells"][2]["outputs"] = [
        {"output_type": "stream", "name": "stdout", "text": "x" * 1000}
    ]
    api(url, f"/api/contents/{opened}", "PUT", {"type": "notebook", "content": model["content"]})
    created = api(url, "/api/contents", "POST", {"type": "notebook"})
    assert created["name"].startswith("Untitled")
    assert git(["status", "--porcelain", "--untracked-files=all"], clone) == ""
    assert not list((clone / "demo").glob("Untitled*"))
