/**
 * Points of interest: exact values for simple curves, and the Python kernel's answers
 * for whole programs.
 */

import type { Expr, Feature, Program } from '../types';
import { loadCases } from '../lang/cases.testing';
import { findFeatures } from './features';
import { TimeLimit } from '../errors';

const X: Expr = { type: 'variable', name: 'x' };
const Y: Expr = { type: 'variable', name: 'y' };
const num = (value: number): Expr => ({ type: 'number', value });
/** `t^2 - 1`. */
const parabolaIn = (t: Expr): Expr => ({
  type: 'add',
  signs: ['+', '-'],
  terms: [{ type: 'power', base: t, exponent: num(2) }, num(1)]
});

/** Curves `y = f(x)`, or `x = g(y)` for those given as `['y', g]`. */
function curves(...values: Array<Expr | ['y', Expr]>): Program {
  return {
    version: 1,
    definitions: [],
    window: { x: null, y: null },
    statements: values.map((item, line) => ({
      id: `line-${line}`,
      kind: 'curve',
      line,
      label: '',
      domain: null,
      conditions: [],
      along: Array.isArray(item) ? 'y' : 'x',
      exprs: { value: Array.isArray(item) ? item[1] : item }
    }))
  };
}

/** Features as sorted `kind x y` lines rounded to `digits`, for comparing. */
function lines(found: Feature[], digits = 9): string[] {
  return found
    .map(
      f =>
        `${f.kind} ${f.items.join(',')} ${f.x.toFixed(digits)} ${f.y.toFixed(digits)}`
    )
    .map(s => s.replace(/-(0\.0+)(?!\d*[1-9])/g, '$1'))
    .sort();
}

describe('features of simple curves', () => {
  it('y = x^2 - 1: zeros at ±1 and a minimum at (0, -1)', () => {
    const parabola: Expr = {
      type: 'add',
      signs: ['+', '-'],
      terms: [{ type: 'power', base: X, exponent: num(2) }, num(1)]
    };
    const found = findFeatures(curves(parabola), { x: [-10, 10], y: null });
    expect(found.map(f => [f.kind, f.x, f.y])).toEqual([
      ['zero', -1, 0],
      ['zero', 1, 0],
      ['minimum', 0, -1]
    ]);
    expect(found.every(f => f.items[0] === 'line-0')).toBe(true);
  });

  it('x = y^2 - 1: zeros at (0, ±1) on the y axis and a minimum in x at (-1, 0)', () => {
    const found = findFeatures(curves(['y', parabolaIn(Y)]), {
      x: [-10, 10],
      y: null
    });
    expect(found).toEqual([
      { x: 0, y: -1, kind: 'zero', items: ['line-0'] },
      { x: 0, y: 1, kind: 'zero', items: ['line-0'] },
      { x: -1, y: 0, kind: 'minimum', items: ['line-0'] }
    ]);
    const shown = findFeatures(curves(['y', parabolaIn(Y)]), {
      x: [-10, 10],
      y: null,
      ySearch: [-0.5, 0.5]
    });
    expect(shown.map(f => f.kind)).toEqual(['minimum']);
  });

  it('x = y^2 - 1 meets y = x + 1 where y^2 - 1 = y - 1: at (-1, 0) and (0, 1)', () => {
    const line: Expr = { type: 'add', signs: ['+', '+'], terms: [X, num(1)] };
    const found = findFeatures(curves(['y', parabolaIn(Y)], line), {
      x: [-10, 10],
      y: [-10, 10]
    });
    const crossings = found.filter(f => f.kind === 'intersection');
    expect(crossings.map(f => [f.x, f.y, f.items])).toEqual([
      [-1, 0, ['line-0', 'line-1']],
      [0, 1, ['line-0', 'line-1']]
    ]);
  });

  it('y = sin(x): zeros at kπ, extrema at π/2 + kπ', () => {
    const found = findFeatures(
      curves({ type: 'call', name: 'sin', args: [X] }),
      {
        x: [-10, 10],
        y: null
      }
    );
    const zeros = found.filter(f => f.kind === 'zero').map(f => f.x);
    expect(zeros).toHaveLength(7);
    zeros.forEach((x, i) => expect(x).toBeCloseTo((i - 3) * Math.PI, 12));
    const maxima = found.filter(f => f.kind === 'maximum');
    const minima = found.filter(f => f.kind === 'minimum');
    expect(maxima.map(f => f.x / Math.PI)).toEqual(
      [-1.5, 0.5, 2.5].map(k => expect.closeTo(k, 6))
    );
    expect(minima.map(f => f.x / Math.PI)).toEqual(
      [-2.5, -0.5, 1.5].map(k => expect.closeTo(k, 6))
    );
    maxima.forEach(f => expect(f.y).toBeCloseTo(1, 12));
    minima.forEach(f => expect(f.y).toBeCloseTo(-1, 12));
  });

  it('sin(x) and x/4 intersect where sin(x) = x/4', () => {
    const found = findFeatures(
      curves(
        { type: 'call', name: 'sin', args: [X] },
        { type: 'multiply', ops: ['*', '/'], factors: [X, num(4)] }
      ),
      { x: [-10, 10], y: null }
    );
    const crossings = found.filter(f => f.kind === 'intersection');
    expect(crossings).toHaveLength(3);
    crossings.forEach(f => expect(Math.sin(f.x)).toBeCloseTo(f.x / 4, 12));
    expect(crossings[1].x).toBe(0);
  });

  it('a pole is no zero', () => {
    const found = findFeatures(
      curves({ type: 'multiply', ops: ['*', '/'], factors: [num(1), X] }),
      {
        x: [-10, 10],
        y: null
      }
    );
    expect(found).toEqual([]);
  });

  it('stop with TimeLimit when check says so', () => {
    const check = (): void => {
      throw new TimeLimit(1);
    };
    expect(() =>
      findFeatures(curves(X), { x: [-1, 1], y: null }, {}, check)
    ).toThrow(TimeLimit);
  });
});

describe('features of programs, as the Python kernel finds them', () => {
  const cases = loadCases().programs;
  it.each(cases.map(c => [c.source, c]))('%s', (_, c) => {
    const [x, y] = c.view;
    const found = findFeatures(c.program, { x, y }, c.params ?? {});
    expect(lines(found)).toEqual(lines(c.features));
  });
});
