/**
 * What the live plot draws, as numbers and strings: SVG path data for the scene's
 * polylines and the place of every grid line, axis and tick label in a view.
 */

import { MIN_LABELLED, ticks } from '../core/render/ticks';
import {
  ASCENT,
  DESCENT,
  estimate,
  IBox,
  IPlaced,
  keepClear,
  Measure,
  plotBounds,
  textBox
} from './labels';
import { IView, toPixel } from './view';

/** A polyline in data coordinates, as the scene carries it. */
export type Polyline = Array<[number, number]> | number[][];

/** Pixel coordinates this far off the picture are clamped: SVG renderers lose larger ones. */
export const FAR = 1e5;

/**
 * The SVG path data for `lines` drawn in `view`: one move-to per polyline, pixels
 * rounded to a tenth. `close` closes each polyline (region polygons).
 */
export function pathData(
  lines: readonly Polyline[],
  view: IView,
  close = false
): string {
  const sx = view.width / (view.x1 - view.x0);
  const sy = view.height / (view.y1 - view.y0);
  const parts: string[] = [];
  for (const line of lines) {
    if (line.length === 0) {
      continue;
    }
    for (let i = 0; i < line.length; i++) {
      const px = Private.clamp((line[i][0] - view.x0) * sx);
      const py = Private.clamp((view.y1 - line[i][1]) * sy);
      parts.push(`${i === 0 ? 'M' : 'L'}${px} ${py}`);
    }
    if (line.length === 1) {
      // A lone point of a curve still shows, as a dot with a round cap.
      parts.push('l0 0');
    }
    if (close) {
      parts.push('Z');
    }
  }
  return parts.join('');
}

/** A labelled grid line at `at` pixels from the left (x) or the top (y). */
export interface IGridLine {
  at: number;
  value: number;
  label: string;
}

/** Where everything but the scene's items goes in a view. */
export interface IAxesLayout {
  xLines: IGridLine[];
  yLines: IGridLine[];
  /** Pixel row of the x axis (y = 0), or null when it is off the picture. */
  xAxis: number | null;
  /** Pixel column of the y axis (x = 0), or null when it is off the picture. */
  yAxis: number | null;
  /** Pixel row of the x tick labels: beside the axis, or kept at an edge. */
  xLabelsAt: number;
  /** Pixel column of the y tick labels. */
  yLabelsAt: number;
}

/** Room kept for tick labels along the edges, in pixels. */
export const LABEL_ROOM = { bottom: 20, left: 6, right: 36 };

/** The pixels a y tick label needs along its axis: one line of text and a gap. */
const Y_ROOM = ASCENT + DESCENT;

/**
 * Grid lines, axes and where their labels go for `view`. With `measure`, x ticks keep
 * their labels' widths apart (and at least four labels show where a finer step allows).
 */
export function axesLayout(
  view: IView,
  measure: Measure = estimate,
  wanted = { x: MIN_LABELLED, y: MIN_LABELLED }
): IAxesLayout {
  const xLines = ticks(
    view.x0,
    view.x1,
    view.width,
    t => measure(t),
    wanted.x
  ).map(t => ({
    at: toPixel(view, t.value, 0)[0],
    value: t.value,
    label: t.label
  }));
  const yLines = ticks(
    view.y0,
    view.y1,
    view.height,
    () => Y_ROOM,
    wanted.y
  ).map(t => ({
    at: toPixel(view, 0, t.value)[1],
    value: t.value,
    label: t.label
  }));
  const [ox, oy] = toPixel(view, 0, 0);
  const xAxis = oy >= 0 && oy <= view.height ? oy : null;
  const yAxis = ox >= 0 && ox <= view.width ? ox : null;
  const xLabelsAt = Math.min(
    Math.max(xAxis ?? view.height, 0),
    view.height - LABEL_ROOM.bottom
  );
  const yLabelsAt = Math.min(
    Math.max(yAxis ?? 0, LABEL_ROOM.left),
    view.width - LABEL_ROOM.right
  );
  return { xLines, yLines, xAxis, yAxis, xLabelsAt, yLabelsAt };
}

/**
 * The tick labels a reader sees in `layout`: beside their grid lines, inside the plot,
 * clear of `taken` (legend, toolbar) and of each other. Zero is left out where the axes
 * cross; x labels come first, then y labels (moved left where one would run off).
 */
export function tickLabels(
  layout: IAxesLayout,
  view: IView,
  measure: Measure,
  taken: readonly IBox[]
): IPlaced[] {
  const wanted: IPlaced[] = [];
  for (const line of layout.xLines) {
    if (line.value === 0 && layout.yAxis !== null) {
      continue;
    }
    const y = layout.xLabelsAt + 13;
    const width = measure(line.label);
    // A label at either end moves inside rather than being cut.
    const x = clamp(line.at, width / 2 + 2, view.width - width / 2 - 2);
    wanted.push({
      text: line.label,
      x,
      y,
      anchor: 'middle',
      box: textBox(x, y, width, 'middle')
    });
  }
  for (const line of layout.yLines) {
    if (line.value === 0 && layout.xAxis !== null) {
      continue;
    }
    const width = measure(line.label);
    const x = Math.min(layout.yLabelsAt + 4, view.width - 2 - width);
    const y = clamp(line.at - 3, ASCENT + 2, view.height - DESCENT - 2);
    wanted.push({
      text: line.label,
      x,
      y,
      anchor: 'start',
      box: textBox(x, y, width, 'start')
    });
  }
  return keepClear(wanted, taken, plotBounds(view.width, view.height));
}

/**
 * The grid and the tick labels shown for `view`, clear of `taken`: where the legend or
 * the toolbar hides labels and leaves an axis with fewer than four, that axis asks a
 * finer step for as many more as were hidden.
 */
export function labelledAxes(
  view: IView,
  measure: Measure,
  taken: readonly IBox[]
): { layout: IAxesLayout; labels: IPlaced[] } {
  const wanted = { x: MIN_LABELLED, y: MIN_LABELLED };
  let layout = axesLayout(view, measure, wanted);
  let labels = tickLabels(layout, view, measure, taken);
  for (let attempt = 0; attempt < 3; attempt++) {
    const shown = (x: boolean): number =>
      labels.filter(l => (l.anchor === 'middle') === x).length;
    const short = {
      x: Math.max(0, MIN_LABELLED - shown(true)),
      y: Math.max(0, MIN_LABELLED - shown(false))
    };
    if (short.x === 0 && short.y === 0) {
      break;
    }
    wanted.x += short.x;
    wanted.y += short.y;
    const finer = axesLayout(view, measure, wanted);
    const again = tickLabels(finer, view, measure, taken);
    if (again.length <= labels.length) {
      break;
    }
    layout = finer;
    labels = again;
  }
  return { layout, labels };
}

/** `v` kept within [lo, hi] (lo wins when they cross). */
function clamp(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(v, hi));
}

/** How many vertices of `lines` lie inside `view`: the detail a picture has there. */
export function pointsInView(lines: readonly Polyline[], view: IView): number {
  let n = 0;
  for (const line of lines) {
    for (const [x, y] of line) {
      if (x >= view.x0 && x <= view.x1 && y >= view.y0 && y <= view.y1) {
        n++;
      }
    }
  }
  return n;
}

namespace Private {
  /** A pixel coordinate rounded to a tenth, clamped to +-FAR. */
  export function clamp(v: number): number {
    const c = v > FAR ? FAR : v < -FAR ? -FAR : v;
    return Math.round(c * 10) / 10;
  }
}
