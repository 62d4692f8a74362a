/**
 * The builtin table is exactly the language's (`language/builtins.json`, the contract
 * both kernels read), with an implementation for every function, the same arities,
 * constants and plot variables; and some domain rules spelled out.
 */

import { readFileSync } from 'fs';
import { join } from 'path';

import {
  accepts,
  IBuiltin,
  BUILTINS,
  CONSTANTS,
  factorialOf,
  gammaOf,
  modOf,
  PLOT_VARIABLES,
  power,
  roundOf
} from './builtins';

type Table = {
  functions: Array<{
    name: string;
    min: number;
    max: number | null;
    kind: string;
  }>;
  constants: Array<{ name: string; value: number }>;
  variables: Record<string, string>;
};

const table = JSON.parse(
  readFileSync(
    join(__dirname, '..', '..', '..', '..', 'language', 'builtins.json'),
    'utf-8'
  )
) as Table;

describe('the builtin table', () => {
  it('has an implementation for every builtin, and no other', () => {
    expect([...BUILTINS.keys()].sort()).toEqual(
      table.functions.map(f => f.name).sort()
    );
  });

  it.each(table.functions.map(f => [f.name, f]))(
    '%s takes the inputs the table says',
    (_, f) => {
      const builtin = BUILTINS.get(f.name)!;
      expect([builtin.minArgs, builtin.maxArgs]).toEqual([f.min, f.max]);
      for (let count = 0; count <= 5; count++) {
        const valid = count >= f.min && (f.max === null || count <= f.max);
        expect(accepts(builtin, count)).toBe(valid);
      }
      // Each implementation computes on every count it accepts, scalars and arrays alike.
      if (f.kind !== 'each') {
        return; // statistics take lists (core/lang/stats.ts)
      }
      const args = Array.from({ length: f.min }, (_, i) => 0.5 + i);
      expect(typeof builtin.impl(...args)).toBe('number');
      const arrays = args.map(v => Float64Array.of(v, v + 1));
      expect(builtin.impl(...arrays)).toBeInstanceOf(Float64Array);
    }
  );

  it('has the same constants', () => {
    const values = [...CONSTANTS.values()].map(c => [c.name, c.value]);
    expect(Object.fromEntries(values)).toEqual(
      Object.fromEntries(table.constants.map(c => [c.name, c.value]))
    );
  });

  it('has the same plot variables', () => {
    expect([...PLOT_VARIABLES].sort()).toEqual(
      Object.keys(table.variables).sort()
    );
  });
});

describe('domain rules', () => {
  it('real odd roots of negative numbers, only for a fraction with an odd denominator', () => {
    expect(power(-8, 1 / 3)).toBeCloseTo(-2, 15);
    expect(power(-32, 3 / 5)).toBeCloseTo(-8, 13);
    expect(power(-8, 2 / 3)).toBeCloseTo(4, 14);
    expect(power(-8, 0.5)).toBeNaN();
    expect(power(-8, 0.3)).toBeNaN(); // 3/10: an even denominator
    expect(power(0, -1)).toBeNaN();
    expect(power(1, NaN)).toBe(1);
  });

  it('factorial and gamma: exact whole numbers, NaN at the poles, inf past float', () => {
    expect(factorialOf(20)).toBe(2432902008176640000);
    expect(factorialOf(170)).toBe(7.257415615307999e306);
    expect(factorialOf(171)).toBe(Infinity);
    expect(factorialOf(-1)).toBeNaN();
    expect(gammaOf(0.5) ** 2).toBeCloseTo(Math.PI, 14);
    expect(gammaOf(-2)).toBeNaN();
    expect(gammaOf(-Infinity)).toBeNaN();
  });

  it('tan, sec, csc and cot are undefined a rounding error from a pole', () => {
    const at = (name: string, v: number): number =>
      (BUILTINS.get(name) as IBuiltin).impl(v) as number;
    for (const v of [Math.PI / 2, (3 * Math.PI) / 2, -Math.PI / 2]) {
      expect(at('tan', v)).toBeNaN();
      expect(at('sec', v)).toBeNaN();
    }
    for (const v of [0, Math.PI, -Math.PI, 100 * Math.PI]) {
      expect(at('csc', v)).toBeNaN();
      expect(at('cot', v)).toBeNaN();
    }
    expect(at('tan', 1.57)).toBeCloseTo(1255.7655915007897, 9);
    expect(at('tan', 1.5707963)).toBeCloseTo(37320539.6344, 3);
    expect(at('cot', Math.PI / 2)).toBe(Math.cos(Math.PI / 2) / 1);
  });

  it('round halves away from zero; mod takes the sign of the divisor', () => {
    expect([roundOf(2.5), roundOf(-2.5), roundOf(0.49)]).toEqual([3, -3, 0]);
    expect([roundOf(0.5), roundOf(-0.5), roundOf(0.49999999999999994)]).toEqual(
      [1, -1, 0]
    );
    expect([modOf(-7, 3), modOf(7, -3), modOf(7, 0)]).toEqual([2, -2, NaN]);
  });
});
