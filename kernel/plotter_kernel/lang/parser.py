"""Recursive-descent parser for one Plotter line, with exact spans and a nesting limit."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from ..errors import PlotterError, ResourceLimit, Span
from .builtins import BUILTINS
from .lexer import END, KW, NAME, NUM, OP, Token, comment_start, tokenize
from .syntax import (
    Body,
    Call,
    Expr,
    Factorial,
    Group,
    Interval,
    Line,
    Name,
    Num,
    Power,
    Product,
    Relation,
    Restriction,
    Seq,
    Sum,
    Unary,
    WindowClause,
)

RELATIONS = frozenset({"=", "<", "<=", ">", ">="})
_CLOSERS = {"(": ")", "[": "]"}


def _syntax(message: str, span: Span, code: str) -> PlotterError:
    return PlotterError("SyntaxError", message, span, code)


class Parser:
    """Parses the tokens of one line; ``max_depth`` bounds every kind of nesting."""

    def __init__(self, tokens: list[Token], line: int, max_depth: int = 100):
        self.tokens = tokens
        self.line = line
        self.max_depth = max_depth
        self.pos = 0
        self.depth = 0

    # -- token helpers ------------------------------------------------------------------

    def peek(self, ahead: int = 0) -> Token:
        return self.tokens[min(self.pos + ahead, len(self.tokens) - 1)]

    @property
    def prev(self) -> Token:
        return self.tokens[self.pos - 1]

    def advance(self) -> Token:
        token = self.peek()
        self.pos += 1
        return token

    def at(self, kind: str, text: str | None = None) -> bool:
        token = self.peek()
        return token.kind == kind and (text is None or token.text == text)

    def span(self, start: int, end: int) -> Span:
        return Span(self.line, start, end)

    def unexpected(self) -> PlotterError:
        """The error for the current token: something missing, or something out of place."""
        token = self.peek()
        if token.kind == END:
            if self.pos == 0:
                return _syntax("This line is empty.", self.span(0, 0), "unexpected-token")
            prev = self.prev
            return _syntax(
                f"Something is missing after {prev.text!r}.",
                prev.span(self.line),
                "missing-operand",
            )
        if token.kind == OP and token.text in (")", "]"):
            return _syntax(
                f"This {token.text!r} has no matching opening bracket.",
                token.span(self.line),
                "unmatched-bracket",
            )
        return _syntax(
            f"Unexpected {token.text!r} here.", token.span(self.line), "unexpected-token"
        )

    def expect_closer(self, opener: Token) -> Token:
        closer = _CLOSERS[opener.text]
        if self.at(OP, closer):
            return self.advance()
        if self.at(END):
            raise _syntax(
                f"This {opener.text!r} is never closed.",
                opener.span(self.line),
                "unclosed-bracket",
            )
        raise self.unexpected()

    @contextmanager
    def nested(self, token: Token, extra: int = 1) -> Iterator[None]:
        """Count one level of nesting; refuse to go deeper than ``max_depth``."""
        self.depth += extra
        if self.depth > self.max_depth:
            raise ResourceLimit(
                f"This is nested too deeply (more than {self.max_depth} levels).",
                token.span(self.line),
                code="too-deep",
            )
        try:
            yield
        finally:
            self.depth -= extra

    # -- statements ----------------------------------------------------------------------

    def parse_line(self, text: str) -> Line:
        first = self.peek()
        if first.kind == NAME and self.peek(1).kind == KW and self.peek(1).text == "in":
            var = Name(self.advance().text, first.span(self.line))
            self.advance()
            interval = self.parse_interval()
            body: Body | Relation | WindowClause = WindowClause(
                var, interval, self.span(first.start, interval.span.end)
            )
        else:
            body = self.parse_relation()
        restriction = None
        if self.at(KW, "for"):
            restriction = self.parse_restriction()
        if not self.at(END):
            raise self.unexpected()
        stripped = text[: comment_start(text)]
        start = len(stripped) - len(stripped.lstrip())
        end = len(stripped.rstrip())
        return Line(body, restriction, self.span(start, end), stripped.strip())

    def parse_relation(self) -> Body | Relation:
        left = self.parse_list()
        if not (self.at(OP) and self.peek().text in RELATIONS):
            return left
        op = self.advance()
        right = self.parse_list()
        if self.at(OP) and self.peek().text in RELATIONS:
            extra = self.peek()
            raise _syntax(
                "Only one =, <, <=, > or >= is allowed in a line.",
                extra.span(self.line),
                "chained-relation",
            )
        return Relation(
            op.text, left, right, op.span(self.line), self.span(left.span.start, right.span.end)
        )

    def parse_restriction(self) -> Restriction:
        keyword = self.advance()
        if not self.at(NAME):
            raise _syntax(
                "After 'for' write a variable and an interval, like: for x in [0, 1].",
                keyword.span(self.line),
                "bad-restriction",
            )
        var_token = self.advance()
        var = Name(var_token.text, var_token.span(self.line))
        if not self.at(KW, "in"):
            raise _syntax(
                f"Write 'in' after {var_token.text}, like: for x in [0, 1].",
                var.span,
                "bad-restriction",
            )
        self.advance()
        interval = self.parse_interval()
        return Restriction(var, interval, self.span(keyword.start, interval.span.end))

    def parse_interval(self) -> Interval:
        if not self.at(OP, "["):
            token = self.peek() if not self.at(END) else self.prev
            raise _syntax(
                "An interval is written with square brackets, like [0, 1].",
                token.span(self.line),
                "bad-interval",
            )
        opener = self.advance()
        with self.nested(opener):
            lo = self.parse_expr()
            if not self.at(OP, ","):
                if self.at(OP, "]"):
                    raise _syntax(
                        "An interval needs two numbers, like [0, 1].",
                        self.span(opener.start, self.peek().end),
                        "bad-interval",
                    )
                if self.at(END):
                    self.expect_closer(opener)  # reports the unclosed bracket
                raise self.unexpected()
            self.advance()
            hi = self.parse_expr()
            closer = self.expect_closer(opener)
        return Interval(lo, hi, self.span(opener.start, closer.end))

    # -- expressions ---------------------------------------------------------------------

    def parse_list(self) -> Body:
        first = self.parse_expr()
        if not self.at(OP, ","):
            return first
        items = [first]
        while self.at(OP, ","):
            self.advance()
            items.append(self.parse_expr())
        return Seq(tuple(items), self.span(first.span.start, items[-1].span.end))

    def parse_expr(self) -> Expr:
        first = self.parse_term()
        terms: list[tuple[str, Expr]] = [("+", first)]
        while self.at(OP, "+") or self.at(OP, "-"):
            op = self.advance().text
            terms.append((op, self.parse_term()))
        if len(terms) == 1:
            return first
        return Sum(tuple(terms), self.span(first.span.start, terms[-1][1].span.end))

    def parse_term(self) -> Expr:
        first = self.parse_unary()
        factors: list[tuple[str, Expr]] = [("*", first)]
        while True:
            if self.at(OP, "*") or self.at(OP, "/"):
                op = self.advance().text
                factors.append((op, self.parse_unary()))
            elif self.starts_factor(self.peek()):
                self.check_juxtaposition(self.prev, self.peek())
                factors.append(("", self.parse_power()))
            else:
                break
        if len(factors) == 1:
            return first
        return Product(tuple(factors), self.span(first.span.start, factors[-1][1].span.end))

    @staticmethod
    def starts_factor(token: Token) -> bool:
        return token.kind in (NUM, NAME) or (token.kind == OP and token.text == "(")

    def check_juxtaposition(self, prev: Token, nxt: Token) -> None:
        """Allow implicit multiplication only in the forms the language defines."""
        both = self.span(prev.start, nxt.end)
        if prev.kind == NUM and nxt.kind == NUM:
            raise _syntax(
                f"Two numbers in a row: put an operator between {prev.text} and {nxt.text}.",
                both,
                "number-after-number",
            )
        if nxt.start > prev.end and nxt.kind != NUM:
            return  # whitespace-separated factors multiply: `a x`, `k sin(x)`
        closes = prev.kind == OP and prev.text == ")"
        symbol = (prev.kind == NAME and prev.symbol) or (nxt.kind == NAME and nxt.symbol)
        if nxt.kind != NUM and (prev.kind == NUM or closes or symbol):
            return
        raise _syntax(
            f"Put an operator such as * between {prev.text!r} and {nxt.text!r}.",
            both,
            "missing-operator",
        )

    def parse_unary(self) -> Expr:
        if self.at(OP, "-") or self.at(OP, "+"):
            sign = self.advance()
            with self.nested(sign):
                operand = self.parse_unary()
            return Unary(sign.text, operand, self.span(sign.start, operand.span.end))
        return self.parse_power()

    def parse_power(self) -> Expr:
        base = self.parse_postfix()
        if not self.at(OP, "^"):
            return base
        caret = self.advance()
        with self.nested(caret):
            exponent = self.parse_unary()
        return Power(base, exponent, self.span(base.span.start, exponent.span.end))

    def parse_postfix(self) -> Expr:
        node = self.parse_atom()
        bangs = 0
        while self.at(OP, "!"):
            bang = self.advance()
            bangs += 1
            with self.nested(bang, bangs):
                node = Factorial(node, self.span(node.span.start, bang.end))
        return node

    def parse_atom(self) -> Expr:
        token = self.peek()
        if token.kind == NUM:
            self.advance()
            return Num(token.value, token.span(self.line))
        if token.kind == NAME:
            self.advance()
            if self.at(OP, "("):
                return self.parse_call(token)
            self.check_bare_function(token)
            return Name(token.text, token.span(self.line))
        if token.kind == OP and token.text == "(":
            return self.parse_group()
        if token.kind == OP and token.text == "[":
            raise _syntax(
                "Square brackets are only for intervals, like x in [0, 1].",
                token.span(self.line),
                "unexpected-token",
            )
        raise self.unexpected()

    def check_bare_function(self, token: Token) -> None:
        """``sin x`` and ``sin^2(x)`` are errors with the bracketed spelling as the hint."""
        if token.text not in BUILTINS:
            return
        nxt = self.peek()
        if nxt.kind == OP and nxt.text == "^":
            raise _syntax(
                f"Write {token.text}(x)^2 instead of {token.text}^2(x).",
                self.span(token.start, nxt.end),
                "call-needs-brackets",
            )
        if self.starts_factor(nxt) and not (nxt.kind == OP and nxt.text == "("):
            raise _syntax(
                f"Put brackets around the input: {token.text}({nxt.text}).",
                self.span(token.start, nxt.end),
                "call-needs-brackets",
            )

    def parse_call(self, name: Token) -> Call:
        opener = self.advance()
        args: list[Expr] = []
        with self.nested(opener):
            if self.at(OP, ")"):
                raise _syntax(
                    f"{name.text} needs an input between its brackets.",
                    self.span(name.start, self.peek().end),
                    "missing-operand",
                )
            args.append(self.parse_expr())
            while self.at(OP, ","):
                self.advance()
                args.append(self.parse_expr())
            closer = self.expect_closer(opener)
        return Call(
            name.text,
            name.span(self.line),
            tuple(args),
            self.span(name.start, closer.end),
            spaced=opener.start > name.end,
        )

    def parse_group(self) -> Expr:
        opener = self.advance()
        with self.nested(opener):
            if self.at(OP, ")"):
                raise _syntax(
                    "Empty brackets: put something between ( and ).",
                    self.span(opener.start, self.peek().end),
                    "missing-operand",
                )
            items = [self.parse_expr()]
            while self.at(OP, ","):
                self.advance()
                items.append(self.parse_expr())
            closer = self.expect_closer(opener)
        if len(items) == 1:
            return items[0]
        return Group(tuple(items), self.span(opener.start, closer.end))


def parse_line(text: str, line: int = 0, max_depth: int = 100) -> Line | None:
    """Parse one source line; ``None`` for a blank or comment-only line.

    Raises
    ------
    PlotterError
        A located ``SyntaxError`` (or ``ResourceError`` when nested too deeply).
    """
    tokens = tokenize(text, line)
    if tokens[0].kind == END:
        return None
    return Parser(tokens, line, max_depth).parse_line(text)
