import type { Item, Program } from '../core/types';
import { curve } from './curves.testing';
import {
  alongOf,
  formatCoordinate,
  nearestPoint,
  pointAt,
  pointLabel,
  positionNear,
  readout,
  startAt,
  stepFrom,
  traceable,
  traceTrack
} from './trace';
import { IView, toPixel } from './view';

const view: IView = { x0: -10, x1: 10, y0: -5, y1: 5, width: 600, height: 300 };

const square = curve('s0', x => x * x);
const line = curve('s1', x => x / 2);

function program(
  ...statements: Array<Partial<Program['statements'][0]>>
): Program {
  return {
    version: 1,
    statements: statements.map((s, k) => ({
      id: `s${k}`,
      kind: 'curve',
      line: k,
      label: '',
      domain: null,
      conditions: [],
      exprs: {},
      ...s
    })),
    definitions: [],
    window: { x: null, y: null }
  };
}

describe('nearestPoint', () => {
  it('finds the curve under the pointer and the point on it', () => {
    const [px, py] = toPixel(view, 1, 1);
    const hit = nearestPoint([line, square], view, px + 2, py);
    expect(hit?.itemId).toBe('s0');
    expect(hit?.x).toBeCloseTo(1, 1);
    expect(hit?.y).toBeCloseTo(1, 1);
  });

  it('finds nothing farther than the radius', () => {
    const [px, py] = toPixel(view, 0, 4);
    expect(nearestPoint([square, line], view, px, py)).toBeNull();
  });

  it('counts a point item at its position', () => {
    const dot: Item = {
      kind: 'point',
      id: 'p',
      line: 2,
      label: '(1, 2)',
      color: '#000000',
      style: { dash: false, fill: true },
      x: 1,
      y: 2
    };
    const [px, py] = toPixel(view, 1, 2);
    expect(nearestPoint([dot], view, px + 3, py)?.itemId).toBe('p');
  });
});

describe('coordinates as they are read out', () => {
  it('uses the digits the view needs, no trailing zeros, a true minus', () => {
    expect(formatCoordinate(2.2500001, 20)).toBe('2.25');
    expect(formatCoordinate(1.5, 20)).toBe('1.5');
    expect(formatCoordinate(-0.0001, 20)).toBe('0');
    expect(formatCoordinate(-1, 20)).toBe('\u22121');
    expect(formatCoordinate(0.123456, 0.01)).toBe('0.12346');
    expect(formatCoordinate(NaN, 1)).toBe('undefined');
  });

  it('reads a traced point as "x = 1.5, y = 2.25"', () => {
    expect(readout({ ...view, x0: -5, x1: 5 }, 1.5, 2.2500003)).toBe(
      'x = 1.5, y = 2.25'
    );
    expect(readout(view, 1, NaN)).toBe('x = 1, y is undefined');
    expect(pointLabel(view, 0.9999999999, -1e-12)).toBe('(1, 0)');
  });
});

describe('the keyboard trace', () => {
  it('walks y = f(x) along x on a round step from the middle', () => {
    const along = alongOf(square, program({}));
    expect(along).toBe('x');
    const t0 = startAt(square, along, view);
    expect(t0).toBe(0);
    const t1 = stepFrom(square, along, t0, 1, view);
    const t2 = stepFrom(square, along, t1, 1, view);
    const t3 = stepFrom(square, along, t2, 1, view);
    expect([t1, t2, t3]).toEqual([1, 2, 3]);
    const [x, y] = pointAt(square, along, 1.5);
    expect(x).toBe(1.5);
    expect(y).toBeCloseTo(2.25, 2);
  });

  it('stops at the edge of the view', () => {
    expect(stepFrom(square, 'x', 10, 1, view)).toBe(10);
    expect(stepFrom(square, 'x', -10, -1, view)).toBe(-10);
  });

  it('walks x = f(y) along y', () => {
    const sideways: Item = {
      ...square,
      id: 's0',
      segments: square.segments!.map(s => s.map(([x, y]) => [y, x]))
    };
    const along = alongOf(sideways, program({ along: 'y' }));
    expect(along).toBe('y');
    const [x, y] = pointAt(sideways, along, 2);
    expect(y).toBe(2);
    expect(x).toBeCloseTo(4, 2);
  });

  it('walks a parametric curve vertex by vertex', () => {
    const circle: Item = {
      ...square,
      segments: [
        Array.from({ length: 101 }, (_, k): [number, number] => [
          Math.cos((2 * Math.PI * k) / 100),
          Math.sin((2 * Math.PI * k) / 100)
        ])
      ]
    };
    const along = alongOf(circle, program({ kind: 'parametric' }));
    expect(along).toBe('path');
    expect(startAt(circle, along, view)).toBe(50);
    expect(stepFrom(circle, along, 50, 1, view)).toBe(51);
    const [x, y] = pointAt(circle, along, 25);
    expect(x).toBeCloseTo(0, 9);
    expect(y).toBeCloseTo(1, 9);
    expect(positionNear(circle, along, 1, 0)).toBe(0);
  });

  it('keeps only drawn curves', () => {
    const empty: Item = { ...square, id: 'e', segments: [] };
    expect(traceable([empty, square]).map(i => i.id)).toEqual(['s0']);
  });
});

describe('traceTrack', () => {
  it('samples y across the view and leaves gaps as NaN', () => {
    const half = curve('h', x => Math.sqrt(x), 0, 10);
    const { xs, ys } = traceTrack(half, 'x', view, 5);
    expect(xs).toEqual([-10, -5, 0, 5, 10]);
    expect(ys[0]).toBeNaN();
    expect(ys[1]).toBeNaN();
    expect(ys[3]).toBeCloseTo(Math.sqrt(5), 2);
  });
});
