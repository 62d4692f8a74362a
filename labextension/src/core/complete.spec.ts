/**
 * Completion, inspection and the is-complete check, as `tests/test_assist.py` checks
 * the Python kernel's.
 */

import { Session, complete, inspect, isComplete } from './index';

function session(): Session {
  const calculator = new Session();
  const [, problems] = calculator.run('slope = 2\nsquare(x) = x^2');
  expect(problems).toEqual([]);
  return calculator;
}

const answer = (
  matches: string[],
  cursorStart: number,
  cursorEnd: number
): object => ({
  matches,
  cursorStart,
  cursorEnd
});

describe('complete', () => {
  it('completes builtins with the range it replaces', () => {
    expect(complete(session(), 'y = si', 6)).toEqual(
      answer(['sign', 'sin', 'sinh'], 4, 6)
    );
  });

  it('offers user names and builtins together', () => {
    expect(complete(session(), 's', 1)).toEqual(
      answer(
        [
          'sec',
          'sign',
          'sin',
          'sinh',
          'slope',
          'sort',
          'sqrt',
          'square',
          'stdev',
          'stdevp',
          'sum'
        ],
        0,
        1
      )
    );
  });

  it('offers aliases and sums', () => {
    expect(complete(session(), 'y = arcs', 8).matches).toEqual([
      'arcsec',
      'arcsin',
      'arcsinh'
    ]);
    expect(complete(session(), 'pr', 2).matches).toEqual(['prod']);
  });

  it('knows table, a statement written like a call', () => {
    expect(complete(session(), 'tab', 3).matches).toEqual(['table']);
    expect(inspect(session(), 'table("data.csv")', 2)).toContain('CSV');
  });

  it('skips the digits of a number before the name', () => {
    expect(complete(session(), '2sl', 3)).toEqual(answer(['slope'], 1, 3));
  });

  it('completes in the middle of a line', () => {
    expect(complete(session(), 'y = ta + 1', 6)).toEqual(
      answer(['table', 'tan', 'tanh', 'tau'], 4, 6)
    );
  });

  it('offers names defined in the cell being written', () => {
    const code = 'speed = 3\ny = spe';
    expect(complete(new Session(), code, code.length)).toEqual(
      answer(['speed'], 14, 17)
    );
  });

  it('offers nothing inside a comment', () => {
    const code = 'y = x # si';
    expect(complete(session(), code, code.length)).toEqual(
      answer([], code.length, code.length)
    );
  });

  it('offers everything for an empty prefix', () => {
    const { matches, cursorStart, cursorEnd } = complete(session(), 'y = ', 4);
    expect([cursorStart, cursorEnd]).toEqual([4, 4]);
    for (const id of ['sin', 'pi', 'slope', 'square', 'theta']) {
      expect(matches).toContain(id);
    }
  });
});

describe('inspect', () => {
  it('gives the signature and doc of builtins, aliases and sums', () => {
    expect(inspect(session(), 'y = log(2, x)', 5)).toBe(
      'log(x) or log(b, x)\nLogarithm: base 10, or base b.'
    );
    expect(inspect(session(), 'sin(', 4)).toBe(
      'sin(x)\nSine of x (x in radians).'
    );
    expect(inspect(session(), 'arcsin(1)', 2)).toBe(
      inspect(session(), 'asin(1)', 2)
    );
    expect(inspect(session(), 'sum(k, 1, 3, k)', 1)).toContain('first, last');
  });

  it('gives the value of constants, also for symbols', () => {
    expect(inspect(session(), '2π', 2)).toBe(
      'pi = 3.141592653589793\nHalf a turn in radians (also written π).'
    );
    expect(inspect(session(), 'e', 1)).toBe(
      "e = 2.718281828459045\nEuler's number, the base of ln."
    );
  });

  it('shows user definitions as typed, preferring the cell', () => {
    expect(inspect(session(), 'square(3)', 2)).toBe('square(x) = x^2');
    expect(inspect(session(), 'y = slope x', 7)).toBe('slope = 2');
    expect(inspect(session(), 'slope = 5\nslope', 12)).toBe('slope = 5');
  });

  it('shows a stored parameter with every digit', () => {
    const calculator = session();
    calculator.run('third = 1/3\nbig = 2^53\ntiny = 1.5e-20/7\nbad = sqrt(-1)');
    expect(inspect(calculator, 'third', 1)).toBe(
      'third = 1/3\nthird = 0.3333333333333333'
    );
    expect(inspect(calculator, 'big', 1)).toBe(
      'big = 2^53\nbig = 9007199254740992'
    );
    expect(inspect(calculator, 'tiny', 1)).toBe(
      'tiny = 1.5e-20/7\ntiny = 2.142857142857143e-21'
    );
    expect(inspect(calculator, 'bad', 1)).toBe(
      'bad = sqrt(-1)\nbad = undefined'
    );
    expect(inspect(calculator, 'y = slope x', 7)).toBe('slope = 2');
  });

  it('explains plot variables and knows nothing of unknown names', () => {
    expect(inspect(session(), 'r = 2', 0)).toBe(
      'r: the radius of polar curves, like r = 2.'
    );
    expect(inspect(session(), 'y = nothing', 6)).toBeNull();
    expect(inspect(session(), '1 + 2', 2)).toBeNull();
  });
});

describe('isComplete', () => {
  it.each([
    ['y = x^2', 'complete'],
    ['', 'complete'],
    ['y = sin(x', 'incomplete'],
    ['x in [0, 2', 'incomplete'],
    ['(cos(t),\n', 'incomplete'],
    ['y = x # (', 'complete'],
    ['y = x)', 'invalid'],
    ['(x]', 'invalid'],
    ['y = $', 'invalid'],
    ['y = {x < 0: -x', 'incomplete'],
    ['y = {x < 0: -x, x}', 'complete'],
    ['y = |x|', 'complete']
  ])('%j is %s', (code, status) => {
    expect(isComplete(code)).toBe(status);
  });
});
