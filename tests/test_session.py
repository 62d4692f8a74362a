"""Session behaviour beyond single cases: persistence, limits, interrupts, robustness."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plotter_kernel.budget import Budget
from plotter_kernel.errors import ResourceLimit, Span, TimeLimit, to_diagnostic
from plotter_kernel.lang.definitions import Definition, Graph
from plotter_kernel.lang.parser import parse_line
from plotter_kernel.lang.program import specs_of
from plotter_kernel.lang.session import Session
from plotter_kernel.lang.statements import FunctionDef, ParameterDef, classify
from plotter_kernel.limits import Limits
from plotter_kernel.plan import Curve, Implicit, Parametric


def run(session: Session, source: str) -> tuple[list[str], list[str]]:
    """The printed values and problem codes of one cell."""
    plan, problems = session.run(source, Budget.unlimited())
    return [text for _, text in plan.values], [p.code for p in problems]


class CountingBudget(Budget):
    """A budget that never runs out but counts how often it was consulted."""

    def __init__(self) -> None:
        super().__init__(float("inf"))
        self.calls = 0

    def check(self) -> None:
        self.calls += 1


class InterruptingBudget(Budget):
    """Simulates the user pressing interrupt after ``after`` checks."""

    def __init__(self, after: int) -> None:
        super().__init__(float("inf"))
        self.after = after

    def check(self) -> None:
        self.after -= 1
        if self.after < 0:
            raise KeyboardInterrupt


def test_definitions_persist_until_reset() -> None:
    session = Session()
    assert run(session, "f(x) = 3x^2 + 1\na = 2") == ([], [])
    assert set(session.definitions) == {"f", "a"}
    assert session.definitions["f"].text == "f(x) = 3x^2 + 1"
    assert run(session, "f(a)") == (["13"], [])
    session.reset()
    assert run(session, "f(a)")[1] == ["unknown-name"]
    assert dict(session.definitions) == {}


def test_session_keeps_its_limits() -> None:
    limits = Limits(max_number=1e6)
    assert Session(limits).limits is limits


def test_curve_functions_keep_the_input_shape() -> None:
    plan, _ = Session().run("y = 3\ny = 1/x\nf(x) = x^2", Budget.unlimited())
    grid = np.linspace(-1, 1, 12).reshape(3, 4)
    for spec in specs_of(plan):
        assert isinstance(spec, Curve)
        out = spec.fn(grid)
        assert out.shape == grid.shape
        assert out.dtype == np.float64
        assert not np.isinf(out).any()
    assert np.all(specs_of(plan)[0].fn(grid) == 3.0)
    assert np.isnan(specs_of(plan)[1].fn(np.array([0.0, 2.0]))).tolist() == [True, False]


def test_implicit_functions_take_grids() -> None:
    plan, _ = Session().run("x^2 + y^2 = 1\ny = y", Budget.unlimited())
    xs, ys = np.meshgrid(np.linspace(-1, 1, 5), np.linspace(-2, 2, 7))
    spec = specs_of(plan)[0]
    assert isinstance(spec, Implicit)
    assert spec.F(xs, ys).shape == (7, 5)
    assert spec.F(np.array([1.0]), np.array([0.0]))[0] == 0.0
    # An equation whose two sides cancel still gives a full grid.
    constant = specs_of(plan)[1]
    assert isinstance(constant, Implicit)
    assert constant.F(xs, ys).shape == (7, 5)


def test_parametric_functions_broadcast_constants() -> None:
    plan, _ = Session().run("(1, t)", Budget.unlimited())
    spec = specs_of(plan)[0]
    assert isinstance(spec, Parametric)
    t = np.linspace(0, 1, 9)
    assert spec.fx(t).tolist() == [1.0] * 9
    assert spec.fy(t).tolist() == t.tolist()


def test_cell_length_limit() -> None:
    session = Session(Limits(max_cell_chars=20))
    plan, problems = session.run("y = x\n" + "y = 2x + 1\n" * 3, Budget.unlimited())
    assert specs_of(plan) == []
    assert [(p.ename, p.code, p.span) for p in problems] == [
        ("ResourceError", "cell-too-long", Span(2, 3, 10))
    ]


def test_line_length_limit_leaves_other_lines() -> None:
    session = Session(Limits(max_line_chars=10))
    plan, problems = session.run("y = x\ny = x + x + x + x\n1 + 1", Budget.unlimited())
    assert [p.code for p in problems] == ["line-too-long"]
    assert problems[0].span == Span(1, 10, 17)
    assert len(specs_of(plan)) == 1
    assert plan.values == [(2, "2")]


def test_configured_number_and_factorial_limits() -> None:
    session = Session(Limits(max_number=1e6, max_factorial=5))
    assert run(session, "10^6\n10^7\n5!\n6!") == (
        ["1000000", "120"],
        ["too-big", "factorial-limit"],
    )


def test_configured_depth_limit() -> None:
    session = Session(Limits(max_depth=3))
    _, codes = run(session, "((1))\n((((1))))")
    assert codes == ["too-deep"]


def test_time_limit_stops_the_cell_with_a_located_problem() -> None:
    plan, problems = Session().run("y = x\ny = 2x", Budget(-1.0))
    assert specs_of(plan) == []
    assert [(p.ename, p.code, p.span.line) for p in problems] == [
        ("ResourceError", "time-limit", 0)
    ]


def test_budget_is_checked_between_lines_and_in_user_functions() -> None:
    budget = CountingBudget()
    Session().run("f(x) = x\ng(x) = f(f(x))\ng(1)\ng(2)", budget)
    before = budget.calls
    assert before >= 4
    plan, _ = Session().run("f(x) = x + 1\ny = f(f(x))", budget)
    spec = specs_of(plan, check=budget.check)[1]
    assert isinstance(spec, Curve)
    counted = budget.calls
    spec.fn(np.zeros(3))
    assert budget.calls == counted + 2


class ExpiringBudget(Budget):
    """Runs out of time after ``after`` checks, wherever that happens."""

    def __init__(self, after: int) -> None:
        super().__init__(float("inf"))
        self.after = after

    def check(self) -> None:
        self.after -= 1
        if self.after < 0:
            raise TimeLimit(1)


@pytest.mark.parametrize("after", range(12))
def test_time_limit_anywhere_stops_the_cell_cleanly(after: int) -> None:
    source = "f(x) = x + 1\ng(x) = f(f(x))\ng(1)\ny = g(x)\ng(2)"
    plan, problems = Session().run(source, ExpiringBudget(after))
    codes = [p.code for p in problems]
    assert codes in ([], ["time-limit"])
    if codes:
        assert all(line < problems[0].span.line for line, _ in plan.values)


def test_keyboard_interrupt_propagates() -> None:
    with pytest.raises(KeyboardInterrupt):
        Session().run("y = x\ny = 2x", InterruptingBudget(after=1))
    with pytest.raises(KeyboardInterrupt):
        Session().run("f(x) = x\nf(2)", InterruptingBudget(after=3))


def test_time_limit_inside_drawing_is_a_resource_limit() -> None:
    # Given a curve through a user function, built while the budget still had time,
    budget = ExpiringBudget(after=100)
    plan, problems = Session().run("f(x) = x\ny = f(x)", budget)
    assert problems == []
    spec = specs_of(plan, check=budget.check)[1]
    assert isinstance(spec, Curve)
    # when the drawing code evaluates it after the deadline,
    budget.after = 0
    # then the cell's time limit surfaces as a ResourceError, not a wrong picture.
    with pytest.raises(ResourceLimit) as info:
        spec.fn(np.zeros(3))
    assert info.value.code == "time-limit"


def test_long_chains_of_definitions_do_not_overflow_the_stack() -> None:
    session = Session(Limits(max_cell_chars=100000))
    chain = "a0 = 1\n" + "\n".join(f"a{i} = a{i - 1} + 1" for i in range(1, 1500))
    assert run(session, chain + "\na1499") == (["1500"], [])
    assert run(session, "a1499 + 1") == (["1501"], [])


def test_long_chains_of_functions_are_a_resource_error() -> None:
    session = Session(Limits(max_cell_chars=100000))
    chain = "f0(x) = x\n" + "\n".join(f"f{i}(x) = f{i - 1}(x) + 1" for i in range(1, 400))
    plan, problems = session.run(chain + "\nf30(0)\nf399(0)", Budget.unlimited())
    assert [text for _, text in plan.values] == ["30"]
    # The first definition that nests too deeply is refused; those built on it are kept,
    # with a warning, waiting for it (late binding), and using them is an error. Whether
    # that error names the broken definition or the depth depends on how deep Python's
    # own stack may go (jedi, imported by IPython, raises the limit), so both are right.
    codes = [p.code for p in problems]
    assert codes[0] == "too-deep" and problems[0].span.line == 155
    assert set(codes[1:-1]) == {"not-defined-yet"}
    assert codes[-1] in {"too-deep", "broken-definition"} and problems[-1].span.line == 401
    assert run(session, "f20(1)") == (["21"], [])


def test_diagnostics_count_utf16_columns() -> None:
    source = "# 😀\n𝑎 = 1\ny = 𝑎 + 𝑎 + qqq"
    _, problems = Session().run(source, Budget.unlimited())
    (problem,) = problems
    assert problem.span == Span(2, 12, 15)
    diagnostic = to_diagnostic(problem, source.split("\n"))
    assert diagnostic["range"] == {
        "start": {"line": 2, "character": 14},
        "end": {"line": 2, "character": 17},
    }
    assert diagnostic["code"] == "unknown-name"
    assert diagnostic["source"] == "plotter"


def test_problems_are_in_source_order_and_carry_messages() -> None:
    _, problems = Session().run("y = foo\n(1, 2\nsin()", Budget.unlimited())
    assert [p.span.line for p in problems] == [0, 1, 2]
    assert all(p.message.endswith((".", "?")) for p in problems)


def test_no_python_reaches_the_evaluator() -> None:
    values, codes = run(Session(), "__import__\nexp.__class__\nopen(1)\nprint(1)\nglobals")
    assert values == []
    assert codes == [
        "unknown-name",
        "unexpected-character",
        "unknown-name",
        "unknown-name",
        "unknown-name",
    ]


def test_carriage_returns_are_whitespace() -> None:
    assert run(Session(), "a = 2\r\na\r") == (["2"], [])


_ALPHABET = "0123456789.xyztrabefgkpisnoclqmud+-*/^!(),=<>[] #\nπθ−×·÷≤≥²|{}:'√∛_∙"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=60))
def test_run_never_raises_and_never_fails_internally(source: str) -> None:
    session = Session(Limits(seconds_per_cell=5))
    plan, problems = session.run(source, Budget.unlimited())
    assert all(p.code != "internal-error" for p in problems), problems
    lines = source.split("\n")
    for problem in problems:
        assert 0 <= problem.span.line < len(lines)
        assert 0 <= problem.span.start <= problem.span.end <= len(lines[problem.span.line])
    xs = np.linspace(-3, 3, 7)
    for spec in specs_of(plan):
        if isinstance(spec, Curve):
            assert spec.fn(xs).shape == xs.shape


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["f(x) = ", "g(x, k) = ", "a = ", "b = ", "y = ", ""]),
        min_size=1,
        max_size=4,
    ),
    st.lists(
        st.sampled_from(["a", "b", "f(x)", "g(1, a)", "x", "2", "f(b)", "g(a, b)"]),
        min_size=4,
        max_size=4,
    ),
)
def test_definitions_in_any_order_never_crash(heads: list[str], bodies: list[str]) -> None:
    session = Session()
    source = "\n".join(h + b for h, b in zip(heads, bodies, strict=False))
    for _ in range(2):
        _, problems = session.run(source, Budget.unlimited())
        assert all(p.code != "internal-error" for p in problems)
    # Whatever happened, the stored definitions are free of cycles and usable.
    for name, definition in session.definitions.items():
        probe = (
            name
            if definition.params is None
            else f"{name}({', '.join(['1'] * len(definition.params))})"
        )
        _, problems = session.run(probe, Budget.unlimited())
        assert all(p.code not in ("internal-error", "cycle") for p in problems)


def test_resource_limit_is_a_plotter_error() -> None:
    # The kernel relies on time limits surfacing as ResourceError problems.
    assert issubclass(ResourceLimit, Exception)


# -- arithmetic against a reference evaluator ------------------------------------------------

_LEVEL = {"+": 1, "-": 1, "*": 2, "/": 2, "neg": 3, "^": 4, "num": 5}


class _TooBig(Exception):
    pass


def _render(node: tuple) -> tuple[str, int]:
    """Text with as few brackets as the grammar allows, and the node's precedence level."""
    kind = node[0]
    if kind == "num":
        return str(node[1]), 5
    if kind == "neg":
        text, level = _render(node[1])
        return "-" + (text if level >= 3 else f"({text})"), 3
    left, left_level = _render(node[1])
    right, right_level = _render(node[2])
    level = _LEVEL[kind]
    if kind == "^":
        left = left if left_level > 4 else f"({left})"
        right = right if right_level >= 3 else f"({right})"
        return f"{left}^{right}", 4
    left = left if left_level >= level else f"({left})"
    right = right if right_level > level else f"({right})"
    return f"{left} {kind} {right}", level


def _reference(node: tuple) -> float:
    """Real arithmetic with the calculator's conventions; NaN is undefined."""
    kind = node[0]
    if kind == "num":
        return float(node[1])
    if kind == "neg":
        return -_reference(node[1])
    a, b = _reference(node[1]), _reference(node[2])
    if kind == "+":
        value = a + b
    elif kind == "-":
        value = a - b
    elif kind == "*":
        value = a * b
    elif kind == "/":
        value = a / b if b != 0 else float("nan")
    else:
        try:
            value = math.pow(a, b)
        except (ValueError, ZeroDivisionError):
            value = float("nan")
        except OverflowError:
            raise _TooBig from None
    if abs(value) > Limits().max_number:
        raise _TooBig
    return value


_numbers = st.builds(lambda n: ("num", n), st.integers(0, 6) | st.sampled_from([0.5, 2.5]))
_trees = st.recursive(
    _numbers,
    lambda inner: (
        st.builds(lambda a: ("neg", a), inner)
        | st.builds(
            lambda op, a, b: (op, a, b), st.sampled_from(["+", "-", "*", "/"]), inner, inner
        )
        | st.builds(lambda a, b: ("^", a, b), inner, _numbers)
    ),
    max_leaves=10,
)


@settings(max_examples=400, deadline=None)
@given(_trees)
def test_calculations_agree_with_a_reference_evaluator(node: tuple) -> None:
    text, _ = _render(node)
    plan, problems = Session().run(text, Budget.unlimited())
    try:
        expected = _reference(node)
    except _TooBig:
        return  # an intermediate result passed max_number: a ResourceError or a value may follow
    assert problems == [], (text, problems)
    ((_, printed),) = plan.values
    if math.isnan(expected):
        assert printed == "undefined", text
    else:
        assert math.isclose(float(printed), expected, rel_tol=1e-9, abs_tol=1e-12), (text, printed)


# -- the definition graph ---------------------------------------------------------------------


def _table(source: str) -> dict[str, Definition]:
    """Definitions parsed from ``source`` without running them."""
    table = {}
    for index, text in enumerate(source.split("\n")):
        line = parse_line(text, index)
        assert line is not None
        statement = classify(line)
        assert isinstance(statement, (FunctionDef, ParameterDef))
        params = statement.params if isinstance(statement, FunctionDef) else None
        table[statement.name] = Definition(
            statement.name, params, statement.body, line.text, statement.name_span
        )
    return table


def test_graph_orders_dependencies_first() -> None:
    graph = Graph(_table("c = b + a\nb = a\na = 1\nf(x) = c x\nz = 2"))
    order, cyclic = graph.order()
    assert cyclic == set()
    assert sorted(order) == ["a", "b", "c", "f", "z"]
    for before, after in [("a", "b"), ("b", "c"), ("c", "f")]:
        assert order.index(before) < order.index(after)


def test_graph_finds_every_member_of_a_cycle_and_a_shortest_path() -> None:
    graph = Graph(_table("a = b\nb = c\nc = a + d\nd = 1\ns = s\nu = s"))
    _, cyclic = graph.order()
    assert cyclic == {"a", "b", "c", "s"}
    path, span = graph.cycle_from("b", cyclic)
    assert path == ["b", "c", "a", "b"]
    assert span == Span(1, 4, 5)
    assert graph.cycle_from("s", cyclic)[0] == ["s", "s"]


def test_graph_handles_long_chains_without_recursion() -> None:
    # Given the longest chain first, the depth-first search must go 5000 levels deep.
    source = "\n".join(f"a{i} = a{i - 1}" for i in range(4999, 0, -1)) + "\na0 = 1"
    order, cyclic = Graph(_table(source)).order()
    assert cyclic == set()
    assert order == [f"a{i}" for i in range(5000)]
