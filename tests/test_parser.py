"""Unit tests of the parser: the grammar's shape, spans, and the nesting limit."""

from __future__ import annotations

import pytest

from plotter_kernel.errors import PlotterError, ResourceLimit, Span
from plotter_kernel.lang.parser import parse_line
from plotter_kernel.lang.syntax import (
    Call,
    Group,
    Line,
    Name,
    Relation,
    Seq,
    Sum,
    WindowClause,
    show,
)


def parse(text: str, max_depth: int = 100) -> Line:
    line = parse_line(text, 0, max_depth)
    assert line is not None
    return line


def tree(text: str) -> str:
    return show(parse(text).body)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("-x^2", "(- (^ x 2.0))"),
        ("2^3^2", "(^ 2.0 (^ 3.0 2.0))"),
        ("2x^2", "(* 2.0 (^ x 2.0))"),
        ("-2x", "(* (- 2.0) x)"),
        ("2^-x", "(^ 2.0 (- x))"),
        ("3!^2", "(^ (! 3.0) 2.0)"),
        ("2^3!", "(^ 2.0 (! 3.0))"),
        ("-3!", "(- (! 3.0))"),
        ("1 - 2 - 3", "(- (- 1.0 2.0) 3.0)"),
        ("a / b * c", "(* (/ a b) c)"),
        ("6/2(1+2)", "(* (/ 6.0 2.0) (+ 1.0 2.0))"),
        ("2 ** 3", "(^ 2.0 3.0)"),
        ("x - -y", "(- x (- y))"),
    ],
)
def test_precedence(text: str, expected: str) -> None:
    assert tree(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2x", "(* 2.0 x)"),
        ("3sin(x)", "(* 3.0 (sin x))"),
        ("2(x+1)", "(* 2.0 (+ x 1.0))"),
        ("(x+1)(x-1)", "(* (+ x 1.0) (- x 1.0))"),
        ("(x+1)x", "(* (+ x 1.0) x)"),
        ("k sin(x)", "(* k (sin x))"),
        ("a x", "(* a x)"),
        ("2πx", "(* (* 2.0 pi) x)"),
        ("ab", "ab"),
        ("f(x)", "(f x)"),
        ("sin(x)cos(x)", "(* (sin x) (cos x))"),
    ],
)
def test_implicit_multiplication(text: str, expected: str) -> None:
    assert tree(text) == expected


@pytest.mark.parametrize(
    ("text", "code", "span"),
    [
        ("2 3", "number-after-number", (0, 3)),
        ("x 2", "missing-operator", (0, 3)),
        ("(2+3+)", "missing-operand", (4, 5)),
        ("(x^)", "missing-operand", (2, 3)),
        ("ln^-1 x", "no-inverse", (0, 5)),
        ("|x", "unclosed-bracket", (0, 1)),
        ("{x < 0: 1", "unclosed-bracket", (0, 1)),
        ("sin(x", "unclosed-bracket", (3, 4)),
        ("x)", "unmatched-bracket", (1, 2)),
        ("2 +", "missing-operand", (2, 3)),
        ("* 2", "unexpected-token", (0, 1)),
        ("y = 1 = 2", "chained-relation", (6, 7)),
        ("L[]", "missing-operand", (1, 3)),
        ("x in 0, 1", "bad-interval", (5, 6)),
        ("x in [0]", "bad-interval", (5, 8)),
        ("y = x for x", "bad-restriction", (10, 11)),
        ("f()", "missing-operand", (0, 3)),
    ],
)
def test_syntax_errors_are_located(text: str, code: str, span: tuple[int, int]) -> None:
    with pytest.raises(PlotterError) as info:
        parse_line(text, 2)
    assert info.value.ename == "SyntaxError"
    assert info.value.code == code
    assert info.value.span == Span(2, *span)


def test_spans_of_nodes() -> None:
    body = parse("  y = 3sin(x) + 1  # c").body
    assert isinstance(body, Relation)
    assert body.op_span == Span(0, 4, 5)
    assert isinstance(body.right, Sum)
    assert body.right.span == Span(0, 6, 17)
    call = body.right.terms[0][1]
    assert show(call) == "(* 3.0 (sin x))"


def test_call_spans() -> None:
    body = parse("log(2, x)").body
    assert isinstance(body, Call)
    assert body.func_span == Span(0, 0, 3)
    assert body.span == Span(0, 0, 9)
    assert [show(a) for a in body.args] == ["2.0", "x"]


def test_line_text_is_stripped_without_comment() -> None:
    line = parse("   y = x^2   # parabola")
    assert line.text == "y = x^2"
    assert line.span == Span(0, 3, 10)


def test_blank_and_comment_lines_are_nothing() -> None:
    assert parse_line("", 0) is None
    assert parse_line("   ", 0) is None
    assert parse_line("# note", 0) is None


def test_window_restriction_points() -> None:
    window = parse("x in [-2pi, 2pi]").body
    assert isinstance(window, WindowClause)
    assert window.var.id == "x"
    assert show(window.interval.lo) == "(* (- 2.0) pi)"

    line = parse("(cos(t), sin(t)) for t in [0, pi]")
    assert isinstance(line.body, Group)
    assert line.restriction is not None
    assert line.restriction.var == Name("t", Span(0, 21, 22))
    assert line.restriction.interval.span == Span(0, 26, 33)

    points = parse("(0, 0), (pi, 0)").body
    assert isinstance(points, Seq)
    assert [show(p) for p in points.items] == ["(0.0, 0.0)", "(pi, 0.0)"]


@pytest.mark.parametrize(
    "text",
    [
        "(" * 5000 + "x" + ")" * 5000,
        "-" * 5000 + "x",
        "2^" * 5000 + "2",
        "x" + "!" * 5000,
        "sin(" * 3000 + "x" + ")" * 3000,
    ],
)
def test_deep_nesting_is_a_resource_error_not_a_crash(text: str) -> None:
    with pytest.raises(ResourceLimit) as info:
        parse_line(text, 0, 100)
    assert info.value.code == "too-deep"
    assert info.value.span is not None and info.value.span.line == 0


def test_nesting_up_to_the_limit_parses() -> None:
    assert tree("(" * 99 + "x" + ")" * 99) == "x"
    with pytest.raises(ResourceLimit):
        parse_line("(" * 101 + "x" + ")" * 101, 0, 100)


def test_long_flat_sums_do_not_nest() -> None:
    body = parse("+".join(["1"] * 5000)).body
    assert isinstance(body, Sum)
    assert len(body.terms) == 5000
