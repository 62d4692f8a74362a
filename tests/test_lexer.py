"""Unit tests of the lexer: numbers, names, friendly Unicode, comments, spans."""

from __future__ import annotations

import pytest

from plotter_kernel.errors import PlotterError, Span
from plotter_kernel.lang.lexer import END, KW, NAME, NUM, OP, comment_start, tokenize
from plotter_kernel.lang.parser import parse_line


def kinds(text: str) -> list[tuple[str, str]]:
    return [(t.kind, t.text) for t in tokenize(text)[:-1]]


def test_tokens_carry_python_index_spans() -> None:
    tokens = tokenize("2x^2 + sin(x)")
    assert [(t.text, t.start, t.end) for t in tokens] == [
        ("2", 0, 1),
        ("x", 1, 2),
        ("^", 2, 3),
        ("2", 3, 4),
        ("+", 5, 6),
        ("sin", 7, 10),
        ("(", 10, 11),
        ("x", 11, 12),
        (")", 12, 13),
        ("", 13, 13),
    ]
    assert tokens[-1].kind == END
    assert tokens[5].span(4) == Span(4, 7, 10)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2", 2.0),
        ("0.5", 0.5),
        (".5", 0.5),
        ("1e-3", 0.001),
        ("2E3", 2000.0),
        ("2.", 2.0),
        ("2e+1", 20.0),
    ],
)
def test_numbers(text: str, value: float) -> None:
    (token,) = tokenize(text)[:-1]
    assert token.kind == NUM
    assert token.value == value
    assert (token.start, token.end) == (0, len(text))


def test_e_without_digits_is_the_constant() -> None:
    assert kinds("2e") == [(NUM, "2"), (NAME, "e")]
    assert kinds("2e-x") == [(NUM, "2"), (NAME, "e"), (OP, "-"), (NAME, "x")]


def test_adjacent_letters_are_one_name() -> None:
    assert kinds("ab x2 a_b") == [(NAME, "ab"), (NAME, "x2"), (NAME, "a_b")]
    assert kinds("2x") == [(NUM, "2"), (NAME, "x")]


def test_friendly_unicode_maps_to_plain_operators() -> None:
    assert [t for _, t in kinds("− × · ÷ ≤ ≥ **")] == ["-", "*", "*", "/", "<=", ">=", "^"]


def test_symbols_are_names_that_may_touch_others() -> None:
    tokens = tokenize("2πθx")[:-1]
    assert [(t.kind, t.text, t.symbol) for t in tokens] == [
        (NUM, "2", False),
        (NAME, "pi", True),
        (NAME, "theta", True),
        (NAME, "x", False),
    ]
    assert (tokens[1].start, tokens[1].end) == (1, 2)


def test_superscripts_are_powers() -> None:
    assert kinds("x²+y³") == [
        (NAME, "x"),
        (OP, "^"),
        (NUM, "²"),
        (OP, "+"),
        (NAME, "y"),
        (OP, "^"),
        (NUM, "³"),
    ]
    assert tokenize("x²")[2].value == 2.0


def test_keywords() -> None:
    assert kinds("for x in") == [(KW, "for"), (NAME, "x"), (KW, "in")]


def test_comments_end_the_line() -> None:
    assert kinds("y = x # slope (") == [(NAME, "y"), (OP, "="), (NAME, "x")]
    assert tokenize("# only a comment")[0].kind == END
    assert comment_start("a # b") == 2
    assert comment_start("no comment") == len("no comment")


def test_unknown_character_is_a_located_syntax_error() -> None:
    with pytest.raises(PlotterError) as info:
        tokenize("y = x $ 1", 3)
    assert info.value.ename == "SyntaxError"
    assert info.value.code == "unexpected-character"
    assert info.value.span == Span(3, 6, 7)


def test_emoji_is_located_in_python_indices() -> None:
    with pytest.raises(PlotterError) as info:
        tokenize("y = 😀 + 😀")
    assert info.value.span == Span(0, 4, 5)


def test_python_syntax_is_not_the_language() -> None:
    for text in ("x.real", "a; b", "a @ b"):
        with pytest.raises(PlotterError):
            tokenize(text)
    for text in ("'a'", "{1, 2}", "a: b"):
        with pytest.raises(PlotterError):
            parse_line(text)
