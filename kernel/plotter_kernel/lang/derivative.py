"""Exact derivatives: a syntax tree in, the tree of its derivative out (chain rule).

Builtins differentiate by the table below; a user function's derivative is a call of
the same function with one more entry in ``primes`` (the compiler differentiates its
body). Where a derivative does not exist (a jump of ``floor``, the corner of ``|x|`` or
of ``max``, ``ln`` of a negative number) the result is undefined, so a curve shows a gap
there. A piecewise has a derivative where its branch changes only if the branches on
both sides meet there with one value and one slope: ``{x < 0: x^2, x^3}`` has slope 0
at 0, ``{x < 0: -x, x}`` none. A one-sided slope is never reported as the derivative.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable

import numpy as np

from ..errors import PlotterError, ResourceLimit, Span
from .builtins import BUILTINS, ONE_LIST, Array
from .syntax import (
    LIST_NODES,
    Call,
    Condition,
    Derivative,
    Expr,
    Factorial,
    Group,
    Name,
    Num,
    Piecewise,
    Power,
    Product,
    Series,
    Sum,
    Unary,
    substitute,
    walk,
)

IsFunction = Callable[[str], bool]
"""Whether a called name is a function (else ``a(x - 1)`` is a product)."""

MOST_NODES = 20_000
"""Largest derivative tree worked out (``d/dx`` nested many times grows fast)."""


def _digamma(x: Array) -> Array:
    """The digamma function (derivative of ln gamma), NaN at the poles of gamma."""
    x = np.asarray(x, dtype=float)
    pole = (x <= 0) & (x == np.floor(x))
    reflect = x < 0.5
    z = np.where(reflect, 1.0 - x, x)
    shift = np.zeros_like(z)
    for _ in range(6):
        small = z < 6
        shift = np.where(small, shift - 1.0 / np.where(small, z, 1.0), shift)
        z = np.where(small, z + 1.0, z)
    inv = 1.0 / z
    inv2 = inv * inv
    series = np.log(z) - 0.5 * inv - inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252)))
    value = series + shift
    with np.errstate(all="ignore"):
        value = np.where(reflect, value - math.pi / np.tan(math.pi * x), value)
    return np.where(pole, math.nan, value)


def _defined_where(value: Array, original: Array) -> Array:
    """``value``, undefined wherever ``original`` is."""
    return np.where(np.isnan(original), math.nan, value)


def _steps(u: Array) -> Array:
    """Derivative of a staircase stepping at whole numbers: 0, undefined at the steps."""
    u = np.asarray(u, dtype=float)
    return np.where(u == np.floor(u), math.nan, 0.0)


def _jump_at_zero(u: Array) -> Array:
    return np.where(np.asarray(u, dtype=float) == 0, math.nan, 0.0)


def _halves(u: Array) -> Array:
    """Derivative of ``round``: 0, undefined where it jumps (every half, either sign)."""
    u = np.asarray(u, dtype=float)
    return np.where(u - np.floor(u) == 0.5, math.nan, 0.0)


def _abs_slope(u: Array, du: Array) -> Array:
    """``d|u| = sign(u) du``; where ``u`` is 0 only a flat ``u`` has one (0), else a corner."""
    u, du = np.broadcast_arrays(np.asarray(u, dtype=float), np.asarray(du, dtype=float))
    return np.where(u == 0, np.where(du == 0, 0.0, math.nan), np.sign(u) * du)


SIDE = 2.0**-32
"""How far (relative to ``max(1, |x|)``) a piecewise looks to each side of a boundary to
see which branch holds there: far above rounding noise, far below any feature drawn."""

AGREE = 1e-9
"""Two one-sided values or slopes are one when they agree to about 9 digits."""


def _side(x: Array, step: Array) -> Array:
    """``x`` moved a little to the left (``step`` -1) or right (+1)."""
    x = np.asarray(x, dtype=float)
    return x + step * SIDE * np.maximum(1.0, np.abs(x))


def _agree(a: Array, b: Array) -> Array:
    return np.abs(a - b) <= AGREE * np.maximum(1.0, np.maximum(np.abs(a), np.abs(b)))


def _kink(
    slope: Array,
    left: Array,
    right: Array,
    value: Array,
    lvalue: Array,
    rvalue: Array,
    *links: Array,
) -> Array:
    """The slope of a piecewise (``slope``, with the slopes and values of the branches
    that hold just left and right of the point, taken at the point), undefined on a
    boundary (some condition's ``links`` pair is equal) unless all three meet."""
    arrays = [np.asarray(a, dtype=float) for a in (slope, left, right, value, lvalue, rvalue)]
    slope, left, right, value, lvalue, rvalue = np.broadcast_arrays(*arrays)
    touch = np.zeros(slope.shape, dtype=bool)
    for a, b in zip(links[::2], links[1::2], strict=True):
        touch = touch | (np.asarray(a, dtype=float) == np.asarray(b, dtype=float))
    meet = (
        _agree(slope, left) & _agree(slope, right) & _agree(value, lvalue) & _agree(value, rvalue)
    )
    return np.where(touch & ~meet, math.nan, slope)


def _pick(a: Array, b: Array, da: Array, db: Array, sign: Array) -> Array:
    """Slope of ``min(a, b)`` (``sign`` 1) or ``max`` (-1): where they tie, only a common one."""
    a, b, da, db = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (a, b, da, db)))
    tie = np.where(_agree(da, db), da, math.nan)
    picked = np.where(sign * a < sign * b, da, np.where(sign * a > sign * b, db, tie))
    return np.where(np.isnan(a) | np.isnan(b), math.nan, picked)


#: Functions only derivative trees call; no name the lexer makes contains ``@``.
INTERNAL: dict[str, Callable[..., Array]] = {
    "@digamma": _digamma,
    "@defined": _defined_where,
    "@steps": _steps,
    "@jump0": _jump_at_zero,
    "@halves": _halves,
    "@absd": _abs_slope,
    "@side": _side,
    "@kink": _kink,
    "@pick": _pick,
}


#: Internal calls whose inputs from this index on are only compared, never the answer:
#: compiled without a calculation's checks (a branch probed a hair beside the point must
#: not report that a sum's bound is not whole there).
PROBES_FROM: dict[str, int] = {"@kink": 1}


def _uses(node: object, var: str) -> bool:
    return any(
        (isinstance(n, Name) and n.id == var) or (isinstance(n, Call) and n.func == var)
        for n in walk(node)
    )


class Differentiator:
    """Builds derivative trees; every new node carries the span of what it came from."""

    def __init__(self, is_function: IsFunction, span: Span, check: Callable[[], None]):
        self.is_function = is_function
        self.span = span
        self.check = check
        self.nodes = 0

    # -- small constructors that simplify zeros and ones -----------------------------------

    def num(self, value: float) -> Num:
        return Num(value, self.span)

    @staticmethod
    def is_num(node: Expr, value: float) -> bool:
        return isinstance(node, Num) and node.value == value

    def add(self, *terms: tuple[str, Expr]) -> Expr:
        kept = [(sign, t) for sign, t in terms if not self.is_num(t, 0)]
        if not kept:
            return self.num(0)
        if kept[0][0] == "-":
            kept[0] = ("+", self.neg(kept[0][1]))
        if len(kept) == 1:
            return kept[0][1]
        return Sum(tuple(kept), self.span)

    def neg(self, node: Expr) -> Expr:
        if self.is_num(node, 0):
            return node
        return Unary("-", node, self.span)

    def mul(self, *factors: Expr) -> Expr:
        if any(self.is_num(f, 0) for f in factors):
            return self.num(0)
        kept = [f for f in factors if not self.is_num(f, 1)]
        if not kept:
            return self.num(1)
        if len(kept) == 1:
            return kept[0]
        return Product(tuple(("*", f) for f in kept), self.span)

    def div(self, a: Expr, b: Expr) -> Expr:
        if self.is_num(a, 0):
            return a
        return Product((("*", a), ("/", b)), self.span)

    def pow(self, a: Expr, b: float | Expr) -> Expr:
        exponent = self.num(b) if isinstance(b, float) else b
        if self.is_num(exponent, 1):
            return a
        return Power(a, exponent, self.span)

    def call(self, name: str, *args: Expr) -> Expr:
        return Call(name, self.span, args, self.span)

    # -- the rules -----------------------------------------------------------------------

    def diff(self, node: Expr, var: str) -> Expr:
        """The derivative of ``node`` with respect to ``var``."""
        self.nodes += 1
        if self.nodes % 1000 == 0:
            self.check()
        if self.nodes > MOST_NODES:
            raise ResourceLimit("This derivative is too big to work out.", self.span, "too-big")
        d = self.diff
        if isinstance(node, Num):
            return self.num(0)
        if isinstance(node, Name):
            return self.num(1 if node.id == var else 0)
        if isinstance(node, LIST_NODES):
            raise _of_lists(node.span)
        if isinstance(node, Unary):
            inner = d(node.operand, var)
            return self.neg(inner) if node.op == "-" else inner
        if isinstance(node, Sum):
            return self.add(*((sign, d(t, var)) for sign, t in node.terms))
        if isinstance(node, Product):
            return self._product(node, var)
        if isinstance(node, Power):
            return self._power(node, var)
        if isinstance(node, Factorial):
            u = node.operand
            digamma = self.call("@digamma", self.add(("+", u), ("+", self.num(1))))
            return self.mul(node, digamma, d(u, var))
        if isinstance(node, Call):
            return self._call(node, var)
        if isinstance(node, Piecewise):
            return self._piecewise(node, var)
        if isinstance(node, Series):
            return self._series(node, var)
        if isinstance(node, Derivative):
            return d(self.diff(node.expr, node.var.id), var)
        if isinstance(node, (Group, Condition)):
            return node  # the compiler reports a point where a number belongs
        raise AssertionError(f"unknown node {node!r}")

    def _product(self, node: Product, var: str) -> Expr:
        (_, first), *rest = node.factors
        acc: Expr = first
        dacc = self.diff(first, var)
        for op, factor in rest:
            dfactor = self.diff(factor, var)
            if op == "/":
                # (u / v)' = u'/v - u v' / v^2
                dacc = self.add(
                    ("+", self.div(dacc, factor)),
                    ("-", self.div(self.mul(acc, dfactor), self.pow(factor, 2.0))),
                )
            else:
                dacc = self.add(("+", self.mul(dacc, factor)), ("+", self.mul(acc, dfactor)))
            acc = Product(((("*", acc)), (op or "*", factor)), self.span)
        return dacc

    def _power(self, node: Power, var: str) -> Expr:
        u, v = node.base, node.exponent
        du, dv = self.diff(u, var), self.diff(v, var)
        if self.is_num(dv, 0):
            lower = (
                self.num(v.value - 1)
                if isinstance(v, Num)
                else self.add(("+", v), ("-", self.num(1)))
            )
            return self.mul(v, self.pow(u, lower), du)
        # (u^v)' = u^v (v' ln u + v u' / u)
        inner = self.add(
            ("+", self.mul(dv, self.call("ln", u))), ("+", self.div(self.mul(v, du), u))
        )
        return self.mul(node, inner)

    def _piecewise(self, node: Piecewise, var: str) -> Expr:
        """Each branch's slope; on a boundary only if the branches on both sides meet."""
        slopes = tuple(self.diff(v, var) for _, v in node.branches)
        dflt = self.diff(node.default, var) if node.default is not None else None
        conditions = tuple(c for c, _ in node.branches)
        plain = Piecewise(tuple(zip(conditions, slopes, strict=True)), dflt, node.span)
        if not any(_uses(c, var) for c in conditions):
            return plain  # no boundary moves with the variable
        values = tuple(v for _, v in node.branches)
        sides: list[Expr] = []
        for step in (-1.0, 1.0):
            moved = self.call("@side", Name(var, self.span), self.num(step))
            shifted = tuple(substitute(c, var, moved) for c in conditions)
            sides.append(Piecewise(tuple(zip(shifted, slopes, strict=True)), dflt, node.span))
            sides.append(
                Piecewise(tuple(zip(shifted, values, strict=True)), node.default, node.span)
            )
        links = [o for c in conditions for pair in itertools.pairwise(c.operands) for o in pair]
        left, lvalue, right, rvalue = sides
        return self.call("@kink", plain, left, right, node, lvalue, rvalue, *links)

    def _series(self, node: Series, var: str) -> Expr:
        if node.index.id == var:
            return self.num(0)
        dterm = self.diff(node.term, var)
        if node.kind == "sum":
            return Series("sum", node.index, node.first, node.last, dterm, node.span)
        ratio = Series(
            "sum", node.index, node.first, node.last, self.div(dterm, node.term), node.span
        )
        return self.mul(node, ratio)

    def _call(self, node: Call, var: str) -> Expr:
        name, args = node.func, node.args
        builtin = BUILTINS.get(name)
        if builtin is not None and (builtin.kind != "each" or (name in ONE_LIST and len(args) < 2)):
            raise _of_lists(node.span)
        if not self.is_function(name):
            if len(args) != 1:
                return self.num(0)  # the compiler reports this call
            product = (("*", Name(name, node.func_span)), ("", args[0]))
            return self.diff(Product(product, node.span), var)  # `a(x - 1)` multiplies
        if name in _ONE and len(args) == 1 and not node.primes:
            du = self.diff(args[0], var)
            if self.is_num(du, 0):
                return self.num(0)
            if name == "abs":  # sign(u) u', but none at a corner
                return self.call("@absd", args[0], du)
            outer = _ONE[name](self, args[0], node)
            if name in _GUARDED:
                outer = self.call("@defined", outer, node)
            return self.mul(outer, du)
        if name in _MANY and not node.primes:
            return _MANY[name](self, node, var)
        if name == "@defined":
            return self.call("@defined", self.diff(args[0], var), args[1])
        if name in ("@steps", "@jump0", "@halves"):
            return node  # zero, undefined at the same jumps
        if name == "@absd":
            # sign(u) u'' away from the corner; none where u is 0.
            slope = self.mul(self.call("sign", args[0]), self.diff(args[1], var))
            return self.call("@defined", slope, self.call("@jump0", args[0]))
        if name == "@side":  # x moved by a hair: slope 1 (to 2^-32)
            return self.diff(args[0], var)
        if name == "@kink":
            return self.call("@defined", self.diff(args[0], var), node)
        if name == "@pick":
            a, b, da, db, sign = args
            return self.call("@pick", a, b, self.diff(da, var), self.diff(db, var), sign)
        if name.startswith("@"):
            raise PlotterError(
                "ValueError", "This derivative can't be worked out.", self.span, "no-derivative"
            )
        return self._user(node, var)

    def _user(self, node: Call, var: str) -> Expr:
        """``g(u, v)``: the sum over its inputs of the partial derivative times the input's."""
        terms = []
        for i, arg in enumerate(node.args):
            darg = self.diff(arg, var)
            if self.is_num(darg, 0):
                continue
            partial = Call(
                node.func, node.func_span, node.args, node.span, node.spaced, (*node.primes, i)
            )
            terms.append(("+", self.mul(partial, darg)))
        return self.add(*terms)


def _sqrt_one_minus_square(dv: Differentiator, u: Expr) -> Expr:
    return dv.call("sqrt", dv.add(("+", dv.num(1)), ("-", dv.pow(u, 2.0))))


def _sqrt_square_minus_one(dv: Differentiator, u: Expr) -> Expr:
    return dv.call("sqrt", dv.add(("+", dv.pow(u, 2.0)), ("-", dv.num(1))))


Rule = Callable[[Differentiator, Expr, Call], Expr]

#: d/du f(u) for each builtin of one input.
_ONE: dict[str, Rule] = {
    "sin": lambda dv, u, f: dv.call("cos", u),
    "cos": lambda dv, u, f: dv.neg(dv.call("sin", u)),
    "tan": lambda dv, u, f: dv.pow(dv.call("sec", u), 2.0),
    "sec": lambda dv, u, f: dv.mul(f, dv.call("tan", u)),
    "csc": lambda dv, u, f: dv.neg(dv.mul(f, dv.call("cot", u))),
    "cot": lambda dv, u, f: dv.neg(dv.pow(dv.call("csc", u), 2.0)),
    "asin": lambda dv, u, f: dv.div(dv.num(1), _sqrt_one_minus_square(dv, u)),
    "acos": lambda dv, u, f: dv.neg(dv.div(dv.num(1), _sqrt_one_minus_square(dv, u))),
    "atan": lambda dv, u, f: dv.div(dv.num(1), dv.add(("+", dv.num(1)), ("+", dv.pow(u, 2.0)))),
    "asec": lambda dv, u, f: dv.div(
        dv.num(1), dv.mul(dv.call("abs", u), _sqrt_square_minus_one(dv, u))
    ),
    "acsc": lambda dv, u, f: dv.neg(
        dv.div(dv.num(1), dv.mul(dv.call("abs", u), _sqrt_square_minus_one(dv, u)))
    ),
    "acot": lambda dv, u, f: dv.neg(
        dv.div(dv.num(1), dv.add(("+", dv.num(1)), ("+", dv.pow(u, 2.0))))
    ),
    "sinh": lambda dv, u, f: dv.call("cosh", u),
    "cosh": lambda dv, u, f: dv.call("sinh", u),
    "tanh": lambda dv, u, f: dv.div(dv.num(1), dv.pow(dv.call("cosh", u), 2.0)),
    "asinh": lambda dv, u, f: dv.div(
        dv.num(1), dv.call("sqrt", dv.add(("+", dv.pow(u, 2.0)), ("+", dv.num(1))))
    ),
    "acosh": lambda dv, u, f: dv.div(dv.num(1), _sqrt_square_minus_one(dv, u)),
    "atanh": lambda dv, u, f: dv.div(dv.num(1), dv.add(("+", dv.num(1)), ("-", dv.pow(u, 2.0)))),
    "exp": lambda dv, u, f: f,
    "ln": lambda dv, u, f: dv.div(dv.num(1), u),
    "log": lambda dv, u, f: dv.div(dv.num(1), dv.mul(u, dv.num(math.log(10)))),
    "log2": lambda dv, u, f: dv.div(dv.num(1), dv.mul(u, dv.num(math.log(2)))),
    "log10": lambda dv, u, f: dv.div(dv.num(1), dv.mul(u, dv.num(math.log(10)))),
    "sqrt": lambda dv, u, f: dv.div(dv.num(1), dv.mul(dv.num(2), f)),
    "cbrt": lambda dv, u, f: dv.div(dv.num(1), dv.mul(dv.num(3), dv.pow(f, 2.0))),
    "abs": lambda dv, u, f: dv.call("sign", u),  # with the corner: @absd, in _call
    "sign": lambda dv, u, f: dv.call("@jump0", u),
    "floor": lambda dv, u, f: dv.call("@steps", u),
    "ceil": lambda dv, u, f: dv.call("@steps", u),
    "round": lambda dv, u, f: dv.call("@halves", u),
    "factorial": lambda dv, u, f: dv.mul(
        f, dv.call("@digamma", dv.add(("+", u), ("+", dv.num(1))))
    ),
    "gamma": lambda dv, u, f: dv.mul(f, dv.call("@digamma", u)),
}

#: Where the formula of the derivative is defined wider than the function itself.
_GUARDED = frozenset({"ln", "log", "log2", "log10", "acosh", "atanh", "asin", "acos"})


def _log_base(dv: Differentiator, node: Call, var: str) -> Expr:
    if len(node.args) == 1:
        return dv.diff(Call("log", node.func_span, node.args, node.span), var)
    base, x = node.args
    return dv.diff(dv.div(dv.call("ln", x), dv.call("ln", base)), var)


def _atan2(dv: Differentiator, node: Call, var: str) -> Expr:
    y, x = node.args
    top = dv.add(("+", dv.mul(x, dv.diff(y, var))), ("-", dv.mul(y, dv.diff(x, var))))
    return dv.div(top, dv.add(("+", dv.pow(x, 2.0)), ("+", dv.pow(y, 2.0))))


def _extreme(smaller: bool) -> Callable[[Differentiator, Call, str], Expr]:
    def rule(dv: Differentiator, node: Call, var: str) -> Expr:
        acc: Expr = node.args[0]
        dacc = dv.diff(acc, var)
        sign = dv.num(1.0 if smaller else -1.0)
        for arg in node.args[1:]:
            dacc = dv.call("@pick", acc, arg, dacc, dv.diff(arg, var), sign)
            acc = dv.call("min" if smaller else "max", acc, arg)
        return dacc

    return rule


def _mod(dv: Differentiator, node: Call, var: str) -> Expr:
    a, b = node.args
    ratio = dv.div(a, b)
    value = dv.add(("+", dv.diff(a, var)), ("-", dv.mul(dv.call("floor", ratio), dv.diff(b, var))))
    return dv.add(("+", value), ("+", dv.call("@steps", ratio)))


_MANY: dict[str, Callable[[Differentiator, Call, str], Expr]] = {
    "log": _log_base,
    "atan2": _atan2,
    "min": _extreme(True),
    "max": _extreme(False),
    "mod": _mod,
}


def derivative(
    node: Expr, var: str, is_function: IsFunction, check: Callable[[], None] = lambda: None
) -> Expr:
    """The exact derivative of ``node`` with respect to ``var``; ``check`` is called now
    and then, so the cell's time limit holds while a large derivative is worked out.

    Raises
    ------
    ResourceLimit
        When the derivative tree would be unreasonably large.
    """
    return Differentiator(is_function, node.span, check).diff(node, var)


def _of_lists(span: Span) -> PlotterError:
    """The derivative of a list or a statistic, which lists do not have yet."""
    return PlotterError(
        "TypeError", "A derivative of a list is not supported yet.", span, "list-in-derivative"
    )
