/** The view rule: equal scale for geometric cells at any figure size, fitted with a margin. */

import { sceneOf, fn1, fn2 } from './scenes.testing';
import { plotSize } from './view';

const circle = {
  kind: 'implicit' as const,
  line: 0,
  label: 'x^2 + y^2 = 4',
  F: fn2((x, y) => x * x + y * y - 4)
};

describe('the view rule', () => {
  for (const size of [
    [600, 400],
    [400, 400],
    [900, 300]
  ] as Array<[number, number]>) {
    it(`keeps a circle round at ${size[0]}x${size[1]}`, () => {
      const scene = sceneOf([circle], size);
      const { x, y, equal } = scene.view;
      expect(equal).toBe(true);
      const [w, h] = plotSize(size);
      const perX = (x[1] - x[0]) / w;
      const perY = (y[1] - y[0]) / h;
      expect(perX / perY).toBeCloseTo(1, 9);
      // Fitted with at least 10 % margin around [-2, 2] on both axes (slack as the Python case).
      expect(x[0]).toBeLessThanOrEqual(-2.4 + 4e-3);
      expect(x[1]).toBeGreaterThanOrEqual(2.4 - 4e-3);
      expect(y[0]).toBeLessThanOrEqual(-2.4 + 4e-3);
      expect(y[1]).toBeGreaterThanOrEqual(2.4 - 4e-3);
      // On screen the drawn points are as far from the centre across as up.
      const points = scene.items[0].segments!.flat();
      const radii = points.map(([px, py]) => Math.hypot(px / perX, py / perY));
      expect(Math.max(...radii) / Math.min(...radii)).toBeLessThan(1.001);
    });
  }

  it('keeps x in [-10, 10] and a robust y for explicit curves only', () => {
    const scene = sceneOf([
      {
        kind: 'curve',
        line: 0,
        label: '1/x',
        fn: fn1(x => 1 / x),
        along: 'x',
        domain: null
      }
    ]);
    expect(scene.view.equal).toBe(false);
    expect(scene.view.x).toEqual([-10, 10]);
    expect(scene.view.y[0]).toBeGreaterThanOrEqual(-10);
    expect(scene.view.y[1]).toBeLessThanOrEqual(10);
  });

  it('lets a window the cell sets win, the other axis following', () => {
    const scene = sceneOf([circle], [600, 400], { x: [-5, 5], y: null });
    expect(scene.view.x).toEqual([-5, 5]);
    const [w, h] = plotSize([600, 400]);
    expect((scene.view.y[1] - scene.view.y[0]) / h).toBeCloseTo(10 / w, 12);
  });
});
