"""Recursive-descent parser for one Plotter line, with exact spans and a nesting limit."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from ..errors import PlotterError, ResourceLimit, Span
from .angles import DEGREE, degree_line, scaled
from .builtins import BUILTINS, CONSTANTS, INVERSES, SERIES
from .lexer import END, KW, NAME, NUM, OP, Token, comment_start, tokenize
from .runs import (
    Known,
    comprehension_variables,
    definition_head,
    head_shape,
    rewrite,
    series_indices,
)
from .syntax import (
    PLOT_VARIABLES,
    Body,
    Call,
    Check,
    Comprehension,
    Condition,
    Derivative,
    Expr,
    Factorial,
    Group,
    Index,
    Interval,
    Line,
    ListLit,
    Name,
    Num,
    Piecewise,
    Power,
    Product,
    Range,
    Relation,
    Restriction,
    Seq,
    Series,
    Sum,
    Unary,
    WindowClause,
)

RELATIONS = frozenset({"=", "<", "<=", ">", ">="})
#: ``Y ~ m X + b``: a regression, a relation of a whole line only (not in conditions).
FIT = "~"
#: ``check m ≈ 2``: equal within 1 %, a relation of check lines only.
APPROX = "≈"
#: The word starting a check line (SPEC §11).
CHECK = "check"
_CLOSERS = {"(": ")", "[": "]", "{": "}", "|": "|"}
#: Tokens that can only come after an operand: seen where one is expected, it is missing.
_ENDS_OPERAND = frozenset({")", "]", "}", ",", ":", FIT, APPROX, *RELATIONS})


def _syntax(message: str, span: Span, code: str) -> PlotterError:
    return PlotterError("SyntaxError", message, span, code)


class Parser:
    """Parses the tokens of one line; ``max_depth`` bounds every kind of nesting."""

    def __init__(
        self,
        tokens: list[Token],
        line: int,
        max_depth: int = 100,
        known: Known | None = None,
        text: str = "",
    ):
        self.tokens = tokens
        self.line = line
        self.max_depth = max_depth
        self.known = known or Known()
        self.text = text
        self.pos = 0
        self.depth = 0
        self.bars = 0
        """Absolute value bars open at this bracket level."""
        head = definition_head(tokens)
        local = set(head.params or ()) if head else set()
        self.values = {*PLOT_VARIABLES, *CONSTANTS, *self.known.values, *local}
        """Names known to be numbers: ``a(x - 1)`` multiplies them, and ``^`` takes the bracket."""
        self.values |= series_indices(tokens) | comprehension_variables(tokens)

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
        if token.kind == OP and token.text == APPROX:
            return _syntax(
                "≈ compares only in a check line, like: check m ≈ 2.",
                token.span(self.line),
                "approx-outside-check",
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
        conditions: list[Condition] = []
        while self.at(OP, "{"):
            conditions.append(self.parse_braces())
        if self.at(KW, "for"):
            restriction = self.parse_restriction()
        while self.at(OP, "{"):
            conditions.append(self.parse_braces())
        if not self.at(END):
            raise self.unexpected()
        stripped = text[: comment_start(text)]
        start = len(stripped) - len(stripped.lstrip())
        end = len(stripped.rstrip())
        return Line(body, restriction, self.span(start, end), stripped.strip(), tuple(conditions))

    def parse_check(self, text: str) -> Line:
        """The line after the word ``check``: a chain of relations (``=``, ``<``, ``≈``, ...)
        or ``point on curve``, then an optional ``for x in [a, b]``."""
        operands = [self.parse_expr()]
        ops: list[str] = []
        if self.at(KW, "on"):
            ops.append(self.advance().text)
            operands.append(self.parse_expr())
        else:
            while self.at(OP) and self.peek().text in (*RELATIONS, APPROX):
                ops.append(self.advance().text)
                operands.append(self.parse_expr())
        if not ops:
            raise _syntax(
                "A check compares two things, like: check f(2) = 5 or check (3, 4) on f.",
                operands[0].span,
                "bad-check",
            )
        restriction = self.parse_restriction() if self.at(KW, "for") else None
        if not self.at(END):
            raise self.unexpected()
        body = Check(
            tuple(operands), tuple(ops), self.span(operands[0].span.start, operands[-1].span.end)
        )
        stripped = text[: comment_start(text)]
        start = len(stripped) - len(stripped.lstrip())
        end = len(stripped.rstrip())
        return Line(body, restriction, self.span(start, end), stripped.strip())

    def parse_relation(self) -> Body | Relation:
        left = self.parse_list()
        if not (self.at(OP) and self.peek().text in (*RELATIONS, FIT)):
            return left
        op = self.advance()
        right = self.parse_list()
        if self.at(OP) and self.peek().text in (*RELATIONS, FIT):
            extra = self.peek()
            raise _syntax(
                "Only one =, <, <=, >, >= or ~ is allowed in a line.",
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
            elif self.starts_factor():
                self.check_juxtaposition(self.prev, self.peek())
                factors.append(("", self.parse_power()))
            else:
                break
        return self.product(factors)

    def product(self, factors: list[tuple[str, Expr]]) -> Expr:
        if len(factors) == 1:
            return factors[0][1]
        return Product(tuple(factors), self.span(factors[0][1].span.start, factors[-1][1].span.end))

    def starts_factor(self) -> bool:
        """Whether the next token starts a factor multiplied by what came before it."""
        token = self.peek()
        if token.kind == NUM or token.kind == NAME:
            return True
        if token.kind != OP:
            return False
        if token.text in ("(", "[") or token.text.startswith("d/d"):
            return True
        if token.text == "|":
            return self.bars == 0  # inside bars, a `|` after an operand closes them
        return token.text == "{" and self.braces_hold_branches()

    def braces_hold_branches(self) -> bool:
        """``{`` after an operand multiplies a piecewise (``2{x < 0: 1, 2}``) when a ``:``
        is inside; otherwise it starts the statement's conditions."""
        return self.inside_brackets_at_top(":")

    def starts_function(self) -> bool:
        """A function name here ends the input of a function written without brackets."""
        token = self.peek()
        if token.kind == OP:
            return token.text.startswith("d/d")
        return token.kind == NAME and (
            token.text in BUILTINS or token.text in SERIES or token.text in self.known.functions
        )

    def check_juxtaposition(self, prev: Token, nxt: Token) -> None:
        """Allow implicit multiplication except before a number (``2 3``, ``x 2``)."""
        if nxt.kind != NUM:
            return
        if prev.kind == OP and prev.text in (")", "|", "}"):
            return  # `(x+1)2`, `|x|2`
        both = self.span(prev.start, nxt.end)
        if prev.kind == NUM:
            raise _syntax(
                f"Two numbers in a row: put an operator between {prev.text} and {nxt.text}.",
                both,
                "number-after-number",
            )
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
        """Postfix ``!`` and ``°`` bind tighter than ``^``: ``30°^2`` is ``(30°)^2``."""
        node = self.parse_atom()
        while self.at(OP, "[") and self.peek().start == self.prev.end and not isinstance(node, Num):
            node = self.parse_index(node)
        bangs = 0
        while self.at(OP, "!") or self.at(OP, "°"):
            bang = self.advance()
            bangs += 1
            span = self.span(node.span.start, bang.end)
            with self.nested(bang, bangs):
                node = Factorial(node, span) if bang.text == "!" else scaled(node, DEGREE, span)
        return node

    def parse_atom(self) -> Expr:
        token = self.peek()
        if token.kind == NUM:
            self.advance()
            return Num(token.value, token.span(self.line))
        if token.kind == NAME:
            return self.parse_named()
        if token.kind == OP:
            if token.text == "(":
                return self.parse_group()
            if token.text == "|":
                return self.parse_bars()
            if token.text == "{":
                return self.parse_piecewise()
            if token.text.startswith("d/d"):
                return self.parse_derivative()
            if token.text == "[":
                return self.parse_brackets()
        raise self.missing_operand()

    def missing_operand(self) -> PlotterError:
        """The error where an operand was expected: at the operator that lacks it, if any."""
        token = self.peek()
        ends = token.kind == END or (token.kind == OP and token.text in _ENDS_OPERAND)
        if ends and self.pos > 0:
            prev = self.prev
            if prev.kind == OP and prev.text not in (")", "]", "}", "!", "'", "°"):
                return _syntax(
                    f"Something is missing after {prev.text!r}.",
                    prev.span(self.line),
                    "missing-operand",
                )
        return self.unexpected()

    # -- names, calls and functions without brackets -------------------------------------

    def parse_named(self) -> Expr:
        token = self.advance()
        name = token.text
        if name in SERIES and self.at(OP, "("):
            return self.parse_series(token)
        if name in BUILTINS and not self.at(OP, "("):
            if self.at(OP, "^"):
                return self.parse_function_power(token)
            if name == "log" and self.at(OP, "_"):
                return self.parse_log_base(token)
            if self.starts_argument():
                return self.apply(token, self.function_input(token))
        primes = self.parse_primes(token)
        if self.at(OP, "(") and (primes or name not in self.values or self.is_call_of_value()):
            return self.parse_call(token, primes)
        if primes:
            raise _syntax(
                f"Write the input after {name}{chr(39) * len(primes)}, like "
                f"{name}{chr(39) * len(primes)}(x).",
                self.span(token.start, self.prev.end),
                "missing-operand",
            )
        return Name(name, token.span(self.line))

    def is_call_of_value(self) -> bool:
        """A number's name before ``(`` multiplies, except ``a(1, 2)`` and the head of a
        definition ``e(x) = ...`` (both are then reported as such)."""
        if self.pos == 1 and self.peek().start == self.prev.end:
            head = head_shape(self.tokens)
            if head is not None and head.params is not None:
                return True
        return self.inside_brackets_at_top(",")

    def inside_brackets_at_top(self, mark: str) -> bool:
        """Whether the bracket opening here holds ``mark`` outside any inner bracket."""
        depth = 0
        for token in self.tokens[self.pos :]:
            if token.kind != OP:
                continue
            if token.text in ("(", "[", "{"):
                depth += 1
            elif token.text in (")", "]", "}"):
                depth -= 1
                if depth == 0:
                    return False
            elif token.text == mark and depth == 1:
                return True
        return False

    def parse_primes(self, token: Token) -> tuple[int, ...]:
        """``f'`` and ``f''``: the derivatives to take of a one-input function."""
        count = 0
        while self.at(OP, "'"):
            self.advance()
            count += 1
        return (0,) * count

    def starts_argument(self) -> bool:
        """What may follow a function written without brackets (`sin x`, `sin -x`)."""
        token = self.peek()
        if token.kind == OP and token.text == "-":
            return True  # `sin -x`; `sin + 1` is a function name without its input
        if token.kind == OP and token.text == "|":
            return True  # a bar right after a function name opens
        if token.kind == OP and token.text == "{":
            return True
        return self.starts_factor()

    def function_input(self, function: Token) -> Expr:
        """The input of a function written without brackets: the implicit product that
        follows, up to the next function name, ``+ - * /``, a comma, a closing bracket,
        a relation, ``for`` or ``{``. It is never empty: ``ln sin x`` is ln(sin(x))."""
        with self.nested(function):
            if self.at(OP, "{"):
                first: Expr = self.parse_piecewise()
            else:
                first = self.parse_unary()
            factors: list[tuple[str, Expr]] = [("*", first)]
            while self.starts_factor() and not self.starts_function():
                if self.at(OP, "{"):
                    break
                self.check_juxtaposition(self.prev, self.peek())
                factors.append(("", self.parse_power()))
        return self.product(factors)

    def apply(self, function: Token, arg: Expr, name: str | None = None) -> Call:
        span = self.span(function.start, arg.span.end)
        return Call(name or function.text, function.span(self.line), (arg,), span)

    def parse_function_power(self, function: Token) -> Expr:
        """``sin^2 x`` is (sin x)^2; ``sin^-1 x`` is asin(x)."""
        caret = self.advance()
        exponent = self.parse_function_exponent(caret)
        if self.at(OP, "("):
            call: Expr = self.parse_call(function, ())
        elif self.starts_argument():
            call = self.apply(function, self.function_input(function))
        else:
            raise _syntax(
                f"{function.text}^{self.source(exponent)} needs an input, like "
                f"{function.text}^{self.source(exponent)}(x).",
                self.span(function.start, exponent.span.end),
                "missing-operand",
            )
        assert isinstance(call, Call)
        if _is_minus_one(exponent):
            inverse = INVERSES.get(function.text)
            if inverse is not None and len(call.args) == 1:
                return Call(inverse, call.func_span, call.args, call.span)
            arg = ", ".join(self.source(a) for a in call.args)
            raise _syntax(
                f"{function.text}^-1 has no inverse function here. "
                f"For 1/{function.text}({arg}) write ({function.text}({arg}))^-1.",
                self.span(function.start, exponent.span.end),
                "no-inverse",
            )
        return Power(call, exponent, self.span(function.start, call.span.end))

    def parse_function_exponent(self, caret: Token) -> Expr:
        """The exponent of a function power: a signed number, a name or a bracket."""
        sign = None
        if self.at(OP, "-") or self.at(OP, "+"):
            sign = self.advance()
        token = self.peek()
        if token.kind == NUM:
            self.advance()
            value: Expr = Num(token.value, token.span(self.line))
        elif token.kind == NAME:
            self.advance()
            value = Name(token.text, token.span(self.line))
        elif token.kind == OP and token.text == "(":
            value = self.parse_group()
        else:
            raise self.missing_operand()
        if sign is None:
            return value
        return Unary(sign.text, value, self.span(sign.start, value.span.end))

    def parse_log_base(self, function: Token) -> Expr:
        """``log_2(x)``, ``log_2 x``, ``log_b(x)``: a number or a name as the base."""
        underscore = self.advance()
        token = self.peek()
        if token.kind == NUM:
            base: Expr = Num(token.value, token.span(self.line))
        elif token.kind == NAME and token.text not in BUILTINS:
            base = Name(token.text, token.span(self.line))
        else:
            raise _syntax(
                "Write the base of the logarithm after _, like log_2(x).",
                underscore.span(self.line),
                "bad-log-base",
            )
        self.advance()
        if self.at(OP, "("):
            call = self.parse_call(function, ())
            args = (base, *call.args)
            return Call("log", call.func_span, args, self.span(function.start, call.span.end))
        if not self.starts_argument():
            raise _syntax(
                f"log_{token.text} needs an input, like log_{token.text}(x).",
                self.span(function.start, token.end),
                "missing-operand",
            )
        arg = self.function_input(function)
        return Call(
            "log", function.span(self.line), (base, arg), self.span(function.start, arg.span.end)
        )

    def parse_call(self, name: Token, primes: tuple[int, ...] = ()) -> Call:
        opener = self.advance()
        args: list[Expr] = []
        with self.nested(opener), self.fresh_bars():
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
            primes=primes,
        )

    def parse_group(self) -> Expr:
        opener = self.advance()
        with self.nested(opener), self.fresh_bars():
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

    # -- lists ---------------------------------------------------------------------------

    def parse_brackets(self) -> Expr:
        """``[1, 2, 3]``, ``[]``, ``[1...10]``, ``[0, 0.5 ... 3]`` or ``[k^2 for k = L]``."""
        opener = self.advance()
        with self.nested(opener), self.fresh_bars():
            if self.at(OP, "]"):
                return ListLit((), self.span(opener.start, self.advance().end))
            items = [self.parse_expr()]
            if self.at(KW, "for"):
                return self.parse_comprehension(opener, items[0])
            while self.at(OP, ","):
                self.advance()
                items.append(self.parse_expr())
            if self.at(OP, "..."):
                dots = self.advance()
                if len(items) > 2:
                    raise _syntax(
                        "A range has one or two numbers before the dots, "
                        "like [1...10] or [0, 0.5 ... 3].",
                        self.span(opener.start, dots.end),
                        "bad-range",
                    )
                last = self.parse_expr()
                closer = self.expect_closer(opener)
                second = items[1] if len(items) == 2 else None
                return Range(items[0], second, last, self.span(opener.start, closer.end))
            closer = self.expect_closer(opener)
        return ListLit(tuple(items), self.span(opener.start, closer.end))

    def parse_comprehension(self, opener: Token, body: Expr) -> Comprehension:
        """``[body for k = source]`` (``in`` may stand for ``=``), after its body."""
        keyword = self.advance()
        usage = "like [k^2 for k = [1...5]]"
        var_token = self.peek()
        if var_token.kind != NAME or var_token.text in BUILTINS or var_token.text in CONSTANTS:
            raise _syntax(
                f"Write a name after 'for', {usage}.",
                (var_token if var_token.kind != END else keyword).span(self.line),
                "bad-comprehension",
            )
        self.advance()
        if not (self.at(OP, "=") or self.at(KW, "in")):
            raise _syntax(
                f"Write = after {var_token.text}, {usage}.",
                var_token.span(self.line),
                "bad-comprehension",
            )
        self.advance()
        source = self.parse_expr()
        closer = self.expect_closer(opener)
        var = Name(var_token.text, var_token.span(self.line))
        return Comprehension(body, var, source, self.span(opener.start, closer.end))

    def parse_index(self, target: Expr) -> Index:
        """``L[2]``, ``L[2...4]``, ``L[[1, 3]]``: the values of a list, counting from 1."""
        opener = self.peek()
        inside = self.parse_brackets()
        if isinstance(inside, ListLit) and not inside.items:
            raise _syntax(
                "Write which value to take between the brackets, like L[1].",
                inside.span,
                "missing-operand",
            )
        index = (
            inside.items[0] if isinstance(inside, ListLit) and len(inside.items) == 1 else inside
        )
        assert opener.text == "["
        return Index(target, index, self.span(target.span.start, inside.span.end))

    # -- bars, braces, sums and derivatives ----------------------------------------------

    @contextmanager
    def fresh_bars(self) -> Iterator[None]:
        """Inside brackets, bars outside them can't be closed."""
        bars, self.bars = self.bars, 0
        try:
            yield
        finally:
            self.bars = bars

    def parse_bars(self) -> Expr:
        """``|x - 2|``: a bar where an operand is expected opens, where an operator is
        expected it closes the innermost open bar."""
        opener = self.advance()
        with self.nested(opener):
            self.bars += 1
            try:
                inner = self.parse_expr()
            finally:
                self.bars -= 1
            closer = self.expect_closer(opener)
        span = self.span(opener.start, closer.end)
        return Call("abs", opener.span(self.line), (inner,), span)

    def parse_condition(self) -> Condition:
        """``a < b`` or a chain ``a < x <= b``."""
        operands = [self.parse_expr()]
        ops: list[str] = []
        while self.at(OP) and self.peek().text in RELATIONS:
            ops.append(self.advance().text)
            operands.append(self.parse_expr())
        if not ops:
            raise _syntax(
                "A condition compares, like x > 0 or 0 < x < 5.",
                operands[0].span,
                "bad-condition",
            )
        return Condition(
            tuple(operands), tuple(ops), self.span(operands[0].span.start, operands[-1].span.end)
        )

    def parse_braces(self) -> Condition:
        """One ``{condition}`` at the end of a statement."""
        opener = self.advance()
        with self.nested(opener), self.fresh_bars():
            condition = self.parse_condition()
            self.expect_closer(opener)
        return condition

    def parse_piecewise(self) -> Expr:
        """``{x < 0: -x, 0 <= x <= 2: x^2, 1}``: branches, then an optional default.
        Braces without a condition only group: ``2^{x + 1}``."""
        opener = self.advance()
        branches: list[tuple[Condition, Expr]] = []
        default: Expr | None = None
        with self.nested(opener), self.fresh_bars():
            while True:
                first = self.parse_expr()
                if self.at(OP) and self.peek().text in RELATIONS:
                    condition = self.finish_condition(first)
                    if self.at(OP, ":"):
                        self.advance()
                        value = self.parse_expr()
                    else:
                        value = Num(1.0, condition.span)
                    branches.append((condition, value))
                else:
                    default = first
                if default is not None or not self.at(OP, ","):
                    break
                self.advance()
            closer = self.expect_closer(opener)
        if not branches:
            assert default is not None
            return default  # `e^{x}`: braces written around an exponent group it
        return Piecewise(tuple(branches), default, self.span(opener.start, closer.end))

    def finish_condition(self, first: Expr) -> Condition:
        operands = [first]
        ops: list[str] = []
        while self.at(OP) and self.peek().text in RELATIONS:
            ops.append(self.advance().text)
            operands.append(self.parse_expr())
        return Condition(
            tuple(operands), tuple(ops), self.span(first.span.start, operands[-1].span.end)
        )

    def parse_series(self, name: Token) -> Series:
        """``sum(n, 1, 10, 1/n^2)``: index, first, last, term."""
        call = self.parse_call(name)
        usage = f"like {name.text}(n, 1, 10, 1/n^2)"
        if len(call.args) != 4:
            raise _syntax(
                f"{name.text} takes 4 inputs: index, first, last and term, {usage}.",
                call.span,
                "wrong-arity",
            )
        index, first, last, term = call.args
        if not isinstance(index, Name) or index.id in BUILTINS or index.id in CONSTANTS:
            raise _syntax(
                f"The first input of {name.text} is the name of its index, {usage}.",
                index.span,
                "bad-series",
            )
        return Series(name.text, index, first, last, term, call.span)

    def parse_derivative(self) -> Derivative:
        """``d/dx(expr)`` or ``d/dx expr``."""
        token = self.advance()
        var = Name(token.text[3:], token.span(self.line))
        if self.at(OP, "("):
            expr = self.parse_group()
        elif self.starts_argument():
            expr = self.function_input(token)
        else:
            raise _syntax(
                f"{token.text} needs something to differentiate, like {token.text}(x^2).",
                token.span(self.line),
                "missing-operand",
            )
        return Derivative(var, expr, self.span(token.start, expr.span.end))

    def source(self, node: Expr) -> str:
        """The text the user typed for ``node``."""
        return self.text[node.span.start : node.span.end]


def _is_minus_one(node: Expr) -> bool:
    return (
        isinstance(node, Unary)
        and node.op == "-"
        and isinstance(node.operand, Num)
        and node.operand.value == 1
    )


def check_tokens(tokens: list[Token]) -> list[Token] | None:
    """The tokens of a check line after its word ``check``, with ``on`` a keyword outside
    brackets and ``~=`` read as ``≈``; ``None`` when the line is no check."""
    if len(tokens) < 3 or tokens[0].kind != NAME or tokens[0].text != CHECK:
        return None
    if tokens[1].kind == OP and tokens[1].text == "=":
        return None  # `check = 3` names a parameter
    out: list[Token] = []
    depth = 0
    for token in tokens[1:]:
        if token.kind == OP and token.text in ("(", "[", "{"):
            depth += 1
        elif token.kind == OP and token.text in (")", "]", "}"):
            depth -= 1
        if token.kind == NAME and token.text == "on" and depth == 0:
            token = Token(KW, "on", token.start, token.end)
        elif token.kind == OP and token.text == "=" and out and out[-1].text == "~":
            if out[-1].kind == OP and out[-1].end == token.start:
                token = Token(OP, APPROX, out.pop().start, token.end)
        out.append(token)
    return out


def parse_line(
    text: str,
    line: int = 0,
    max_depth: int = 100,
    known: Known | None = None,
    degrees: bool = False,
) -> Line | None:
    """Parse one source line; ``None`` for a blank or comment-only line.

    ``known`` are the user's names, which decide how letter runs such as ``ax`` split;
    ``degrees`` reads its angles in degrees (see ``angles``).

    Raises
    ------
    PlotterError
        A located ``SyntaxError`` (or ``ResourceError`` when nested too deeply).
    """
    tokens = tokenize(text, line)
    if tokens[0].kind == END:
        return None
    known = known or Known()
    checked = check_tokens(tokens)
    if checked is not None:
        parsed = Parser(rewrite(checked, known), line, max_depth, known, text).parse_check(text)
    else:
        parsed = Parser(rewrite(tokens, known), line, max_depth, known, text).parse_line(text)
    return degree_line(parsed) if degrees and parsed is not None else parsed
