/**
 * Exact derivatives of syntax trees, worked out by the evaluator's differentiator
 * (`eval/derivative.ts`) on program trees that carry the source spans, and read back
 * as syntax trees: the language then checks and compiles the derivative itself, as
 * the Python kernel's compiler does (a missing name that differentiates away is no
 * error; a partial derivative of a two-input function is).
 */

import { derivative as differentiate } from './eval/derivative';
import type { IDefinition } from './definitions';
import { PlotterError, TimeLimit } from './errors';
import { Encoder, decode } from './program';
import { Node } from './syntax';
import type { Expr } from './types';

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
