"""Compile syntax trees once into composed NumPy closures; no eval, only the builtin table.

A compiled expression is a function of an environment (variable name -> array).
*Strict* compilation is for calculations: every operation checks for overflow and
``limits.max_number`` and raises a located ``ResourceError``. Curve compilation lets
undefined and overflowing values become NaN gaps instead.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any, cast

import numpy as np

from ..errors import PlotterError, ResourceLimit, Span, TimeLimit
from ..limits import Limits
from . import lists
from .builtins import BUILTINS, CONSTANTS, ONE_LIST, Builtin, factorial, power
from .closures import Env, Fn, apply, product, relocate, sum_of, too_big, user_call
from .definitions import Definition, ValueMemo
from .derivative import INTERNAL, PROBES_FROM, derivative
from .names import hint
from .notation import MAX_TERMS, compare, piecewise, series
from .syntax import (
    LIST_NODES,
    PLOT_VARIABLES,
    Call,
    Comprehension,
    Condition,
    Derivative,
    Expr,
    Factorial,
    Group,
    Index,
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
    children,
    walk,
)

_VARIABLE_HINTS = {
    "t": "t can only be used in a parametric curve, like (cos(t), sin(t)).",
    "theta": "theta can only be used in a polar curve, like r = 1 + cos(theta).",
    "r": "r can only be used on the left of a polar curve, like r = 2cos(theta).",
}


@dataclass(frozen=True)
class Scope:
    """What plain names mean while compiling one statement."""

    allowed: frozenset[str] = frozenset()
    """Plot variables usable here."""
    locals: tuple[str, ...] = ()
    """Inputs of the function being defined."""
    where: str = "a calculation"
    """How the statement is described in messages."""
    hint: str = ""
    """Advice for a misplaced x or y."""
    owner: str | None = None
    """The function whose body this is, if any."""
    lists: frozenset[str] = frozenset()
    """Inputs (of ``locals``) that hold lists here: ``f(L)`` passes its list whole."""


NUMBER_SCOPE = Scope(where="a number", hint="this needs a number")

Key = tuple[str, bool, tuple[int, ...], tuple[str, ...]]
"""A compiled definition: its name, strictness, the derivatives taken (``primes``) and
the inputs given lists."""

Value = Any
"""A calculated value: a float, or a list (a 1-D float64 array)."""

DRAWING_LISTS = (
    "Lists are drawn as points, like (X, Y), and in curves, like y = L x; "
    "not yet in this kind of drawing."
)


class Compiler:
    """Compiles expressions against a table of definitions, caching bodies and values.

    Parameters
    ----------
    defs
        The user definitions visible to this cell.
    limits
        Number size, factorial and depth limits.
    check
        Called on every user-function call, so long evaluations notice the cell's deadline.
    broken
        Names whose definition in this cell failed, with the line of the failure.
    memo
        Parameter values kept from earlier cells, still valid while nothing they use changed.
    """

    def __init__(
        self,
        defs: Mapping[str, Definition],
        limits: Limits,
        check: Callable[[], None] = lambda: None,
        broken: Mapping[str, int] | None = None,
        memo: ValueMemo | None = None,
    ):
        self.defs = defs
        self.memo = memo
        self.limits = limits
        self.check = check
        self.broken = broken if broken is not None else {}
        self._values: dict[str, Value] = {}
        self._listy: dict[tuple[int, frozenset[str], tuple[str, ...]], tuple[Expr, bool]] = {}
        self._bodies_listy: dict[tuple[str, tuple[str, ...]], bool] = {}
        self._uses_lists: dict[str, bool] = {}
        self._bodies: dict[Key, Fn] = {}
        self._reach: dict[Key, int] = {}
        self._failed: dict[Key, PlotterError] = {}
        self._busy: set[str] = set()
        self._depth = 0
        self._peak = 0
        self._max_depth = 3 * limits.max_depth + 10

    # -- public --------------------------------------------------------------------------

    def compile(self, node: Expr, scope: Scope, strict: bool = False) -> Fn:
        """A closure computing ``node`` from an environment of variable arrays."""
        self._depth += 1
        self._peak = max(self._peak, self._depth)
        try:
            if self._depth > self._max_depth:
                raise ResourceLimit("This is nested too deeply.", node.span, "too-deep")
            return self._compile(node, scope, strict)
        finally:
            self._depth -= 1

    def evaluate(self, node: Expr, scope: Scope = NUMBER_SCOPE) -> float:
        """The value of a calculation that must be a number; NaN means undefined."""
        if self.is_list(node, scope):
            raise PlotterError(
                "TypeError", "This needs a number, not a list.", node.span, "list-not-number"
            )
        fn = self.compile(node, scope, strict=True)
        with np.errstate(all="ignore"):
            return float(np.asarray(fn({}), dtype=float))

    def value(self, node: Expr, scope: Scope = NUMBER_SCOPE) -> Value:
        """The value of a calculation: a float (NaN means undefined) or a list."""
        if not self.is_list(node, scope):
            return self.evaluate(node, scope)
        fn = self.compile(node, scope, strict=True)
        with np.errstate(all="ignore"):
            result = np.array(fn({}), dtype=float).reshape(-1)
        result.flags.writeable = False  # shared by every user of the name
        return result

    # -- lists ---------------------------------------------------------------------------

    def is_list(self, node: Expr, scope: Scope = NUMBER_SCOPE) -> bool:
        """Whether ``node`` computes a list, known before anything is computed."""
        key = (id(node), scope.lists, scope.locals)
        seen = self._listy.get(key)
        if seen is not None and seen[0] is node:
            return seen[1]
        result = self._is_list(node, scope)
        self._listy[key] = (node, result)  # the node is kept, so its id is not reused
        return result

    def _is_list(self, node: Expr, scope: Scope) -> bool:
        if isinstance(node, (ListLit, Range, Comprehension)):
            return True
        if isinstance(node, Index):
            return self.is_list(node.index, scope)
        if isinstance(node, Name):
            return self._is_list_name(node.id, scope)
        if isinstance(node, Call):
            return self._is_list_call(node, scope)
        if isinstance(node, (Num, Series, Derivative)):
            return False  # a series' bounds and a derivative refuse lists when compiled
        if isinstance(node, Piecewise):
            parts: list[Expr] = [v for _, v in node.branches]
            parts += [o for c, _ in node.branches for o in c.operands]
            if node.default is not None:
                parts.append(node.default)
            return any(self.is_list(p, scope) for p in parts)
        return any(self.is_list(cast(Expr, c), scope) for c in children(node))

    def _is_list_name(self, name: str, scope: Scope) -> bool:
        if name in scope.locals:
            return name in scope.lists
        definition = self.defs.get(name)
        if name in PLOT_VARIABLES or definition is None or definition.is_function:
            return False
        try:
            return isinstance(self._cached_value(name), np.ndarray)
        except TimeLimit:
            raise
        except PlotterError:
            return False  # reported where the name is compiled

    def _is_list_call(self, node: Call, scope: Scope) -> bool:
        name = node.func
        args = node.args
        definition = self.defs.get(name)
        if (
            name in scope.locals
            or name in PLOT_VARIABLES
            or name in CONSTANTS
            or (definition is not None and not definition.is_function)
        ):
            return self._is_list_name(name, scope) or any(self.is_list(a, scope) for a in args)
        builtin = self._builtin(name, len(args), scope, args)
        if builtin is not None:
            if builtin.kind == "list":
                return True
            if builtin.kind == "draw":
                return False  # refused where it is compiled: it has no value
            rest = args[builtin.list_args :] if builtin.kind == "reduce" else args
            return any(self.is_list(a, scope) for a in rest)
        if definition is None or len(definition.params or ()) != len(args):
            return any(self.is_list(a, scope) for a in args)
        params = definition.params or ()
        given = tuple(p for p, a in zip(params, args, strict=True) if self.is_list(a, scope))
        return self._body_is_list(name, given)

    def _builtin(
        self, name: str, count: int, scope: Scope, args: tuple[Expr, ...]
    ) -> Builtin | None:
        """The builtin a call means: ``min(L)`` and ``max(L)`` reduce one list."""
        if name not in BUILTINS:
            return None
        if name in ONE_LIST and count == 1 and self.is_list(args[0], scope):
            return ONE_LIST[name]
        return BUILTINS[name]

    def _body_is_list(self, name: str, given: tuple[str, ...]) -> bool:
        key = (name, given)
        if key not in self._bodies_listy:
            self._bodies_listy[key] = False  # a cycle (reported elsewhere) is no list
            definition = self.defs[name]
            scope = Scope(locals=definition.params or (), lists=frozenset(given), owner=name)
            self._bodies_listy[key] = self.is_list(definition.body, scope)
        return self._bodies_listy[key]

    def list_use(self, node: Expr, scope: Scope = NUMBER_SCOPE) -> Span | None:
        """Where ``node`` uses a list, directly or through a function, else ``None``
        (a parameter whose value is a number counts as a number, however computed)."""
        for n in walk(node):
            if isinstance(n, LIST_NODES):
                return n.span
            if isinstance(n, Name) and self._is_list_name(n.id, scope):
                return n.span
            if isinstance(n, Call):
                definition = self.defs.get(n.func)
                builtin = BUILTINS.get(n.func)
                if builtin is not None and (
                    builtin.kind != "each"
                    or self._builtin(n.func, len(n.args), scope, n.args) is not builtin
                ):
                    return n.span
                if definition is not None and n.func not in scope.locals:
                    if definition.is_function and self._function_uses_lists(n.func):
                        return n.span
                    if not definition.is_function and self._is_list_name(n.func, scope):
                        return n.func_span
        return None

    def _function_uses_lists(self, name: str) -> bool:
        if name not in self._uses_lists:
            self._uses_lists[name] = False  # a cycle (reported elsewhere) uses none
            definition = self.defs[name]
            scope = Scope(locals=definition.params or (), owner=name)
            self._uses_lists[name] = self.list_use(definition.body, scope) is not None
        return self._uses_lists[name]

    def refuse_lists(self, node: Expr, scope: Scope = NUMBER_SCOPE) -> None:
        """Raise the located ``list-in-drawing`` error if something drawn uses a list."""
        span = self.list_use(node, scope)
        if span is not None:
            raise PlotterError("TypeError", DRAWING_LISTS, span, "list-in-drawing")

    def frozen_value(self, name: str) -> Value | None:
        """The value of a parameter computed from lists (``a = mean(L)``) or of a list,
        which a program keeps as that number or those values; ``None`` for any other
        definition."""
        definition = self.defs.get(name)
        if definition is None or definition.is_function:
            return None
        if self.list_use(definition.body) is None:
            return None
        value = self.parameter(name, definition.name_span)
        return value if isinstance(value, np.ndarray) else float(value)

    def prepare(self, name: str) -> None:
        """Work out one definition ahead of its users (call in dependency order).

        Raises
        ------
        PlotterError
            The definition's own problem, located in its defining line.
        """
        definition = self.defs[name]
        if not definition.is_function:
            self._cached_value(name)
            return
        try:
            self._compiled_body(name, False)
        except PlotterError as err:
            if err.code != "needs-list":
                raise
            return  # `f(L) = mean(L)`: a function of a list, compiled when called with one
        try:
            self._compiled_body(name, True)
        except TimeLimit:
            raise
        except PlotterError:
            pass  # kept in _failed; only a calculation calling it reports this

    def forget(self, name: str) -> None:
        """Drop what was worked out for ``name`` (its definition changed)."""
        self._values.pop(name, None)
        for cache in (self._bodies, self._reach, self._failed):
            for key in [k for k in cache if k[0] == name]:
                cache.pop(key, None)

    def parameter(self, name: str, span: Span) -> Value:
        """The value of a user parameter (a float or a list), computed once per cell."""
        try:
            return self._cached_value(name)
        except PlotterError as err:
            raise relocate(err, span, name) from None

    def function(
        self,
        name: str,
        span: Span,
        strict: bool = False,
        primes: tuple[int, ...] = (),
        given: tuple[str, ...] = (),
    ) -> Fn:
        """The compiled body of a user function, reading its inputs from the environment
        (``given``: the inputs that are lists)."""
        try:
            body = self._compiled_body(name, strict, primes, given)
        except PlotterError as err:
            raise relocate(err, span, name) from None
        reach = self._depth + self._reach[(name, strict, primes, given)]
        if reach > self._max_depth:
            raise ResourceLimit(
                "This is nested too deeply (through its functions).", span, "too-deep"
            )
        self._peak = max(self._peak, reach)
        return body

    def _cached_value(self, name: str) -> Value:
        key: Key = (name, True, (), ())
        if key in self._failed:
            raise self._failed[key]
        if name not in self._values:
            remembered = self.memo.get(name, self.defs) if self.memo else None
            if remembered is not None:
                self._values[name] = remembered
            else:
                with self._working_on(key):
                    self._values[name] = self.value(self.defs[name].body)
                if self.memo:
                    self.memo.put(name, self._values[name], self.defs)
        return self._values[name]

    def _compiled_body(
        self, name: str, strict: bool, primes: tuple[int, ...] = (), given: tuple[str, ...] = ()
    ) -> Fn:
        key: Key = (name, strict, primes, given)
        if key in self._failed:
            raise self._failed[key]
        if key not in self._bodies:
            definition = self.defs[name]
            params = definition.params or ()
            scope = Scope(locals=params, where=name, owner=name, lists=frozenset(given))
            with self._working_on(key):
                body = definition.body
                for index in primes:
                    body = derivative(body, params[index], self._is_function(scope), self.check)
                self._bodies[key] = self.compile(body, scope, strict)
                self._reach[key] = self._peak
        return self._bodies[key]

    def _is_function(self, scope: Scope) -> Callable[[str], bool]:
        """What a called name is while differentiating in ``scope``."""

        def is_function(name: str) -> bool:
            if name in scope.locals or name in PLOT_VARIABLES or name in CONSTANTS:
                return False
            definition = self.defs.get(name)
            return definition is None or definition.is_function

        return is_function

    @contextmanager
    def _working_on(self, key: Key) -> Iterator[None]:
        """Work out one definition on a fresh depth count, catching cycles and keeping failures."""
        name = key[0]
        if name in self._busy:
            raise PlotterError(
                "ValueError", f"{name} refers to itself.", self.defs[name].name_span, "cycle"
            )
        depth, peak = self._depth, self._peak
        self._depth = self._peak = 0
        self._busy.add(name)
        try:
            yield
        except PlotterError as err:
            self._failed[key] = err
            raise
        finally:
            self._busy.discard(name)
            self._depth, self._peak = depth, peak

    def suggestion(self, name: str, scope: Scope) -> str:
        """Hints for an unknown name: a close spelling, or the product or call it may mean."""
        known = {*scope.locals, *PLOT_VARIABLES, *CONSTANTS, *self.defs}
        pool = [*BUILTINS, *CONSTANTS, *self.defs, *scope.locals, *sorted(scope.allowed), "theta"]
        return hint(name, known, pool)

    # -- nodes ---------------------------------------------------------------------------

    def _compile(self, node: Expr, scope: Scope, strict: bool) -> Fn:
        limit = self.limits.max_number
        if isinstance(node, Num):
            value = np.float64(node.value)
            if strict:
                too_big(value, node.span, limit)
            return lambda env: value
        if isinstance(node, Name):
            return self._name(node, scope)
        if isinstance(node, Call):
            return self._call(node, scope, strict)
        if isinstance(node, Unary):
            operand = self.compile(node.operand, scope, strict)
            return (lambda env: -operand(env)) if node.op == "-" else operand
        if isinstance(node, Sum):
            terms = [(sign == "-", self.compile(t, scope, strict)) for sign, t in node.terms]
            flags = tuple(self.is_list(t, scope) for _, t in node.terms)
            return sum_of(terms, node.span, limit if strict else None, flags)
        if isinstance(node, Product):
            factors = [(op == "/", self.compile(f, scope, strict)) for op, f in node.factors]
            flags = tuple(self.is_list(f, scope) for _, f in node.factors)
            return product(factors, node.span, limit if strict else None, flags)
        if isinstance(node, Power):
            base = self.compile(node.base, scope, strict)
            exponent = self.compile(node.exponent, scope, strict)
            flags = (self.is_list(node.base, scope), self.is_list(node.exponent, scope))
            return apply(power, [base, exponent], node.span, limit if strict else None, flags)
        if isinstance(node, Factorial):
            operand = self.compile(node.operand, scope, strict)
            return self._factorial(operand, node.span, strict)
        if isinstance(node, Group):
            raise PlotterError(
                "TypeError",
                "A point (a, b) can't be used inside a calculation.",
                node.span,
                "point-in-expression",
            )
        if isinstance(node, Piecewise):
            branches = [
                (self.condition(c, scope, strict), self.compile(v, scope, strict))
                for c, v in node.branches
            ]
            default = None if node.default is None else self.compile(node.default, scope, strict)
            return piecewise(branches, default)
        if isinstance(node, Series):
            return self._series(node, scope, strict)
        if isinstance(node, (ListLit, Range, Index, Comprehension)):
            return self._list(node, scope, strict)
        if isinstance(node, Derivative):
            var = node.var.id
            if not (var in scope.locals or var in scope.allowed):
                raise self._misplaced(node.var, scope)
            tree = derivative(node.expr, var, self._is_function(scope), self.check)
            return self.compile(tree, scope, strict)
        raise AssertionError(f"unknown node {node!r}")

    def _number(self, node: Expr, scope: Scope, strict: bool) -> Fn:
        """``node`` compiled where only a number fits (an item of a list, a range's end)."""
        if self.is_list(node, scope):
            raise PlotterError(
                "TypeError", "A list holds numbers, not lists.", node.span, "nested-list"
            )
        return self.compile(node, scope, strict)

    def _plain_numbers(self, node: ListLit, strict: bool) -> Fn | None:
        """A list of written numbers (a table's column) as one array, checked at once.

        A table of 10 000 rows would otherwise compile 10 000 closures per column.
        ``None`` when an item is not a number, or one is too big: the item by item
        path then compiles it and locates the error.
        """
        numbers = [item.value for item in node.items if isinstance(item, Num)]
        if len(numbers) != len(node.items):
            return None
        values = np.array(numbers, dtype=float)
        if strict and np.any(np.abs(values) > self.limits.max_number):
            return None
        return lambda env: values.copy()

    def _list(
        self, node: ListLit | Range | Index | Comprehension, scope: Scope, strict: bool
    ) -> Fn:
        most = self.limits.max_samples
        if isinstance(node, ListLit):
            if len(node.items) > most:
                raise lists.too_long(len(node.items), most, node.span, "this list")
            plain = self._plain_numbers(node, strict)
            if plain is not None:
                return plain
            return lists.literal([self._number(item, scope, strict) for item in node.items])
        if isinstance(node, Range):
            first = self._number(node.first, scope, strict)
            second = None if node.second is None else self._number(node.second, scope, strict)
            last = self._number(node.last, scope, strict)
            return lists.ranged(first, second, last, node.span, most)
        if isinstance(node, Index):
            if not self.is_list(node.target, scope):
                raise PlotterError(
                    "TypeError",
                    "Only a list has values to take with [ ], like L[1].",
                    node.target.span,
                    "not-a-list",
                )
            target = self.compile(node.target, scope, strict)
            index = self.compile(node.index, scope, strict)
            name = node.target.id if isinstance(node.target, Name) else None
            return lists.take(target, index, name, node.span, strict)
        var = node.var.id
        if not self.is_list(node.source, scope):
            raise PlotterError(
                "TypeError",
                f"{var} takes the values of a list, like [k^2 for k = [1...5]].",
                node.source.span,
                "not-a-list",
            )
        if isinstance(node.body, Group):
            raise PlotterError(
                "TypeError",
                "A list of points is drawn on a line of its own, like "
                "[(k, k^2) for k = [1...5]]; a list in a calculation holds numbers.",
                node.body.span,
                "list-in-drawing",
            )
        source = self.compile(node.source, scope, strict)
        inner = replace(
            scope,
            locals=(*scope.locals, var),
            lists=scope.lists - {var},
            allowed=scope.allowed - {var},
        )
        body = self._number(node.body, inner, strict)
        return lists.comprehension(body, var, source, self.check)

    def condition(self, node: Condition, scope: Scope, strict: bool) -> Fn:
        """A closure giving a boolean array: where the whole chain holds."""
        operands = [self.compile(o, scope, strict) for o in node.operands]
        return compare(operands, node.ops)

    def _series(self, node: Series, scope: Scope, strict: bool) -> Fn:
        index = node.index.id
        if index in scope.allowed:
            scope = replace(scope, allowed=scope.allowed - {index})
        inner = replace(scope, locals=(*scope.locals, index), lists=scope.lists - {index})
        for bound in (node.first, node.last):
            if self.is_list(bound, scope):
                raise PlotterError(
                    "TypeError",
                    f"The bounds of {node.kind} are numbers, not lists.",
                    bound.span,
                    "list-not-number",
                )
        if self.is_list(node.term, inner):
            raise PlotterError(
                "TypeError",
                f"The terms of {node.kind} are numbers, not lists: for a list use total(L).",
                node.term.span,
                "list-not-number",
            )
        first = self.compile(node.first, scope, strict)
        last = self.compile(node.last, scope, strict)
        term = self.compile(node.term, inner, strict)
        variables = {*scope.locals, *scope.allowed}
        constant = not any(
            isinstance(n, Name) and n.id in variables
            for bound in (node.first, node.last)
            for n in walk(bound)
        )
        most = MAX_TERMS
        if constant:
            lo = self.evaluate(node.first, scope)
            hi = self.evaluate(node.last, scope)
            if math.isfinite(lo) and math.isfinite(hi) and hi - lo + 1 > most:
                raise ResourceLimit(
                    f"A {node.kind} has at most {most} terms; this one has {hi - lo + 1:g}.",
                    node.span,
                    "too-many-terms",
                )
        limit = self.limits.max_number if strict else None
        return series(node, first, last, term, most, self.check, strict, limit)

    def _name(self, node: Name, scope: Scope) -> Fn:
        name = node.id
        if name in scope.locals or (name in PLOT_VARIABLES and name in scope.allowed):
            return lambda env: env[name]
        if name in PLOT_VARIABLES:
            raise self._misplaced(node, scope)
        definition = self.defs.get(name)
        if definition is not None and not definition.is_function:
            found = self.parameter(name, node.span)
            value = found if isinstance(found, np.ndarray) else np.float64(found)
            return lambda env: value
        if name in CONSTANTS:
            constant = np.float64(CONSTANTS[name].value)
            return lambda env: constant
        if definition is not None or name in BUILTINS:
            raise PlotterError(
                "TypeError",
                f"{name} is a function: give it an input, like {name}(x).",
                node.span,
                "needs-input",
            )
        raise self._unknown(name, node.span, scope)

    def _misplaced(self, node: Name, scope: Scope) -> PlotterError:
        name = node.id
        if scope.owner is not None:
            inputs = ", ".join([*scope.locals, name])
            message = (
                f"{name} is not an input of {scope.owner}: list it in the brackets, "
                f"like {scope.owner}({inputs})."
            )
            return PlotterError("NameError", message, node.span, "free-variable")
        if name in _VARIABLE_HINTS:
            message = _VARIABLE_HINTS[name]
        else:
            message = f"{name} can't be used in {scope.where}" + (
                f": {scope.hint}." if scope.hint else "."
            )
        return PlotterError("NameError", message, node.span, "variable-not-allowed")

    def _unknown(self, name: str, span: Span, scope: Scope) -> PlotterError:
        if name in self.broken:
            return PlotterError(
                "NameError",
                f"{name} has an error on line {self.broken[name] + 1}, so it can't be used.",
                span,
                "broken-definition",
            )
        return PlotterError(
            "NameError",
            f"Unknown name {name!r}." + self.suggestion(name, scope),
            span,
            "unknown-name",
        )

    def _call(self, node: Call, scope: Scope, strict: bool) -> Fn:
        name = node.func
        definition = self.defs.get(name)
        is_number = name in scope.locals or name in PLOT_VARIABLES or name in CONSTANTS
        if is_number or (definition is not None and not definition.is_function):
            if len(node.args) == 1 and not node.primes:
                # `a(x - 1)`, `x(x - 1)`: a value before a bracket multiplies.
                factors = [(False, self._name(Name(name, node.func_span), scope))]
                factors.append((False, self.compile(node.args[0], scope, strict)))
                flags = (self._is_list_name(name, scope), self.is_list(node.args[0], scope))
                limit = self.limits.max_number if strict else None
                return product(factors, node.span, limit, flags)
            raise PlotterError(
                "TypeError",
                f"{name} is a number, not a function: write {name}*(...) to multiply.",
                node.func_span,
                "not-a-function",
            )
        limit = self.limits.max_number if strict else None
        if name in INTERNAL:
            probes = PROBES_FROM.get(name, len(node.args))
            args = [self.compile(a, scope, strict and i < probes) for i, a in enumerate(node.args)]
            return apply(INTERNAL[name], args, node.span, limit)
        if node.primes:
            return self._primed(node, scope, strict)
        if name in BUILTINS:
            builtin = BUILTINS[name]
            if not builtin.accepts(len(node.args)):
                raise _arity(name, builtin.arity_text(), len(node.args), node.span)
            return self._builtin_call(node, scope, strict)
        if definition is None:
            raise self._unknown(name, node.func_span, scope)
        params = definition.params or ()
        if len(params) != len(node.args):
            count = "1 input" if len(params) == 1 else f"{len(params)} inputs"
            raise _arity(name, count, len(node.args), node.span)
        args = [self.compile(a, scope, strict) for a in node.args]
        given = tuple(p for p, a in zip(params, node.args, strict=True) if self.is_list(a, scope))
        body = self.function(name, node.span, strict, (), given)
        return user_call(params, args, body, self.check, node.span, name, strict)

    def _builtin_call(self, node: Call, scope: Scope, strict: bool) -> Fn:
        """A builtin: value by value over lists (``sin(L)``), or a statistic of lists."""
        name = node.func
        limit = self.limits.max_number if strict else None
        builtin = self._builtin(name, len(node.args), scope, node.args)
        assert builtin is not None
        if name in ONE_LIST and len(node.args) == 1 and builtin is not ONE_LIST[name]:
            raise PlotterError(
                "TypeError",
                f"{name} of one input needs a list, like {name}([3, 1, 2]); "
                f"or give it several numbers, like {name}(a, b).",
                node.span,
                "needs-list",
            )
        if builtin.kind == "draw":
            raise PlotterError(
                "TypeError",
                f"{name} draws on a line of its own, like {builtin.signature}; "
                "it has no value to use here.",
                node.span,
                "draw-in-expression",
            )
        flags = tuple(self.is_list(a, scope) for a in node.args)
        if builtin.kind != "each":
            for arg, is_list in zip(node.args[: builtin.list_args], flags, strict=False):
                if not is_list:
                    example = ", ".join(["[1, 2, 3]"] * builtin.list_args)
                    raise PlotterError(
                        "TypeError",
                        f"{name} needs a list, like {name}({example}"
                        + (", 1)." if builtin.max_args != builtin.list_args else ")."),
                        arg.span,
                        "needs-list",
                    )
            # only the lists a statistic pairs up must agree (cov(X, Y), not quartile(L, Q))
            flags = flags[: builtin.list_args] + (False,) * (len(flags) - builtin.list_args)
        args = [self.compile(a, scope, strict) for a in node.args]
        if name == "factorial":
            return self._factorial(args[0], node.span, strict)
        return self._timed(apply(builtin.impl, args, node.span, limit, flags))

    def _primed(self, node: Call, scope: Scope, strict: bool) -> Fn:
        """``f'(x)``, ``f''(x)``: the derivative of a function of one input, at its input."""
        name = node.func
        definition = self.defs.get(name)
        ticks = "'" * len(node.primes)
        if definition is None and name not in BUILTINS:
            raise self._unknown(name, node.func_span, scope)
        params = definition.params or () if definition is not None else ("@u",)
        if len(params) != 1 or len(node.args) != 1:
            raise PlotterError(
                "TypeError",
                f"{name}{ticks} is only for a function of one input, like {name}{ticks}(x).",
                node.span,
                "wrong-arity",
            )
        args = [self.compile(a, scope, strict) for a in node.args]
        if definition is not None:
            body = self.function(name, node.span, strict, node.primes)
        else:
            tree: Expr = Call(name, node.func_span, (Name("@u", node.span),), node.span)
            inner = Scope(locals=("@u",), where=name)
            for _ in node.primes:
                tree = derivative(tree, "@u", self._is_function(inner), self.check)
            body = self.compile(tree, inner, strict)
        return user_call(params, args, body, self.check, node.span, name + ticks, strict)

    def _timed(self, fn: Fn) -> Fn:
        """``fn`` checking the cell's deadline first: a builtin over a whole grid is slow."""
        check = self.check

        def run(env: Env) -> Any:
            check()
            return fn(env)

        return run

    def _factorial(self, operand: Fn, span: Span, strict: bool) -> Fn:
        limit = self.limits.max_number
        most = largest_factorial(self.limits.max_factorial, limit)
        check = self.check

        def run(env: Env) -> Any:
            check()
            n = operand(env)
            if strict and np.any(np.asarray(n) > most):
                raise ResourceLimit(
                    f"Factorials only go up to {most}!; this one is too big.",
                    span,
                    code="factorial-limit",
                )
            result = factorial(n)
            if strict:
                too_big(result, span, limit)
            return result

        return run


def largest_factorial(most: int, limit: float) -> int:
    """The largest n with n <= ``most`` whose n! is at most ``limit``, so that the
    factorial message ("only go up to n!") and the size message never disagree."""
    n, value = 0, 1.0
    while n < most and value * (n + 1) <= limit:
        n += 1
        value *= n
    return n


def _arity(name: str, wanted: str, given: int, span: Span) -> PlotterError:
    return PlotterError(
        "TypeError",
        f"{name} takes {wanted}, but {given} {'was' if given == 1 else 'were'} given.",
        span,
        "wrong-arity",
    )
