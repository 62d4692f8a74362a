"""The Plotter syntax tree: small immutable nodes, each with its exact source span."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import Span

#: Names that are plot variables, never user definitions.
PLOT_VARIABLES = frozenset({"x", "y", "t", "theta", "r"})


@dataclass(frozen=True)
class Num:
    """A number literal."""

    value: float
    span: Span


@dataclass(frozen=True)
class Name:
    """A name: a variable, a constant or a parameter."""

    id: str
    span: Span


@dataclass(frozen=True)
class Call:
    """``func(args...)``."""

    func: str
    func_span: Span
    args: tuple[Expr, ...]
    span: Span
    spaced: bool = False
    """Whitespace between the name and ``(``: ``a (x + 1)`` multiplies when ``a`` is a number."""


@dataclass(frozen=True)
class Unary:
    """A leading ``-`` or ``+``."""

    op: str
    operand: Expr
    span: Span


@dataclass(frozen=True)
class Sum:
    """``a + b - c``: terms with their signs, the first always ``+``."""

    terms: tuple[tuple[str, Expr], ...]
    span: Span


@dataclass(frozen=True)
class Product:
    """``a * b / c`` and implicit products: ``*``, ``/`` or ``""`` (implicit) per factor."""

    factors: tuple[tuple[str, Expr], ...]
    span: Span


@dataclass(frozen=True)
class Power:
    """``base ^ exponent`` (right-associative)."""

    base: Expr
    exponent: Expr
    span: Span


@dataclass(frozen=True)
class Factorial:
    """Postfix ``!``."""

    operand: Expr
    span: Span


@dataclass(frozen=True)
class Group:
    """A bracketed list of two or more expressions: a point or a parametric pair."""

    items: tuple[Expr, ...]
    span: Span


Expr = Num | Name | Call | Unary | Sum | Product | Power | Factorial | Group


@dataclass(frozen=True)
class Seq:
    """Top-level comma-separated expressions (a list of points)."""

    items: tuple[Expr, ...]
    span: Span


Body = Expr | Seq


@dataclass(frozen=True)
class Interval:
    """``[lo, hi]``."""

    lo: Expr
    hi: Expr
    span: Span


@dataclass(frozen=True)
class Relation:
    """``left op right`` with op one of ``=``, ``<``, ``<=``, ``>``, ``>=``."""

    op: str
    left: Body
    right: Body
    op_span: Span
    span: Span


@dataclass(frozen=True)
class Restriction:
    """``for var in [lo, hi]``."""

    var: Name
    interval: Interval
    span: Span


@dataclass(frozen=True)
class WindowClause:
    """``x in [lo, hi]`` or ``y in [lo, hi]``."""

    var: Name
    interval: Interval
    span: Span


@dataclass(frozen=True)
class Line:
    """One parsed statement line."""

    body: Body | Relation | WindowClause
    restriction: Restriction | None
    span: Span
    text: str
    """The statement's source text, stripped, without its comment (the legend label)."""


def children(node: object) -> tuple[object, ...]:
    """The direct sub-nodes of any tree node."""
    if isinstance(node, (Call, Group, Seq)):
        return node.args if isinstance(node, Call) else node.items
    if isinstance(node, (Unary, Factorial)):
        return (node.operand,)
    if isinstance(node, (Sum, Product)):
        pairs = node.terms if isinstance(node, Sum) else node.factors
        return tuple(item for _, item in pairs)
    if isinstance(node, Power):
        return (node.base, node.exponent)
    if isinstance(node, Relation):
        return (node.left, node.right)
    if isinstance(node, Interval):
        return (node.lo, node.hi)
    if isinstance(node, (Restriction, WindowClause)):
        return (node.var, node.interval)
    if isinstance(node, Line):
        return (node.body,) if node.restriction is None else (node.body, node.restriction)
    return ()


def walk(node: object) -> Iterator[object]:
    """Every node under ``node`` (included), in source order, without recursion."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(children(current)))


def plot_variables(node: object) -> list[Name]:
    """The plot-variable names used in ``node``, in source order (``x (2)`` counts too)."""
    found = []
    for n in walk(node):
        if isinstance(n, Name) and n.id in PLOT_VARIABLES:
            found.append(n)
        elif isinstance(n, Call) and n.func in PLOT_VARIABLES:
            found.append(Name(n.func, n.func_span))
    return found


def show(node: object) -> str:
    """A compact S-expression of an expression, for tests and debugging."""
    if isinstance(node, Num):
        return repr(node.value)
    if isinstance(node, Name):
        return node.id
    if isinstance(node, Call):
        return "(" + " ".join([node.func, *(show(a) for a in node.args)]) + ")"
    if isinstance(node, Unary):
        return f"({node.op} {show(node.operand)})"
    if isinstance(node, Sum):
        text = show(node.terms[0][1])
        for op, term in node.terms[1:]:
            text = f"({op} {text} {show(term)})"
        return text
    if isinstance(node, Product):
        text = show(node.factors[0][1])
        for op, factor in node.factors[1:]:
            text = f"({op or '*'} {text} {show(factor)})"
        return text
    if isinstance(node, Power):
        return f"(^ {show(node.base)} {show(node.exponent)})"
    if isinstance(node, Factorial):
        return f"(! {show(node.operand)})"
    if isinstance(node, (Group, Seq)):
        return "(" + ", ".join(show(i) for i in node.items) + ")"
    return type(node).__name__
