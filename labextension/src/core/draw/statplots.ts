/**
 * Scene items of a histogram, boxplot or dotplot (a port of the Python kernel's
 * `draw/statplots.py`): the numbers the language worked out, laid out as existing item
 * kinds with an optional field saying what they count (so the live view's trace can
 * read a bar's range and count, or a box's five numbers).
 */

import type { Item } from '../types';
import type { IStatPlotSpec, Line, Span } from '../plan';

/** What every item of a statement shares. */
export type Base = Pick<
  Item,
  'kind' | 'id' | 'line' | 'label' | 'color' | 'style'
>;

/** A boxplot is drawn horizontally about this height (Desmos's default offset). */
export const BOX_Y = 1;
/** Half the box's height (Desmos's default height is 1). */
export const BOX_HALF = 0.5;
/** Half the height of the marks at the ends of the whiskers. */
export const CAP_HALF = 0.25;

/**
 * The scene items of `spec`: a histogram's bars and a boxplot are one `region` each
 * (filled lightly, outlined); a dotplot is one `point` per dot. `base(kind)` gives
 * what every item of the statement shares.
 */
export function items(
  spec: IStatPlotSpec,
  base: (kind: Item['kind']) => Base
): Item[] {
  if (spec.plot === 'histogram') {
    const shapes = spec.bars
      .filter(([, , c]) => c > 0)
      .map(([a, b, c]) => Private.rectangle(a, b, 0, c));
    const bars = spec.bars.map(([from, to, count]) => ({ from, to, count }));
    return [{ ...base('region'), polygons: shapes, boundary: shapes, bars }];
  }
  if (spec.plot === 'boxplot' && spec.box !== null) {
    const [low, q1, median, q3, high] = spec.box;
    const [y0, y1] = [BOX_Y - BOX_HALF, BOX_Y + BOX_HALF];
    const box = Private.rectangle(q1, q3, y0, y1);
    const lines: Line[] = [
      box,
      Private.upright(median, y0, y1),
      [
        [low, BOX_Y],
        [q1, BOX_Y]
      ],
      [
        [q3, BOX_Y],
        [high, BOX_Y]
      ],
      Private.upright(low, BOX_Y - CAP_HALF, BOX_Y + CAP_HALF),
      Private.upright(high, BOX_Y - CAP_HALF, BOX_Y + CAP_HALF)
    ];
    const summary = { min: low, q1, median, q3, max: high };
    return [
      {
        ...base('region'),
        polygons: [box],
        boundary: lines,
        box: { ...summary, count: spec.count }
      }
    ];
  }
  return spec.dots.flatMap(([value, count]) =>
    Array.from({ length: count }, (_, k) => ({
      ...base('point'),
      x: value,
      y: k + 1,
      count
    }))
  );
}

/**
 * What the automatic window must show: the data across, and from 0 up to the tallest
 * bar or stack (a boxplot up to twice its height).
 */
export function extent(spec: IStatPlotSpec): [Span, Span] {
  if (spec.plot === 'histogram') {
    const top = Math.max(...spec.bars.map(([, , c]) => c));
    return [
      [spec.bars[0][0], spec.bars[spec.bars.length - 1][1]],
      [0, top]
    ];
  }
  if (spec.plot === 'boxplot' && spec.box !== null) {
    return [
      [spec.box[0], spec.box[4]],
      [0, 2 * BOX_Y]
    ];
  }
  const top = Math.max(...spec.dots.map(([, c]) => c));
  return [
    [spec.dots[0][0], spec.dots[spec.dots.length - 1][0]],
    [0, top]
  ];
}

namespace Private {
  export function rectangle(
    x0: number,
    x1: number,
    y0: number,
    y1: number
  ): Line {
    return [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0]
    ];
  }

  export function upright(x: number, y0: number, y1: number): Line {
    return [
      [x, y0],
      [x, y1]
    ];
  }
}
