/**
 * Connects the language to the evaluator (`eval/`): every number the language needs
 * (values, parameters, intervals, derivatives) is worked out there. Import for effect.
 */

import { BUILTINS, factorial, power } from './eval/builtins';
import { EvalError, TimeLimit, evaluateScalar } from './eval/evaluate';
import { PlotterError } from './errors';
import { setNumerics } from './numerics';

/** The evaluator's errors as the language's, located later at the node evaluated. */
function translated(err: unknown): unknown {
  if (err instanceof EvalError && !(err instanceof TimeLimit)) {
    return new PlotterError(err.ename, err.message, err.span ?? null, err.code);
  }
  return err;
}

setNumerics({
  call: (name, args) => {
    const builtin = BUILTINS.get(name);
    return builtin === undefined ? NaN : (builtin.impl(...args) as number);
  },
  power: (a, b) => power(a, b) as number,
  factorial: n => factorial(n) as number,
  evaluate: (tree, variables, definitions, params, check, limits) => {
    try {
      return evaluateScalar(tree, {
        variables,
        definitions,
        params,
        check,
        limits
      });
    } catch (err) {
      throw translated(err);
    }
  }
});
