"""The Plotter syntax tree: small immutable nodes, each with its exact source span."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields, is_dataclass, replace
from typing import Any

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
    """Whitespace between the name and ``(``."""
    primes: tuple[int, ...] = ()
    """Derivatives taken of the function first, by input index: ``f''(x)`` is ``(0, 0)``."""


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


@dataclass(frozen=True)
class Condition:
    """``a < b``, or a chain ``a < x <= b``: ``ops[i]`` compares ``operands[i]`` and the next."""

    operands: tuple[Expr, ...]
    ops: tuple[str, ...]
    span: Span


@dataclass(frozen=True)
class Piecewise:
    """``{x < 0: -x, x}``: the first branch whose condition holds, else the default."""

    branches: tuple[tuple[Condition, Expr], ...]
    default: Expr | None
    span: Span


@dataclass(frozen=True)
class Series:
    """``sum(n, 1, 10, 1/n^2)`` (``kind == "sum"``) or ``prod(k, 1, 5, k)``."""

    kind: str
    index: Name
    first: Expr
    last: Expr
    term: Expr
    span: Span


@dataclass(frozen=True)
class Derivative:
    """``d/dx(expr)``: the exact derivative of ``expr`` in ``var``."""

    var: Name
    expr: Expr
    span: Span


@dataclass(frozen=True)
class ListLit:
    """``[1, 2, 3]`` or ``[]``: a list of numbers."""

    items: tuple[Expr, ...]
    span: Span


@dataclass(frozen=True)
class Range:
    """``[1...10]`` (step 1) or ``[0, 0.5 ... 3]`` (the step from the first two)."""

    first: Expr
    second: Expr | None
    last: Expr
    span: Span


@dataclass(frozen=True)
class Index:
    """``L[2]`` (one value, 1-based) or ``L[2...4]``, ``L[[1, 3]]`` (a list of values)."""

    target: Expr
    index: Expr
    span: Span


@dataclass(frozen=True)
class Comprehension:
    """``[k^2 for k = [1...5]]``: ``body`` for each value of ``var`` in ``source``."""

    body: Expr
    var: Name
    source: Expr
    span: Span


Expr = (
    Num
    | Name
    | Call
    | Unary
    | Sum
    | Product
    | Power
    | Factorial
    | Group
    | Piecewise
    | Series
    | Derivative
    | ListLit
    | Range
    | Index
    | Comprehension
)

#: The nodes that only lists are made of (``lists.md``).
LIST_NODES = (ListLit, Range, Index, Comprehension)


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
class Check:
    """``check f(2) = 5``, ``check 0 < a < 1``, ``check m ≈ 2``, ``check (3, 4) on f``:
    ``ops[i]`` (a relation, ``≈`` or ``on``) compares ``operands[i]`` and the next."""

    operands: tuple[Expr, ...]
    ops: tuple[str, ...]
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

    body: Body | Relation | WindowClause | Check
    restriction: Restriction | None
    span: Span
    text: str
    """The statement's source text, stripped, without its comment (the legend label)."""
    conditions: tuple[Condition, ...] = ()
    """``{0 < x < 5}`` at the end of the statement: drawn only where all hold."""


def substitute(node: Any, name: str, value: Expr) -> Any:
    """``node`` with every ``Name(name)`` replaced by ``value`` (a new tree; no recursion
    into a sum's or derivative's own index or variable)."""
    if isinstance(node, Name):
        return value if node.id == name else node
    if isinstance(node, tuple):
        return tuple(substitute(item, name, value) for item in node)
    if not is_dataclass(node) or isinstance(node, (type, Span, Num)):
        return node
    if isinstance(node, Comprehension) and node.var.id == name:
        return replace(node, source=substitute(node.source, name, value))
    if isinstance(node, Series) and node.index.id == name:
        return replace(
            node, first=substitute(node.first, name, value), last=substitute(node.last, name, value)
        )
    changes = {
        f.name: substitute(getattr(node, f.name), name, value)
        for f in fields(node)
        if not (isinstance(node, Derivative) and f.name == "var")
    }
    return replace(node, **changes)


def children(node: object) -> tuple[object, ...]:
    """The direct sub-nodes of any tree node."""
    if isinstance(node, (Num, Name)):  # leaves first: a table's column is thousands of them
        return ()
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
    if isinstance(node, (Condition, Check)):
        return node.operands
    if isinstance(node, Piecewise):
        items: list[object] = [part for branch in node.branches for part in branch]
        return (*items, node.default) if node.default is not None else tuple(items)
    if isinstance(node, Series):
        return (node.index, node.first, node.last, node.term)
    if isinstance(node, ListLit):
        return node.items
    if isinstance(node, Range):
        middle = () if node.second is None else (node.second,)
        return (node.first, *middle, node.last)
    if isinstance(node, Index):
        return (node.target, node.index)
    if isinstance(node, Comprehension):
        return (node.body, node.source)  # its variable is not a use of that variable
    if isinstance(node, Derivative):
        return (node.expr,)  # its variable is not a use of that variable
    if isinstance(node, Line):
        parts: tuple[object, ...] = (node.body,)
        if node.restriction is not None:
            parts += (node.restriction,)
        return parts + node.conditions
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
    stack: list[tuple[object, frozenset[str]]] = [(node, frozenset())]
    while stack:
        n, bound = stack.pop()
        if isinstance(n, Name) and n.id in PLOT_VARIABLES and n.id not in bound:
            found.append(n)
        elif isinstance(n, Call) and n.func in PLOT_VARIABLES and n.func not in bound:
            found.append(Name(n.func, n.func_span))
        if isinstance(n, Comprehension):
            # `[x^2 for x = [1...3]]`: the comprehension's own x is no plot variable
            stack.append((n.source, bound))
            stack.append((n.body, bound | {n.var.id}))
            continue
        stack.extend((child, bound) for child in reversed(children(n)))
    return found


def show(node: object) -> str:
    """A compact S-expression of an expression, for tests and debugging."""
    if isinstance(node, Num):
        return repr(node.value)
    if isinstance(node, Name):
        return node.id
    if isinstance(node, Call):
        head = node.func + "".join("'" if p == 0 else f"'{p}" for p in node.primes)
        return "(" + " ".join([head, *(show(a) for a in node.args)]) + ")"
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
    if isinstance(node, Condition):
        parts = [show(node.operands[0])]
        for op, operand in zip(node.ops, node.operands[1:], strict=True):
            parts += [op, show(operand)]
        return " ".join(parts)
    if isinstance(node, Piecewise):
        items = [f"{show(c)}: {show(v)}" for c, v in node.branches]
        if node.default is not None:
            items.append(show(node.default))
        return "{" + ", ".join(items) + "}"
    if isinstance(node, Series):
        parts = [node.kind, node.index.id, show(node.first), show(node.last), show(node.term)]
        return "(" + " ".join(parts) + ")"
    if isinstance(node, Derivative):
        return f"(d/d{node.var.id} {show(node.expr)})"
    if isinstance(node, ListLit):
        return "[" + ", ".join(show(i) for i in node.items) + "]"
    if isinstance(node, Range):
        middle = "" if node.second is None else f", {show(node.second)}"
        return f"[{show(node.first)}{middle} ... {show(node.last)}]"
    if isinstance(node, Index):
        return f"(index {show(node.target)} {show(node.index)})"
    if isinstance(node, Comprehension):
        return f"[{show(node.body)} for {node.var.id} = {show(node.source)}]"
    return type(node).__name__
