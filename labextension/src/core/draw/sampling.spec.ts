/** The sampling stages on plain functions, before any evaluator: breaks, shapes, regions. */

import { traceImplicit } from './implicit';
import { sampleParametric, samplePolar } from './parametric';
import { Fn1, Fn2, Line } from '../plan';
import { area, shadeRegion } from './regions';
import { sampleExplicit, simplify } from './sampling';

const never = (): void => undefined;

function fn1(f: (t: number) => number): Fn1 {
  return ts => ts.map(f);
}

function fn2(f: (x: number, y: number) => number): Fn2 {
  return (xs, ys) => xs.map((x, i) => f(x, ys[i]));
}

function crosses(pieces: Line[], x: number): boolean {
  return pieces.some(p => {
    const xs = p.map(q => q[0]);
    return Math.min(...xs) < x && x < Math.max(...xs);
  });
}

const Y = { lo: -10, hi: 10, pixels: 400 };

/** The curve F(x, y) = 0 traced in the default window on a 400-cell grid. */
function traced(F: (x: number, y: number) => number): Line[] {
  return traceImplicit(fn2(F), [-10, 10], [-6.6, 6.6], 400, never);
}

describe('explicit sampling', () => {
  it('breaks tan at every pole and nowhere else', () => {
    const pieces = sampleExplicit(fn1(Math.tan), -10, 10, Y, 20000, never);
    expect(pieces).toHaveLength(7);
    for (const k of [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5]) {
      expect(crosses(pieces, k * Math.PI)).toBe(false);
    }
  });

  it('splits 1/x in two and floor into flat steps', () => {
    expect(
      sampleExplicit(
        fn1(x => 1 / x),
        -10,
        10,
        Y,
        20000,
        never
      )
    ).toHaveLength(2);
    const steps = sampleExplicit(fn1(Math.floor), -10, 10, Y, 20000, never);
    expect(steps.length).toBeGreaterThanOrEqual(19);
    expect(steps.length).toBeLessThanOrEqual(21);
    for (const s of steps) {
      expect(new Set(s.map(p => p[1])).size).toBe(1);
    }
  });

  it('runs sqrt right down to its domain edge', () => {
    const [piece, ...rest] = sampleExplicit(
      fn1(Math.sqrt),
      -10,
      10,
      Y,
      20000,
      never
    );
    expect(rest).toHaveLength(0);
    expect(piece[0][0]).toBeCloseTo(0, 6);
  });

  it('keeps a steep continuous curve whole and stays within the sample limit', () => {
    expect(
      sampleExplicit(
        fn1(x => Math.atan(1000 * x)),
        -10,
        10,
        Y,
        20000,
        never
      )
    ).toHaveLength(1);
    const wild = sampleExplicit(
      fn1(x => Math.sin(1 / x)),
      -10,
      10,
      Y,
      20000,
      never
    );
    expect(wild.reduce((s, p) => s + p.length, 0)).toBeLessThanOrEqual(20000);
  });

  it('simplifies a straight line to its ends', () => {
    const line: Line = Array.from({ length: 50 }, (_, i) => [i, 2 * i]);
    expect(simplify(line, 30, 20)).toHaveLength(2);
  });
});

describe('parametric and polar', () => {
  it('draws the unit circle as one closed piece on the circle', () => {
    const pieces = sampleParametric(
      fn1(Math.cos),
      fn1(Math.sin),
      [0, 2 * Math.PI],
      20000,
      never
    );
    expect(pieces).toHaveLength(1);
    for (const [x, y] of pieces[0]) {
      expect(Math.abs(x * x + y * y - 1)).toBeLessThan(1e-9);
    }
    const [first, last] = [pieces[0][0], pieces[0][pieces[0].length - 1]];
    expect(Math.hypot(first[0] - last[0], first[1] - last[1])).toBeLessThan(
      1e-9
    );
  });

  it('breaks (t, tan t) at its poles', () => {
    const pieces = sampleParametric(
      fn1(t => t),
      fn1(Math.tan),
      [0, 2 * Math.PI],
      20000,
      never
    );
    expect(pieces).toHaveLength(3);
  });

  it('breaks a polar curve at a pole of r', () => {
    const pieces = samplePolar(
      fn1(t => 1 / (t - Math.PI)),
      [0, 2 * Math.PI],
      20000,
      never
    );
    expect(pieces).toHaveLength(2);
  });
});

describe('implicit curves and regions', () => {
  it('traces a circle as one closed loop', () => {
    const lines = traced((x, y) => x * x + y * y - 4);
    expect(lines).toHaveLength(1);
    for (const [x, y] of lines[0]) {
      expect(Math.abs(x * x + y * y - 4)).toBeLessThan(1e-6);
    }
    expect(lines[0][0]).toEqual(lines[0][lines[0].length - 1]);
  });

  it('draws no pole of 1/x = y and two branches of a hyperbola', () => {
    const reciprocal = traced((x, y) => 1 / x - y);
    expect(reciprocal).toHaveLength(2);
    expect(crosses(reciprocal, 0)).toBe(false);
    const hyperbola = traced((x, y) => x * x - y * y - 1);
    expect(hyperbola).toHaveLength(2);
  });

  it('finds a small loop inside one coarse cell', () => {
    const lines = traced((x, y) => x * x + y * y - 0.01);
    expect(lines).toHaveLength(1);
  });

  it('shades the unit disk with the right area and one boundary', () => {
    const { polygons, boundary } = shadeRegion(
      fn2((x, y) => x * x + y * y - 1),
      '<=',
      [-2, 2],
      [-2, 2],
      400,
      never
    );
    const total = polygons.reduce((s, r) => s + Math.abs(area(r)), 0);
    expect(Math.abs(total - Math.PI)).toBeLessThan(0.02 * Math.PI);
    expect(boundary).toHaveLength(1);
  });

  it('cuts the outside of a disk into rings without holes', () => {
    const { polygons } = shadeRegion(
      fn2((x, y) => x * x + y * y - 1),
      '>',
      [-10, 10],
      [-6.6, 6.6],
      400,
      never
    );
    expect(polygons.every(r => area(r) > 0)).toBe(true);
    const total = polygons.reduce((s, r) => s + area(r), 0);
    expect(Math.abs(total - (20 * 13.2 - Math.PI))).toBeLessThan(0.1);
  });
});
