/**
 * The trace over statistics plots: a histogram's bar range and count, a boxplot's five
 * numbers, a dotplot's value and count; by hover and by the keyboard trace.
 */

import { Session, runCell } from '../core/index';
import type { Item, Scene } from '../core/types';
import { traceMarkup } from './markup';
import { nearestPoint, statText, traceable, traceTrack } from './trace';
import { ITraceScene, Tracer } from './tracing';
import { IView, toPixel } from './view';

const SIZE = { width: 600, height: 400 };

function drawn(source: string): { scene: Scene; view: IView } {
  const scene = runCell(new Session(), source, SIZE).scene as Scene;
  const view: IView = {
    x0: scene.view.x[0],
    x1: scene.view.x[1],
    y0: scene.view.y[0],
    y1: scene.view.y[1],
    width: scene.view.width,
    height: scene.view.height
  };
  return { scene, view };
}

function traceScene(source: string): ITraceScene {
  const { scene, view } = drawn(source);
  return { items: scene.items, program: scene.program, view };
}

describe('hovering over a statistics plot', () => {
  const histogram = drawn('L = [1, 2, 2, 3, 3, 3, 4, 7]\nhistogram(L, 2)');

  it("reads a histogram's bar under the pointer: its range and count", () => {
    const [px, py] = toPixel(histogram.view, 3, 2); // inside the bar [2, 4) of 5
    const hit = nearestPoint(histogram.scene.items, histogram.view, px, py);
    expect(hit?.text).toBe('[2, 4): 5');
    expect([hit?.x, hit?.y]).toEqual([3, 5]);
  });

  it('reads an empty bar near its base, and nothing far above it', () => {
    const { scene, view } = drawn('histogram([1, 2, 2, 5], 1)');
    const [px, base] = toPixel(view, 3.5, 0);
    expect(nearestPoint(scene.items, view, px, base - 4)?.text).toBe(
      '[3, 4): 0'
    );
    expect(nearestPoint(scene.items, view, px, base - 100)).toBeNull();
  });

  it("reads a boxplot's five numbers anywhere in its box", () => {
    const { scene, view } = drawn('boxplot([1...9])');
    const [px, py] = toPixel(view, 4, 1.3);
    expect(nearestPoint(scene.items, view, px, py)?.text).toBe(
      'min 1, Q1 2.5, median 5, Q3 7.5, max 9'
    );
  });

  it("reads a dot's value and how many values share it", () => {
    const { scene, view } = drawn('dotplot([2, 1, 2])');
    const [px, py] = toPixel(view, 2, 2);
    expect(nearestPoint(scene.items, view, px, py)?.text).toBe('2: 2 values');
  });

  it('labels the traced point with that text instead of coordinates', () => {
    const { view } = histogram;
    const measure = (text: string) => text.length * 7;
    const { markup } = traceMarkup(
      { x: 3, y: 5, color: '#0072B2', text: '[2, 4): 5' },
      view,
      measure,
      []
    );
    expect(markup).toContain('>[2, 4): 5</text>');
  });

  it('says nothing special over an ordinary curve', () => {
    const { scene, view } = drawn('y = x');
    expect(statText(scene.items[0] as Item, 1, view)).toBeNull();
  });
});

describe('the keyboard trace over statistics plots', () => {
  function tracer() {
    const said: string[] = [];
    const t = new Tracer(
      text => said.push(text),
      () => undefined
    );
    return { t, said };
  }

  it('steps along a histogram bar by bar', () => {
    const scene = traceScene('histogram([1, 2, 2, 5], 1)');
    expect(traceable(scene.items)).toHaveLength(1);
    const { t, said } = tracer();
    t.start(scene);
    expect(said[0]).toMatch(/^histogram\(\[1, 2, 2, 5\], 1\): \[\d, \d\): \d$/);
    t.move(scene, -1);
    t.move(scene, -1);
    t.move(scene, -1);
    expect(said[said.length - 1]).toBe('[1, 2): 1');
    t.move(scene, 1);
    expect(said[said.length - 1]).toBe('[2, 3): 2');
    expect(t.point(scene.items)).toMatchObject({
      x: 2.5,
      y: 2,
      text: '[2, 3): 2'
    });
  });

  it("says a boxplot's five numbers", () => {
    const scene = traceScene('boxplot([1...9])');
    const { t, said } = tracer();
    t.start(scene);
    expect(said[0]).toBe(
      'boxplot([1...9]): min 1, Q1 2.5, median 5, Q3 7.5, max 9'
    );
  });

  it('plays a histogram as its bar tops', () => {
    const { scene, view } = drawn('histogram([1, 2, 2, 5], 1)');
    const { xs, ys } = traceTrack(scene.items[0], 'path', view, 100);
    expect(xs).toEqual([1.5, 2.5, 3.5, 4.5, 5.5]);
    expect(ys).toEqual([1, 2, 0, 0, 1]);
  });
});
