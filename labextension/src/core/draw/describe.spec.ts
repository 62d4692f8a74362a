/** The text/plain sentence: numbers written as the Python kernel writes them. */

import { describe as sentence, number } from './describe';

describe('describe', () => {
  it('writes short, readable numbers', () => {
    expect(number(-10)).toBe('-10');
    expect(number(2.5)).toBe('2.5');
    expect(number(-6.666666)).toBe('-6.67');
    expect(number(3358.2)).toBe('3358');
    expect(number(1.2e6)).toBe('1.2e+06');
    expect(number(0.0005)).toBe('0.0005');
    expect(number(-0.0001)).toBe('-0.0001');
    expect(number(0.00001234)).toBe('1.23e-05');
    expect(number(-0.001)).toBe('0');
  });

  it('names what is drawn and the window', () => {
    const window = {
      x: [-10, 10] as [number, number],
      y: [-1, 1] as [number, number]
    };
    const item = (kind: 'curve' | 'point' | 'region', label: string) => ({
      kind,
      id: 'line-0',
      line: 0,
      label,
      color: '#0072B2',
      style: { dash: false, fill: false }
    });
    expect(sentence(window, [])).toBe(
      'An empty graph for x from -10 to 10 and y from -1 to 1.'
    );
    expect(
      sentence(window, [
        item('curve', 'y = x'),
        item('point', '(1, 2), (3, 4)'),
        item('point', '(1, 2), (3, 4)'),
        item('region', 'y < x')
      ])
    ).toBe(
      'A graph of 1 curve ("y = x"), 2 points ("(1, 2), (3, 4)") and 1 shaded region ' +
        '("y < x"), for x from -10 to 10 and y from -1 to 1.'
    );
  });

  it('says when angles are in degrees', () => {
    const window = {
      x: [-1, 1] as [number, number],
      y: [0, 2] as [number, number]
    };
    expect(sentence(window, [], true)).toBe(
      'An empty graph for x from -1 to 1 and y from 0 to 2. Angles are in degrees.'
    );
  });
});
