"""The cell as data: drawable statements and the definitions they use, as plain JSON.

The language writes a *program* (``language/program.schema.json``): per drawable
statement its kind, line, label, domain, braces conditions and tagged expression
trees, plus the user definitions those trees use. Parameters stay ``parameter`` nodes,
so a new value (a slider) needs no parsing. :func:`instantiate` is the one way back:
it rebuilds syntax trees and compiles them with the language's own compiler, so the
program computes exactly what the cell did.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

import numpy as np

from ..errors import PlotterError, Span, TimeLimit
from ..limits import Limits
from ..plan import CellPlan
from .builtins import CONSTANTS
from .compile import Compiler
from .definitions import Definition
from .emit import emit
from .statements import (
    Explicit,
    FunctionDef,
    ImplicitCurve,
    ParametricCurve,
    PointList,
    PolarCurve,
    Region,
    Statement,
    with_conditions,
)
from .statplots import StatStatement
from .syntax import (
    PLOT_VARIABLES,
    Call,
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
    Series,
    Sum,
    Unary,
)

VERSION = 1
"""The program format's version (``program.version``)."""

Tree = dict[str, Any]
Frozen = Any
"""What a parameter computed from lists is written as: a float, a list's values (an
array), or ``None`` when it is written as its expression."""
Program = dict[str, Any]

DRAWABLE = (
    Explicit,
    FunctionDef,
    ParametricCurve,
    PolarCurve,
    ImplicitCurve,
    Region,
    PointList,
    StatStatement,
)


def statement_id(line: int) -> str:
    """The stable id of the statement on ``line``: items and features name it."""
    return f"line-{line}"


# -- encoding -------------------------------------------------------------------------------


def _number(value: float) -> float | str:
    """JSON has no infinities: a literal like ``1e999`` is written as a string."""
    return value if math.isfinite(value) else repr(value)


class _Encoder:
    """Writes trees, resolving what every name is, and collects the definitions used."""

    def __init__(
        self,
        defs: Mapping[str, Definition],
        frozen: Callable[[str], Frozen] = lambda name: None,
    ):
        self.defs = defs
        self.frozen = frozen
        """The value a parameter computed from lists is kept as: a number, or a list's
        values (a list is data, never a slider)."""
        self.used: dict[str, Definition] = {}

    def expr(self, node: Expr, local: frozenset[str] = frozenset()) -> Tree:
        if isinstance(node, Num):
            return {"type": "number", "value": _number(node.value)}
        if isinstance(node, Name):
            return self._name(node.id, local)
        if isinstance(node, Call):
            self._use(node.func, local)
            tree: Tree = {
                "type": "call",
                "name": node.func,
                "args": [self.expr(a, local) for a in node.args],
            }
            if node.primes:
                tree["primes"] = list(node.primes)
            return tree
        if isinstance(node, Unary):
            operand = self.expr(node.operand, local)
            return {"type": "negate", "operand": operand} if node.op == "-" else operand
        if isinstance(node, Sum):
            return {
                "type": "add",
                "signs": [sign for sign, _ in node.terms],
                "terms": [self.expr(t, local) for _, t in node.terms],
            }
        if isinstance(node, Product):
            return {
                "type": "multiply",
                "ops": [op or "*" for op, _ in node.factors],
                "factors": [self.expr(f, local) for _, f in node.factors],
            }
        if isinstance(node, Power):
            return {
                "type": "power",
                "base": self.expr(node.base, local),
                "exponent": self.expr(node.exponent, local),
            }
        if isinstance(node, Factorial):
            return {"type": "factorial", "operand": self.expr(node.operand, local)}
        if isinstance(node, Piecewise):
            return {
                "type": "piecewise",
                "branches": [
                    {"condition": self.condition(c, local), "value": self.expr(v, local)}
                    for c, v in node.branches
                ],
                "default": None if node.default is None else self.expr(node.default, local),
            }
        if isinstance(node, Series):
            inner = local | {node.index.id}
            return {
                "type": "series",
                "kind": node.kind,
                "index": node.index.id,
                "first": self.expr(node.first, local),
                "last": self.expr(node.last, local),
                "term": self.expr(node.term, inner),
            }
        if isinstance(node, Derivative):
            return {
                "type": "derivative",
                "variable": node.var.id,
                "expr": self.expr(node.expr, local),
            }
        if isinstance(node, ListLit):
            return {"type": "list", "items": [self.expr(i, local) for i in node.items]}
        if isinstance(node, Range):
            second = None if node.second is None else self.expr(node.second, local)
            first, last = self.expr(node.first, local), self.expr(node.last, local)
            return {"type": "range", "first": first, "second": second, "last": last}
        if isinstance(node, Index):
            target, index = self.expr(node.target, local), self.expr(node.index, local)
            return {"type": "index", "target": target, "index": index}
        if isinstance(node, Comprehension):
            return {
                "type": "comprehension",
                "variable": node.var.id,
                "source": self.expr(node.source, local),
                "body": self.expr(node.body, local | {node.var.id}),
            }
        raise PlotterError("TypeError", "This can't be drawn.", node.span, "not-drawable")

    def condition(self, node: Condition, local: frozenset[str] = frozenset()) -> Tree:
        return {
            "type": "condition",
            "ops": list(node.ops),
            "operands": [self.expr(o, local) for o in node.operands],
        }

    def _name(self, name: str, local: frozenset[str]) -> Tree:
        if name in local or name in PLOT_VARIABLES:
            return {"type": "variable", "name": name}
        definition = self.defs.get(name)
        if definition is not None and not definition.is_function:
            self._use(name, local)
            return {"type": "parameter", "name": name}
        if name in CONSTANTS:
            return {"type": "constant", "name": name}
        return {"type": "variable", "name": name}

    def _use(self, name: str, local: frozenset[str]) -> None:
        """Note a user definition (and, once, everything its body uses)."""
        definition = self.defs.get(name)
        if definition is None or name in local or name in self.used:
            return
        self.used[name] = definition
        if self.frozen(name) is not None:
            return  # `a = mean(L)`: written as its number, it uses nothing
        inputs = frozenset(definition.params or ())
        self.expr(definition.body, inputs)  # walks the body for the names it uses

    def _body(self, definition: Definition) -> Tree:
        frozen = self.frozen(definition.name)
        if isinstance(frozen, np.ndarray):
            items = [{"type": "number", "value": _number(float(v))} for v in frozen]
            return {"type": "list", "items": items}
        if frozen is not None:
            return {"type": "number", "value": _number(frozen)}
        return self.expr(definition.body, frozenset(definition.params or ()))

    def definitions(self, here: Mapping[str, int]) -> list[Tree]:
        return [
            {
                "name": d.name,
                "params": None if d.params is None else list(d.params),
                "body": self._body(d),
                "text": d.text,
                "line": here.get(d.name),
            }
            for d in self.used.values()
        ]


def _interval(encoder: _Encoder, node: Interval | None) -> list[Tree] | None:
    return None if node is None else [encoder.expr(node.lo), encoder.expr(node.hi)]


def encode_statement(statement: Statement, line: Line, encoder: _Encoder) -> Tree:
    """One drawable statement (without its braces, which go in ``conditions``)."""
    number = line.span.line
    entry: Tree = {
        "id": statement_id(number),
        "line": number,
        "label": line.text,
        "domain": None,
        "conditions": [encoder.condition(c) for c in line.conditions],
    }
    if isinstance(statement, Explicit):
        entry.update(
            kind="curve", along=statement.var, exprs={"value": encoder.expr(statement.expr)}
        )
        entry["domain"] = _interval(encoder, statement.domain)
    elif isinstance(statement, FunctionDef):
        var = statement.params[0]
        call = Call(
            statement.name, statement.name_span, (Name(var, statement.name_span),), line.span
        )
        entry.update(kind="curve", along="x", exprs={"value": encoder.expr(call)})
        entry["variable"] = var
        entry["domain"] = _interval(encoder, statement.domain)
    elif isinstance(statement, ParametricCurve):
        exprs = {"x": encoder.expr(statement.fx), "y": encoder.expr(statement.fy)}
        entry.update(kind="parametric", exprs=exprs, domain=_interval(encoder, statement.domain))
    elif isinstance(statement, PolarCurve):
        exprs = {"r": encoder.expr(statement.expr)}
        entry.update(kind="polar", exprs=exprs, domain=_interval(encoder, statement.domain))
    elif isinstance(statement, (ImplicitCurve, Region)):
        exprs = {"left": encoder.expr(statement.left), "right": encoder.expr(statement.right)}
        entry.update(kind="implicit", exprs=exprs)
        if isinstance(statement, Region):
            entry.update(kind="region", op=statement.op)
    elif isinstance(statement, StatStatement):
        exprs = {"data": encoder.expr(statement.data)}
        if statement.width is not None:
            exprs["width"] = encoder.expr(statement.width)
        entry.update(kind=statement.kind, exprs=exprs)
    else:
        assert isinstance(statement, PointList)
        points = [[encoder.expr(p.items[0]), encoder.expr(p.items[1])] for p in statement.points]
        entry.update(kind="points", exprs={"points": points})
    return entry


def is_drawable(statement: Statement) -> bool:
    """Whether ``statement`` adds something to the picture."""
    if isinstance(statement, FunctionDef):
        return len(statement.params) == 1
    return isinstance(statement, DRAWABLE)


def build_program(
    drawn: list[tuple[Line, Statement]],
    defs: Mapping[str, Definition],
    window: dict[str, list[float] | None],
    here: Mapping[str, int] | None = None,
    degrees: bool = False,
    frozen: Callable[[str], Frozen] = lambda name: None,
) -> Program:
    """The program of a cell: its drawable statements (``drawn``, each without braces).

    ``here`` gives the line of each parameter defined in this cell (others have none).
    ``degrees``: the cell read angles in degrees. The trees already compute in that unit;
    ``angles`` only tells a description (and a re-sampled view's) to say so.
    ``frozen`` gives the number or values a parameter computed from lists is written as.
    """
    encoder = _Encoder(defs, frozen)
    statements = [encode_statement(statement, line, encoder) for line, statement in drawn]
    program: Program = {
        "version": VERSION,
        "statements": statements,
        "definitions": encoder.definitions(here or {}),
        "window": window,
    }
    if degrees:
        program["angles"] = "degrees"
    return program


def parameters_used(program: Program) -> list[str]:
    """The parameters the program's trees use, directly or through its definitions
    (not its lists, which are data)."""
    names = [
        d["name"]
        for d in program["definitions"]
        if d["params"] is None and d["body"]["type"] != "list"
    ]
    return sorted(names)


# -- decoding -------------------------------------------------------------------------------


class _Decoder:
    """Rebuilds syntax trees; every node is placed on its statement's line."""

    def __init__(self, line: int):
        self.span = Span(line, 0, 0)

    def expr(self, tree: Tree) -> Expr:
        kind = tree["type"]
        span = self.span
        if kind == "number":
            return Num(float(tree["value"]), span)
        if kind in ("variable", "parameter", "constant"):
            return Name(tree["name"], span)
        if kind == "call":
            args = tuple(self.expr(a) for a in tree["args"])
            return Call(tree["name"], span, args, span, primes=tuple(tree.get("primes", ())))
        if kind == "negate":
            return Unary("-", self.expr(tree["operand"]), span)
        if kind == "add":
            terms = tuple(zip(tree["signs"], (self.expr(t) for t in tree["terms"]), strict=True))
            return Sum(terms, span)
        if kind == "multiply":
            factors = [self.expr(f) for f in tree["factors"]]
            return Product(tuple(zip(tree["ops"], factors, strict=True)), span)
        if kind == "power":
            return Power(self.expr(tree["base"]), self.expr(tree["exponent"]), span)
        if kind == "factorial":
            return Factorial(self.expr(tree["operand"]), span)
        if kind == "piecewise":
            branches = tuple(
                (self.condition(b["condition"]), self.expr(b["value"])) for b in tree["branches"]
            )
            default = None if tree["default"] is None else self.expr(tree["default"])
            return Piecewise(branches, default, span)
        if kind == "series":
            index = Name(tree["index"], span)
            first, last, term = (self.expr(tree[k]) for k in ("first", "last", "term"))
            return Series(tree["kind"], index, first, last, term, span)
        if kind == "derivative":
            return Derivative(Name(tree["variable"], span), self.expr(tree["expr"]), span)
        if kind == "list":
            return ListLit(tuple(self.expr(i) for i in tree["items"]), span)
        if kind == "range":
            second = None if tree["second"] is None else self.expr(tree["second"])
            return Range(self.expr(tree["first"]), second, self.expr(tree["last"]), span)
        if kind == "index":
            return Index(self.expr(tree["target"]), self.expr(tree["index"]), span)
        if kind == "comprehension":
            var = Name(tree["variable"], span)
            return Comprehension(self.expr(tree["body"]), var, self.expr(tree["source"]), span)
        raise ValueError(f"unknown program node {kind!r}")

    def condition(self, tree: Tree) -> Condition:
        operands = tuple(self.expr(o) for o in tree["operands"])
        return Condition(operands, tuple(tree["ops"]), self.span)

    def interval(self, pair: list[Tree] | None) -> Interval | None:
        if pair is None:
            return None
        return Interval(self.expr(pair[0]), self.expr(pair[1]), self.span)


def _statement(entry: Tree) -> tuple[Statement, Line]:
    """A program statement as the language's statement and line (braces applied)."""
    decode = _Decoder(entry["line"])
    span = decode.span
    kind, exprs = entry["kind"], entry["exprs"]
    domain = decode.interval(entry["domain"])
    statement: Statement
    if kind == "curve":
        value = decode.expr(exprs["value"])
        statement = Explicit(entry.get("along", "x"), value, domain)
        if "variable" in entry:  # a function drawn along its own input name
            assert isinstance(value, Call)
            statement = FunctionDef(value.func, (entry["variable"],), value, span, domain)
    elif kind == "parametric":
        statement = ParametricCurve(decode.expr(exprs["x"]), decode.expr(exprs["y"]), domain)
    elif kind == "polar":
        statement = PolarCurve(decode.expr(exprs["r"]), domain)
    elif kind == "implicit":
        statement = ImplicitCurve(decode.expr(exprs["left"]), decode.expr(exprs["right"]))
    elif kind == "region":
        left, right = decode.expr(exprs["left"]), decode.expr(exprs["right"])
        statement = Region(left, entry["op"], right)
    elif kind in ("histogram", "boxplot", "dotplot"):
        width = decode.expr(exprs["width"]) if "width" in exprs else None
        statement = StatStatement(kind, decode.expr(exprs["data"]), width, span)
    else:
        groups = tuple(
            Group((decode.expr(px), decode.expr(py)), span) for px, py in exprs["points"]
        )
        statement = PointList(groups)
    conditions = tuple(decode.condition(c) for c in entry["conditions"])
    line = Line(Num(0.0, span), None, span, entry["label"], conditions)
    return with_conditions(statement, line), line


def _definitions(program: Program, overrides: Mapping[str, float]) -> dict[str, Definition]:
    table = {}
    for entry in program["definitions"]:
        name = entry["name"]
        span = Span(0, 0, 0)
        params = None if entry["params"] is None else tuple(entry["params"])
        if params is None and name in overrides:
            body: Expr = Num(float(overrides[name]), span)
        else:
            body = _Decoder(0).expr(entry["body"])
        table[name] = Definition(name, params, body, entry.get("text", name), span)
    return table


def instantiate(
    program: Program,
    limits: Limits,
    check: Callable[[], None] = lambda: None,
    overrides: Mapping[str, float] | None = None,
) -> tuple[CellPlan, list[tuple[int, PlotterError]]]:
    """The drawing plan of a program, with ``overrides`` replacing parameter values.

    Returns the plan and the statements that could not be worked out (by line).
    """
    overrides = overrides or {}
    compiler = Compiler(_definitions(program, overrides), limits, check)
    plan = CellPlan()
    failed: list[tuple[int, PlotterError]] = []
    for entry in program["statements"]:
        statement, line = _statement(entry)
        try:
            emit(statement, line, compiler, plan)
        except PlotterError as err:
            if isinstance(err, TimeLimit):
                raise
            failed.append((entry["line"], err))
    window = program.get("window") or {}
    for axis in ("x", "y"):
        bounds = window.get(axis)
        if bounds is not None:
            setattr(plan.window, axis, (float(bounds[0]), float(bounds[1])))
    return plan, failed


def parameter_values(
    program: Program, limits: Limits, overrides: Mapping[str, float] | None = None
) -> dict[str, float]:
    """Each parameter of the program with its value (``b = 2a`` follows an override of a)."""
    compiler = Compiler(_definitions(program, overrides or {}), limits)
    values = {}
    for name in parameters_used(program):
        try:
            values[name] = compiler.parameter(name, Span(0, 0, 0))
        except PlotterError:
            values[name] = math.nan
    return values


def without_braces(line: Line) -> Line:
    """``line`` with its braces removed (the program keeps them apart)."""
    return replace(line, conditions=())


def specs_of(
    plan: CellPlan, limits: Limits | None = None, check: Callable[[], None] = lambda: None
) -> list[Any]:
    """The drawing specs of a cell's plan (empty when it draws nothing), for tests and tools."""
    if plan.program is None:
        return []
    return instantiate(plan.program, limits or Limits(), check)[0].specs
