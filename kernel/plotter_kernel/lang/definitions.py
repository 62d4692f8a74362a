"""User definitions (functions and parameters), their dependency order and cycles."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import Span
from .syntax import Call, Expr, Name, walk


@dataclass(frozen=True)
class Definition:
    """A user function (``params`` is a tuple) or parameter (``params`` is ``None``)."""

    name: str
    params: tuple[str, ...] | None
    body: Expr
    text: str
    """The defining statement as typed, e.g. ``f(x) = 3x^2 + 1``."""
    name_span: Span
    source: str = ""
    """The whole source line, parsed again when the names it may mean change."""
    degrees: bool = False
    """Whether it was read in degrees (and is read so again)."""

    @property
    def is_function(self) -> bool:
        return self.params is not None


def references(definition: Definition) -> list[tuple[str, Span]]:
    """Names the body refers to (calls and plain names), minus the function's own inputs."""
    local = set(definition.params or ())
    found: list[tuple[str, Span]] = []
    for node in walk(definition.body):
        if isinstance(node, Call):
            found.append((node.func, node.func_span))
        elif isinstance(node, Name) and node.id not in local:
            found.append((node.id, node.span))
    return found


class Graph:
    """The "refers to" graph of a definition table, analysed without recursion."""

    def __init__(self, table: Mapping[str, Definition]):
        self.table = table
        self.edges = {
            name: [(ref, span) for ref, span in references(d) if ref in table]
            for name, d in table.items()
        }

    def order(self) -> tuple[list[str], set[str]]:
        """Names with dependencies first (Tarjan's SCC order), and the names on a cycle."""
        index: dict[str, int] = {}
        low: dict[str, int] = {}
        on_stack: set[str] = set()
        stack: list[str] = []
        order: list[str] = []
        cyclic: set[str] = set()
        for root in self.table:
            if root in index:
                continue
            work = [(root, 0)]
            while work:
                node, i = work.pop()
                if i == 0:
                    index[node] = low[node] = len(index)
                    stack.append(node)
                    on_stack.add(node)
                edges = self.edges[node]
                if i < len(edges):
                    work.append((node, i + 1))
                    nxt = edges[i][0]
                    if nxt not in index:
                        work.append((nxt, 0))
                    elif nxt in on_stack:
                        low[node] = min(low[node], index[nxt])
                    continue
                if work and work[-1][1] > 0:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    order.extend(reversed(component))
                    if len(component) > 1 or any(r == node for r, _ in self.edges[node]):
                        cyclic.update(component)
        return order, cyclic

    def cycle_from(self, name: str, members: set[str]) -> tuple[list[str], Span]:
        """A shortest path ``name -> ... -> name`` inside ``members`` and its first reference."""
        for ref, span in self.edges[name]:
            if ref == name:
                return [name, name], span
        first: dict[str, Span] = {}
        parents: dict[str, str] = {}
        frontier = []
        for ref, span in self.edges[name]:
            if ref in members and ref not in first:
                first[ref] = span
                parents[ref] = name
                frontier.append(ref)
        while frontier:
            following = []
            for node in frontier:
                for ref, _ in self.edges[node]:
                    if ref == name:
                        path = [node]
                        while parents[path[-1]] != name:
                            path.append(parents[path[-1]])
                        path.reverse()
                        return [name, *path, name], first[path[0]]
                    if ref in members and ref not in parents:
                        parents[ref] = node
                        following.append(ref)
            frontier = following
        return [name, name], self.table[name].name_span


def cycle_message(path: list[str]) -> str:
    """One sentence describing a cycle found by :meth:`Graph.cycle_from`."""
    if len(path) == 2:
        return f"{path[0]} refers to itself, so it can't be worked out."
    return (
        f"{path[0]} refers to {path[1]}, which leads back to {path[0]}, so it can't be worked out."
    )


class ValueMemo:
    """Parameter values (numbers or lists) kept across cells (a cell must not recompute
    ``p = f18(1, 1)``).

    A value stays valid while every definition it uses, directly or through others,
    is the very same object as when it was computed (a name not defined then must
    still not be defined).
    """

    def __init__(self) -> None:
        self._values: dict[str, tuple[Any, dict[str, Definition | None]]] = {}

    def get(self, name: str, table: Mapping[str, Definition]) -> Any:
        """The remembered value of ``name``, or ``None`` if anything it uses changed."""
        entry = self._values.get(name)
        if entry is None:
            return None
        value, used = entry
        if all(table.get(other) is definition for other, definition in used.items()):
            return value
        del self._values[name]
        return None

    def put(self, name: str, value: Any, table: Mapping[str, Definition]) -> None:
        """Remember ``value`` with the definitions it was computed from."""
        used: dict[str, Definition | None] = {}
        stack = [name]
        while stack:
            current = stack.pop()
            if current in used:
                continue
            definition = table.get(current)
            used[current] = definition
            if definition is not None:
                stack.extend(ref for ref, _ in references(definition))
        self._values[name] = (value, used)

    def clear(self) -> None:
        self._values.clear()
