/**
 * User definitions (functions and parameters), their dependency order and cycles
 * (a port of the Python kernel's `lang/definitions.py`).
 */

import type { ISpan } from '../errors';
import { Node, walk } from './syntax';
import type { Value } from './values';

/** A user function (`params` an array) or parameter (`params` null). */
export interface IDefinition {
  name: string;
  params: string[] | null;
  body: Node;
  /** The defining statement as typed, e.g. `f(x) = 3x^2 + 1`. */
  text: string;
  nameSpan: ISpan;
  /** The whole source line, parsed again when the names it may mean change. */
  source: string;
  /** Whether it was read in degrees (and is read so again). */
  degrees?: boolean;
}

export type Table = Map<string, IDefinition>;

/** Names the body refers to (calls and plain names), minus the function's own inputs. */
export function references(definition: IDefinition): Array<[string, ISpan]> {
  const local = new Set(definition.params ?? []);
  const found: Array<[string, ISpan]> = [];
  for (const node of walk(definition.body)) {
    if (node.type === 'call') {
      found.push([node.func, node.funcSpan]);
    } else if (node.type === 'name' && !local.has(node.id)) {
      found.push([node.id, node.span]);
    }
  }
  return found;
}

/** The "refers to" graph of a definition table, analysed without recursion. */
export class Graph {
  constructor(readonly table: ReadonlyMap<string, IDefinition>) {
    this.edges = new Map();
    for (const [id, d] of table) {
      this.edges.set(
        id,
        references(d).filter(([ref]) => table.has(ref))
      );
    }
  }

  /** Names with dependencies first (Tarjan's SCC order), and the names on a cycle. */
  order(): [string[], Set<string>] {
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const onStack = new Set<string>();
    const stack: string[] = [];
    const order: string[] = [];
    const cyclic = new Set<string>();
    for (const root of this.table.keys()) {
      if (index.has(root)) {
        continue;
      }
      const work: Array<[string, number]> = [[root, 0]];
      while (work.length) {
        const [node, i] = work.pop() as [string, number];
        if (i === 0) {
          index.set(node, index.size);
          low.set(node, index.get(node) as number);
          stack.push(node);
          onStack.add(node);
        }
        const edges = this.edges.get(node) as Array<[string, ISpan]>;
        if (i < edges.length) {
          work.push([node, i + 1]);
          const nxt = edges[i][0];
          if (!index.has(nxt)) {
            work.push([nxt, 0]);
          } else if (onStack.has(nxt)) {
            low.set(
              node,
              Math.min(low.get(node) as number, index.get(nxt) as number)
            );
          }
          continue;
        }
        if (work.length && work[work.length - 1][1] > 0) {
          const parent = work[work.length - 1][0];
          low.set(
            parent,
            Math.min(low.get(parent) as number, low.get(node) as number)
          );
        }
        if (low.get(node) === index.get(node)) {
          const component: string[] = [];
          for (;;) {
            const member = stack.pop() as string;
            onStack.delete(member);
            component.push(member);
            if (member === node) {
              break;
            }
          }
          order.push(...component.reverse());
          if (component.length > 1 || edges.some(([r]) => r === node)) {
            component.forEach(m => cyclic.add(m));
          }
        }
      }
    }
    return [order, cyclic];
  }

  /** A shortest path `name -> ... -> name` inside `members` and its first reference. */
  cycleFrom(id: string, members: ReadonlySet<string>): [string[], ISpan] {
    const edges = this.edges.get(id) as Array<[string, ISpan]>;
    for (const [ref, where] of edges) {
      if (ref === id) {
        return [[id, id], where];
      }
    }
    const first = new Map<string, ISpan>();
    const parents = new Map<string, string>();
    let frontier: string[] = [];
    for (const [ref, where] of edges) {
      if (members.has(ref) && !first.has(ref)) {
        first.set(ref, where);
        parents.set(ref, id);
        frontier.push(ref);
      }
    }
    while (frontier.length) {
      const following: string[] = [];
      for (const node of frontier) {
        for (const [ref] of this.edges.get(node) as Array<[string, ISpan]>) {
          if (ref === id) {
            const path = [node];
            while (parents.get(path[path.length - 1]) !== id) {
              path.push(parents.get(path[path.length - 1]) as string);
            }
            path.reverse();
            return [[id, ...path, id], first.get(path[0]) as ISpan];
          }
          if (members.has(ref) && !parents.has(ref)) {
            parents.set(ref, node);
            following.push(ref);
          }
        }
      }
      frontier = following;
    }
    return [[id, id], (this.table.get(id) as IDefinition).nameSpan];
  }

  readonly edges: Map<string, Array<[string, ISpan]>>;
}

/** One sentence describing a cycle found by `Graph.cycleFrom`. */
export function cycleMessage(path: string[]): string {
  if (path.length === 2) {
    return `${path[0]} refers to itself, so it can't be worked out.`;
  }
  return (
    `${path[0]} refers to ${path[1]}, which leads back to ${path[0]}, ` +
    "so it can't be worked out."
  );
}

/**
 * Parameter values kept across cells (a cell must not recompute `p = f18(1, 1)`).
 *
 * A value stays valid while every definition it uses, directly or through others,
 * is the very same object as when it was computed.
 */
export class ValueMemo {
  /** The remembered value (a number or a list) of `id`, or null if anything it uses changed. */
  get(id: string, table: ReadonlyMap<string, IDefinition>): Value | null {
    const entry = this._values.get(id);
    if (entry === undefined) {
      return null;
    }
    const [value, used] = entry;
    for (const [other, definition] of used) {
      if ((table.get(other) ?? null) !== definition) {
        this._values.delete(id);
        return null;
      }
    }
    return value;
  }

  put(id: string, value: Value, table: ReadonlyMap<string, IDefinition>): void {
    const used = new Map<string, IDefinition | null>();
    const stack = [id];
    while (stack.length) {
      const current = stack.pop() as string;
      if (used.has(current)) {
        continue;
      }
      const definition = table.get(current) ?? null;
      used.set(current, definition);
      if (definition !== null) {
        stack.push(...references(definition).map(([ref]) => ref));
      }
    }
    this._values.set(id, [value, used]);
  }

  clear(): void {
    this._values.clear();
  }

  private _values = new Map<string, [Value, Map<string, IDefinition | null>]>();
}
