"""Properties of Notation v2: a statement typed the Desmos way means the same as the
statement written the v1 way (explicit brackets and ``*``), and derivatives are exact.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plotter_kernel.budget import Budget
from plotter_kernel.lang.program import specs_of
from plotter_kernel.lang.session import Session
from plotter_kernel.plan import Curve

XS = np.linspace(-3.1, 3.3, 41)
A = 1.5


def curve(source: str, session: Session | None = None) -> Callable[[np.ndarray], np.ndarray]:
    """The function a one-line curve statement draws (the statement must be valid)."""
    session = session or Session()
    session.run(f"a = {A}", Budget.unlimited())
    plan, problems = session.run(source, Budget.unlimited())
    assert [p.message for p in problems if p.severity == 1] == [], source
    (spec,) = specs_of(plan)
    assert isinstance(spec, Curve)
    return spec.fn


# -- v2 and v1 spellings of one random expression ---------------------------------------

ATOM, POWER, PRODUCT, OPEN, SUM = range(5)
"""How loosely a v2 spelling binds: an atom may go anywhere; a product is a run of
implicit factors; OPEN ends with a function without brackets (it takes what follows);
a sum needs brackets inside a product."""


@dataclass(frozen=True)
class Both:
    v1: str
    v2: str
    level: int
    arg: bool = True
    """Whether the v2 spelling may be the input of a function without brackets: an input
    stops at the next function name or ``*``, so ``2 sin x`` or ``2 · x`` may not."""


def argument(item: Both) -> str:
    """``item`` as the input of a function without brackets (`sin 2x`, `sin |x|`).

    A function followed by ``(`` is a call, so ``sin (2x)^2`` is (sin 2x)^2: an input
    that starts with a bracket is bracketed as a whole.
    """
    bare = item.arg and item.level <= OPEN and not item.v2.startswith("(")
    return item.v2 if bare else f"({item.v2})"


def bracket(item: Both, loosest: int) -> str:
    return item.v2 if item.level <= loosest else f"({item.v2})"


LEAVES = [
    Both("2", "2", ATOM),
    Both("3", "3", ATOM),
    Both("x", "x", ATOM),
    Both("a", "a", ATOM),
    Both("pi", "π", ATOM),
    Both("e", "e", ATOM),
]
FUNCTIONS = ["sin", "cos", "atan", "exp", "sinh", "sqrt", "ln"]
INVERSES = {"sin": ("asin", "arcsin"), "tan": ("atan", "arctan"), "cos": ("acos", "arccos")}
TIMES = ["*", "·", "×", "∙"]


@st.composite
def both(draw: st.DrawFn, depth: int = 3) -> Both:
    if depth == 0:
        return draw(st.sampled_from(LEAVES))
    form = draw(st.integers(0, 10))
    inner = both(depth - 1)
    if form == 0:
        return draw(st.sampled_from(LEAVES))
    if form == 1:  # a run of names glued after a number: 2xa
        number = draw(st.sampled_from(["2", "3"]))
        names = draw(st.lists(st.sampled_from(["x", "a", "e"]), min_size=1, max_size=3))
        return Both("(" + "*".join([number, *names]) + ")", number + "".join(names), PRODUCT)
    if form == 2:  # a function without brackets, or with them
        f = draw(st.sampled_from(FUNCTIONS))
        arg = draw(inner)
        if f == "sqrt":
            return Both(f"sqrt({arg.v1})", "√" + argument(arg), OPEN)
        if draw(st.booleans()):
            return Both(f"{f}({arg.v1})", f"{f} {argument(arg)}", OPEN)
        return Both(f"{f}({arg.v1})", f"{f}({arg.v2})", ATOM)
    if form == 3:  # absolute value bars
        arg = draw(inner)
        text = f"({arg.v2})" if "|" in arg.v2 else arg.v2  # `|2|x||` would close early
        return Both(f"abs({arg.v1})", f"|{text}|", ATOM)
    if form == 4:  # function powers
        f = draw(st.sampled_from(["sin", "cos", "tan"]))
        arg = draw(inner)
        n = draw(st.sampled_from(["2", "3"]))
        sup = {"2": "²", "3": "³"}[n]
        spelled = draw(st.sampled_from([f"{f}^{n}", f"{f}{sup}", f"{f}**{n}"]))
        if draw(st.booleans()):
            return Both(f"({f}({arg.v1}))^{n}", f"{spelled} {argument(arg)}", OPEN)
        return Both(f"({f}({arg.v1}))^{n}", f"{spelled}({arg.v2})", ATOM)
    if form == 5:  # inverses
        f = draw(st.sampled_from(sorted(INVERSES)))
        plain, alias = INVERSES[f]
        arg = draw(inner)
        v2 = draw(
            st.sampled_from([f"{f}^-1({arg.v2})", f"{alias}({arg.v2})", f"{f}^(-1)({arg.v2})"])
        )
        return Both(f"{plain}({arg.v1})", v2, ATOM)
    if form == 6:  # implicit products
        left, right = draw(inner), draw(inner)
        v1 = f"({left.v1})*({right.v1})"
        if left.level == OPEN or right.level == SUM:
            return Both(v1, f"({left.v2})({right.v2})", PRODUCT, False)
        after = f"({right.v2})" if right.v2[0].isdigit() else right.v2  # `x 2` is refused
        return Both(v1, bracket(left, PRODUCT) + " " + after, max(PRODUCT, right.level), False)
    if form == 7:  # sums
        left, right = draw(inner), draw(inner)
        op = draw(st.sampled_from(["+", "-", "−"]))
        plain = "-" if op == "−" else op
        v2 = f"{left.v2} {op} {bracket(right, OPEN if plain == '+' else PRODUCT)}"
        return Both(f"({left.v1}){plain}({right.v1})", v2, SUM, False)
    if form == 8:  # explicit products with any multiplication sign
        left, right = draw(inner), draw(inner)
        op = draw(st.sampled_from(TIMES))
        v2 = f"{bracket(left, OPEN)} {op} {bracket(right, OPEN)}"
        return Both(f"({left.v1})*({right.v1})", v2, SUM, False)
    if form == 9:  # logarithms with a base
        base = draw(st.sampled_from(["2", "10", "a"]))
        arg = draw(inner)
        if draw(st.booleans()):
            return Both(f"log({base}, {arg.v1})", f"log_{base} {argument(arg)}", OPEN)
        return Both(f"log({base}, {arg.v1})", f"log_{base}({arg.v2})", ATOM)
    # powers of an atom
    base = draw(inner)
    n = draw(st.sampled_from(["2", "3"]))
    if base.level == ATOM:
        return Both(f"({base.v1})^{n}", f"{base.v2}^{n}", POWER)
    return Both(f"({base.v1})^{n}", f"({base.v2})^{n}", POWER)


def same(a: np.ndarray, b: np.ndarray) -> bool:
    return bool(np.allclose(a, b, rtol=1e-9, atol=1e-12, equal_nan=True))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(both())
def test_v2_spelling_means_the_v1_spelling(item: Both) -> None:
    v1 = curve(f"y = {item.v1} + 0x")
    v2 = curve(f"y = {item.v2} + 0x")
    assert same(v1(XS), v2(XS)), (item.v1, item.v2)


@pytest.mark.parametrize(
    ("v2", "v1"),
    [
        ("sin x cos x", "sin(x)*cos(x)"),
        ("ln sin x", "ln(sin(x))"),
        ("|x||x - 1|", "abs(x)*abs(x - 1)"),
        ("pix", "pi*x"),
        ("ex", "e*x"),
        ("xe^x", "x*e^x"),
        ("2xsinx", "2*x*sin(x)"),
        ("ax^2", "a*x^2"),
        ("a(x-1)^2", "a*(x-1)^2"),
        ("x(x - 1)", "x*(x - 1)"),
        ("sin 2x", "sin(2*x)"),
        ("sin x^2", "sin(x^2)"),
        ("sin -x", "sin(-x)"),
        ("3x + 2 {0 < x < 2}", "(3x + 2) * sqrt(x) / sqrt(x) * sqrt(2 - x) / sqrt(2 - x)"),
        ("{x < 0: -x, x}", "abs(x)"),
        ("d/dx(x^3)", "3x^2"),
        ("sum(k, 0, 3, x^k)", "1 + x + x^2 + x^3"),
        ("prod(k, 1, 3, x + k)", "(x + 1)(x + 2)(x + 3)"),
    ],
)
def test_ambiguous_forms_as_the_spec_settles_them(v2: str, v1: str) -> None:
    assert same(curve(f"y = 0x + {v2}")(XS), curve(f"y = 0x + {v1}")(XS))


# -- exact derivatives --------------------------------------------------------------------


def digamma(v: float, h: float = 1e-5) -> float:
    """The digamma function as the slope of ln gamma (accurate to about 1e-10)."""
    return (math.lgamma(v + h) - math.lgamma(v - h)) / (2 * h)


DERIVATIVES: dict[str, Callable[[float], float]] = {
    "sin": math.cos,
    "cos": lambda v: -math.sin(v),
    "tan": lambda v: 1 / math.cos(v) ** 2,
    "sec": lambda v: math.sin(v) / math.cos(v) ** 2,
    "csc": lambda v: -math.cos(v) / math.sin(v) ** 2,
    "cot": lambda v: -1 / math.sin(v) ** 2,
    "asin": lambda v: 1 / math.sqrt(1 - v * v),
    "acos": lambda v: -1 / math.sqrt(1 - v * v),
    "atan": lambda v: 1 / (1 + v * v),
    "asec": lambda v: 1 / (abs(v) * math.sqrt(v * v - 1)),
    "acsc": lambda v: -1 / (abs(v) * math.sqrt(v * v - 1)),
    "acot": lambda v: -1 / (1 + v * v),
    "sinh": math.cosh,
    "cosh": math.sinh,
    "tanh": lambda v: 1 / math.cosh(v) ** 2,
    "asinh": lambda v: 1 / math.sqrt(v * v + 1),
    "acosh": lambda v: 1 / math.sqrt(v * v - 1),
    "atanh": lambda v: 1 / (1 - v * v),
    "exp": math.exp,
    "ln": lambda v: 1 / v,
    "log": lambda v: 1 / (v * math.log(10)),
    "log2": lambda v: 1 / (v * math.log(2)),
    "log10": lambda v: 1 / (v * math.log(10)),
    "sqrt": lambda v: 0.5 / math.sqrt(v),
    "cbrt": lambda v: 1 / (3 * v ** (2 / 3)),
    "abs": lambda v: math.copysign(1, v),
    "sign": lambda v: 0.0,
    "floor": lambda v: 0.0,
    "ceil": lambda v: 0.0,
    "round": lambda v: 0.0,
    "gamma": lambda v: math.gamma(v) * digamma(v),
    "factorial": lambda v: math.gamma(v + 1) * digamma(v + 1),
}
POINTS = {"asec": 1.7, "acsc": 1.7, "acosh": 1.7, "gamma": 1.7, "factorial": 1.3}


@pytest.mark.parametrize("name", sorted(DERIVATIVES))
def test_derivative_of_every_builtin(name: str) -> None:
    point = POINTS.get(name, 0.7)
    fn = curve(f"y = d/dx {name}(x)")
    tolerance = 1e-8 if name in ("gamma", "factorial") else 1e-12  # digamma here is numeric
    want = DERIVATIVES[name](point)
    assert math.isclose(float(fn(np.array([point]))[0]), want, rel_tol=tolerance, abs_tol=1e-15)


@pytest.mark.parametrize(
    ("source", "point", "expected"),
    [
        ("atan2(x, 2)", 1.0, 2 / 5),
        ("log(3, x)", 2.0, 1 / (2 * math.log(3))),
        ("min(x, 1)", 0.5, 1.0),
        ("max(x, 1)", 0.5, 0.0),
        ("mod(x, 3)", 1.5, 1.0),
        ("x!", 1.3, math.gamma(2.3) * digamma(2.3)),
        ("2^x", 1.0, 2 * math.log(2)),
        ("x^x", 2.0, 4 * (math.log(2) + 1)),
        ("sum(k, 1, 3, x^k)", 2.0, 1 + 4 + 12),
    ],
)
def test_derivative_of_builtins_of_several_inputs(
    source: str, point: float, expected: float
) -> None:
    fn = curve(f"y = d/dx({source})")
    assert math.isclose(float(fn(np.array([point]))[0]), expected, rel_tol=1e-8)


SMOOTH = ["sin", "cos", "atan", "exp", "sinh", "tanh", "sqrt", "ln", "cbrt", "asinh"]


@st.composite
def smooth(draw: st.DrawFn, depth: int = 3) -> str:
    if depth == 0:
        return draw(st.sampled_from(["x", "a", "2", "0.5", "pi"]))
    inner = smooth(depth - 1)
    form = draw(st.integers(0, 5))
    if form == 0:
        return draw(st.sampled_from(["x", "a x", "3"]))
    if form == 1:
        return f"{draw(st.sampled_from(SMOOTH))}({draw(inner)})"
    if form == 2:
        return f"({draw(inner)}) {draw(st.sampled_from(['+', '-', '*', '/']))} ({draw(inner)})"
    if form == 3:
        return f"({draw(inner)})^{draw(st.sampled_from(['2', '3', '0.5', '-1']))}"
    if form == 4:
        return f"{draw(st.sampled_from(['2', 'e']))}^({draw(inner)})"
    return f"f({draw(inner)})"


def numeric(fn: Callable[[np.ndarray], np.ndarray], points: np.ndarray, h: float) -> np.ndarray:
    return (fn(points + h) - fn(points - h)) / (2 * h)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(smooth(), st.lists(st.floats(-2.5, 2.5).map(lambda v: round(v, 3)), min_size=1, max_size=6))
def test_derivative_matches_a_central_difference(expr: str, points: list[float]) -> None:
    session = Session()
    session.run("f(u) = u sin(u) + 1", Budget.unlimited())
    fn = curve(f"y = {expr}", session)
    session = Session()
    session.run("f(u) = u sin(u) + 1", Budget.unlimited())
    exact = curve(f"y = d/dx({expr})", session)
    at = np.array(points)
    with np.errstate(all="ignore"):
        coarse, fine = numeric(fn, at, 1e-4), numeric(fn, at, 5e-5)
        want = exact(at)
    # Compare only where the function is smooth enough for a difference quotient to settle.
    settled = (
        np.isfinite(coarse)
        & np.isfinite(fine)
        & (np.abs(coarse - fine) <= 1e-5 * (1 + np.abs(fine)))
    )
    with np.errstate(all="ignore"):
        value = fn(at)
        forward, backward = (fn(at + 1e-4) - value) / 1e-4, (value - fn(at - 1e-4)) / 1e-4
    settled &= np.isfinite(value) & (np.abs(value) < 1e6) & (np.abs(fine) < 1e4)
    settled &= np.abs(forward - backward) <= 1e-2 * (1 + np.abs(fine))  # no kink here
    settled &= ~(np.abs(want) > 1e4)  # too steep for a difference quotient to tell
    if not any(root in expr for root in ("sqrt", "cbrt", "^0.5", "^-1")):
        # A root of a constant zero, like sqrt(x - x), has no finite derivative formula.
        assert np.all(np.isfinite(want[settled])), (expr, at[settled])
    settled &= np.isfinite(want)
    assert np.allclose(want[settled], fine[settled], rtol=1e-5, atol=1e-5), (expr, at[settled])


def test_a_long_sum_stops_at_the_cell_time_limit() -> None:
    session = Session()
    plan, problems = session.run("sum(k, 1, 10000, sum(j, 1, 10000, 1/(k + j)))", Budget(0.3))
    assert plan.values == []
    assert [p.code for p in problems] == ["time-limit"]
