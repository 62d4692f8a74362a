/**
 * Connects the language to the evaluator (`eval/`): every number the language needs
 * (values, parameters, intervals) is worked out there. Import for effect.
 */

import { BUILTINS, factorial, power } from './eval/builtins';
import { setNumerics } from './numerics';

setNumerics({
  call: (name, args) => {
    const builtin = BUILTINS.get(name);
    return builtin === undefined ? NaN : (builtin.impl(...args) as number);
  },
  power: (a, b) => power(a, b) as number,
  factorial: n => factorial(n) as number
});
