/**
 * Where the language side gets its numbers: the evaluator (`eval/`) answers builtin
 * calls, powers and factorials by name.
 *
 * The language only checks and orders; every number comes through this one seam.
 */

export interface INumerics {
  /** A builtin function of the table at scalar inputs; NaN where undefined. */
  call(name: string, args: number[]): number;
  /** `a ^ b` over the reals. */
  power(a: number, b: number): number;
  /** `n!`, gamma(n + 1) for non-whole n. */
  factorial(n: number): number;
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
