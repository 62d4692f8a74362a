import type { Feature } from '../core/types';
import { curve } from './curves.testing';
import { PointsOfInterest } from './features';
import { ITraceScene, Tracer } from './tracing';
import { IView, toPixel } from './view';

const view: IView = { x0: -10, x1: 10, y0: -5, y1: 5, width: 600, height: 300 };

const items = [curve('s0', x => x / 2), curve('s1', () => 1)];
const scene: ITraceScene = { items, program: undefined, view };

function tracer() {
  const said: string[] = [];
  let paints = 0;
  const t = new Tracer(
    text => said.push(text),
    () => paints++
  );
  return { t, said, paints: () => paints };
}

describe('Tracer', () => {
  it('traces the curve under the pointer until it leaves', () => {
    const { t, paints } = tracer();
    const [px, py] = toPixel(view, 2, 1);
    t.hoverAt(scene, px, py);
    expect(t.point(items)).toMatchObject({ color: '#0072B2' });
    expect(paints()).toBe(1);
    t.leave();
    expect(t.point(items)).toBeNull();
    expect(paints()).toBe(2);
    t.leave();
    expect(paints()).toBe(2);
  });

  it('steps with the keys and says where it is', () => {
    const { t, said } = tracer();
    expect(t.active).toBe(false);
    t.start(scene);
    expect(t.active).toBe(true);
    expect(t.itemId).toBe('s0');
    expect(said[0]).toMatch(/^s0: /);
    t.move(scene, 1);
    expect(said[1]).not.toMatch(/^s0: /);
    t.switchCurve(scene, 1);
    expect(t.itemId).toBe('s1');
    expect(said[2]).toMatch(/^s1: /);
    t.stop();
    expect(t.active).toBe(false);
    expect(said[3]).toBe('Trace off.');
  });

  it('says when there is nothing to trace', () => {
    const { t, said } = tracer();
    t.start({ ...scene, items: [] });
    expect(t.active).toBe(false);
    expect(said).toEqual(['There is no curve to trace in this plot.']);
  });
});

describe('PointsOfInterest', () => {
  const found: Feature[] = [
    { x: 0, y: 0, kind: 'zero', items: ['s0'] },
    { x: 1, y: 1, kind: 'maximum', items: ['s1'] }
  ];

  it('keeps the points of the curve clicked, said once', () => {
    const points = new PointsOfInterest();
    const [px, py] = toPixel(view, 2, 1);
    expect(points.click(items, view, px, py)).toBe(true);
    expect(points.itemId).toBe('s0');
    expect(points.found(found)).toBe(true);
    expect(points.features).toEqual([found[0]]);
    expect(points.found(found)).toBe(false);
  });

  it('clears them on a click beside the curves', () => {
    const points = new PointsOfInterest();
    const [px, py] = toPixel(view, 2, 1);
    points.click(items, view, px, py);
    points.found(found);
    expect(points.click(items, view, 10, 10)).toBe(false);
    expect(points.itemId).toBeNull();
    expect(points.features).toEqual([]);
  });
});
