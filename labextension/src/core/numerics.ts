/**
 * Where the language side gets its numbers: the evaluator (`eval/`) answers builtin
 * calls, powers, factorials and whole trees (derivatives, primed calls) by name.
 *
 * The language only checks and orders; every number comes through this one seam.
 */

import type { ILimits } from './limits';
import type { Definition, Expr } from './types';

export interface INumerics {
  /** A builtin function of the table at scalar inputs; NaN where undefined. */
  call(name: string, args: number[]): number;
  /** `a ^ b` over the reals. */
  power(a: number, b: number): number;
  /** `n!`, gamma(n + 1) for non-whole n. */
  factorial(n: number): number;
  /** A program tree at one point, with the definitions it uses and parameter values. */
  evaluate(
    tree: Expr,
    variables: Record<string, number>,
    definitions: Definition[],
    params: Record<string, number>,
    check: () => void,
    limits: ILimits
  ): number;
}

/** Thrown while no evaluator is connected. */
export class NoEvaluator extends Error {
  constructor() {
    super('The evaluator is not connected.');
  }
}

const missing: INumerics = {
  call: () => {
    throw new NoEvaluator();
  },
  power: () => {
    throw new NoEvaluator();
  },
  factorial: () => {
    throw new NoEvaluator();
  },
  evaluate: () => {
    throw new NoEvaluator();
  }
};

let current: INumerics = missing;

/** The connected evaluator. */
export function numerics(): INumerics {
  return current;
}

/** Connect an evaluator (done once by `evaluator.ts`). */
export function setNumerics(value: INumerics): void {
  current = value;
}
