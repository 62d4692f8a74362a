"""A real grader end to end: nbgrader generates an assignment from a Plotter notebook,
autogrades two submissions and scores the ``check`` cell 1 for the right answer and 0 for
the wrong one (SPEC §11).

nbgrader brings its own JupyterLab extensions, so it is never installed beside the other
tests: it goes into a virtual environment of its own (with the system site packages, so
the kernel and Jupyter are the ones tested), made once and kept in ``.grader/``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import nbformat
import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
NBGRADER = "nbgrader==0.9.6"
VENV = ROOT / ".grader" / "venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")

CONFIG = """\
c = get_config()  # noqa: F821
c.CourseDirectory.course_id = "plotter-course"
# Plotter comments start with #, as Python's: a cleared solution leaves a comment.
c.ClearSolutions.code_stub = {"plotter": "# YOUR CODE HERE"}
"""

SOLUTION = "### BEGIN SOLUTION\nf(x) = 2x + 1\n### END SOLUTION"
TEST = "check f(2) = 5"


@pytest.fixture(scope="session")
def grader() -> Path:
    """The Python of a virtual environment holding nbgrader, made on first use."""
    python = BIN / "python"
    ready = VENV / "nbgrader-ready"
    if not ready.exists():
        subprocess.run(
            [sys.executable, "-m", "venv", "--system-site-packages", "--clear", str(VENV)],
            check=True,
        )
        done = subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", NBGRADER],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            offline = any(
                word in done.stderr
                for word in ("Could not find a version", "Failed to establish", "No matching")
            )
            if offline and not os.environ.get("CI"):  # CI has the package index: fail there
                pytest.skip(f"{NBGRADER} could not be installed (no network?): {done.stderr}")
            pytest.fail(done.stderr)
        ready.write_text(NBGRADER)
    return python


def _env() -> dict[str, str]:
    """The environment nbgrader and the kernel it starts run in: this checkout's kernel."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "JUPYTER"))}
    paths = [str(ROOT / "kernel"), str(ROOT)]
    if env.get("PYTHONPATH"):
        paths.append(env["PYTHONPATH"])
    env["PYTHONPATH"] = os.pathsep.join(paths)
    env["PATH"] = f"{BIN}{os.pathsep}{env['PATH']}"
    env["VIRTUAL_ENV"] = str(VENV)
    # the kernelspec installed with the kernel, in this Python's prefix
    env["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")
    return env


def _run(python: Path, course: Path, *args: str) -> str:
    done = subprocess.run(
        [str(python), "-m", "nbgrader", *args],
        cwd=course,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


def _cell(source: str, **nbgrader: Any) -> Any:
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["nbgrader"] = {"schema_version": 3, "task": False, **nbgrader}
    return cell


def _source_notebook() -> Any:
    """The teacher's notebook: a solution cell and an autograded check worth 1 point."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "plotter",
        "display_name": "Graphing Calculator",
        "language": "plotter",
    }
    nb.metadata["language_info"] = {"name": "plotter"}
    nb.cells = [
        nbformat.v4.new_markdown_cell("Define f, the line through (0, 1) with slope 2."),
        _cell(SOLUTION, grade=False, solution=True, locked=False, grade_id="define-f"),
        _cell(TEST, grade=True, solution=False, locked=True, points=1, grade_id="check-f"),
    ]
    return nb


def _submit(course: Path, student: str, answer: str) -> None:
    """A student's copy of the released notebook with ``answer`` in the solution cell."""
    released = nbformat.read(course / "release" / "ps1" / "ps1.ipynb", as_version=4)
    solutions = [c for c in released.cells if c.metadata.get("nbgrader", {}).get("solution")]
    assert [c.source for c in solutions] == ["# YOUR CODE HERE"]
    solutions[0].source = answer
    folder = course / "submitted" / student / "ps1"
    folder.mkdir(parents=True)
    nbformat.write(released, folder / "ps1.ipynb")


def test_nbgrader_scores_a_check_cell(grader: Path, tmp_path: Path) -> None:
    # Given a course with a Plotter assignment whose test cell is `check f(2) = 5`
    course = tmp_path / "course"
    (course / "source" / "ps1").mkdir(parents=True)
    (course / "nbgrader_config.py").write_text(CONFIG)
    nbformat.write(_source_notebook(), course / "source" / "ps1" / "ps1.ipynb")
    kernels = subprocess.run(
        [str(grader), "-m", "jupyter", "kernelspec", "list", "--json"],
        env=_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    assert "plotter" in json.loads(kernels.stdout)["kernelspecs"]

    # When nbgrader releases it, two students answer, and nbgrader autogrades them
    _run(grader, course, "generate_assignment", "ps1", "--force")
    _submit(course, "right", "f(x) = 2x + 1")
    _submit(course, "wrong", "f(x) = 2x")
    _run(grader, course, "autograde", "ps1", "--create", "--force")

    # Then the right answer scores the point and the wrong one does not
    read = (
        "import json, sys\n"
        "from nbgrader.api import Gradebook\n"
        "with Gradebook(sys.argv[1]) as gb:\n"
        "    print(json.dumps({s: gb.find_submission('ps1', s).score"
        " for s in ('right', 'wrong')}))\n"
    )
    db = f"sqlite:///{course / 'gradebook.db'}"
    scores = subprocess.run(
        [str(grader), "-c", read, db], env=_env(), capture_output=True, text=True, check=True
    )
    assert json.loads(scores.stdout) == {"right": 1.0, "wrong": 0.0}

    # And the graded notebook of the wrong answer shows the CheckError with both sides
    graded = nbformat.read(course / "autograded" / "wrong" / "ps1" / "ps1.ipynb", as_version=4)
    errors = [o for c in graded.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert [(e.ename, e.evalue) for e in errors] == [("CheckError", "Line 1: f(2) is 4, not 5")]
