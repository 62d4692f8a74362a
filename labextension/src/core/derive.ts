/**
 * Exact derivatives of syntax trees, worked out by the evaluator's differentiator
 * (`eval/derivative.ts`) on program trees that carry the source spans, and read back
 * as syntax trees: the language then checks and compiles the derivative itself, as
 * the Python kernel's compiler does (a missing name that differentiates away is no
 * error; a partial derivative of a two-input function is).
 */

import { derivative as differentiate } from './eval/derivative';
import type { IDefinition } from './definitions';
import { ISpan, PlotterError, TimeLimit } from './errors';
import { Encoder } from './program';
import { ICondition, Node, call, name, num } from './syntax';
import type { Condition, Expr } from './types';

/** Whether a called name is a function (else `a(x - 1)` is a product). */
export type IsFunction = (id: string) => boolean;

/**
 * The derivative of `node` in `variable`; `locals` are the names that are variables
 * here (inputs, plot variables). Throws a located `PlotterError` (`too-big`,
 * `no-derivative`) or the cell's `TimeLimit`.
 */
export function derive(
  node: Node,
  variable: string,
  locals: ReadonlySet<string>,
  defs: ReadonlyMap<string, IDefinition>,
  isFunction: IsFunction,
  check: () => void
): Node {
  const tree = new Encoder(defs, true).expr(
    node,
    new Set([...locals, variable])
  );
  let result: Expr;
  try {
    result = differentiate(tree, variable, isFunction, check);
  } catch (err) {
    if (err instanceof PlotterError && !(err instanceof TimeLimit)) {
      throw new PlotterError(
        err.ename,
        err.message,
        err.span ?? node.span,
        err.code
      );
    }
    throw err;
  }
  return decode(result, node.span);
}

function spanOf(tree: object, fallback: ISpan): ISpan {
  return (tree as { span?: ISpan }).span ?? fallback;
}

function numberOf(value: number | string): number {
  if (typeof value === 'number') {
    return value;
  }
  return value === 'inf' ? Infinity : value === '-inf' ? -Infinity : NaN;
}

/** A program tree (with spans where it has them) as a syntax tree. */
export function decode(tree: Expr, fallback: ISpan): Node {
  const where = spanOf(tree, fallback);
  const d = (t: Expr): Node => decode(t, where);
  switch (tree.type) {
    case 'number':
      return num(numberOf(tree.value), where);
    case 'variable':
    case 'parameter':
    case 'constant':
      return name(tree.name, where);
    case 'call': {
      const funcSpan = (tree as { nameSpan?: ISpan }).nameSpan ?? where;
      return call(tree.name, funcSpan, tree.args.map(d), where, false, [
        ...(tree.primes ?? [])
      ]);
    }
    case 'negate':
      return { type: 'unary', op: '-', operand: d(tree.operand), span: where };
    case 'add':
      return {
        type: 'sum',
        terms: tree.terms.map((t, i): [string, Node] => [tree.signs[i], d(t)]),
        span: where
      };
    case 'multiply':
      return {
        type: 'product',
        factors: tree.factors.map((f, i): [string, Node] => [
          tree.ops[i],
          d(f)
        ]),
        span: where
      };
    case 'power':
      return {
        type: 'power',
        base: d(tree.base),
        exponent: d(tree.exponent),
        span: where
      };
    case 'factorial':
      return { type: 'factorial', operand: d(tree.operand), span: where };
    case 'piecewise':
      return {
        type: 'piecewise',
        branches: tree.branches.map((b): [ICondition, Node] => [
          condition(b.condition, where),
          d(b.value)
        ]),
        default: tree.default === null ? null : d(tree.default),
        span: where
      };
    case 'series':
      return {
        type: 'series',
        kind: tree.kind,
        index: name(tree.index, where),
        first: d(tree.first),
        last: d(tree.last),
        term: d(tree.term),
        span: where
      };
    case 'derivative':
      return {
        type: 'derivative',
        variable: name(tree.variable, where),
        expr: d(tree.expr),
        span: where
      };
  }
}

function condition(tree: Condition, fallback: ISpan): ICondition {
  const where = spanOf(tree, fallback);
  return {
    type: 'condition',
    operands: tree.operands.map(o => decode(o, where)),
    ops: [...tree.ops],
    span: where
  };
}
