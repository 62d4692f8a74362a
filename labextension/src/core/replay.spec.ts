/**
 * View requests on a stored program, as the Python kernel's `replay.answer` draws them:
 * a new view and parameter values never touch the session.
 */

import { Session, runCell } from './index';
import { features, resample } from './replay';
import type { Program } from './types';

const SIZE = { width: 600, height: 400 };

describe('view requests on a stored program', () => {
  it('re-samples for a new view and parameter values without touching the session', () => {
    const session = new Session();
    const program = runCell(session, 'a = 1\ny = a x', SIZE).program;
    expect(program).not.toBeNull();
    const view = {
      x: [0, 1] as [number, number],
      y: null,
      width: 300,
      height: 200
    };
    const { scene, diagnostics } = resample(program as Program, view, { a: 2 });
    expect(diagnostics).toEqual([]);
    expect(scene?.view.x).toEqual([0, 1]);
    const segments = scene?.items[0].segments ?? [];
    const [x, y] = segments[segments.length - 1].slice(-1)[0];
    expect([x, y]).toEqual([1, 2]); // y = a x with a = 2 for this request only
    expect(runCell(session, 'a', SIZE).text).toBe('1');
  });

  it('finds zeros and extrema of the drawn curves', () => {
    const program = runCell(new Session(), 'y = x^2 - 1', SIZE)
      .program as Program;
    const view = {
      x: [-5, 5] as [number, number],
      y: null,
      width: 300,
      height: 200
    };
    const found = features(program, view, {});
    const zeros = found.filter(f => f.kind === 'zero').map(f => f.x);
    expect(zeros.map(x => Math.round(x * 1e9) / 1e9)).toEqual([-1, 1]);
    expect(
      found.some(f => f.kind === 'minimum' && Math.abs(f.y + 1) < 1e-9)
    ).toBe(true);
  });

  it('draws a fitted curve and its data again on zoom', () => {
    const session = new Session();
    runCell(session, 'X = [1, 2, 3]\nY = [2, 4, 7]', SIZE);
    const program = runCell(session, 'Y ~ m X + b', SIZE).program as Program;
    const [m, b] = [session.value('m') ?? NaN, session.value('b') ?? NaN];
    const view = {
      x: [100, 200] as [number, number],
      y: [0, 1000] as [number, number],
      width: 600,
      height: 400
    };
    const { scene, diagnostics } = resample(program, view, {});
    expect(diagnostics).toEqual([]);
    expect(scene?.params).toEqual([]); // the fitted numbers are the fit's
    const items = scene?.items ?? [];
    const curve = items.filter(item => item.kind === 'curve');
    expect(curve.length).toBe(1);
    const samples = (curve[0].segments ?? []).flat();
    expect(Math.max(...samples.map(([x]) => x))).toBeGreaterThan(190);
    for (const [x, y] of samples) {
      expect(x).toBeGreaterThanOrEqual(100 - 1e-9);
      expect(Math.abs(y - (m * x + b))).toBeLessThan(1e-9 * Math.abs(y));
    }
    const points = items
      .filter(item => item.kind === 'point')
      .map(item => [item.x, item.y]);
    expect(points).toEqual([
      [1, 2],
      [2, 4],
      [3, 7]
    ]);
  });

  it('draws a family and points from lists again on zoom and slide', () => {
    const session = new Session();
    runCell(session, 'L = [1, 2, 3]', SIZE);
    const program = runCell(session, 'a = 1\ny = L x + a\n(L, 2L)', SIZE)
      .program as Program;
    const view = {
      x: [0, 2] as [number, number],
      y: null,
      width: 600,
      height: 400
    };
    const { scene, diagnostics } = resample(program, view, { a: 5 });
    expect(diagnostics).toEqual([]);
    expect(scene?.params.map(p => p.name)).toEqual(['a']); // a list is data
    const items = scene?.items ?? [];
    const curves = items.filter(item => item.kind === 'curve');
    expect(curves.length).toBe(3);
    expect(new Set(curves.map(item => item.color)).size).toBe(1);
    curves.forEach((item, i) => {
      for (const [x, y] of (item.segments ?? []).flat()) {
        expect(x).toBeGreaterThanOrEqual(-1e-9);
        expect(x).toBeLessThanOrEqual(2 + 1e-9);
        expect(Math.abs(y - ((i + 1) * x + 5))).toBeLessThan(1e-9);
      }
    });
    const points = items
      .filter(item => item.kind === 'point')
      .map(item => [item.x, item.y]);
    expect(points).toEqual([
      [1, 2],
      [2, 4],
      [3, 6]
    ]);
  });
});
