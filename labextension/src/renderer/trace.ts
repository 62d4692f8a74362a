/**
 * Tracing a curve: the point of a curve nearest the pointer, the keyboard trace's
 * steps along a curve, and coordinates written the way the read-out says them. A
 * statistics plot reads what it counts instead: a histogram's bar, a boxplot's five
 * numbers, a dotplot's value and count.
 */

import type { Item, Program } from '../core/types';
import { valueAt } from './audio';
import { BOX_Y } from '../core/draw/statplots';
import { niceStep } from '../core/render/ticks';
import { IView, fromPixel, toPixel } from './view';

/** A point on a drawn item, in data coordinates. */
export interface ITracePoint {
  itemId: string;
  x: number;
  y: number;
  /** What a statistics plot says here, in place of the coordinates. */
  text?: string;
}

/** Pixels from the pointer within which a curve is "under" it. */
export const HOVER_RADIUS = 12;

/**
 * The point of a curve (or of a region's boundary) nearest the pixel (px, py) in
 * `view`, if one is within `radius` pixels. Points items count as their position.
 */
export function nearestPoint(
  items: readonly Item[],
  view: IView,
  px: number,
  py: number,
  radius = HOVER_RADIUS
): (ITracePoint & { distance: number }) | null {
  let best: (ITracePoint & { distance: number }) | null = null;
  const consider = (item: Item, x: number, y: number, distance: number) => {
    if (distance <= radius && (best === null || distance < best.distance)) {
      best = { itemId: item.id, x, y, distance };
      const text = statText(item, x, view);
      if (text !== null) {
        best.text = text;
      }
    }
  };
  for (const item of items) {
    if (item.kind === 'point') {
      if (item.x !== undefined && item.y !== undefined) {
        const [qx, qy] = toPixel(view, item.x, item.y);
        consider(item, item.x, item.y, Math.hypot(qx - px, qy - py));
      }
      continue;
    }
    const inside = Private.inside(item, view, px, py, radius);
    if (inside !== null) {
      consider(item, inside[0], inside[1], inside[2]);
      if (item.bars) {
        continue;
      }
    }
    const lines = item.kind === 'curve' ? item.segments : item.boundary;
    for (const line of lines ?? []) {
      let [ax, ay] = toPixel(view, line[0][0], line[0][1]);
      if (line.length === 1) {
        consider(item, line[0][0], line[0][1], Math.hypot(ax - px, ay - py));
      }
      for (let i = 1; i < line.length; i++) {
        const [bx, by] = toPixel(view, line[i][0], line[i][1]);
        const dx = bx - ax;
        const dy = by - ay;
        const length2 = dx * dx + dy * dy;
        const t =
          length2 > 0
            ? Math.min(
                1,
                Math.max(0, ((px - ax) * dx + (py - ay) * dy) / length2)
              )
            : 0;
        const distance = Math.hypot(ax + t * dx - px, ay + t * dy - py);
        if (distance <= radius) {
          const [x0, y0] = line[i - 1];
          const [x1, y1] = line[i];
          consider(item, x0 + t * (x1 - x0), y0 + t * (y1 - y0), distance);
        }
        ax = bx;
        ay = by;
      }
    }
  }
  return best;
}

/**
 * A coordinate with the digits a view of `span` units needs: about a thousandth of
 * the span, no trailing zeros, a true minus sign, never "-0".
 */
export function formatCoordinate(value: number, span: number): string {
  if (!Number.isFinite(value)) {
    return 'undefined';
  }
  const decimals = Math.min(
    12,
    Math.max(0, Math.ceil(-Math.log10(Math.abs(span) || 1)) + 3)
  );
  let text = value.toFixed(decimals);
  if (text.includes('.')) {
    text = text.replace(/0+$/, '').replace(/\.$/, '');
  }
  if (/^-0$/.test(text)) {
    text = '0';
  }
  return text.replace('-', '\u2212');
}

/** The read-out of a traced point: "x = 1.5, y = 2.25". */
export function readout(view: IView, x: number, y: number): string {
  const fx = formatCoordinate(x, view.x1 - view.x0);
  const fy = formatCoordinate(y, view.y1 - view.y0);
  return Number.isFinite(y)
    ? `x = ${fx}, y = ${fy}`
    : `x = ${fx}, y is undefined`;
}

/**
 * What a statistics plot says at x: a histogram's bar there, "[2, 4): 5"; a
 * boxplot's five numbers; a dot's value and count, "3: 2 values". Null for anything else.
 */
export function statText(item: Item, x: number, view: IView): string | null {
  const f = (v: number) => formatCoordinate(v, view.x1 - view.x0);
  if (item.bars && item.bars.length > 0) {
    const bars = item.bars;
    const bar =
      bars.find(b => b.from <= x && x < b.to) ??
      (x < bars[0].from ? bars[0] : bars[bars.length - 1]);
    return `[${f(bar.from)}, ${f(bar.to)}): ${bar.count}`;
  }
  if (item.box) {
    const b = item.box;
    return `min ${f(b.min)}, Q1 ${f(b.q1)}, median ${f(b.median)}, Q3 ${f(b.q3)}, max ${f(b.max)}`;
  }
  if (item.kind === 'point' && item.count !== undefined) {
    const values = item.count === 1 ? '1 value' : `${item.count} values`;
    return `${f(x)}: ${values}`;
  }
  return null;
}

/** What the trace says at a point of `item`: what it counts, or its coordinates. */
export function traceText(
  item: Item,
  view: IView,
  x: number,
  y: number
): string {
  return statText(item, x, view) ?? readout(view, x, y);
}

/** A point's label on the picture: "(1.5, 2.25)". */
export function pointLabel(view: IView, x: number, y: number): string {
  return `(${formatCoordinate(x, view.x1 - view.x0)}, ${formatCoordinate(
    y,
    view.y1 - view.y0
  )})`;
}

/**
 * How the keyboard trace walks a curve: along x for y = f(x), along y for x = f(y),
 * vertex by vertex for anything else (parametric, polar, implicit).
 */
export type Along = 'x' | 'y' | 'path';

/**
 * The items the keyboard and audio traces can follow: curves with something drawn,
 * histograms (bar by bar) and boxplots (number by number).
 */
export function traceable(items: readonly Item[]): Item[] {
  return items.filter(
    item =>
      (item.kind === 'curve' &&
        (item.segments ?? []).some(s => s.length > 0)) ||
      (item.bars ?? []).length > 0 ||
      item.box !== undefined
  );
}

/** How `item` is walked, from its statement in the program. */
export function alongOf(item: Item, program: Program | undefined): Along {
  const statement = program?.statements.find(s => s.id === item.id);
  if (!statement || statement.kind !== 'curve') {
    return statement ? 'path' : 'x';
  }
  return statement.along === 'y' ? 'y' : 'x';
}

/** The point of `item` at trace position `t` (an x, a y, or a vertex number). */
export function pointAt(item: Item, along: Along, t: number): [number, number] {
  const segments = item.segments ?? [];
  if (along === 'x') {
    return [t, valueAt(segments as number[][][], t)];
  }
  if (along === 'y') {
    const swapped = segments.map(s => s.map(([a, b]) => [b, a]));
    return [valueAt(swapped, t), t];
  }
  const vertices = Private.vertices(item);
  if (vertices.length === 0) {
    return [NaN, NaN];
  }
  const k = Math.min(vertices.length - 1, Math.max(0, Math.round(t)));
  return [vertices[k][0], vertices[k][1]];
}

/** Pixels between two positions of the keyboard trace, roughly. */
export const TRACE_SPACING = 20;

/** The keyboard trace's step along an axis: a round number, about 20 px. */
export function traceStep(view: IView, along: Along): number {
  return along === 'y'
    ? niceStep(view.y1 - view.y0, view.height, TRACE_SPACING)
    : niceStep(view.x1 - view.x0, view.width, TRACE_SPACING);
}

/** Where a keyboard trace of `item` starts: the middle of the view, on the step grid. */
export function startAt(item: Item, along: Along, view: IView): number {
  if (along === 'path') {
    return Math.floor(Private.vertices(item).length / 2);
  }
  const step = traceStep(view, along);
  const middle =
    along === 'x' ? (view.x0 + view.x1) / 2 : (view.y0 + view.y1) / 2;
  return Private.tidy(Math.round(middle / step) * step, step);
}

/**
 * The next trace position from `t` in `direction` (+1 or -1), kept inside the view
 * (or the curve's vertices).
 */
export function stepFrom(
  item: Item,
  along: Along,
  t: number,
  direction: 1 | -1,
  view: IView
): number {
  if (along === 'path') {
    const n = Private.vertices(item).length;
    const step = Math.max(1, Math.round(n / 100));
    return Math.min(n - 1, Math.max(0, t + direction * step));
  }
  const step = traceStep(view, along);
  const [lo, hi] = along === 'x' ? [view.x0, view.x1] : [view.y0, view.y1];
  const next = Private.tidy((Math.round(t / step) + direction) * step, step);
  return Math.min(hi, Math.max(lo, next));
}

/**
 * The trace position on `item` closest to the point (x, y): how a trace keeps its
 * place when it moves to another curve.
 */
export function positionNear(
  item: Item,
  along: Along,
  x: number,
  y: number
): number {
  if (along === 'x') {
    return x;
  }
  if (along === 'y') {
    return y;
  }
  const vertices = Private.vertices(item);
  let best = 0;
  let bestDistance = Infinity;
  vertices.forEach(([vx, vy], k) => {
    const d = Math.hypot(vx - x, vy - y);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  });
  return best;
}

/**
 * The curve as `n` points for the audio trace: evenly spaced across the view along x
 * (or y for x = f(y), stereo then following the curve's x), or its vertices in
 * drawing order, with NaN between pieces (silence).
 */
export function traceTrack(
  item: Item,
  along: Along,
  view: IView,
  n: number
): { xs: number[]; ys: number[] } {
  const xs: number[] = [];
  const ys: number[] = [];
  if (along === 'path') {
    const lines = item.segments ?? [Private.vertices(item)];
    const total = lines.reduce((sum, line) => sum + line.length, 0);
    const every = Math.max(1, Math.ceil(total / n));
    lines.forEach((line, k) => {
      if (k > 0) {
        xs.push(xs.length ? xs[xs.length - 1] : NaN);
        ys.push(NaN);
      }
      for (let i = 0; i < line.length; i += every) {
        xs.push(line[i][0]);
        ys.push(line[i][1]);
      }
    });
    return { xs, ys };
  }
  const [lo, hi] = along === 'x' ? [view.x0, view.x1] : [view.y0, view.y1];
  for (let i = 0; i < n; i++) {
    const t = n > 1 ? lo + ((hi - lo) * i) / (n - 1) : lo;
    const [x, y] = pointAt(item, along, t);
    xs.push(along === 'x' ? t : x);
    ys.push(along === 'x' ? y : t);
    if (along === 'y' && !Number.isFinite(x)) {
      ys[ys.length - 1] = NaN;
    }
  }
  return { xs, ys };
}

namespace Private {
  /**
   * Every vertex of a curve, in drawing order; a histogram's bar tops, left to right;
   * a boxplot's five numbers on its middle line.
   */
  export function vertices(item: Item): Array<[number, number]> {
    if (item.bars) {
      return item.bars.map(b => [(b.from + b.to) / 2, b.count]);
    }
    if (item.box) {
      const b = item.box;
      return [b.min, b.q1, b.median, b.q3, b.max].map(v => [v, BOX_Y]);
    }
    const out: Array<[number, number]> = [];
    for (const line of item.segments ?? []) {
      for (const [x, y] of line) {
        out.push([x, y]);
      }
    }
    return out;
  }

  /**
   * Where the pointer (px, py) is over a histogram's bar or inside a boxplot's box:
   * the traced point (a bar's top middle, or the pointer) and its distance in pixels
   * (0 inside; a bar too low to aim at counts within `radius` of its base).
   */
  export function inside(
    item: Item,
    view: IView,
    px: number,
    py: number,
    radius: number
  ): [number, number, number] | null {
    const [x, y] = fromPixel(view, px, py);
    if (item.bars) {
      const bar = item.bars.find(b => b.from <= x && x < b.to);
      if (!bar) {
        return null;
      }
      const [, top] = toPixel(view, x, bar.count);
      const [, base] = toPixel(view, x, 0);
      const distance = Math.max(0, top - py, py - base);
      return [(bar.from + bar.to) / 2, bar.count, distance];
    }
    const box = item.polygons?.[0];
    if (item.box && box) {
      const ys = box.map(p => p[1]);
      const hit =
        item.box.q1 <= x &&
        x <= item.box.q3 &&
        Math.min(...ys) <= y &&
        y <= Math.max(...ys);
      return hit ? [x, y, 0] : null;
    }
    return null;
  }

  /** Round away float noise (1.5000000000000002) to the step's digits. */
  export function tidy(value: number, step: number): number {
    const decimals = Math.max(
      0,
      Math.min(12, -Math.floor(Math.log10(step)) + 2)
    );
    return Number(value.toFixed(decimals));
  }
}
