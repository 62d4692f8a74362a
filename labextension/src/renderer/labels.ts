/**
 * Where the live plot's texts go (SPEC §9): tick labels, point-of-interest labels and
 * the trace label never overlap each other, the legend or the toolbar, and none is cut
 * at the plot's edge. A label tries the places around its dot in a fixed order and takes
 * the first free one; with none free it shrinks to an ellipsis, and with no room even
 * for that it is left out.
 */

/** A rectangle in the plot's pixels. */
export interface IBox {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The width of a text in pixels, in the plot's label font (bold for the trace). */
export type Measure = (text: string, bold?: boolean) => number;

/** A text placed at (x, y): its baseline start, middle or end, and the box it covers. */
export interface IPlaced {
  text: string;
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  box: IBox;
}

/** Above the baseline, in pixels: the 11 px font's ascent with its halo. */
export const ASCENT = 11;
/** Below the baseline, in pixels: the descent (parentheses) with its halo. */
export const DESCENT = 4;
/** Pixels between a dot's centre and its label. */
const OFFSET = 8;
/** Kept free along the plot's edges. */
const EDGE = 2;
/** Stands for a label with no room left. */
export const ELLIPSIS = '\u2026';

/**
 * A width for text without a browser: generous for the sans-serif fonts a theme uses,
 * so a box is never smaller than the text it stands for.
 */
export function estimate(text: string, bold = false): number {
  let width = 0;
  for (const ch of text) {
    width += /[0-9A-Zπ−+=<>_~?#%&@mwMW]/.test(ch)
      ? 7.4
      : /[.,:;'!|()[\]{} iIjlf]/.test(ch)
        ? 4.2
        : 6.6;
  }
  return width * (bold ? 1.1 : 1) + 3;
}

/** Whether two boxes share any area. */
export function overlaps(a: IBox, b: IBox): boolean {
  return (
    a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom
  );
}

/** Whether `box` lies inside `bounds`. */
export function within(box: IBox, bounds: IBox): boolean {
  const e = 1e-6; // a box computed to touch an edge may miss it by a rounding
  return (
    box.left >= bounds.left - e &&
    box.right <= bounds.right + e &&
    box.top >= bounds.top - e &&
    box.bottom <= bounds.bottom + e
  );
}

/** The plot's own rectangle, less the edge kept free. */
export function plotBounds(width: number, height: number): IBox {
  return { left: EDGE, top: EDGE, right: width - EDGE, bottom: height - EDGE };
}

/** The box of `text` drawn at (x, y) with `anchor`, `width` pixels wide. */
export function textBox(
  x: number,
  y: number,
  width: number,
  anchor: IPlaced['anchor']
): IBox {
  const left =
    anchor === 'start' ? x : anchor === 'end' ? x - width : x - width / 2;
  return { left, top: y - ASCENT, right: left + width, bottom: y + DESCENT };
}

/** The box around a dot of radius `r` at (px, py). */
export function dotBox(px: number, py: number, r = 5): IBox {
  return { left: px - r, top: py - r, right: px + r, bottom: py + r };
}

/** Places around a dot, in the order tried: above right first, as a reader expects. */
const PLACES: ReadonlyArray<[number, number, IPlaced['anchor']]> = [
  [1, -1, 'start'],
  [-1, -1, 'end'],
  [1, 1, 'start'],
  [-1, 1, 'end'],
  [0, -1, 'middle'],
  [0, 1, 'middle'],
  [1, 0, 'start'],
  [-1, 0, 'end']
];

/**
 * The first free place for `text` beside the dot at (px, py): inside `bounds` and clear
 * of every box in `taken`. Falls back to an ellipsis, then to null (left out).
 */
export function placeBeside(
  px: number,
  py: number,
  text: string,
  measure: Measure,
  taken: readonly IBox[],
  bounds: IBox,
  bold = false
): IPlaced | null {
  for (const candidate of [text, ELLIPSIS]) {
    const width = measure(candidate, bold);
    for (const [dx, dy, anchor] of PLACES) {
      const x = px + dx * OFFSET;
      // Baselines: above the dot, below it (the text's top just under the dot), or
      // centred on it.
      const y =
        dy < 0
          ? py - OFFSET
          : dy > 0
            ? py + OFFSET + ASCENT
            : py + (ASCENT - DESCENT) / 2;
      const box = textBox(x, y, width, anchor);
      if (within(box, bounds) && !taken.some(t => overlaps(t, box))) {
        return { text: candidate, x, y, anchor, box };
      }
    }
  }
  return null;
}

/**
 * Keeps the texts of `wanted` that fit: in order, each inside `bounds` and clear of
 * `taken` and of those kept before it (tick labels, where the first come first).
 */
export function keepClear(
  wanted: readonly IPlaced[],
  taken: readonly IBox[],
  bounds: IBox
): IPlaced[] {
  const kept: IPlaced[] = [];
  for (const label of wanted) {
    const box = label.box;
    if (
      within(box, bounds) &&
      !taken.some(t => overlaps(t, box)) &&
      !kept.some(k => overlaps(k.box, box))
    ) {
      kept.push(label);
    }
  }
  return kept;
}
