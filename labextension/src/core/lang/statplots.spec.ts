/**
 * histogram, boxplot and dotplot on the TS core: the numbers drawn, the scene items,
 * the located errors, and replay of the program (as the Python kernel's
 * `tests/test_statplots.py`).
 */

import { Session, complete, inspect, runCell } from '../index';
import { resample } from '../replay';
import { bars, niceWidth, stacks } from './statplots';

const SIZE = { width: 600, height: 400 };

describe('statistics plots', () => {
  it('counts values in left-closed bars aligned at multiples of the width', () => {
    const counted = bars(Float64Array.of(0, 1.9, 2, 3.99, 4, 7), 2, null);
    expect(counted).toEqual([
      [0, 2, 2],
      [2, 4, 2],
      [4, 6, 1],
      [6, 8, 1]
    ]);
  });

  it('puts a value a rounding error below an edge on the edge', () => {
    expect(bars(Float64Array.of(0.3), 0.1, null)[0][2]).toBe(1);
    expect(bars(Float64Array.of(0.3), 0.1, null)[0][0]).toBeCloseTo(0.3, 12);
  });

  it('picks width 1 for a narrow spread and a nice width for a wide one', () => {
    expect(niceWidth(6)).toBe(1);
    expect(niceWidth(120)).toBe(10);
    expect(niceWidth(1000)).toBe(50);
  });

  it('stacks equal values (0 and -0 are one value)', () => {
    expect(stacks(Float64Array.of(3, 1, 3, -0, 0), null)).toEqual([
      [0, 2],
      [1, 1],
      [3, 2]
    ]);
  });

  it('draws a histogram as one region with its bars, framed on its data', () => {
    const result = runCell(
      new Session(),
      'L = [1, 2, 2, 3, 3, 3, 4, 7]\nhistogram(L, 2)',
      SIZE
    );
    expect(result.diagnostics).toEqual([]);
    const item = result.scene!.items[0];
    expect(item.kind).toBe('region');
    expect(item.bars?.map(b => [b.from, b.to, b.count])).toEqual([
      [0, 2, 1],
      [2, 4, 5],
      [4, 6, 1],
      [6, 8, 1]
    ]);
    expect(item.polygons).toHaveLength(4);
    expect(result.svg).toContain(
      `fill="${item.color}" fill-opacity="0.25" stroke="none"`
    );
    const [x0, x1] = result.scene!.view.x;
    expect(x0).toBeCloseTo(-0.8, 9);
    expect(x1).toBeCloseTo(8.8, 9);
    expect(result.scene!.description).toBe(
      'A graph of a histogram of 8 values in 4 bars of width 2 ("histogram(L, 2)"), ' +
        'for x from -0.8 to 8.8 and y from -0.75 to 5.75.'
    );
  });

  it('draws a boxplot at y = 1 with its five numbers', () => {
    const result = runCell(new Session(), 'boxplot([1...9])', SIZE);
    const item = result.scene!.items[0];
    expect(item.box).toEqual({
      min: 1,
      q1: 2.5,
      median: 5,
      q3: 7.5,
      max: 9,
      count: 9
    });
    expect(item.polygons).toEqual([
      [
        [2.5, 0.5],
        [7.5, 0.5],
        [7.5, 1.5],
        [2.5, 1.5],
        [2.5, 0.5]
      ]
    ]);
  });

  it('draws a dotplot as stacked points, each with its count', () => {
    const result = runCell(new Session(), 'dotplot([2, 1, 2])', SIZE);
    const dots = result.scene!.items.map(i => [i.kind, i.x, i.y, i.count]);
    expect(dots).toEqual([
      ['point', 1, 1, 1],
      ['point', 2, 1, 2],
      ['point', 2, 2, 2]
    ]);
  });

  it.each([
    ['histogram(3)', 'needs-list'],
    ['histogram([1, 2], 0)', 'bad-width'],
    ['histogram([1, 2], -1)', 'bad-width'],
    ['histogram([1, 2], 0.00001)', 'too-many-bars'],
    ['boxplot([])', 'empty-list'],
    ['a = dotplot([1, 2])', 'draw-in-expression']
  ])('refuses %s with %s', (source, code) => {
    const result = runCell(new Session(), source, SIZE);
    expect(result.diagnostics.map(d => d.code)).toEqual([code]);
  });

  it('re-samples a histogram from its program for a new view', () => {
    const result = runCell(new Session(), 'histogram([1, 2, 2, 5], 1)', SIZE);
    const view = { x: [-20, 20] as [number, number], y: null, ...SIZE };
    const again = resample(result.program!, view, {});
    expect(again.diagnostics).toEqual([]);
    expect(again.scene?.view.x).toEqual([-20, 20]);
    expect(again.scene?.items[0].bars).toEqual(result.scene!.items[0].bars);
  });

  it('completes and inspects the names', () => {
    expect(complete(new Session(), 'hist', 4).matches).toEqual(['histogram']);
    expect(complete(new Session(), 'dotp', 4).matches).toEqual(['dotplot']);
    expect(inspect(new Session(), 'boxplot(L)', 3)).toMatch(/^boxplot\(L\)/);
  });
});
