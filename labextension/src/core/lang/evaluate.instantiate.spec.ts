/**
 * Drawing specs of whole programs (statements of every kind, braces, domains, parameter
 * overrides) against the Python kernel's `instantiate` at the same inputs.
 */

import type { Expr, Program } from '../types';
import { array, loadCases, mismatches, SpecValues } from './cases.testing';
import { formatValue } from './emit';
import { instantiate, Spec } from './evaluate';

const cases = loadCases();

/** A spec's values at the case's inputs, shaped as the case file writes them. */
function valuesOf(
  spec: Spec,
  inputs: Float64Array,
  grid: Float64Array
): SpecValues {
  switch (spec.kind) {
    case 'curve':
      return {
        kind: 'curve',
        along: spec.along,
        domain: spec.domain,
        values: Array.from(spec.fn(inputs))
      };
    case 'parametric':
      return {
        kind: 'parametric',
        t: spec.t,
        x: Array.from(spec.fx(inputs)),
        y: Array.from(spec.fy(inputs))
      };
    case 'polar':
      return {
        kind: 'polar',
        theta: spec.theta,
        r: Array.from(spec.fr(inputs))
      };
    case 'implicit':
    case 'region': {
      const xs: number[] = [];
      const ys: number[] = [];
      for (const y of grid) {
        for (const x of grid) {
          xs.push(x);
          ys.push(y);
        }
      }
      const values = spec.F(Float64Array.from(xs), Float64Array.from(ys));
      return { kind: spec.kind, values: Array.from(values) };
    }
    case 'points':
      return { kind: 'points', points: spec.points };
    case 'statplot':
      return {
        kind: 'statplot',
        plot: spec.plot,
        bars: spec.bars,
        box: spec.box,
        dots: spec.dots
      };
  }
}

describe('the specs of a program, as the Python kernel instantiates it', () => {
  it.each(cases.programs.map(c => [c.source, c]))('%s', (_, c) => {
    const { specs, failed } = instantiate(c.program, { params: c.params });
    expect(failed).toEqual([]);
    expect(specs.map(s => s.kind)).toEqual(c.specs.map(s => s.kind));
    const inputs = array(c.inputs);
    const grid = array(c.grid);
    specs.forEach((spec, i) => {
      const got = valuesOf(spec, inputs, grid);
      const want = c.specs[i];
      for (const key of ['values', 'x', 'y', 'r'] as const) {
        if (want[key] !== undefined) {
          expect(mismatches(got[key] as number[], want[key]!)).toEqual([]);
        }
      }
      const exact = [
        'along',
        'domain',
        't',
        'theta',
        'points',
        'plot',
        'bars',
        'box',
        'dots'
      ] as const;
      for (const key of exact) {
        if (want[key] !== undefined) {
          expect(got[key]).toEqual(want[key]);
        }
      }
    });
  });
});

describe('statements that cannot be worked out', () => {
  const num = (value: number): Expr => ({ type: 'number', value });
  const base = { line: 0, label: '', conditions: [] };
  const program: Program = {
    version: 1,
    definitions: [],
    window: { x: null, y: null },
    statements: [
      {
        ...base,
        id: 'line-0',
        kind: 'curve',
        along: 'x',
        domain: [num(3), num(1)],
        exprs: { value: num(1) }
      },
      {
        ...base,
        id: 'line-1',
        line: 1,
        kind: 'points',
        domain: null,
        exprs: {
          points: [[num(1), { type: 'call', name: 'ln', args: [num(0)] }]]
        }
      },
      {
        ...base,
        id: 'line-2',
        line: 2,
        kind: 'curve',
        along: 'x',
        domain: null,
        exprs: { value: { type: 'variable', name: 'x' } }
      }
    ]
  };

  it('are reported by line, and the others are still drawn', () => {
    const { specs, failed } = instantiate(program);
    expect(specs.map(s => s.id)).toEqual(['line-2']);
    expect(failed.map(f => [f.id, f.error.code, f.error.message])).toEqual([
      [
        'line-0',
        'empty-interval',
        'The interval [3, 1] is empty: the first number must be the smaller one.'
      ],
      ['line-1', 'not-a-number', 'This coordinate is undefined.']
    ]);
  });
});

describe('printed values', () => {
  it('are written as the Python kernel prints them, to 12 digits', () => {
    expect(formatValue(512)).toBe('512');
    expect(formatValue(0.1 + 0.2)).toBe('0.3');
    expect(formatValue(1 / 3)).toBe('0.333333333333');
    expect(formatValue(2 / 3)).toBe('0.666666666667');
    expect(formatValue(Math.exp(Math.log(5)))).toBe('5');
    expect(formatValue(Math.PI)).toBe('3.14159265359');
    expect(formatValue(2 ** 53)).toBe('9.00719925474e+15');
    expect(formatValue(123456789012)).toBe('123456789012');
    expect(formatValue(999999999999.5)).toBe('1e+12');
    expect(formatValue(0.000123456789012345)).toBe('0.000123456789012');
    expect(formatValue(-0)).toBe('0');
    expect(formatValue(1e20)).toBe('1e+20');
    expect(formatValue(1.5e-7)).toBe('1.5e-07');
    expect(formatValue(NaN)).toBe('undefined');
  });

  it('break an exact tie to the even digit, as Python does', () => {
    expect(formatValue(12345678901.25)).toBe('12345678901.2');
    expect(formatValue(12345678901.75)).toBe('12345678901.8');
    expect(formatValue(100000000002.5)).toBe('100000000002');
    expect(formatValue(-123456789012.5)).toBe('-123456789012');
  });
});
