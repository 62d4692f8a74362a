"""Tables from CSV/TSV files (SPEC §10): the kernel's folder reader, the limit, the output.

The parsing rules are conformance cases (``table:`` in ``language/cases/language.json``);
here is what only the Python kernel has: real files, symlinks, the admin's limit and the
messages a cell sends, then the same through a real kernel process.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from jupyter_client.manager import KernelManager

from plotter_kernel.budget import Budget
from plotter_kernel.cell import Setup, execute
from plotter_kernel.lang.session import Session
from plotter_kernel.lang.tables import Refusal, table_html
from plotter_kernel.limits import Limits
from plotter_kernel.replay import Outputs
from plotter_kernel.shell.config import LIMIT_RANGES, PlotterConfig, read_config
from plotter_kernel.shell.kernelspec import KERNEL_NAME
from plotter_kernel.shell.tablefiles import folder_reader

DATA = "time (s),dist (m)\n0,1\n1,3\n2,8\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A notebook folder with a table, a subfolder and a secret next to it."""
    notebooks = tmp_path / "notebooks"
    (notebooks / "sub").mkdir(parents=True)
    (notebooks / "data.csv").write_text(DATA, encoding="utf-8")
    (notebooks / "sub" / "more.tsv").write_text("a\tb\n1\t2\n", encoding="utf-8")
    (tmp_path / "secret.csv").write_text("pin\n1234\n", encoding="utf-8")
    return notebooks


def session(folder: Path, **limits: int) -> Session:
    chosen = Limits(**limits)  # type: ignore[arg-type]
    return Session(chosen, folder_reader(str(folder), chosen.max_table_rows))


def run(s: Session, code: str) -> tuple[list[str], list[tuple[str, str]]]:
    plan, problems = s.run(code, Budget.unlimited())
    return [text for _, text in plan.values], [(p.code, p.message) for p in problems]


def test_a_table_defines_lists_for_calculations(folder: Path) -> None:
    s = session(folder)
    assert run(s, 'table("data.csv")') == (["time = [0, 1, 2]", "dist = [1, 3, 8]"], [])
    assert run(s, "mean(dist)") == (["4"], [])
    assert run(s, 'table("sub/more.tsv")\ntotal(b)')[0][-1] == "2"


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("../secret.csv", "table-path"),
        ("/etc/passwd.csv", "table-path"),
        ("sub/../../secret.csv", "table-path"),
        ("nope.csv", "table-missing"),
        ("sub", "table-path"),
    ],
)
def test_paths_outside_the_folder_are_refused(folder: Path, path: str, code: str) -> None:
    values, problems = run(session(folder), f'table("{path}")')
    assert values == [] and [c for c, _ in problems] == [code]


def test_a_symlink_out_of_the_folder_is_refused(folder: Path) -> None:
    (folder / "link.csv").symlink_to(folder.parent / "secret.csv")
    (folder / "inside.csv").symlink_to(folder / "data.csv")
    values, problems = run(session(folder), 'table("link.csv")')
    assert values == [] and problems == [
        ("table-path", "link.csv leads outside the notebook's folder.")
    ]
    assert run(session(folder), 'table("inside.csv")')[0][0] == "time = [0, 1, 2]"


def test_the_reader_itself_refuses_what_the_line_check_would(folder: Path) -> None:
    read = folder_reader(str(folder), 100)
    assert isinstance(read("../secret.csv"), Refusal)
    assert isinstance(read(str(folder.parent / "secret.csv")), Refusal)
    assert read("data.csv") == DATA


def test_too_many_rows_is_a_resource_error(folder: Path) -> None:
    (folder / "big.csv").write_text("n\n" + "1\n" * 11, encoding="utf-8")
    plan, problems = session(folder, max_table_rows=10).run('table("big.csv")', Budget.unlimited())
    assert plan.values == []
    assert [(p.ename, p.code, p.span.start, p.span.end) for p in problems] == [
        ("ResourceError", "table-too-long", 6, 15)
    ]
    assert "at most 10" in problems[0].message
    (folder / "huge.csv").write_bytes(b"n\n" + b"1" * 20_000)  # too big to read at all
    _, problems = session(folder, max_table_rows=10).run('table("huge.csv")', Budget.unlimited())
    assert [p.ename for p in problems] == ["ResourceError"]


def test_a_binary_file_is_refused(folder: Path) -> None:
    (folder / "bin.csv").write_bytes(b"\xff\xfe\x00a")
    assert [c for c, _ in run(session(folder), 'table("bin.csv")')[1]] == ["table-unreadable"]


def test_the_cell_shows_an_escaped_html_table_and_draws_nothing(folder: Path) -> None:
    (folder / "odd.csv").write_text("<b>n</b>,m\n" + "".join(f"{k},1\n" for k in range(30)))
    s = session(folder)
    done = execute(s, 'table("odd.csv")', Outputs(), Setup(Limits()), count=1)
    kinds = [kind for kind, _ in done.messages]
    assert kinds == ["execute_result"]  # no display_data: nothing is drawn
    data = done.messages[0][1]["data"]
    assert data["text/plain"].startswith("b = [0, 1, 2, …, 29] (30 values)")
    html = data["text/html"]
    assert "<th>b</th><th>m</th>" in html and "<b>" not in html  # named b, no markup
    assert html.count("<tr>") == 1 + 20 + 1 and "… (30 rows)" in html
    assert done.reply["status"] == "ok"


def test_a_cell_of_lists_only_shows_a_table_beside_its_text() -> None:
    done = execute(Session(), "L = [1, 2]\nM = [3]", Outputs(), Setup(Limits()), count=1)
    data = done.messages[0][1]["data"]
    assert data["text/plain"] == "L = [1, 2]\nM = [3]"
    assert data["text/html"] == table_html([("L", [1.0, 2.0]), ("M", [3.0])])
    assert "<td></td>" in data["text/html"]  # M is shorter
    mixed = execute(Session(), "L = [1, 2]\na = 3", Outputs(), Setup(Limits()), count=1)
    assert "text/html" not in mixed.messages[0][1]["data"]


def test_without_a_reader_tables_are_not_available() -> None:
    assert run(Session(), 'table("data.csv")')[1][0][0] == "table-none"


def test_max_table_rows_is_a_limit_with_a_range() -> None:
    assert Limits().max_table_rows == 10000 == PlotterConfig().max_table_rows
    assert LIMIT_RANGES["max_table_rows"] == (1, 1_000_000)
    assert PlotterConfig(max_table_rows=50).limits().max_table_rows == 50


def test_a_student_cannot_raise_max_table_rows(tmp_path: Path) -> None:
    admin, user = tmp_path / "etc", tmp_path / "home"
    for place, value in ((admin, 100), (user, 5000)):
        place.mkdir()
        text = json.dumps({"PlotterConfig": {"max_table_rows": value}})
        (place / "plotter_config.json").write_text(text, encoding="utf-8")
    config, problems = read_config({}, [str(user), str(admin)], [str(user)])
    assert config.max_table_rows == 100 and "max_table_rows" in problems[0]
    (user / "plotter_config.json").write_text('{"PlotterConfig": {"max_table_rows": 7}}')
    assert read_config({}, [str(user), str(admin)], [str(user)])[0].max_table_rows == 7
    bad = json.dumps({"PlotterConfig": {"max_table_rows": 0}})
    config, problems = read_config({"PLOTTER_CONFIG": bad}, [], [])
    assert config.max_table_rows == 10000 and "max_table_rows" in problems[0]


# -- a real kernel in a notebook folder ------------------------------------------------


@pytest.mark.slow
def test_a_real_kernel_reads_its_folder_under_the_admins_limit(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given an admin's limit of 5 rows, a student's file raising it, and tables
    admin, user = tmp_path / "admin-etc", tmp_path / "home" / ".jupyter"
    for place, value in ((admin, 5), (user, 10000)):
        place.mkdir(parents=True)
        text = json.dumps({"PlotterConfig": {"max_table_rows": value}})
        (place / "plotter_config.json").write_text(text, encoding="utf-8")
    (folder / "long.csv").write_text("n\n" + "1\n" * 6, encoding="utf-8")
    (folder / "link.csv").symlink_to(folder.parent / "secret.csv")
    monkeypatch.delenv("PLOTTER_CONFIG", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(user))
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", str(admin))
    km = KernelManager(kernel_name=KERNEL_NAME)
    km.start_kernel(cwd=str(folder), env={**os.environ})
    kc = km.client()
    kc.start_channels()
    replies: dict[str, dict] = {}
    results: dict[str, dict] = {}
    try:
        kc.wait_for_ready(timeout=60)
        for code in (
            'table("data.csv")',
            "mean(dist)",
            'table("../secret.csv")',
            f'table("{folder.parent / "secret.csv"}")',
            'table("link.csv")',
            'table("long.csv")',
        ):

            def keep(msg: dict, code: str = code) -> None:
                if msg["msg_type"] == "execute_result":
                    results[code] = msg["content"]["data"]

            reply = kc.execute_interactive(code, timeout=60, output_hook=keep)
            replies[code] = reply["content"]
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    # Then the table is read, shown and used
    assert replies['table("data.csv")']["status"] == "ok"
    assert "<th>time</th><th>dist</th>" in results['table("data.csv")']["text/html"]
    assert results["mean(dist)"]["text/plain"] == "4"
    # and nothing outside the folder is read, and the admin's limit holds
    for code, ename in replies.items():
        if "secret" in code or "link" in code:
            assert ename["status"] == "error" and ename["ename"] == "ValueError", ename
    assert replies['table("long.csv")']["ename"] == "ResourceError"
    assert "more than 5 rows" in replies['table("long.csv")']["evalue"]
