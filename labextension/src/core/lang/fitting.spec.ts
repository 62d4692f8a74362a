/**
 * The least squares of regression on problems with known answers: a line through
 * exact points, dependent columns, fewer rows than parameters, an exponential.
 */

import { linear, nonlinear } from './fitting';

describe('linear least squares by Householder QR', () => {
  it('finds the line through points on it', () => {
    const xs = [1, 2, 3, 4];
    const design = xs.map(x => [x, 1]);
    const found = linear(
      design,
      xs.map(x => 2 * x + 1)
    ) as number[];
    expect(found[0]).toBeCloseTo(2, 12);
    expect(found[1]).toBeCloseTo(1, 12);
  });

  it('finds the least squares line of scattered points', () => {
    // the normal equations by hand: n = 4, Σx = 10, Σx² = 30, Σy = 14, Σxy = 41
    const found = linear(
      [
        [1, 1],
        [2, 1],
        [3, 1],
        [4, 1]
      ],
      [2, 4, 3, 5]
    ) as number[];
    expect(found[0]).toBeCloseTo(0.8, 12);
    expect(found[1]).toBeCloseTo(1.5, 12);
  });

  it('refuses columns that depend on each other and too few rows', () => {
    expect(
      linear(
        [
          [1, 2],
          [2, 4],
          [3, 6]
        ],
        [1, 2, 3]
      )
    ).toBeNull();
    expect(linear([[1, 1]], [1])).toBeNull();
  });
});

describe('Levenberg–Marquardt', () => {
  it('finds an exponential through exact points from (1, 1)', () => {
    const xs = [0, 1, 2, 3, 4, 5];
    const ys = xs.map(x => 3 * Math.exp(0.4 * x));
    const found = nonlinear(
      ([a, k]) => xs.map((x, i) => a * Math.exp(k * x) - ys[i]),
      [1, 1]
    ) as number[];
    expect(Math.abs(found[0] - 3)).toBeLessThan(1e-8);
    expect(Math.abs(found[1] - 0.4)).toBeLessThan(1e-8);
  });

  it('gives no answer when the residuals are never numbers', () => {
    expect(nonlinear(() => [NaN, NaN], [1])).toBeNull();
  });
});
