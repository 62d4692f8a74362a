/**
 * Twin of `render/svg.py` (the kernel's SVG when PNG is off; with PNG on, `render/render.py`
 * draws the same picture with Matplotlib and `frame.py`).
 *
 * The scene as a clean static SVG: grid, axes through the origin, tick labels with a
 * halo (multiples of pi for a window set in pi), regions, curves, points and a legend
 * in the corner it covers least. Self-contained: no fonts, scripts or URLs.
 */

import { ticks } from './ticks';
import { Item, Polyline, Scene } from '../types';
import { END, SIDE } from '../draw/view';

const GRID = '#d9d9d9';
const AXIS = '#404040';
/** Tick labels and legend text, in CSS pixels (8.5 pt). */
const FONT_PX = 11.33;
/** Rough width of one character of the sans-serif font, in CSS pixels. */
const CHAR_PX = 0.56 * FONT_PX;
/** Figure margins when an axis runs along the box edge, room for its tick labels. */
const WIDE_LEFT = 50;
const WIDE_BOTTOM = 28;
/** Legend geometry in CSS pixels. */
const ROW = 17;
const PAD = 6;
const HANDLE = 22;
const GAP = 6;
const INSET = 8;
/** Pixels of one line of tick label text. */
const LABEL_HEIGHT = 13;
/** Longest legend label, in characters. */
const LABEL_CHARS = 40;

/** Options of {@link sceneToSvg}. */
export interface ISvgOptions {
  /** Leave out the legend. */
  legend?: boolean;
}

/** One labelled tick: value and text ("" for a tick drawn without a label). */
type Tick = [number, string];

/** Where the plot area lies in the figure and which ticks it shows. */
interface ILayout {
  left: number;
  top: number;
  width: number;
  height: number;
  xTicks: Tick[];
  yTicks: Tick[];
}

/** Width of a text in CSS pixels (an estimate: no font metrics without a browser). */
export function textWidth(text: string): number {
  return [...text].length * CHAR_PX;
}

/** What a tick label needs along its axis: its width on x, a line on y. */
function room(axis: 'x' | 'y'): (label: string) => number {
  return axis === 'x' ? label => textWidth(label) + 8 : () => FONT_PX + 4;
}

function axisTicks(
  lo: number,
  hi: number,
  pixels: number,
  skipZero: boolean,
  axis: 'x' | 'y'
): Tick[] {
  return ticks(lo, hi, pixels, room(axis)).map(t => [
    t.value,
    skipZero && Math.abs(t.value) < 1e-12 * (hi - lo) ? '' : t.label
  ]);
}

/** Blank every label but each k-th, so wide labels never overlap (grid lines stay). */
function spaced(labelled: Tick[], spacingPx: number): Tick[] {
  if (labelled.length < 2) {
    return labelled;
  }
  const widest = Math.max(...labelled.map(([, t]) => textWidth(t))) + 8;
  const k = Math.max(1, Math.ceil(widest / spacingPx));
  if (k === 1) {
    return labelled;
  }
  const step = labelled[1][0] - labelled[0][0];
  return labelled.map(([v, t]) => [v, Math.round(v / step) % k === 0 ? t : '']);
}

/** Ticks every ~75 px, margins wide enough for the labels that sit outside the plot. */
function layout(scene: Scene): ILayout {
  const { width: w, height: h, equal } = scene.view;
  const [x0, x1] = scene.view.x;
  const [y0, y1] = scene.view.y;
  const throughX = y0 < 0 && 0 < y1;
  const throughY = x0 < 0 && 0 < x1;
  let bottom = throughX ? END : WIDE_BOTTOM;
  const yTicks = axisTicks(y0, y1, h - bottom - END, throughX && throughY, 'y');
  let left = SIDE;
  if (!throughY) {
    left = Math.max(
      WIDE_LEFT,
      8 + Math.max(0, ...yTicks.map(([, t]) => textWidth(t)))
    );
  }
  let width = w - left - SIDE;
  const xt = axisTicks(x0, x1, width, throughX && throughY, 'x');
  const spacing =
    xt.length > 1 ? ((xt[1][0] - xt[0][0]) * width) / (x1 - x0) : width;
  const xTicks = spaced(xt, spacing).map(([v, t]): Tick => {
    const px = ((v - x0) / (x1 - x0)) * width;
    const half = t ? textWidth(t) / 2 : 0;
    return [v, px - half >= 2 - left && px + half <= width + SIDE - 2 ? t : ''];
  });
  let height = h - bottom - END;
  if (equal) {
    const perPixel = Math.max((x1 - x0) / width, (y1 - y0) / height);
    const fitW = (x1 - x0) / perPixel;
    const fitH = (y1 - y0) / perPixel;
    left += (width - fitW) / 2;
    bottom += (height - fitH) / 2;
    width = fitW;
    height = fitH;
  }
  return { left, top: h - bottom - height, width, height, xTicks, yTicks };
}

/** A number for an SVG attribute: two decimals, no trailing zeros. */
function n(v: number): string {
  const text = v.toFixed(2);
  return text.includes('.')
    ? text.replace(/\.?0+$/, '').replace(/^-0$/, '0')
    : text;
}

/** Text safe inside an SVG element or attribute. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .split('')
    .filter(c => c >= ' ' || c === '\t' || c === '\n' || c === '\r')
    .join('');
}

/**
 * A standalone SVG picture of a scene v2, the size of its view.
 *
 * The picture is static and self-contained, so it can be saved, embedded or shown
 * where no interactive renderer runs.
 */
export function sceneToSvg(scene: Scene, options: ISvgOptions = {}): string {
  const { width: w, height: h } = scene.view;
  const [x0, x1] = scene.view.x;
  const [y0, y1] = scene.view.y;
  const box = layout(scene);
  const sx = box.width / (x1 - x0);
  const sy = box.height / (y1 - y0);
  const px = (x: number): number => box.left + (x - x0) * sx;
  const py = (y: number): number => box.top + (y1 - y) * sy;
  const path = (lines: Polyline[], close: boolean): string =>
    lines
      .filter(l => l.length > 1)
      .map(
        l =>
          'M' +
          l.map(([x, y]) => `${n(px(x))} ${n(py(y))}`).join('L') +
          (close ? 'Z' : '')
      )
      .join('');
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${escapeXml(scene.description)}">`,
    `<title>${escapeXml(scene.description)}</title>`,
    '<defs><clipPath id="plot-area">' +
      `<rect x="${n(box.left)}" y="${n(box.top)}" width="${n(box.width)}" height="${n(box.height)}"/>` +
      '</clipPath></defs>',
    `<rect width="${w}" height="${h}" fill="#ffffff"/>`
  );
  // Grid and axes.
  const grid = [
    ...box.xTicks.map(([v]) => `M${n(px(v))} ${n(py(y0))}V${n(py(y1))}`),
    ...box.yTicks.map(([v]) => `M${n(px(x0))} ${n(py(v))}H${n(px(x1))}`)
  ].join('');
  if (grid) {
    out.push(
      `<path d="${grid}" stroke="${GRID}" stroke-width="0.8" fill="none"/>`
    );
  }
  const atY = y0 < 0 && 0 < y1 ? 0 : y0;
  const atX = x0 < 0 && 0 < x1 ? 0 : x0;
  out.push(
    `<path d="M${n(px(x0))} ${n(py(atY))}H${n(px(x1))}M${n(px(atX))} ${n(py(y0))}V${n(py(y1))}" stroke="${AXIS}" stroke-width="1.2" fill="none"/>`
  );
  // Items: regions under curves, points on top.
  const layers: string[][] = [[], [], []];
  for (const item of scene.items) {
    if (item.kind === 'region') {
      layers[0].push(
        `<path d="${path(item.polygons ?? [], true)}" fill="${item.color}" fill-opacity="0.25" stroke="none"/>`
      );
      const dash = item.style.dash ? ' stroke-dasharray="5.3 4"' : '';
      layers[1].push(
        `<path d="${path(item.boundary ?? [], false)}" fill="none" stroke="${item.color}" stroke-width="2.1"${dash}/>`
      );
    } else if (item.kind === 'curve') {
      layers[1].push(
        `<path d="${path(item.segments ?? [], false)}" fill="none" stroke="${item.color}" stroke-width="2.7" stroke-linecap="round" stroke-linejoin="round"/>`
      );
    }
  }
  out.push(
    `<g clip-path="url(#plot-area)">${layers[0].join('')}${layers[1].join('')}</g>`
  );
  // Tick labels with a white halo, so a curve under one never hides it; the legend
  // takes the corner that hides fewest of them, and those it still covers are left out.
  const labels: ILabel[] = [
    ...box.xTicks
      .filter(([, t]) => t)
      .map(([v, t]): ILabel => {
        const x = px(v);
        const top = py(atY) + 4;
        const half = textWidth(t) / 2;
        return {
          markup: `<text x="${n(x)}" y="${n(top)}" text-anchor="middle" dominant-baseline="hanging">${escapeXml(t)}</text>`,
          box: [x - half, top, x + half, top + LABEL_HEIGHT]
        };
      }),
    ...box.yTicks
      .filter(([, t]) => t)
      .map(([v, t]): ILabel => {
        const right = px(atX) - 5;
        const y = py(v);
        return {
          markup: `<text x="${n(right)}" y="${n(y)}" text-anchor="end" dominant-baseline="central">${escapeXml(t)}</text>`,
          box: [
            right - textWidth(t),
            y - LABEL_HEIGHT / 2,
            right,
            y + LABEL_HEIGHT / 2
          ]
        };
      })
  ];
  const place =
    options.legend !== false
      ? legendPlace(
          scene,
          box,
          px,
          py,
          labels.map(l => l.box)
        )
      : null;
  const shown = labels.filter(l => !place || !covers(place.rect, l.box));
  out.push(
    `<g font-family="sans-serif" font-size="${FONT_PX}" fill="${AXIS}" stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">${shown.map(l => l.markup).join('')}</g>`
  );
  for (const item of scene.items) {
    if (item.kind === 'point' && inside(item, scene)) {
      layers[2].push(
        `<circle cx="${n(px(item.x ?? 0))}" cy="${n(py(item.y ?? 0))}" r="4.7" fill="${item.color}" stroke="#ffffff" stroke-width="1.6"/>`
      );
    }
  }
  out.push(layers[2].join(''));
  if (place) {
    out.push(legendMarkup(place));
  }
  out.push('</svg>');
  return out.join('\n');
}

function inside(item: Item, scene: Scene): boolean {
  const { x, y } = item;
  return (
    x !== undefined &&
    y !== undefined &&
    x >= scene.view.x[0] &&
    x <= scene.view.x[1] &&
    y >= scene.view.y[0] &&
    y <= scene.view.y[1]
  );
}

interface IEntry {
  kind: Item['kind'] | 'more';
  color: string;
  label: string;
  dash: boolean;
}

/** A legend label of reasonable length (a line may hold 2000 characters). */
function short(label: string): string {
  const chars = [...label];
  return chars.length <= LABEL_CHARS
    ? label
    : chars.slice(0, LABEL_CHARS - 1).join('') + '\u2026';
}

/** How many segments `a -> b` (pixels) pass through the box. */
function crossings(
  lines: Array<Array<[number, number]>>,
  bx: [number, number, number, number]
): number {
  let count = 0;
  for (const line of lines) {
    for (let i = 0; i < line.length; i++) {
      const a = line[i];
      const b = line[Math.min(i + 1, line.length - 1)];
      if (line.length > 1 && i === line.length - 1) {
        break;
      }
      let t0 = 0;
      let t1 = 1;
      let ok = true;
      for (const k of [0, 1]) {
        const d = b[k] - a[k];
        const lo = bx[k];
        const hi = bx[k + 2];
        if (d === 0) {
          ok = ok && a[k] >= lo && a[k] <= hi;
        } else {
          const ta = (lo - a[k]) / d;
          const tb = (hi - a[k]) / d;
          t0 = Math.max(t0, Math.min(ta, tb));
          t1 = Math.min(t1, Math.max(ta, tb));
        }
      }
      if (ok && t0 <= t1) {
        count++;
      }
    }
  }
  return count;
}

/** A box (x0, y0, x1, y1) in the figure's pixels. */
type Rect = [number, number, number, number];

/** A tick label's markup and the box it covers. */
interface ILabel {
  markup: string;
  box: Rect;
}

/** Where the legend goes and what it lists. */
interface ILegendPlace {
  rect: Rect;
  entries: IEntry[];
}

/** Whether two boxes share any area. */
function covers(a: Rect, b: Rect): boolean {
  return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

/**
 * The legend in the corner whose box crosses the fewest curve segments, then covers
 * the fewest tick `labels`; null when the scene has nothing to list.
 */
function legendPlace(
  scene: Scene,
  box: ILayout,
  px: (x: number) => number,
  py: (y: number) => number,
  labels: Rect[]
): ILegendPlace | null {
  const byLine = new Map<number, IEntry>();
  for (const item of scene.items) {
    if (!byLine.has(item.line)) {
      byLine.set(item.line, {
        kind: item.kind,
        color: item.color,
        label: short(item.label),
        dash: item.style.dash
      });
    }
  }
  let entries = [...byLine.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(e => e[1]);
  if (entries.length === 0) {
    return null;
  }
  const rows = Math.max(
    1,
    Math.floor((box.height - 2 * INSET - 2 * PAD) / ROW)
  );
  if (entries.length > rows) {
    const kept = entries.slice(0, rows - 1);
    entries = [
      ...kept,
      {
        kind: 'more',
        color: AXIS,
        label: `\u2026 and ${entries.length - kept.length} more`,
        dash: false
      }
    ];
  }
  const w =
    2 * PAD + HANDLE + GAP + Math.max(...entries.map(e => textWidth(e.label)));
  const h = 2 * PAD + ROW * entries.length;
  // Everything drawn, in pixels, for choosing the corner the legend covers least.
  const lines: Array<Array<[number, number]>> = [];
  for (const item of scene.items) {
    const polylines =
      item.kind === 'curve'
        ? (item.segments ?? [])
        : item.kind === 'region'
          ? (item.boundary ?? [])
          : [[[item.x ?? 0, item.y ?? 0] as [number, number]]];
    for (const l of polylines) {
      lines.push(l.map(([x, y]) => [px(x), py(y)]));
    }
  }
  const corners: Array<[number, number]> = [
    [box.left + box.width - INSET - w, box.top + INSET],
    [box.left + INSET, box.top + INSET],
    [box.left + box.width - INSET - w, box.top + box.height - INSET - h],
    [box.left + INSET, box.top + box.height - INSET - h]
  ];
  const scores = corners.map(([cx, cy]) => {
    const rect: Rect = [cx, cy, cx + w, cy + h];
    const hidden = labels.filter(l => covers(rect, l)).length;
    return crossings(lines, rect) * (labels.length + 1) + hidden;
  });
  const [ox, oy] = corners[scores.indexOf(Math.min(...scores))];
  return { rect: [ox, oy, ox + w, oy + h], entries };
}

/** The legend box: a handle and the source text per statement. */
function legendMarkup(place: ILegendPlace): string {
  const [ox, oy, x1, y1] = place.rect;
  const w = x1 - ox;
  const h = y1 - oy;
  const entries = place.entries;
  const out: string[] = [
    `<g font-family="sans-serif" font-size="${FONT_PX}">`,
    `<rect x="${n(ox)}" y="${n(oy)}" width="${n(w)}" height="${n(h)}" rx="3" fill="#ffffff" fill-opacity="0.9" stroke="${GRID}" stroke-width="1"/>`
  ];
  entries.forEach((e, i) => {
    const cy = oy + PAD + ROW * (i + 0.5);
    const hx = ox + PAD;
    if (e.kind === 'point') {
      out.push(
        `<circle cx="${n(hx + HANDLE / 2)}" cy="${n(cy)}" r="4.7" fill="${e.color}" stroke="#ffffff" stroke-width="1.6"/>`
      );
    } else if (e.kind === 'region') {
      const dash = e.dash ? ' stroke-dasharray="5.3 4"' : '';
      out.push(
        `<rect x="${n(hx)}" y="${n(cy - 5)}" width="${HANDLE}" height="10" fill="${e.color}" fill-opacity="0.35" stroke="${e.color}"${dash}/>`
      );
    } else if (e.kind === 'curve') {
      out.push(
        `<path d="M${n(hx)} ${n(cy)}H${n(hx + HANDLE)}" stroke="${e.color}" stroke-width="2.7"/>`
      );
    }
    out.push(
      `<text x="${n(hx + HANDLE + GAP)}" y="${n(cy)}" dominant-baseline="central" fill="${AXIS}">${escapeXml(e.label)}</text>`
    );
  });
  out.push('</g>');
  return out.join('');
}
