/**
 * The Plotter syntax tree: small immutable nodes, each with its exact source span
 * (a port of the Python kernel's `lang/syntax.py`).
 */

import { PLOT_VARIABLES } from './builtins';
import type { ISpan } from '../errors';

export { PLOT_VARIABLES };

export type Node =
  | { type: 'num'; value: number; span: ISpan }
  | { type: 'name'; id: string; span: ISpan }
  | {
      type: 'call';
      func: string;
      funcSpan: ISpan;
      args: Node[];
      span: ISpan;
      /** Whitespace between the name and `(`. */
      spaced: boolean;
      /** Derivatives taken of the function first, by input index: `f''(x)` is [0, 0]. */
      primes: number[];
    }
  | { type: 'unary'; op: string; operand: Node; span: ISpan }
  | { type: 'sum'; terms: Array<[string, Node]>; span: ISpan }
  | { type: 'product'; factors: Array<[string, Node]>; span: ISpan }
  | { type: 'power'; base: Node; exponent: Node; span: ISpan }
  | { type: 'factorial'; operand: Node; span: ISpan }
  | { type: 'group'; items: Node[]; span: ISpan }
  | {
      type: 'piecewise';
      branches: Array<[ICondition, Node]>;
      default: Node | null;
      span: ISpan;
    }
  | {
      type: 'series';
      kind: 'sum' | 'prod';
      index: NameNode;
      first: Node;
      last: Node;
      term: Node;
      span: ISpan;
    }
  | { type: 'derivative'; variable: NameNode; expr: Node; span: ISpan }
  /** `[1, 2, 3]` or `[]`: a list of numbers. */
  | { type: 'list'; items: Node[]; span: ISpan }
  /** `[1...10]` (step 1) or `[0, 0.5 ... 3]` (the step from the first two). */
  | {
      type: 'range';
      first: Node;
      second: Node | null;
      last: Node;
      span: ISpan;
    }
  /** `L[2]` (one value, 1-based) or `L[2...4]`, `L[[1, 3]]` (a list of values). */
  | { type: 'index'; target: Node; index: Node; span: ISpan }
  /** `[k^2 for k = [1...5]]`: `body` for each value of `variable` in `source`. */
  | {
      type: 'comprehension';
      body: Node;
      variable: NameNode;
      source: Node;
      span: ISpan;
    };

/** The node types that only lists are made of (`docs/lists.md`). */
export const LIST_NODES: ReadonlySet<string> = new Set([
  'list',
  'range',
  'index',
  'comprehension'
]);

export type NodeOf<T extends Node['type']> = Extract<Node, { type: T }>;
export type NameNode = NodeOf<'name'>;
export type CallNode = NodeOf<'call'>;
export type GroupNode = NodeOf<'group'>;

/** `a < b`, or a chain `a < x <= b`. */
export interface ICondition {
  type: 'condition';
  operands: Node[];
  ops: string[];
  span: ISpan;
}

/** Top-level comma-separated expressions (a list of points). */
export interface ISeq {
  type: 'seq';
  items: Node[];
  span: ISpan;
}

export type Body = Node | ISeq;

export interface IInterval {
  type: 'interval';
  lo: Node;
  hi: Node;
  span: ISpan;
}

export interface IRelation {
  type: 'relation';
  op: string;
  left: Body;
  right: Body;
  opSpan: ISpan;
  span: ISpan;
}

/**
 * `check f(2) = 5`, `check 0 < a < 1`, `check m ≈ 2`, `check (3, 4) on f`: `ops[i]`
 * (a relation, `≈` or `on`) compares `operands[i]` and the next.
 */
export interface ICheck {
  type: 'check';
  operands: Node[];
  ops: string[];
  span: ISpan;
}

/** `for var in [lo, hi]`. */
export interface IRestriction {
  type: 'restriction';
  variable: NameNode;
  interval: IInterval;
  span: ISpan;
}

/** `x in [lo, hi]`. */
export interface IWindowClause {
  type: 'window';
  variable: NameNode;
  interval: IInterval;
  span: ISpan;
}

/** One parsed statement line. */
export interface ILine {
  body: Body | IRelation | IWindowClause | ICheck;
  restriction: IRestriction | null;
  span: ISpan;
  /** The statement's source text, stripped, without its comment (the legend label). */
  text: string;
  /** `{0 < x < 5}` at the end of the statement: drawn only where all hold. */
  conditions: ICondition[];
}

export type AnyNode =
  | Node
  | ICondition
  | ISeq
  | IInterval
  | IRelation
  | IRestriction
  | IWindowClause
  | ICheck;

export function num(value: number, where: ISpan): Node {
  return { type: 'num', value, span: where };
}

export function name(id: string, where: ISpan): NameNode {
  return { type: 'name', id, span: where };
}

export function call(
  func: string,
  funcSpan: ISpan,
  args: Node[],
  where: ISpan,
  spaced = false,
  primes: number[] = []
): CallNode {
  return { type: 'call', func, funcSpan, args, span: where, spaced, primes };
}

/** The direct sub-nodes of any tree node. */
export function children(node: AnyNode): AnyNode[] {
  switch (node.type) {
    case 'call':
      return node.args;
    case 'group':
    case 'seq':
      return node.items;
    case 'unary':
    case 'factorial':
      return [node.operand];
    case 'sum':
      return node.terms.map(([, t]) => t);
    case 'product':
      return node.factors.map(([, f]) => f);
    case 'power':
      return [node.base, node.exponent];
    case 'relation':
      return [node.left, node.right];
    case 'interval':
      return [node.lo, node.hi];
    case 'restriction':
    case 'window':
      return [node.variable, node.interval];
    case 'condition':
    case 'check':
      return node.operands;
    case 'piecewise': {
      const items: AnyNode[] = node.branches.flatMap(([c, v]) => [c, v]);
      return node.default !== null ? [...items, node.default] : items;
    }
    case 'series':
      return [node.index, node.first, node.last, node.term];
    case 'list':
      return node.items;
    case 'range':
      return node.second === null
        ? [node.first, node.last]
        : [node.first, node.second, node.last];
    case 'index':
      return [node.target, node.index];
    case 'comprehension':
      return [node.body, node.source]; // its variable is not a use of that variable
    case 'derivative':
      return [node.expr]; // its variable is not a use of that variable
    default:
      return [];
  }
}

/** Every node under `node` (included), in source order, without recursion. */
export function* walk(node: AnyNode): Generator<AnyNode> {
  const stack: AnyNode[] = [node];
  while (stack.length) {
    const current = stack.pop() as AnyNode;
    yield current;
    const kids = children(current);
    for (let i = kids.length - 1; i >= 0; i--) {
      stack.push(kids[i]);
    }
  }
}

/** Every node of a line (body, restriction, conditions). */
export function lineChildren(line: ILine): AnyNode[] {
  const parts: AnyNode[] = [line.body];
  if (line.restriction) {
    parts.push(line.restriction);
  }
  return [...parts, ...line.conditions];
}

/** The plot-variable names used in `node`, in source order (`x (2)` counts too). */
export function plotVariables(node: AnyNode | ILine): NameNode[] {
  const roots = 'conditions' in node ? lineChildren(node) : [node];
  const found: NameNode[] = [];
  const stack: Array<[AnyNode, ReadonlySet<string>]> = roots
    .map((root): [AnyNode, ReadonlySet<string>] => [root, new Set()])
    .reverse();
  while (stack.length) {
    const [n, bound] = stack.pop() as [AnyNode, ReadonlySet<string>];
    if (n.type === 'name' && PLOT_VARIABLES.has(n.id) && !bound.has(n.id)) {
      found.push(n);
    } else if (
      n.type === 'call' &&
      PLOT_VARIABLES.has(n.func) &&
      !bound.has(n.func)
    ) {
      found.push(name(n.func, n.funcSpan));
    }
    if (n.type === 'comprehension') {
      // `[x^2 for x = [1...3]]`: the comprehension's own x is no plot variable
      stack.push([n.source, bound]);
      stack.push([n.body, new Set([...bound, n.variable.id])]);
      continue;
    }
    const kids = children(n);
    for (let i = kids.length - 1; i >= 0; i--) {
      stack.push([kids[i], bound]);
    }
  }
  return found;
}

/** `node` with every name `id` replaced by `value` (not inside a sum over that index). */
export function substitute<T extends AnyNode>(
  node: T,
  id: string,
  value: Node
): T {
  const sub = <U extends AnyNode>(n: U): U => substitute(n, id, value);
  const n = node as AnyNode;
  switch (n.type) {
    case 'name':
      return (n.id === id ? value : n) as T;
    case 'num':
      return node;
    case 'call':
      return { ...n, args: n.args.map(sub) } as T;
    case 'group':
    case 'seq':
      return { ...n, items: n.items.map(sub) } as T;
    case 'unary':
    case 'factorial':
      return { ...n, operand: sub(n.operand) } as T;
    case 'sum':
      return { ...n, terms: n.terms.map(([s, t]) => [s, sub(t)]) } as T;
    case 'product':
      return { ...n, factors: n.factors.map(([s, f]) => [s, sub(f)]) } as T;
    case 'power':
      return { ...n, base: sub(n.base), exponent: sub(n.exponent) } as T;
    case 'condition':
      return { ...n, operands: n.operands.map(sub) } as T;
    case 'piecewise':
      return {
        ...n,
        branches: n.branches.map(([c, v]) => [sub(c), sub(v)]),
        default: n.default === null ? null : sub(n.default)
      } as T;
    case 'series':
      if (n.index.id === id) {
        return { ...n, first: sub(n.first), last: sub(n.last) } as T;
      }
      return {
        ...n,
        index: sub(n.index),
        first: sub(n.first),
        last: sub(n.last),
        term: sub(n.term)
      } as T;
    case 'derivative':
      return { ...n, expr: sub(n.expr) } as T;
    case 'list':
      return { ...n, items: n.items.map(sub) } as T;
    case 'range':
      return {
        ...n,
        first: sub(n.first),
        second: n.second === null ? null : sub(n.second),
        last: sub(n.last)
      } as T;
    case 'index':
      return { ...n, target: sub(n.target), index: sub(n.index) } as T;
    case 'comprehension':
      if (n.variable.id === id) {
        return { ...n, source: sub(n.source) } as T;
      }
      return { ...n, body: sub(n.body), source: sub(n.source) } as T;
    case 'interval':
      return { ...n, lo: sub(n.lo), hi: sub(n.hi) } as T;
    case 'relation':
      return { ...n, left: sub(n.left), right: sub(n.right) } as T;
    default:
      return node;
  }
}

/** Structural equality of two trees, spans included (as Python's dataclass `==`). */
export function sameTree(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  if (typeof a === 'number' && typeof b === 'number') {
    return a === b;
  }
  if (
    typeof a !== 'object' ||
    typeof b !== 'object' ||
    a === null ||
    b === null
  ) {
    return false;
  }
  if (Array.isArray(a) !== Array.isArray(b)) {
    return false;
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) {
    return false;
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.every(k => sameTree(ra[k], rb[k]));
}
