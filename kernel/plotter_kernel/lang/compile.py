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
from typing import Any

import numpy as np

from ..errors import PlotterError, ResourceLimit, Span, TimeLimit
from ..limits import Limits
from .builtins import BUILTINS, CONSTANTS, factorial, power
from .closures import Env, Fn, apply, product, relocate, sum_of, too_big, user_call
from .definitions import Definition, ValueMemo
from .derivative import INTERNAL, PROBES_FROM, derivative
from .names import hint
from .notation import MAX_TERMS, compare, piecewise, series
from .syntax import (
    PLOT_VARIABLES,
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


NUMBER_SCOPE = Scope(where="a number", hint="this needs a number")

Key = tuple[str, bool, tuple[int, ...]]
"""A compiled definition: its name, strictness and the derivatives taken (``primes``)."""


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
        self._values: dict[str, float] = {}
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
        """The value of a calculation; NaN means undefined."""
        fn = self.compile(node, scope, strict=True)
        with np.errstate(all="ignore"):
            return float(np.asarray(fn({}), dtype=float))

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
        self._compiled_body(name, False)
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

    def parameter(self, name: str, span: Span) -> float:
        """The value of a user parameter, computed once per cell."""
        try:
            return self._cached_value(name)
        except PlotterError as err:
            raise relocate(err, span, name) from None

    def function(
        self, name: str, span: Span, strict: bool = False, primes: tuple[int, ...] = ()
    ) -> Fn:
        """The compiled body of a user function, reading its inputs from the environment."""
        try:
            body = self._compiled_body(name, strict, primes)
        except PlotterError as err:
            raise relocate(err, span, name) from None
        reach = self._depth + self._reach[(name, strict, primes)]
        if reach > self._max_depth:
            raise ResourceLimit(
                "This is nested too deeply (through its functions).", span, "too-deep"
            )
        self._peak = max(self._peak, reach)
        return body

    def _cached_value(self, name: str) -> float:
        key: Key = (name, True, ())
        if key in self._failed:
            raise self._failed[key]
        if name not in self._values:
            remembered = self.memo.get(name, self.defs) if self.memo else None
            if remembered is not None:
                self._values[name] = remembered
            else:
                with self._working_on(key):
                    self._values[name] = self.evaluate(self.defs[name].body)
                if self.memo:
                    self.memo.put(name, self._values[name], self.defs)
        return self._values[name]

    def _compiled_body(self, name: str, strict: bool, primes: tuple[int, ...] = ()) -> Fn:
        key: Key = (name, strict, primes)
        if key in self._failed:
            raise self._failed[key]
        if key not in self._bodies:
            definition = self.defs[name]
            params = definition.params or ()
            scope = Scope(locals=params, where=name, owner=name)
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
            return sum_of(terms, node.span, limit if strict else None)
        if isinstance(node, Product):
            factors = [(op == "/", self.compile(f, scope, strict)) for op, f in node.factors]
            return product(factors, node.span, limit if strict else None)
        if isinstance(node, Power):
            base = self.compile(node.base, scope, strict)
            exponent = self.compile(node.exponent, scope, strict)
            return apply(power, [base, exponent], node.span, limit if strict else None)
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
        if isinstance(node, Derivative):
            var = node.var.id
            if not (var in scope.locals or var in scope.allowed):
                raise self._misplaced(node.var, scope)
            tree = derivative(node.expr, var, self._is_function(scope), self.check)
            return self.compile(tree, scope, strict)
        raise AssertionError(f"unknown node {node!r}")

    def condition(self, node: Condition, scope: Scope, strict: bool) -> Fn:
        """A closure giving a boolean array: where the whole chain holds."""
        operands = [self.compile(o, scope, strict) for o in node.operands]
        return compare(operands, node.ops)

    def _series(self, node: Series, scope: Scope, strict: bool) -> Fn:
        index = node.index.id
        if index in scope.allowed:
            scope = replace(scope, allowed=scope.allowed - {index})
        inner = replace(scope, locals=(*scope.locals, index))
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
            value = np.float64(self.parameter(name, node.span))
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
                return product(factors, node.span, self.limits.max_number if strict else None)
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
            args = [self.compile(a, scope, strict) for a in node.args]
            if name == "factorial":
                return self._factorial(args[0], node.span, strict)
            return self._timed(apply(builtin.impl, args, node.span, limit))
        if definition is None:
            raise self._unknown(name, node.func_span, scope)
        params = definition.params or ()
        if len(params) != len(node.args):
            count = "1 input" if len(params) == 1 else f"{len(params)} inputs"
            raise _arity(name, count, len(node.args), node.span)
        args = [self.compile(a, scope, strict) for a in node.args]
        body = self.function(name, node.span, strict)
        return user_call(params, args, body, self.check, node.span, name, strict)

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
