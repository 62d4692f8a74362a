"""The builtin functions and constants: NumPy implementations, signatures and one-line docs.

Every implementation is real-valued and vectorised; where a function is undefined it
returns NaN, never ``inf`` (``inf`` is left to mean "too big", i.e. overflow).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from . import stats

Array = Any
"""A float64 array or NumPy scalar."""

NAN = math.nan
_ODD_ROOTS = 99
"""Largest denominator recognised in an exponent such as 1/3 or 2/5."""
NEAR_POLE = 2.0**-50
"""An input within ``|x| * NEAR_POLE`` (4 to 8 units in the last place) of a pole of tan,
sec, csc or cot is on it: ``pi/2`` is only a rounding error away from the true π/2."""


@dataclass(frozen=True)
class Builtin:
    """One builtin function of the language."""

    name: str
    min_args: int
    max_args: int | None
    impl: Callable[..., Array]
    signature: str
    doc: str
    kind: str = "each"
    """How it meets lists: ``each`` value (broadcasts), ``reduce`` its first ``list_args``
    inputs (lists) to a number, ``list``: a list in, a list out, or ``draw``: it draws
    its list on a line of its own and has no value (``histogram``)."""
    list_args: int = 0
    """How many of its first inputs must be lists (``reduce`` and ``list`` kinds)."""

    def accepts(self, count: int) -> bool:
        """Whether ``count`` arguments is a valid call."""
        return count >= self.min_args and (self.max_args is None or count <= self.max_args)

    def arity_text(self) -> str:
        """How many inputs the function takes, in words."""
        if self.max_args is None:
            return f"{self.min_args} or more inputs"
        if self.min_args == self.max_args:
            return "1 input" if self.min_args == 1 else f"{self.min_args} inputs"
        return f"{self.min_args} or {self.max_args} inputs"


@dataclass(frozen=True)
class Constant:
    """A named constant."""

    name: str
    value: float
    doc: str


def divide(a: Array, b: Array) -> Array:
    """``a / b``, undefined (NaN) where ``b`` is zero."""
    b = np.asarray(b, dtype=float)
    return np.where(b == 0, NAN, np.divide(a, b))


def power(a: Array, b: Array) -> Array:
    """``a ^ b`` over the reals; ``0 ^ negative`` is undefined, not infinite.

    A negative base with an exponent that is a fraction with an odd denominator has a
    real value: ``(-8)^(1/3)`` is -2, as for ``cbrt``, and ``x^(2/3)`` is drawn for x < 0.
    """
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    result = np.where((a == 0) & (b < 0), NAN, np.power(a, b))
    if b.ndim == 0 and math.isfinite(b) and b != math.floor(b) and np.any(a < 0):
        fraction = Fraction(float(b)).limit_denominator(_ODD_ROOTS)
        if fraction.denominator % 2 == 1 and float(fraction) == float(b):
            sign = -1.0 if fraction.numerator % 2 else 1.0
            result = np.where(a < 0, sign * np.power(np.abs(a), b), result)
    return result


def _ln(x: Array) -> Array:
    x = np.asarray(x, dtype=float)
    return np.log(np.where(x > 0, x, NAN))


def _log(*args: Array) -> Array:
    if len(args) == 1:
        return _ln(args[0]) / math.log(10)
    return divide(_ln(args[1]), _ln(args[0]))


def _gamma_scalar(v: float) -> float:
    try:
        return math.gamma(v)
    except ValueError:  # a pole (0, -1, -2, ...) or -inf
        return NAN
    except OverflowError:
        return math.inf


def _factorial_scalar(v: float) -> float:
    if v == math.inf:
        return math.inf
    if math.isfinite(v) and v == math.floor(v) and 0 <= v <= 170:
        return float(math.factorial(int(v)))
    if v > 170:
        return math.inf
    return _gamma_scalar(v + 1)


_gamma_ufunc = np.frompyfunc(_gamma_scalar, 1, 1)
_factorial_ufunc = np.frompyfunc(_factorial_scalar, 1, 1)


def gamma(x: Array) -> Array:
    """The gamma function, NaN at its poles."""
    return np.asarray(_gamma_ufunc(np.asarray(x, dtype=float)), dtype=float)


def factorial(x: Array) -> Array:
    """``x!``: exact for whole numbers, ``gamma(x + 1)`` otherwise."""
    return np.asarray(_factorial_ufunc(np.asarray(x, dtype=float)), dtype=float)


def _round(x: Array) -> Array:
    # Calculator rounding of the exact double: halves go away from zero (NumPy would
    # round them to even, and floor(x + 0.5) rounds 0.49999999999999994 up to 1).
    size = np.abs(np.asarray(x, dtype=float))
    whole = np.floor(size)
    return np.sign(x) * (whole + (size - whole >= 0.5))


def off_pole(x: Array, offset: float) -> Array:
    """``x``, undefined where it is a rounding error away from a pole ``(k + offset)·π``.

    The nearest pole is worked out in doubles, as the user's ``3pi/2`` is, so both
    kernels agree bit for bit; a curve's samples are almost never that close.
    """
    x = np.asarray(x, dtype=float)
    with np.errstate(all="ignore"):
        pole = (np.floor(x / math.pi + (0.5 - offset)) + offset) * math.pi
        near = np.abs(x - pole) <= np.abs(x) * NEAR_POLE
    return np.where(near, NAN, x)


def _tan(x: Array) -> Array:
    return np.tan(off_pole(x, 0.5))


def _sec(x: Array) -> Array:
    return divide(1.0, np.cos(off_pole(x, 0.5)))


def _csc(x: Array) -> Array:
    return divide(1.0, np.sin(off_pole(x, 0.0)))


def _cot(x: Array) -> Array:
    x = off_pole(x, 0.0)
    return divide(np.cos(x), np.sin(x))


def _atanh(x: Array) -> Array:
    x = np.asarray(x, dtype=float)
    return np.arctanh(np.where(np.abs(x) == 1, NAN, x))


def _mod(a: Array, b: Array) -> Array:
    b = np.asarray(b, dtype=float)
    return np.where(b == 0, NAN, np.mod(a, b))


def _min(*args: Array) -> Array:
    return functools.reduce(np.minimum, args)


def _max(*args: Array) -> Array:
    return functools.reduce(np.maximum, args)


def _of_list(name: str, impl: Callable[..., Array], doc: str) -> Builtin:
    return Builtin(name, 1, 1, impl, f"{name}(L)", doc, "reduce", 1)


def _no_value(*args: Array) -> Array:
    """A drawing builtin has no value; the compiler refuses it in an expression."""
    return np.float64(NAN)


def _one(name: str, impl: Callable[..., Array], doc: str) -> Builtin:
    return Builtin(name, 1, 1, impl, f"{name}(x)", doc)


_TABLE = [
    _one("sin", np.sin, "Sine of x (x in radians)."),
    _one("cos", np.cos, "Cosine of x (x in radians)."),
    _one("tan", _tan, "Tangent of x (x in radians)."),
    _one("sec", _sec, "Secant: 1 / cos(x)."),
    _one("csc", _csc, "Cosecant: 1 / sin(x)."),
    _one("cot", _cot, "Cotangent: cos(x) / sin(x)."),
    _one("asin", np.arcsin, "Inverse sine, in radians; defined for x in [-1, 1]."),
    _one("acos", np.arccos, "Inverse cosine, in radians; defined for x in [-1, 1]."),
    _one("atan", np.arctan, "Inverse tangent, in radians."),
    _one("asec", lambda x: np.arccos(divide(1.0, x)), "Inverse secant, in radians; |x| >= 1."),
    _one("acsc", lambda x: np.arcsin(divide(1.0, x)), "Inverse cosecant, in radians; |x| >= 1."),
    _one("acot", lambda x: math.pi / 2 - np.arctan(x), "Inverse cotangent, in radians (0 to π)."),
    Builtin("atan2", 2, 2, np.arctan2, "atan2(y, x)", "Angle of the point (x, y), in radians."),
    _one("sinh", np.sinh, "Hyperbolic sine."),
    _one("cosh", np.cosh, "Hyperbolic cosine."),
    _one("tanh", np.tanh, "Hyperbolic tangent."),
    _one("asinh", np.arcsinh, "Inverse hyperbolic sine."),
    _one("acosh", np.arccosh, "Inverse hyperbolic cosine; defined for x >= 1."),
    _one("atanh", _atanh, "Inverse hyperbolic tangent; defined for x in (-1, 1)."),
    _one("exp", np.exp, "e to the power x."),
    _one("ln", _ln, "Natural logarithm (base e); defined for x > 0."),
    Builtin("log", 1, 2, _log, "log(x) or log(b, x)", "Logarithm: base 10, or base b."),
    _one("log2", lambda x: _ln(x) / math.log(2), "Logarithm base 2."),
    _one("log10", lambda x: _ln(x) / math.log(10), "Logarithm base 10."),
    _one("sqrt", np.sqrt, "Square root; defined for x >= 0."),
    _one("cbrt", np.cbrt, "Cube root, also of negative numbers."),
    _one("abs", np.abs, "Absolute value (distance from 0)."),
    _one("sign", np.sign, "Sign of x: -1, 0 or 1."),
    _one("floor", np.floor, "Largest whole number <= x."),
    _one("ceil", np.ceil, "Smallest whole number >= x."),
    _one("round", _round, "Nearest whole number (halves round away from 0)."),
    Builtin("min", 1, None, _min, "min(a, b, ...) or min(L)", "The smallest of its inputs."),
    Builtin("max", 1, None, _max, "max(a, b, ...) or max(L)", "The largest of its inputs."),
    Builtin("mod", 2, 2, _mod, "mod(a, b)", "Remainder of a divided by b, with the sign of b."),
    _one("factorial", factorial, "x! = 1·2·…·x; gamma(x + 1) for non-whole x."),
    _one("gamma", gamma, "The gamma function: gamma(n) = (n - 1)!."),
    _of_list("length", stats.count, "How many values the list L has."),
    _of_list("count", stats.count, "How many values the list L has (as length)."),
    _of_list("total", stats.total, "The sum of the values of L."),
    _of_list("mean", stats.mean, "The mean (average) of the values of L."),
    _of_list("median", stats.median, "The middle value of L (the mean of the middle two)."),
    _of_list("stdev", stats.stdev, "Sample standard deviation of L (divides by n - 1)."),
    _of_list("stdevp", stats.stdevp, "Population standard deviation of L (divides by n)."),
    _of_list("var", stats.var, "Sample variance of L (divides by n - 1)."),
    _of_list("varp", stats.varp, "Population variance of L (divides by n)."),
    _of_list("mad", stats.mad, "Mean absolute deviation of L from its mean."),
    Builtin(
        "quartile",
        2,
        2,
        stats.quartile,
        "quartile(L, q)",
        "Quartile q of L (0 min, 1 Q1, 2 median, 3 Q3, 4 max); halves exclude the median.",
        "reduce",
        1,
    ),
    Builtin(
        "quantile",
        2,
        2,
        stats.quantile,
        "quantile(L, p)",
        "Quantile p of L (p from 0 to 1), interpolating linearly between values.",
        "reduce",
        1,
    ),
    Builtin("cov", 2, 2, stats.cov, "cov(X, Y)", "Sample covariance of two lists.", "reduce", 2),
    Builtin(
        "corr",
        2,
        2,
        stats.corr,
        "corr(X, Y)",
        "Correlation (Pearson's r) of two lists.",
        "reduce",
        2,
    ),
    Builtin("sort", 1, 1, stats.sort, "sort(L)", "The values of L in increasing order.", "list", 1),
    Builtin(
        "unique",
        1,
        1,
        stats.unique,
        "unique(L)",
        "L without repeats, in first-seen order.",
        "list",
        1,
    ),
    Builtin(
        "histogram",
        1,
        2,
        _no_value,
        "histogram(L, w)",
        "Draws bars of width w counting the values of L in [k w, (k + 1) w); w is 1 "
        "by default, wider for values spread over 50 or more.",
        "draw",
        1,
    ),
    Builtin(
        "boxplot",
        1,
        1,
        _no_value,
        "boxplot(L)",
        "Draws a box plot of L at y = 1: min, Q1, median, Q3 and max, as quartile gives.",
        "draw",
        1,
    ),
    Builtin(
        "dotplot",
        1,
        1,
        _no_value,
        "dotplot(L)",
        "Draws a dot plot of L: one dot per value, stacked above equal values.",
        "draw",
        1,
    ),
]

BUILTINS: dict[str, Builtin] = {b.name: b for b in _TABLE}

#: ``min(L)`` and ``max(L)``: one list is reduced; several inputs compare value by value.
ONE_LIST: dict[str, Builtin] = {
    "min": _of_list("min", stats.smallest, "The smallest value of L."),
    "max": _of_list("max", stats.largest, "The largest value of L."),
}

#: Other spellings of builtins (``arcsin`` is ``asin``); the lexer reads them as the builtin.
ALIASES: dict[str, str] = {
    "arcsin": "asin",
    "arccos": "acos",
    "arctan": "atan",
    "arcsec": "asec",
    "arccsc": "acsc",
    "arccot": "acot",
    "arsinh": "asinh",
    "arcosh": "acosh",
    "artanh": "atanh",
    "arcsinh": "asinh",
    "arccosh": "acosh",
    "arctanh": "atanh",
}

#: ``sin^-1 x`` is ``asin(x)``: the functions whose power -1 means their inverse.
INVERSES: dict[str, str] = {
    "sin": "asin",
    "cos": "acos",
    "tan": "atan",
    "sec": "asec",
    "csc": "acsc",
    "cot": "acot",
    "sinh": "asinh",
    "cosh": "acosh",
    "tanh": "atanh",
}

#: ``sum(n, 1, 10, 1/n^2)`` and ``prod(k, 1, 5, k)``: index, first, last, term.
SERIES: dict[str, str] = {
    "sum": "sum(n, first, last, term): the sum of the terms for n = first, ..., last.",
    "prod": "prod(n, first, last, term): the product of the terms for n = first, ..., last.",
}

#: Statements written like a call, for completion and inspection.
STATEMENTS: dict[str, str] = {
    "table": (
        'table("data.csv"): read a CSV or TSV file beside the notebook; '
        "each column becomes a list named from its header."
    ),
    "check": (
        "check f(2) = 5: a test for autograding; prints ✓ when it holds, else a CheckError "
        "showing both sides (also <, ≤, >, ≥, chains, m ≈ 2 within 1 %, f = 2x + 1 on the "
        "window, (3, 4) on f)."
    ),
}

CONSTANTS: dict[str, Constant] = {
    c.name: c
    for c in (
        Constant("pi", math.pi, "Half a turn in radians (also written π)."),
        Constant("e", math.e, "Euler's number, the base of ln."),
        Constant("tau", math.tau, "A full turn in radians: 2π."),
    )
}

#: What the plot variables mean, for inspection.
VARIABLE_DOCS = {
    "x": "x: the horizontal plot variable.",
    "y": "y: the vertical plot variable.",
    "t": "t: the variable of parametric curves, like (cos(t), sin(t)).",
    "theta": "theta (θ): the angle of polar curves, like r = 1 + cos(theta).",
    "r": "r: the radius of polar curves, like r = 2.",
}
