"""Write labextension/src/core/lang/eval_cases.json: expression trees with the values the
Python kernel computes for them, so the TypeScript evaluator is checked against it.

Run from the repository root with the kernel installed: ``python scripts/gen_eval_cases.py``.

Three kinds of case:

Beside the hand-written lists, 60 curves and 60 calculations are random expressions
(seeded, so the file is the same every run).

- ``curves``: a tree in x (or x and y), evaluated as the kernel evaluates curves (NaN for
  undefined and overflowing values), at fixed inputs;
- ``scalars``: a calculation, evaluated strictly: its value, or the error it reports
  (ename, code, message);
- ``programs``: a whole cell's program, the values of its drawing specs at fixed inputs
  and the points of interest its curves have in a view.

NaN is written as null.
"""

from __future__ import annotations

import json
import math
import random
import subprocess
from pathlib import Path
from typing import Any

import numpy as np

from plotter_kernel.budget import Budget
from plotter_kernel.draw.features import features
from plotter_kernel.errors import PlotterError
from plotter_kernel.lang.compile import NUMBER_SCOPE, Compiler, Scope
from plotter_kernel.lang.parser import parse_line
from plotter_kernel.lang.program import _Decoder, _definitions, _Encoder, instantiate
from plotter_kernel.lang.session import Session
from plotter_kernel.lang.syntax import Relation, Seq
from plotter_kernel.limits import Limits
from plotter_kernel.plan import Curve, Implicit, Inequality, Parametric, Points, Polar, StatPlot

OUT = Path(__file__).resolve().parents[1] / "labextension/src/core/lang/eval_cases.json"

XS = [-200.5, -7.3, -3.5, -2, -1.5, -1, -0.75, -0.5, -1e-30, 0, 1e-30, 0.25, 0.5, 0.75, 1]
XS += [1.5, 2, 2.5, 3, 4.2, 7.3, 10, 25.5, 169, 170, 171, 200, 750, 1e6]
GRID = [-2, -1, -0.5, 0, 0.5, 1, 2]

#: Every builtin, the operators and the notation, as curves in x.
CURVES = [
    *(
        f"{name}(x)"
        for name in (
            "sin cos tan sec csc cot asin acos atan asec acsc acot sinh cosh tanh asinh acosh "
            "atanh exp ln log log2 log10 sqrt cbrt abs sign floor ceil round factorial gamma"
        ).split()
    ),
    "sin(x/100)",
    "tan(x) + sec(x/3)",
    "asin(x/2) + acos(x/3)",
    "exp(x/10)",
    "gamma(x/10)",
    "gamma(-x/3)",
    "factorial(x/7)",
    "x!",
    "round(x + 0.5)",
    "log(2, x)",
    "log(x, 8)",
    "atan2(x, 0.5)",
    "atan2(-1, x)",
    "min(x, 1)",
    "max(x, 1, -x)",
    "min(x, sin(x), cos(x))",
    "mod(x, 3)",
    "mod(x, -3)",
    "mod(7, x)",
    "x^2 - 1",
    "x^(1/3)",
    "x^(2/3)",
    "x^(3/5)",
    "x^(1/2)",
    "x^0.5",
    "x^-1",
    "x^x",
    "2^x",
    "0^x",
    "(-8)^(1/x)",
    "(-x)^(1/3)",
    "1/x",
    "x/0",
    "1/(x - 1)^2",
    "-x^2",
    "2x^2 + 3x - 1",
    "x(x - 1)",
    "pi x + e - tau",
    "{x < 0: -x, x}",
    "{x < 0: -x, 0 <= x <= 2: x^2}",
    "{x = 1: 5, 0}",
    "{-1 < x < 1: sqrt(1 - x^2)}",
    "sum(k, 0, 8, x^k/k!)",
    "sum(k, 1, 10, 1/k^2) + x",
    "prod(k, 1, 5, x + k)",
    "sum(k, 1, 0, x)",
    "prod(n, 1, 3, n) x",
    "d/dx(sin(x^2))",
    "d/dx(x^3 - 2x)",
    "d/dx(ln(x))",
    "d/dx(sqrt(x))",
    "d/dx(abs(x))",
    "d/dx(floor(x))",
    "d/dx(x^x)",
    "d/dx(asin(x))",
    "d/dx(atan2(x, 1))",
    "d/dx(min(x, x^2))",
    "d/dx(mod(x, 2))",
    "d/dx(gamma(x))",
    "d/dx(x!)",
    "d/dx(prod(k, 1, 3, x + k))",
    "d/dx(sum(k, 1, 4, x^k))",
    "d/dx(d/dx(x^4))",
    "d/dx(log(2, x))",
    "d/dx({x < 0: -x, x^2})",
    "sin'(x)",
    "tan''(x)",
]

#: Definitions the curve and scalar cases may use (one session).
DEFINITIONS = "\n".join(
    [
        "a = 2.5",
        "b = 2a",
        "f(x) = 3x^2 + 1",
        "g(x, k) = k sin(x)",
        "h(x) = f(x) + a",
        "s(n) = sum(k, 1, n, k)",
        "big(x) = 10^x",
    ]
)

USING_DEFINITIONS = [
    "f(x)",
    "g(x, a)",
    "h(x) - b",
    "f'(x)",
    "f''(x)",
    "h'(x)",
    "d/dx(g(x, x))",
    "s(x)",
    "a(x - 1)",
    "big(x)",
]

SURFACES = [
    "x^2 + y^2",
    "x y - sin(x)",
    "sqrt(x) + ln(y)",
    "{x > 0: y, -y}",
    "atan2(y, x)",
]

SCALARS = [
    "2^3^2",
    "sqrt(2) * pi",
    "6/2(1 + 2)",
    "2e",
    "1e3",
    "sqrt(-1)",
    "ln(0)",
    "1/0",
    "0^0",
    "(-8)^(1/3)",
    "(-8)^(2/3)",
    "(-8)^0.5",
    "(-1)^(1/99)",
    "(-2)^(1/101)",
    "170!",
    "171!",
    "factorial(10^6)",
    "factorial(-1)",
    "factorial(0.5)",
    "gamma(0)",
    "gamma(-2.5)",
    "gamma(171.5)",
    "gamma(1e-25)",
    "10^10^10",
    "1e308 * 10",
    "1e308 + 1e308",
    "-1e308 - 1e308",
    "exp(1000)",
    "mod(-7, 3)",
    "mod(7, -3)",
    "mod(7, 0)",
    "round(-2.5)",
    "round(2.5)",
    "sign(-0)",
    "min(3, 1, 2)",
    "max(3, 1, 2)",
    "log(2, 1024)",
    "log(1, 5)",
    "sum(n, 1, 10, 1/n^2)",
    "prod(k, 1, 5, k)",
    "sum(k, 1, 20000, k)",
    "sum(k, 1, 2.5, k)",
    "sum(k, 5, 1, k)",
    "prod(k, 1, 200, k)",
    "sum(k, 1, 10000, k)",
    "f(3)",
    "g(pi/2, 4)",
    "h(1)",
    "f'(2)",
    "f''(7)",
    "s(100)",
    "s(2.5)",
    "big(400)",
    "big(3)",
    "{a > 2: 1, 0}",
    "{a < 2: 1}",
    "d/dx(x^2)",
    "sin'(0)",
    "b",
]

#: Whole cells, with parameter overrides and a view for the points of interest.
PROGRAMS: list[dict[str, Any]] = [
    {"source": "y = x^2 - 1", "view": [[-10, 10], None]},
    {"source": "y = sin(x)", "view": [[-10, 10], None]},
    {"source": "y = sin(x)\ny = x/4", "view": [[-10, 10], None]},
    {"source": "y = tan(x)\ny = 1/x", "view": [[-10, 10], [-5, 5]]},
    {
        "source": "a = 2\nf(x) = a x^2 - 3\ny = 2 - f(x)",
        "params": {"a": -1},
        "view": [[-3, 3], None],
    },
    {"source": "f(t) = t^3 - t", "view": [[-2, 2], None]},
    {"source": "y = sqrt(x) for x in [0, 4]", "view": [[-10, 10], None]},
    {"source": "y = 3x + 2 {0 < x < 5}\ny = x^2 {y < 4}", "view": [[-10, 10], None]},
    {"source": "x = y^2 - 1", "view": [[-10, 10], None]},
    {"source": "(cos(t), sin(t))\n(t, t^2) for t in [-1, 2] {x > 0}", "view": [[-2, 2], None]},
    {"source": "r = 1 + cos(theta)\nr = 2 {r > 0}", "view": [[-3, 3], None]},
    {"source": "x^2 + y^2 = 4\nx^2 + y^2 < 1 {x > 0}", "view": [[-3, 3], None]},
    {
        "source": "L = [1, 2, 2, 3.5, 7]\nhistogram(L, 2)\nboxplot(L)\ndotplot(L)",
        "view": [[-10, 10], None],
    },
    {
        "source": "histogram([0.3, 0.7, 12, 140])\nhistogram([0.3, 0.7], 0.1)",
        "view": [[-10, 10], None],
    },
    {"source": "(1, 2), (pi, 0)\ny = abs(x) - 1", "view": [[-5, 5], None]},
    {"source": "y = floor(x)\ny = sum(k, 0, 8, x^k/k!)", "view": [[-4, 4], [-10, 10]]},
]


def num(value: Any) -> float | None:
    value = float(value)
    return value if math.isfinite(value) else None


def nums(values: Any) -> list[float | None]:
    return [num(v) for v in np.asarray(values, dtype=float).ravel()]


def tree_of(session: Session, text: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The program tree of the right side of ``y = ...`` or ``0 = ...``."""
    line = parse_line(text, 0, 100, session._known([text]))
    assert line is not None and isinstance(line.body, Relation), text
    right = line.body.right
    assert not isinstance(right, Seq), text
    encoder = _Encoder(session.definitions)
    return encoder.expr(right), encoder.definitions({})


def evaluate(
    tree: dict[str, Any], definitions: list[dict[str, Any]], scope: Scope, env: dict[str, Any]
) -> Any:
    """The value of a tree as the kernel computes it from a program."""
    program = {"definitions": definitions}
    compiler = Compiler(_definitions(program, {}), Limits())
    fn = compiler.compile(_Decoder(0).expr(tree), scope, strict=not env)
    with np.errstate(all="ignore"):
        return fn(env)


def curve_case(session: Session, text: str, variables: list[str]) -> dict[str, Any]:
    tree, definitions = tree_of(session, f"y = {text}" if variables == ["x"] else text)
    if variables == ["x"]:
        env = {"x": np.array(XS, dtype=float)}
    else:
        xs, ys = np.meshgrid(GRID, GRID)
        env = {"x": xs.ravel(), "y": ys.ravel()}
    scope = Scope(frozenset(variables), where="a curve")
    case: dict[str, Any] = {
        "text": text,
        "tree": tree,
        "definitions": definitions,
        "variables": {name: nums(v) for name, v in env.items()},
    }
    try:
        value = np.asarray(evaluate(tree, definitions, scope, env), dtype=float)
        case["values"] = nums(np.broadcast_to(value, env["x"].shape))
    except PlotterError as err:
        case["error"] = {"ename": err.ename, "code": err.code, "message": err.message}
    return case


def scalar_case(session: Session, text: str) -> dict[str, Any]:
    tree, definitions = tree_of(session, f"y = {text}")
    case: dict[str, Any] = {"text": text, "tree": tree, "definitions": definitions}
    try:
        program = {"definitions": definitions}
        compiler = Compiler(_definitions(program, {}), Limits())
        case["value"] = num(compiler.evaluate(_Decoder(0).expr(tree), NUMBER_SCOPE))
    except PlotterError as err:
        case["error"] = {"ename": err.ename, "code": err.code, "message": err.message}
    return case


def spec_values(spec: Any) -> dict[str, Any]:
    """The values of one drawing spec at fixed inputs."""
    ts = np.linspace(-3, 7, 41)
    if isinstance(spec, Curve):
        return {
            "kind": "curve",
            "along": spec.var,
            "domain": spec.domain,
            "values": nums(spec.fn(ts)),
        }
    if isinstance(spec, Parametric):
        return {
            "kind": "parametric",
            "t": list(spec.t),
            "x": nums(spec.fx(ts)),
            "y": nums(spec.fy(ts)),
        }
    if isinstance(spec, Polar):
        return {"kind": "polar", "theta": list(spec.theta), "r": nums(spec.fr(ts))}
    if isinstance(spec, (Implicit, Inequality)):
        xs, ys = np.meshgrid(np.linspace(-3, 3, 13), np.linspace(-3, 3, 13))
        values = nums(spec.F(xs.ravel(), ys.ravel()))
        kind = "implicit" if isinstance(spec, Implicit) else "region"
        return {"kind": kind, "values": values}
    if isinstance(spec, StatPlot):
        return {
            "kind": "statplot",
            "plot": spec.kind,
            "bars": [list(b) for b in spec.bars],
            "box": None if spec.box is None else list(spec.box),
            "dots": [list(d) for d in spec.dots],
        }
    assert isinstance(spec, Points)
    return {"kind": "points", "points": [list(p) for p in spec.points]}


def program_case(case: dict[str, Any]) -> dict[str, Any]:
    session = Session()
    plan, problems = session.run(case["source"], Budget(30))
    assert plan.program is not None, (case["source"], problems)
    params = case.get("params", {})
    specs = instantiate(plan.program, Limits(), overrides=params)[0].specs
    x, y = case["view"]
    found = features(
        plan.program, Limits(), Budget(30), (tuple(x), tuple(y) if y else None), params
    )
    return {
        **case,
        "program": plan.program,
        "inputs": nums(np.linspace(-3, 7, 41)),
        "grid": nums(np.linspace(-3, 3, 13)),
        "specs": [spec_values(s) for s in specs],
        "features": found,
    }


ONE_INPUT = (
    "sin cos tan sec csc cot asin acos atan asec acsc acot sinh cosh tanh asinh acosh atanh "
    "exp ln log log2 log10 sqrt cbrt abs sign floor ceil round factorial gamma"
).split()


def random_expression(rng: random.Random, depth: int, variable: str = "x") -> str:
    """A random expression of the language, written as a student would type it."""
    if depth == 0 or rng.random() < 0.2:
        return rng.choice([variable, variable, "2", "0.5", "3", "pi", "e", "1/3", "(-2)"])
    a = random_expression(rng, depth - 1, variable)
    b = random_expression(rng, depth - 1, variable)
    form = rng.randrange(10)
    if form < 3:
        return f"{rng.choice(ONE_INPUT)}({a})"
    if form < 6:
        return f"({a}) {rng.choice(['+', '-', '*', '/'])} ({b})"
    if form == 6:
        exponent = rng.choice(["2", "3", "1/3", "2/3", "0.5", "-1", "(-2)", f"({b})"])
        return f"({a})^{exponent}"
    if form == 7:
        return f"{rng.choice(['atan2', 'log', 'mod', 'min', 'max'])}({a}, {b})"
    if form == 8:
        op = rng.choice(["<", "<=", ">", ">=", "="])
        return f"{{{a} {op} {b}: {a}, {b}}}"
    return f"sum(k, 0, 3, ({a})^k / (k + 1))"


def main() -> None:
    session = Session()
    _, problems = session.run(DEFINITIONS, Budget(30))
    assert not [p for p in problems if p.severity == 1], problems
    rng = random.Random(2026)
    randomly = [random_expression(rng, 3) for _ in range(60)]
    constants = [random_expression(rng, 3, "1.5") for _ in range(60)]
    cases = {
        "about": __doc__.strip().split("\n\n")[0] + " Written by scripts/gen_eval_cases.py.",
        "curves": [
            curve_case(session, text, ["x"]) for text in CURVES + USING_DEFINITIONS + randomly
        ],
        "surfaces": [curve_case(session, f"0 = {text}", ["x", "y"]) for text in SURFACES],
        "scalars": [scalar_case(session, text) for text in SCALARS + constants],
        "programs": [program_case(case) for case in PROGRAMS],
    }
    OUT.write_text(json.dumps(cases, indent=1, allow_nan=False) + "\n", encoding="utf-8")
    prettier = OUT.parents[3] / "node_modules/.bin/prettier"
    if prettier.exists():  # the form `jlpm lint:check` expects
        subprocess.run([str(prettier), "--write", str(OUT)], check=True, capture_output=True)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
