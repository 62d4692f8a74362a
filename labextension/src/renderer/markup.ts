/**
 * SVG markup of the live plot's layers, as strings: the scene's items, the grid and
 * axes, the legend, and the overlays (points, points of interest, the trace dot).
 * Colours of everything but the items come from CSS classes (the theme).
 */

import type { Feature, Item } from '../core/types';
import { IAxesLayout, pathData } from './draw';
import {
  dotBox,
  IBox,
  IPlaced,
  Measure,
  placeBeside,
  plotBounds
} from './labels';
import { pointLabel } from './trace';
import { IView, toPixel } from './view';

/** The palette's black: drawn in the theme's ink instead, so it shows on dark themes. */
const BLACK = '#000000';

/** Text made safe inside SVG markup (attribute values and text nodes). */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** The colour attribute of an item, or the ink class for the palette's black. */
function paint(item: Item, attribute: 'stroke' | 'fill'): string {
  const color = /^#[0-9a-fA-F]{6}$/.test(item.color) ? item.color : BLACK;
  return color.toLowerCase() === BLACK
    ? `class="jp-PlotterView-ink-${attribute}"`
    : `${attribute}="${color}"`;
}

/**
 * Curves and regions of the scene drawn for `view` (points go in the overlay, so they
 * stay round while the picture is stretched).
 */
export function itemsMarkup(items: readonly Item[], view: IView): string {
  const out: string[] = [];
  for (const item of items) {
    const id = escapeXml(item.id);
    if (item.kind === 'region') {
      const area = pathData(item.polygons ?? [], view, true);
      if (area) {
        out.push(
          `<path data-item="${id}" ${paint(item, 'fill')} fill-opacity="0.25" fill-rule="evenodd" stroke="none" d="${area}"/>`
        );
      }
      const edge = pathData(item.boundary ?? [], view);
      if (edge) {
        out.push(
          `<path data-item="${id}" ${paint(item, 'stroke')} fill="none" stroke-width="1.5"${
            item.style?.dash ? ' stroke-dasharray="6 4"' : ''
          } vector-effect="non-scaling-stroke" d="${edge}"/>`
        );
      }
    } else if (item.kind === 'curve') {
      const d = pathData(item.segments ?? [], view);
      if (d) {
        out.push(
          `<path class="jp-PlotterView-curve" data-item="${id}" ${paint(item, 'stroke')} fill="none" stroke-width="2.5" stroke-linejoin="round" stroke-linecap="round"${
            item.style?.dash ? ' stroke-dasharray="8 5"' : ''
          } vector-effect="non-scaling-stroke" d="${d}"/>`
        );
      }
    }
  }
  return out.join('');
}

/** Grid lines and the two axes of `layout`, and the tick labels placed for it. */
export function axesMarkup(
  view: IView,
  layout: IAxesLayout,
  labels: readonly IPlaced[]
): string {
  const { width, height } = view;
  const out: string[] = ['<g class="jp-PlotterView-grid">'];
  for (const line of layout.xLines) {
    out.push(
      `<line x1="${r(line.at)}" y1="0" x2="${r(line.at)}" y2="${height}"/>`
    );
  }
  for (const line of layout.yLines) {
    out.push(
      `<line x1="0" y1="${r(line.at)}" x2="${width}" y2="${r(line.at)}"/>`
    );
  }
  out.push('</g><g class="jp-PlotterView-axis">');
  if (layout.xAxis !== null) {
    out.push(
      `<line x1="0" y1="${r(layout.xAxis)}" x2="${width}" y2="${r(layout.xAxis)}"/>`
    );
  }
  if (layout.yAxis !== null) {
    out.push(
      `<line x1="${r(layout.yAxis)}" y1="0" x2="${r(layout.yAxis)}" y2="${height}"/>`
    );
  }
  out.push('</g><g class="jp-PlotterView-labels">');
  out.push(...labels.map(text));
  out.push('</g>');
  return out.join('');
}

/** The legend's rows (one per item id) and its box in the top left corner. */
export function legendLayout(
  items: readonly Item[],
  measure: Measure
): { rows: Item[]; box: IBox } | null {
  const seen = new Set<string>();
  const rows = items.filter(item => {
    const fresh = !seen.has(item.id);
    seen.add(item.id);
    return fresh;
  });
  if (rows.length === 0) {
    return null;
  }
  const longest = Math.max(...rows.map(item => measure(item.label)));
  const width = Math.min(320, 48 + longest);
  return {
    rows,
    box: { left: 8, top: 8, right: 8 + width, bottom: 16 + 18 * rows.length }
  };
}

/** Each item's label beside a swatch of its colour, in the top left corner. */
export function legendMarkup(items: readonly Item[], measure: Measure): string {
  const legend = legendLayout(items, measure);
  if (!legend) {
    return '';
  }
  const { rows, box } = legend;
  const out = [
    `<rect class="jp-PlotterView-legend-box" x="${box.left}" y="${box.top}" width="${box.right - box.left}" height="${box.bottom - box.top}" rx="3"/>`
  ];
  rows.forEach((item, k) => {
    const y = 22 + 18 * k;
    out.push(
      `<line x1="16" y1="${y - 4}" x2="34" y2="${y - 4}" ${paint(item, 'stroke')} stroke-width="3"/>`,
      `<text x="40" y="${y}">${escapeXml(item.label)}</text>`
    );
  });
  return out.join('');
}

/** What is drawn over the picture in pixels of the view shown. */
export interface IOverlay {
  points: readonly Item[];
  features: readonly Feature[];
  trace: { x: number; y: number; color: string } | null;
}

/** The overlay's markup and the boxes its labels and dots cover. */
export interface IOverlayMarkup {
  markup: string;
  /** The dots. */
  dots: IBox[];
  /** The labels of the points of interest, in the order of their text elements. */
  labels: IBox[];
}

/**
 * Point items and the grey points of interest, each labelled with its coordinates in
 * the first free place beside it: clear of `taken` (tick labels, legend, toolbar), of
 * every dot and of the labels placed before it.
 */
export function overlayMarkup(
  overlay: IOverlay,
  view: IView,
  measure: Measure,
  taken: readonly IBox[]
): IOverlayMarkup {
  const out: string[] = [];
  const boxes: IBox[] = [];
  const labels: IBox[] = [];
  for (const item of overlay.points) {
    if (item.x === undefined || item.y === undefined) {
      continue;
    }
    const [px, py] = toPixel(view, item.x, item.y);
    if (visible(view, px, py)) {
      out.push(
        `<circle data-item="${escapeXml(item.id)}" cx="${r(px)}" cy="${r(py)}" r="4.5" ${paint(item, 'fill')}/>`
      );
      boxes.push(dotBox(px, py));
    }
  }
  const shown = overlay.features
    .map(f => ({ f, at: toPixel(view, f.x, f.y) }))
    .filter(({ at }) => visible(view, at[0], at[1]));
  boxes.push(...shown.map(({ at }) => dotBox(at[0], at[1])));
  const bounds = plotBounds(view.width, view.height);
  for (const { f, at } of shown) {
    const [px, py] = at;
    const placed = placeBeside(
      px,
      py,
      pointLabel(view, f.x, f.y),
      measure,
      [...taken, ...boxes],
      bounds
    );
    if (placed) {
      boxes.push(placed.box);
      labels.push(placed.box);
    }
    out.push(
      `<g class="jp-PlotterView-feature" data-x="${f.x}" data-y="${f.y}" data-kind="${escapeXml(f.kind)}">` +
        `<circle cx="${r(px)}" cy="${r(py)}" r="4.5"/>` +
        (placed ? text(placed) : '') +
        '</g>'
    );
  }
  const dots = boxes.filter(box => !labels.includes(box));
  return { markup: out.join(''), dots, labels };
}

/**
 * The trace dot and its coordinates, inside `jp-PlotterView-trace`: the label in the
 * first free place beside the dot, clear of `taken`, and where it went.
 */
export function traceMarkup(
  trace: { x: number; y: number; color: string; text?: string },
  view: IView,
  measure: Measure,
  taken: readonly IBox[]
): { markup: string; label: IBox | null } {
  const [px, py] = toPixel(view, trace.x, trace.y);
  if (!visible(view, px, py)) {
    return { markup: '', label: null };
  }
  const color = /^#[0-9a-fA-F]{6}$/.test(trace.color) ? trace.color : BLACK;
  const placed = placeBeside(
    px,
    py,
    trace.text ?? pointLabel(view, trace.x, trace.y),
    measure,
    taken,
    plotBounds(view.width, view.height),
    true
  );
  return {
    markup:
      `<circle cx="${r(px)}" cy="${r(py)}" r="5" stroke="${color}"/>` +
      (placed ? text(placed) : ''),
    label: placed?.box ?? null
  };
}

/** A placed label as an SVG text element. */
function text(label: IPlaced): string {
  const anchor =
    label.anchor === 'start' ? '' : ` text-anchor="${label.anchor}"`;
  return `<text x="${r(label.x)}" y="${r(label.y)}"${anchor}>${escapeXml(label.text)}</text>`;
}

/** Whether a pixel is on the picture (with a little room for a dot at the edge). */
function visible(view: IView, px: number, py: number): boolean {
  return px >= -5 && px <= view.width + 5 && py >= -5 && py <= view.height + 5;
}

/** A pixel coordinate rounded to a tenth. */
function r(v: number): number {
  return Math.round(v * 10) / 10;
}
