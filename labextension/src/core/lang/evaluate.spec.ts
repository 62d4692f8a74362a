/**
 * The evaluator against the Python kernel: every builtin, operator and notation node on
 * the same trees and inputs gives the same numbers (1e-12 relative, NaN where NaN) and
 * the same errors.
 */

import type { Definition, Expr } from '../types';
import { array, loadCases, mismatches } from './cases.testing';
import { BUILTINS } from './builtins';
import {
  deadline,
  PlotterError,
  evaluate,
  evaluateScalar,
  Evaluator,
  ResourceLimit,
  TimeLimit
} from './evaluate';

const cases = loadCases();

const num = (value: number): Expr => ({ type: 'number', value });
const X: Expr = { type: 'variable', name: 'x' };
const call = (name: string, ...args: Expr[]): Expr => ({
  type: 'call',
  name,
  args
});

/** What evaluating a case gives: values or the error's name, code and message. */
function outcome(work: () => ArrayLike<number> | number): unknown {
  try {
    const value = work();
    return typeof value === 'number' ? { value } : { values: value };
  } catch (err) {
    if (err instanceof PlotterError) {
      return {
        error: { ename: err.ename, code: err.code, message: err.message }
      };
    }
    throw err;
  }
}

describe('curves, as the Python kernel computes them', () => {
  it.each(cases.curves.map(c => [c.text, c]))('%s', (_, c) => {
    const variables = { x: array(c.variables.x) };
    const got = outcome(() =>
      evaluate(c.tree, { variables, definitions: c.definitions })
    );
    if (c.error) {
      expect(got).toEqual({ error: c.error });
    } else {
      const values = (got as { values: Float64Array }).values;
      expect(mismatches(values, c.values!)).toEqual([]);
    }
  });
});

describe('surfaces in x and y', () => {
  it.each(cases.surfaces.map(c => [c.text, c]))('%s', (_, c) => {
    const variables = { x: array(c.variables.x), y: array(c.variables.y) };
    const values = evaluate(c.tree, { variables, definitions: c.definitions });
    expect(mismatches(values, c.values!)).toEqual([]);
  });
});

describe('calculations, strictly', () => {
  it.each(cases.scalars.map(c => [c.text, c]))('%s', (_, c) => {
    const got = outcome(() =>
      evaluateScalar(c.tree, { definitions: c.definitions })
    );
    if (c.error) {
      expect(got).toEqual({ error: c.error });
    } else {
      const value = (got as { value: number }).value;
      expect(mismatches([value], [c.value ?? null])).toEqual([]);
    }
  });
});

describe('the case data', () => {
  it('calls every builtin that curves can use', () => {
    const text = JSON.stringify(cases.curves.map(c => c.tree));
    // statistics take lists, which programs do not hold (docs/lists.md)
    const missing = [...BUILTINS.values()]
      .filter(b => b.kind === 'each')
      .map(b => b.name)
      .filter(name => !text.includes(`"name":"${name}"`));
    expect(missing).toEqual([]);
  });
});

describe('parameters', () => {
  const definitions: Definition[] = [
    { name: 'a', params: null, body: num(2), text: 'a = 2', line: 0 },
    {
      name: 'b',
      params: null,
      body: {
        type: 'multiply',
        ops: ['*', '*'],
        factors: [num(2), { type: 'parameter', name: 'a' }]
      },
      text: 'b = 2a',
      line: 1
    },
    {
      name: 'f',
      params: ['x'],
      body: {
        type: 'multiply',
        ops: ['*', '*'],
        factors: [{ type: 'parameter', name: 'b' }, X]
      },
      text: 'f(x) = b x',
      line: 2
    }
  ];
  const variables = { x: Float64Array.of(1, 2, 3) };

  it('are read from the definitions', () => {
    expect(
      Array.from(evaluate(call('f', X), { variables, definitions }))
    ).toEqual([4, 8, 12]);
  });

  it('are overridden by params, and what uses them follows', () => {
    const values = evaluate(call('f', X), {
      variables,
      definitions,
      params: { a: -1 }
    });
    expect(Array.from(values)).toEqual([-2, -4, -6]);
  });

  it('never change the definitions', () => {
    evaluate(call('f', X), { variables, definitions, params: { a: 10 } });
    expect(definitions[0].body).toEqual(num(2));
  });

  it('are worked out once per evaluator', () => {
    const evaluator = new Evaluator(definitions, { params: { a: 3 } });
    expect(evaluator.parameter('b')).toBe(6);
    expect(evaluator.value({ type: 'parameter', name: 'b' })).toBe(6);
  });
});

describe('the time limit', () => {
  const long: Expr = {
    type: 'series',
    kind: 'sum',
    index: 'k',
    first: num(1),
    last: num(10000),
    term: { type: 'power', base: X, exponent: { type: 'variable', name: 'k' } }
  };

  it('is a TimeLimit thrown from check() inside a long series', () => {
    let calls = 0;
    const check = (): void => {
      calls += 1;
      if (calls > 3) {
        throw new TimeLimit(10);
      }
    };
    const variables = { x: new Float64Array(1000).fill(0.5) };
    expect(() => evaluate(long, { variables, check })).toThrow(TimeLimit);
    expect(calls).toBe(4);
  });

  it('comes from a deadline as the Python budget gives it', () => {
    const variables = { x: new Float64Array(20000).fill(0.999) };
    let caught: unknown = null;
    try {
      evaluate(long, { variables, check: deadline(0.05) });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(TimeLimit);
    expect(caught).toBeInstanceOf(ResourceLimit);
    expect((caught as TimeLimit).code).toBe('time-limit');
    expect((caught as TimeLimit).message).toBe(
      'This cell would take longer than 0.05 seconds, so it was stopped.'
    );
  });

  it('passes through a user function unchanged', () => {
    const definitions: Definition[] = [
      { name: 'g', params: ['x'], body: long, text: 'g(x) = ...', line: 0 }
    ];
    const check = (): void => {
      throw new TimeLimit(1);
    };
    expect(() =>
      evaluateScalar(call('g', num(0.5)), { definitions, check })
    ).toThrow('This cell would take longer than 1 seconds, so it was stopped.');
  });
});

describe('errors', () => {
  it('are typed, with the code and name of the Python kernel', () => {
    let caught: unknown = null;
    try {
      evaluate(call('sin', X, X), { variables: { x: 1 } });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(PlotterError);
    expect(caught).toMatchObject({
      ename: 'TypeError',
      code: 'wrong-arity',
      message: 'sin takes 1 input, but 2 were given.'
    });
  });

  it('carry the span of the node that failed, when the tree has spans', () => {
    const span = { line: 2, start: 4, end: 12 };
    const big = {
      type: 'power',
      base: num(10),
      exponent: num(400),
      span
    } as Expr;
    expect(() => evaluateScalar(big)).toThrow(ResourceLimit);
    try {
      evaluateScalar(big);
    } catch (err) {
      expect((err as PlotterError).span).toEqual(span);
    }
  });

  it('report a cycle of definitions instead of recursing forever', () => {
    const definitions: Definition[] = [
      { name: 'p', params: ['x'], body: call('q', X), text: '', line: 0 },
      { name: 'q', params: ['x'], body: call('p', X), text: '', line: 1 }
    ];
    expect(() =>
      evaluate(call('p', X), { variables: { x: 1 }, definitions })
    ).toThrow('In p: In q: p refers to itself.'.slice(0, 6));
  });

  it('say "nested too deeply" for a very deep tree', () => {
    let tree: Expr = X;
    for (let i = 0; i < 5000; i++) {
      tree = { type: 'negate', operand: tree };
    }
    expect(() => evaluate(tree, { variables: { x: 1 } })).toThrow(
      'This is nested too deeply.'
    );
  });

  it('never let a builtin name leak through the object prototype', () => {
    expect(() =>
      evaluate(call('constructor', X), { variables: { x: 1 } })
    ).toThrow("Unknown name 'constructor'.");
    expect(() => evaluate({ type: 'constant', name: 'toString' }, {})).toThrow(
      "Unknown name 'toString'."
    );
  });
});

describe('variables', () => {
  it('accept θ for theta and numbers for arrays', () => {
    const r: Expr = call('cos', { type: 'variable', name: 'θ' });
    expect(
      Array.from(
        evaluate(r, { variables: { theta: Float64Array.of(0, Math.PI) } })
      )
    ).toEqual([1, -1]);
    expect(Array.from(evaluate(r, { variables: { θ: 0 } }))).toEqual([1]);
  });

  it('only those the scope gives', () => {
    expect(() =>
      evaluate({ type: 'variable', name: 'y' }, { variables: { x: 1 } })
    ).toThrow(PlotterError);
  });
});
