"""Completion, inspection and the is-complete check."""

from __future__ import annotations

import pytest

from plotter_kernel.budget import Budget
from plotter_kernel.lang.session import Session
from plotter_kernel.shell.assist import complete, inspect, is_complete


@pytest.fixture
def session() -> Session:
    calculator = Session()
    _, problems = calculator.run("slope = 2\nsquare(x) = x^2", Budget.unlimited())
    assert problems == []
    return calculator


def test_complete_builtins_with_cursor_range(session: Session) -> None:
    code = "y = si"
    assert complete(session, code, len(code)) == (["sign", "sin", "sinh"], 4, 6)


def test_complete_user_names_and_builtins_together(session: Session) -> None:
    assert complete(session, "s", 1) == (
        [
            "sec",
            "sign",
            "sin",
            "sinh",
            "slope",
            "sort",
            "sqrt",
            "square",
            "stdev",
            "stdevp",
            "sum",
        ],
        0,
        1,
    )


def test_complete_offers_aliases_and_sums(session: Session) -> None:
    assert complete(session, "y = arcs", 8)[0] == ["arcsec", "arcsin", "arcsinh"]
    assert complete(session, "pr", 2)[0] == ["prod"]


def test_complete_and_inspect_know_table(session: Session) -> None:
    assert complete(session, "tab", 3)[0] == ["table"]
    assert "CSV" in (inspect(session, 'table("data.csv")', 2) or "")


def test_inspect_alias_and_sum(session: Session) -> None:
    assert inspect(session, "arcsin(1)", 2) == inspect(session, "asin(1)", 2)
    assert "first, last" in (inspect(session, "sum(k, 1, 3, k)", 1) or "")


def test_braces_and_bars_count_for_is_complete() -> None:
    assert is_complete("y = {x < 0: -x") == "incomplete"
    assert is_complete("y = {x < 0: -x, x}") == "complete"
    assert is_complete("y = |x|") == "complete"


def test_complete_after_a_number_skips_the_digits(session: Session) -> None:
    assert complete(session, "2sl", 3) == (["slope"], 1, 3)


def test_complete_in_the_middle_of_a_line(session: Session) -> None:
    code = "y = ta + 1"
    assert complete(session, code, 6) == (["table", "tan", "tanh", "tau"], 4, 6)


def test_complete_names_defined_in_the_cell_being_written() -> None:
    code = "speed = 3\ny = spe"
    assert complete(Session(), code, len(code)) == (["speed"], 14, 17)


def test_complete_nothing_inside_a_comment(session: Session) -> None:
    code = "y = x # si"
    assert complete(session, code, len(code)) == ([], len(code), len(code))


def test_complete_empty_prefix_offers_everything(session: Session) -> None:
    matches, start, end = complete(session, "y = ", 4)
    assert (start, end) == (4, 4)
    assert {"sin", "pi", "slope", "square", "theta"} <= set(matches)


def test_inspect_builtin(session: Session) -> None:
    assert (
        inspect(session, "y = log(2, x)", 5)
        == "log(x) or log(b, x)\nLogarithm: base 10, or base b."
    )
    assert inspect(session, "sin(", 4) == "sin(x)\nSine of x (x in radians)."


def test_inspect_constant_and_symbol(session: Session) -> None:
    text = inspect(session, "2π", 2)
    assert text is not None and text.startswith("pi = 3.141592653589793")


def test_inspect_user_names_show_their_definition(session: Session) -> None:
    assert inspect(session, "square(3)", 2) == "square(x) = x^2"
    assert inspect(session, "y = slope x", 7) == "slope = 2"


def test_inspect_prefers_a_definition_in_the_cell(session: Session) -> None:
    assert inspect(session, "slope = 5\nslope", 12) == "slope = 5"


def test_inspect_plot_variable_and_unknown(session: Session) -> None:
    assert inspect(session, "r = 2", 0) == "r: the radius of polar curves, like r = 2."
    assert inspect(session, "y = nothing", 6) is None
    assert inspect(session, "1 + 2", 2) is None


@pytest.mark.parametrize(
    ("code", "status"),
    [
        ("y = x^2", "complete"),
        ("", "complete"),
        ("y = sin(x", "incomplete"),
        ("x in [0, 2", "incomplete"),
        ("(cos(t),\n", "incomplete"),
        ("y = x # (", "complete"),
        ("y = x)", "invalid"),
        ("(x]", "invalid"),
        ("y = $", "invalid"),
    ],
)
def test_is_complete(code: str, status: str) -> None:
    assert is_complete(code) == status


def test_inspect_a_parameter_shows_every_digit(session: Session) -> None:
    # Given parameters whose printed values are rounded to 12 significant digits
    session.run("third = 1/3\nbig = 2^53\ntiny = 1.5e-20/7\nbad = sqrt(-1)", Budget.unlimited())
    # When they are inspected, then the value comes with every digit of the double
    assert inspect(session, "third", 1) == "third = 1/3\nthird = 0.3333333333333333"
    assert inspect(session, "big", 1) == "big = 2^53\nbig = 9007199254740992"
    assert inspect(session, "tiny", 1) == "tiny = 1.5e-20/7\ntiny = 2.142857142857143e-21"
    assert inspect(session, "bad", 1) == "bad = sqrt(-1)\nbad = undefined"
    assert inspect(session, "y = slope x", 7) == "slope = 2"
