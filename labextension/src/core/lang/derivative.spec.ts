/**
 * Exact derivatives: against central differences for every builtin, against known
 * formulas, with gaps where no derivative exists, and the node cap.
 */

import type { Definition, Expr } from '../types';
import { BUILTINS, ONE_LIST } from './builtins';
import { derivative, digamma } from './derivative';
import { evaluate, ResourceLimit } from './evaluate';

const X: Expr = { type: 'variable', name: 'x' };
const num = (value: number): Expr => ({ type: 'number', value });
const call = (name: string, ...args: Expr[]): Expr => ({
  type: 'call',
  name,
  args
});
const d = (expr: Expr): Expr => ({ type: 'derivative', variable: 'x', expr });
const isFunction = (): boolean => true;

/** Inputs inside every builtin's domain where it is smooth. */
const POINTS: Record<string, number[]> = {
  default: [-0.7, -0.3, 0.2, 0.45, 0.8],
  positive: [0.2, 0.45, 0.8, 1.7, 3.3],
  beyondOne: [1.2, 1.7, 2.5, 3.3, 6.1],
  notWhole: [-2.7, -0.35, 0.2, 1.3, 3.8],
  notHalf: [-2.7, -0.35, 0.3, 1.3, 3.8]
};
const DOMAIN: Record<string, string> = {
  ln: 'positive',
  log: 'positive',
  log2: 'positive',
  log10: 'positive',
  sqrt: 'positive',
  gamma: 'positive',
  factorial: 'positive',
  acosh: 'beyondOne',
  asec: 'beyondOne',
  acsc: 'beyondOne',
  floor: 'notWhole',
  ceil: 'notWhole',
  round: 'notHalf'
};

function values(
  expr: Expr,
  xs: number[],
  definitions: Definition[] = []
): number[] {
  return Array.from(
    evaluate(expr, { variables: { x: Float64Array.from(xs) }, definitions })
  );
}

/** The central difference of `expr` at `xs`, of order h^4. */
function numeric(
  expr: Expr,
  xs: number[],
  definitions: Definition[] = []
): number[] {
  const h = 1e-3;
  const at = (shift: number): number[] =>
    values(
      expr,
      xs.map(x => x + shift),
      definitions
    );
  const [a, b, c, e] = [at(-2 * h), at(-h), at(h), at(2 * h)];
  return xs.map((_, i) => (a[i] - 8 * b[i] + 8 * c[i] - e[i]) / (12 * h));
}

function expectClose(actual: number[], expected: number[], rtol = 1e-7): void {
  actual.forEach((value, i) => {
    const scale = Math.max(1, Math.abs(expected[i]));
    expect(Math.abs(value - expected[i])).toBeLessThanOrEqual(rtol * scale);
  });
}

describe('the derivative of every builtin of one input', () => {
  const names = [...BUILTINS.values()]
    .filter(b => b.minArgs === 1 && b.kind === 'each' && !ONE_LIST.has(b.name))
    .map(b => b.name);
  it.each(names)('%s', name => {
    const xs = POINTS[DOMAIN[name] ?? 'default'];
    // The chain rule too: f(k x + 0.1) differentiates to k f'(k x + 0.1).
    const k = DOMAIN[name] === undefined ? 0.5 : 2;
    const inner: Expr = {
      type: 'add',
      signs: ['+', '+'],
      terms: [
        { type: 'multiply', ops: ['*', '*'], factors: [num(k), X] },
        num(0.1)
      ]
    };
    const expr = call(name, name === 'log' ? X : inner);
    expectClose(values(d(expr), xs), numeric(expr, xs));
  });
});

describe('the derivative of builtins of several inputs and of operators', () => {
  const cases: Array<[string, Expr]> = [
    ['log(2, x)', call('log', num(2), X)],
    ['log(x, 8)', call('log', X, num(8))],
    ['atan2(x, 0.5)', call('atan2', X, num(0.5))],
    ['atan2(1, x)', call('atan2', num(1), X)],
    [
      'min(x, x^2)',
      call('min', X, { type: 'power', base: X, exponent: num(2) })
    ],
    [
      'max(x, 0.1, -x)',
      call('max', X, num(0.1), { type: 'negate', operand: X })
    ],
    [
      'mod(3x, 2)',
      call(
        'mod',
        { type: 'multiply', ops: ['*', '*'], factors: [num(3), X] },
        num(2)
      )
    ],
    ['x^x', { type: 'power', base: X, exponent: X }],
    [
      '2^x / x',
      {
        type: 'multiply',
        ops: ['*', '/'],
        factors: [{ type: 'power', base: num(2), exponent: X }, X]
      }
    ],
    ['x!', { type: 'factorial', operand: X }],
    [
      'prod(k, 1, 3, x + k)',
      {
        type: 'series',
        kind: 'prod',
        index: 'k',
        first: num(1),
        last: num(3),
        term: {
          type: 'add',
          signs: ['+', '+'],
          terms: [X, { type: 'variable', name: 'k' }]
        }
      }
    ]
  ];
  it.each(cases)('%s', (_, expr) => {
    const xs = [0.35, 0.8, 1.3, 2.2];
    expectClose(values(d(expr), xs), numeric(expr, xs));
  });
});

describe('exact cases', () => {
  it('d/dx(x^3 - 2x) is 3x^2 - 2', () => {
    const expr: Expr = {
      type: 'add',
      signs: ['+', '-'],
      terms: [
        { type: 'power', base: X, exponent: num(3) },
        { type: 'multiply', ops: ['*', '*'], factors: [num(2), X] }
      ]
    };
    expect(values(d(expr), [-2, 0, 1, 3])).toEqual([10, -2, 1, 25]);
  });

  it('d/dx(sin(x)) is cos(x) and the second derivative is -sin(x)', () => {
    const xs = [0, 0.5, 2];
    expect(values(d(call('sin', X)), xs)).toEqual(xs.map(Math.cos));
    expect(values(d(d(call('sin', X))), xs)).toEqual(xs.map(x => -Math.sin(x)));
  });

  it("f'(x) and f''(x) of a user function", () => {
    const definitions: Definition[] = [
      {
        name: 'f',
        params: ['x'],
        body: { type: 'power', base: X, exponent: num(4) },
        text: 'f(x) = x^4',
        line: 0
      }
    ];
    const f1: Expr = { type: 'call', name: 'f', args: [X], primes: [0] };
    const f2: Expr = { type: 'call', name: 'f', args: [X], primes: [0, 0] };
    expect(values(f1, [1, 2], definitions)).toEqual([4, 32]);
    expect(values(f2, [1, 2], definitions)).toEqual([12, 48]);
  });

  it('digamma matches known values (to the 1e-8 of the kernel series)', () => {
    expect(digamma(1)).toBeCloseTo(-0.5772156649015329, 8);
    expect(digamma(0.5)).toBeCloseTo(-1.9635100260214235, 8);
    expect(digamma(-0.5)).toBeCloseTo(0.03648997397857652, 8);
    expect(digamma(30)).toBeCloseTo(3.3844381326855, 12); // H(29) - γ
    expect(digamma(0)).toBeNaN();
    expect(digamma(-3)).toBeNaN();
  });
});

describe('gaps where no derivative exists', () => {
  it('abs has none at 0, floor none at its steps, sign none at 0', () => {
    expect(values(d(call('abs', X)), [-1, 0, 2])).toEqual([-1, NaN, 1]);
    const cube: Expr = { type: 'power', base: X, exponent: num(3) };
    expect(values(d(call('abs', cube)), [0])).toEqual([0]); // flat at its corner
    expect(values(d(call('floor', X)), [-1, 0.5, 2])).toEqual([NaN, 0, NaN]);
    expect(values(d(call('sign', X)), [-1, 0, 2])).toEqual([0, NaN, 0]);
  });

  it('round has none at every half, either sign, on the exact double', () => {
    expect(
      values(d(call('round', X)), [0.5, -2.5, 0.49999999999999994, 1])
    ).toEqual([NaN, NaN, 0, 0]);
  });

  it('a piecewise has one only where the branches on both sides meet', () => {
    const below = (value: Expr, other: Expr): Expr => ({
      type: 'piecewise',
      branches: [
        {
          condition: { type: 'condition', ops: ['<'], operands: [X, num(0)] },
          value
        }
      ],
      default: other
    });
    const neg: Expr = { type: 'negate', operand: X };
    const square: Expr = { type: 'power', base: X, exponent: num(2) };
    const cube: Expr = { type: 'power', base: X, exponent: num(3) };
    const step: Expr = { type: 'add', signs: ['+', '+'], terms: [X, num(1)] };
    expect(values(d(below(neg, X)), [-1, 0, 2])).toEqual([-1, NaN, 1]);
    expect(values(d(below(square, cube)), [-1, 0, 2])).toEqual([-2, 0, 12]);
    expect(values(d(d(below(square, cube))), [0])).toEqual([NaN]);
    expect(values(d(below(X, step)), [0])).toEqual([NaN]); // a jump
  });

  it('min and max have none at a corner, one where both slopes agree', () => {
    expect(values(d(call('max', X, num(0))), [-1, 0, 2])).toEqual([0, NaN, 1]);
    const square: Expr = { type: 'power', base: X, exponent: num(2) };
    const cube: Expr = { type: 'power', base: X, exponent: num(3) };
    expect(values(d(call('min', square, cube)), [0, 1])).toEqual([0, NaN]);
  });

  it('ln has none where ln is undefined, though 1/x is', () => {
    expect(values(d(call('ln', X)), [-2, 0.5])).toEqual([NaN, 2]);
    expect(values(d(call('sqrt', X)), [-1, 0.25])).toEqual([NaN, 1]);
  });
});

describe('the node cap', () => {
  /** `sin(e) * cos(e)` nested `levels` deep around x: its derivative doubles per level. */
  function tower(levels: number): Expr {
    let expr: Expr = X;
    for (let i = 0; i < levels; i++) {
      expr = {
        type: 'multiply',
        ops: ['*', '*'],
        factors: [call('sin', expr), call('cos', expr)]
      };
    }
    return expr;
  }

  it('is a ResourceLimit above 20 000 nodes', () => {
    const expr = tower(14);
    expect(() => derivative(expr, 'x', isFunction)).toThrow(ResourceLimit);
    expect(() => derivative(expr, 'x', isFunction)).toThrow(
      'This derivative is too big to work out.'
    );
  });

  it('calls check while it works', () => {
    const expr = tower(10);
    let calls = 0;
    derivative(expr, 'x', isFunction, () => {
      calls += 1;
    });
    expect(calls).toBeGreaterThan(0);
  });

  it('never changes the tree it differentiates', () => {
    const expr = call('sin', { type: 'power', base: X, exponent: num(2) });
    const copy = JSON.parse(JSON.stringify(expr));
    derivative(expr, 'x', isFunction);
    expect(expr).toEqual(copy);
  });
});
