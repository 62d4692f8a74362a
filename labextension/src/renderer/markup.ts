/**
 * SVG markup of the live plot's layers, as strings: the scene's items, the grid and
 * axes, the legend, and the overlays (points, points of interest, the trace dot).
 * Colours of everything but the items come from CSS classes (the theme).
 */

import type { Feature, Item } from '../core/types';
import { axesLayout, pathData } from './draw';
import { pointLabel } from './trace';
import { IView, toPixel } from './view';

/** The palette's black: drawn in the theme's ink instead, so it shows on dark themes. */
const BLACK = '#000000';

/** Tick labels closer than this to an edge would be cut: they are left out. */
const EDGE_ROOM = 10;

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

/** Grid lines, the two axes and their tick labels for `view`. */
export function axesMarkup(view: IView): string {
  const layout = axesLayout(view);
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
  for (const line of layout.xLines) {
    if (
      (line.value === 0 && layout.yAxis !== null) ||
      line.at < EDGE_ROOM ||
      line.at > width - EDGE_ROOM
    ) {
      continue;
    }
    out.push(
      `<text x="${r(line.at)}" y="${r(layout.xLabelsAt + 13)}" text-anchor="middle">${escapeXml(line.label)}</text>`
    );
  }
  for (const line of layout.yLines) {
    if (
      (line.value === 0 && layout.xAxis !== null) ||
      line.at < EDGE_ROOM + 4 ||
      line.at > height - 2
    ) {
      continue;
    }
    out.push(
      `<text x="${r(layout.yLabelsAt + 4)}" y="${r(line.at - 3)}">${escapeXml(line.label)}</text>`
    );
  }
  out.push('</g>');
  return out.join('');
}

/** Each item's label beside a swatch of its colour, in the top left corner. */
export function legendMarkup(items: readonly Item[]): string {
  const seen = new Set<string>();
  const rows = items.filter(item => {
    const fresh = !seen.has(item.id);
    seen.add(item.id);
    return fresh;
  });
  if (rows.length === 0) {
    return '';
  }
  const longest = Math.max(...rows.map(item => item.label.length));
  const width = Math.min(320, 34 + 7 * longest);
  const out = [
    `<rect class="jp-PlotterView-legend-box" x="8" y="8" width="${width}" height="${8 + 18 * rows.length}" rx="3"/>`
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

/** Point items, the grey points of interest with coordinates, and the trace dot. */
export function overlayMarkup(overlay: IOverlay, view: IView): string {
  const out: string[] = [];
  for (const item of overlay.points) {
    if (item.x === undefined || item.y === undefined) {
      continue;
    }
    const [px, py] = toPixel(view, item.x, item.y);
    if (visible(view, px, py)) {
      out.push(
        `<circle data-item="${escapeXml(item.id)}" cx="${r(px)}" cy="${r(py)}" r="4.5" ${paint(item, 'fill')}/>`
      );
    }
  }
  for (const f of overlay.features) {
    const [px, py] = toPixel(view, f.x, f.y);
    if (!visible(view, px, py)) {
      continue;
    }
    const label = escapeXml(pointLabel(view, f.x, f.y));
    out.push(
      `<g class="jp-PlotterView-feature" data-x="${f.x}" data-y="${f.y}" data-kind="${escapeXml(f.kind)}">` +
        `<circle cx="${r(px)}" cy="${r(py)}" r="4.5"/>` +
        `<text x="${r(px + 7)}" y="${r(py - 7)}">${label}</text></g>`
    );
  }
  return out.join('');
}

/** The trace dot and its coordinates: inside `jp-PlotterView-trace`. */
export function traceMarkup(
  trace: { x: number; y: number; color: string },
  view: IView
): string {
  const [px, py] = toPixel(view, trace.x, trace.y);
  if (!visible(view, px, py)) {
    return '';
  }
  const label = escapeXml(pointLabel(view, trace.x, trace.y));
  const color = /^#[0-9a-fA-F]{6}$/.test(trace.color) ? trace.color : BLACK;
  const right = px < view.width - 110;
  return (
    `<circle cx="${r(px)}" cy="${r(py)}" r="5" stroke="${color}"/>` +
    `<text x="${r(right ? px + 9 : px - 9)}" y="${r(py < 24 ? py + 20 : py - 9)}" text-anchor="${
      right ? 'start' : 'end'
    }">${label}</text>`
  );
}

/** Whether a pixel is on the picture (with a little room for a dot at the edge). */
function visible(view: IView, px: number, py: number): boolean {
  return px >= -5 && px <= view.width + 5 && py >= -5 && py <= view.height + 5;
}

/** A pixel coordinate rounded to a tenth. */
function r(v: number): number {
  return Math.round(v * 10) / 10;
}
