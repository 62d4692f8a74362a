/**
 * The scene facts of `language/cases/drawing.json` and `plot_kinds.json`, checked on a
 * scene v2 as the Python tests check them (`tests/test_drawing_cases.py`,
 * `tests/test_plot_kind_cases.py`). Each check throws an Error saying what is wrong.
 */

import { Item, Polyline, Scene } from '../types';
import { Fn2 } from '../plan';
import { area } from './regions';
import { plotSize } from './view';

/** A problem as the cases list them. */
export interface ICaseProblem {
  code: string;
  ename: string;
  line: number;
  severity: number;
}

type Count = number | [number, number];
type Pt = [number, number];

/** A case of drawing.json (facts about the whole scene and one item). */
export interface IDrawingCase {
  name: string;
  source: string;
  kinds?: string[];
  pieces?: Count;
  asymptotes?: number[];
  on_curve?: Pt[];
  tol_px?: number;
  window_y_within?: Pt;
  window?: { x: Pt; y: Pt };
  window_contains?: Pt[];
  equal_scale?: boolean;
  fits?: [Pt, Pt];
  flat_pieces?: boolean;
  x_range?: Pt;
  dash?: boolean;
  distinct_colors?: boolean;
  colors?: number;
  ids?: number;
  max_points?: number;
  item?: number;
  warnings?: string[];
  description?: string;
  /** A histogram's bars [from, to, count]. */
  bars?: Array<[number, number, number]>;
  /** A boxplot's min, Q1, median, Q3, max. */
  box?: number[];
  /** A dotplot's dots [x, y], in order. */
  dots?: Pt[];
  /** Every item's drag, null where it has none. */
  drag?: Array<{ x?: string; y?: string } | null>;
}

/** One item's facts in plot_kinds.json. */
export interface IItemFact {
  kind: string;
  line?: number;
  pieces?: Count;
  boundary_pieces?: Count;
  closed?: boolean;
  residual?: string;
  tol?: number;
  near?: Pt[];
  near_tol?: number;
  at?: Pt;
  no_crossing_x?: number[];
  area?: number;
  area_rel_tol?: number;
  inside?: Pt[];
  outside?: Pt[];
  dash?: boolean;
}

/** A case of plot_kinds.json. */
export interface IKindCase {
  name: string;
  source: string;
  items: IItemFact[];
  problems?: ICaseProblem[];
}

function fail(message: string): never {
  throw new Error(message);
}

function checkCount(count: number, expected: Count, what: string): void {
  const [lo, hi] =
    typeof expected === 'number' ? [expected, expected] : expected;
  if (!(lo <= count && count <= hi)) {
    fail(`${count} ${what}, expected ${JSON.stringify(expected)}`);
  }
}

function close(a: number, b: number, abs: number): boolean {
  return Math.abs(a - b) <= abs + 1e-6 * Math.abs(b);
}

/** Shortest distance from `point` to any polyline, in units scaled by `scale`. */
function distance(point: Pt, lines: Polyline[], scale: Pt = [1, 1]): number {
  const px = point[0] * scale[0];
  const py = point[1] * scale[1];
  let best = Infinity;
  for (const line of lines) {
    for (let i = 0; i < line.length; i++) {
      const ax = line[i][0] * scale[0];
      const ay = line[i][1] * scale[1];
      const j = Math.min(i + 1, line.length - 1);
      const bx = line[j][0] * scale[0];
      const by = line[j][1] * scale[1];
      const dx = bx - ax;
      const dy = by - ay;
      const len2 = Math.max(dx * dx + dy * dy, 1e-300);
      const s = Math.min(
        1,
        Math.max(0, ((px - ax) * dx + (py - ay) * dy) / len2)
      );
      best = Math.min(best, Math.hypot(ax + s * dx - px, ay + s * dy - py));
    }
  }
  return best;
}

function crosses(lines: Polyline[], x: number): boolean {
  return lines.some(p => {
    const xs = p.map(q => q[0]);
    return Math.min(...xs) < x && x < Math.max(...xs);
  });
}

/** Every number of the scene is finite (JSON has no NaN or infinity). */
export function checkFinite(scene: Scene): void {
  const text = JSON.stringify(scene, (_, v) => {
    if (typeof v === 'number' && !Number.isFinite(v)) {
      fail('a number in the scene is not finite');
    }
    return v;
  });
  if (!text) {
    fail('the scene does not serialise');
  }
}

/** The facts of a drawing.json case. */
export function checkDrawingCase(c: IDrawingCase, scene: Scene): void {
  const { items } = scene;
  const window = scene.view;
  const size: Pt = [scene.view.width, scene.view.height];
  if (
    c.kinds &&
    JSON.stringify(items.map(i => i.kind)) !== JSON.stringify(c.kinds)
  ) {
    fail(`kinds ${JSON.stringify(items.map(i => i.kind))}`);
  }
  if (c.window) {
    for (const axis of ['x', 'y'] as const) {
      for (const k of [0, 1]) {
        if (!close(window[axis][k], c.window[axis][k], 1e-12)) {
          fail(`window ${axis} is ${window[axis]}`);
        }
      }
    }
  }
  if (c.window_y_within) {
    const [lo, hi] = c.window_y_within;
    if (!(
      lo <= window.y[0] &&
      window.y[0] < window.y[1] &&
      window.y[1] <= hi
    )) {
      fail(`window y ${window.y} not within ${c.window_y_within}`);
    }
  }
  for (const [x, y] of c.window_contains ?? []) {
    if (!(
      window.x[0] <= x &&
      x <= window.x[1] &&
      window.y[0] < y &&
      y < window.y[1]
    )) {
      fail(`(${x}, ${y}) is outside the window`);
    }
  }
  if (c.description !== undefined && scene.description !== c.description) {
    fail(`description ${JSON.stringify(scene.description)}`);
  }
  if (c.equal_scale !== undefined && scene.view.equal !== c.equal_scale) {
    fail(`equal is ${scene.view.equal}`);
  }
  if (c.equal_scale) {
    const [w, h] = plotSize(size);
    const perX = (window.x[1] - window.x[0]) / w;
    const perY = (window.y[1] - window.y[0]) / h;
    if (Math.abs(perX / perY - 1) > 1e-9) {
      fail('x and y units differ on screen');
    }
  }
  if (c.fits) {
    (['x', 'y'] as const).forEach((axis, k) => {
      const [lo, hi] = c.fits![k];
      const margin = 0.1 * (hi - lo);
      const slack = 1e-3 * (hi - lo);
      const [w0, w1] = window[axis];
      if (!(w0 <= lo - margin + slack && w1 >= hi + margin - slack)) {
        fail(`${axis} margin`);
      }
      if (!(w1 - w0 <= 3 * (hi - lo) + 2)) {
        fail(`the ${axis} window is far too large`);
      }
    });
  }
  if (
    c.distinct_colors &&
    new Set(items.map(i => i.color)).size !== items.length
  ) {
    fail('colours repeat');
  }
  if (
    c.colors !== undefined &&
    new Set(items.map(i => i.color)).size !== c.colors
  ) {
    fail('colour count');
  }
  if (c.ids !== undefined && new Set(items.map(i => i.id)).size !== c.ids) {
    fail('legend entries');
  }
  if (c.max_points !== undefined) {
    const total = items.reduce(
      (s, i) => s + (i.segments ?? []).reduce((t, seg) => t + seg.length, 0),
      0
    );
    if (total > c.max_points) {
      fail(`${total} points`);
    }
  }
  if (c.drag !== undefined) {
    const drag = items.map(i => i.drag ?? null);
    if (JSON.stringify(drag) !== JSON.stringify(c.drag)) {
      fail(`drag ${JSON.stringify(drag)}`);
    }
  }
  checkStatistics(c, items);
  if (items.length) {
    checkDrawingItem(c, items[c.item ?? 0], scene);
  }
}

/** A histogram's bars, a boxplot's five numbers and a dotplot's dots. */
function checkStatistics(c: IDrawingCase, items: Item[]): void {
  const item = items[c.item ?? 0];
  const same = (actual: number[][], expected: number[][]) =>
    actual.length === expected.length &&
    actual.every(
      (row, i) =>
        row.length === expected[i].length &&
        row.every((v, j) => close(v, expected[i][j], 1e-12))
    );
  if (c.bars) {
    const bars = (item?.bars ?? []).map(b => [b.from, b.to, b.count]);
    if (!same(bars, c.bars)) {
      fail(`bars ${JSON.stringify(bars)}`);
    }
  }
  if (c.box) {
    const b = item?.box;
    const box = b ? [b.min, b.q1, b.median, b.q3, b.max] : [];
    if (!same([box], [c.box])) {
      fail(`box ${JSON.stringify(box)}`);
    }
  }
  if (c.dots) {
    const dots = items
      .filter(i => i.count !== undefined)
      .map(i => [i.x ?? NaN, i.y ?? NaN]);
    if (!same(dots, c.dots)) {
      fail(`dots ${JSON.stringify(dots)}`);
    }
  }
}

function checkDrawingItem(c: IDrawingCase, item: Item, scene: Scene): void {
  const segments = item.segments ?? [];
  const window = scene.view;
  if (c.pieces !== undefined) {
    checkCount(segments.length, c.pieces, 'pieces');
  }
  for (const x of c.asymptotes ?? []) {
    if (crosses(segments, x)) {
      fail(`a piece crosses x = ${x}`);
    }
  }
  if (c.flat_pieces) {
    for (const seg of segments) {
      if (new Set(seg.map(p => p[1])).size !== 1) {
        fail('a piece joins two levels');
      }
    }
  }
  const scale: Pt = [
    scene.view.width / (window.x[1] - window.x[0]),
    scene.view.height / (window.y[1] - window.y[0])
  ];
  for (const point of c.on_curve ?? []) {
    const d = distance(point, segments, scale);
    if (!(d <= (c.tol_px ?? 1.5))) {
      fail(`${JSON.stringify(point)} is ${d.toFixed(2)}px from the curve`);
    }
  }
  if (c.x_range) {
    const xs = segments.flatMap(s => s.map(p => p[0]));
    if (
      !close(Math.min(...xs), c.x_range[0], 1e-6) ||
      !close(Math.max(...xs), c.x_range[1], 1e-6)
    ) {
      fail(`x runs from ${Math.min(...xs)} to ${Math.max(...xs)}`);
    }
  }
  if (c.dash !== undefined && item.style.dash !== c.dash) {
    fail(`dash is ${item.style.dash}`);
  }
}

/** Whether `point` is inside a closed ring (even-odd ray casting). */
function contains(ring: Polyline, [x, y]: Pt): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) {
      inside = !inside;
    }
  }
  return inside;
}

/** The facts of one plot_kinds.json item; `surface` compiles a residual expression. */
export function checkKindItem(
  item: Item,
  fact: IItemFact,
  surface: (residual: string) => Fn2
): void {
  if (item.kind !== fact.kind) {
    fail(`kind ${item.kind}`);
  }
  if (fact.line !== undefined && item.line !== fact.line) {
    fail(`line ${item.line}`);
  }
  const lines = (item.kind === 'curve' ? item.segments : item.boundary) ?? [];
  if (fact.pieces !== undefined) {
    checkCount(lines.length, fact.pieces, 'pieces');
  }
  if (fact.boundary_pieces !== undefined) {
    checkCount(lines.length, fact.boundary_pieces, 'boundary pieces');
  }
  if (fact.at) {
    // a point item's position
    const gap = Math.hypot(
      (item.x ?? NaN) - fact.at[0],
      (item.y ?? NaN) - fact.at[1]
    );
    if (!(gap <= (fact.near_tol ?? 0))) {
      fail(`the point is ${gap} from ${fact.at}`);
    }
  }
  if (fact.closed) {
    for (const p of lines) {
      const [a, b] = [p[0], p[p.length - 1]];
      if (!close(a[0], b[0], 1e-8) || !close(a[1], b[1], 1e-8)) {
        fail('a piece is not closed');
      }
    }
  }
  if (fact.residual) {
    const drawn = lines.flat();
    if (drawn.length === 0) {
      fail('nothing drawn');
    }
    const F = surface(fact.residual);
    const r = F(
      Float64Array.from(drawn.map(p => p[0])),
      Float64Array.from(drawn.map(p => p[1]))
    );
    const worst = Math.max(
      ...Array.from(r, v => (Number.isFinite(v) ? Math.abs(v) : Infinity))
    );
    if (!(worst <= fact.tol!)) {
      fail(`residual ${worst} over ${fact.tol}`);
    }
  }
  for (const target of fact.near ?? []) {
    const gap = distance(target, lines);
    if (!(gap <= fact.near_tol!)) {
      fail(
        `nothing drawn near ${JSON.stringify(target)} (closest ${gap.toPrecision(3)})`
      );
    }
  }
  for (const x of fact.no_crossing_x ?? []) {
    if (crosses(lines, x)) {
      fail(`a piece crosses x=${x}`);
    }
  }
  if (item.kind === 'region') {
    const rings = item.polygons ?? [];
    if (rings.length === 0) {
      fail('no polygons');
    }
    if (fact.area !== undefined) {
      const total = rings.reduce((s, r) => s + Math.abs(area(r)), 0);
      if (!(Math.abs(total - fact.area) <= fact.area_rel_tol! * fact.area)) {
        fail(`area ${total}`);
      }
    }
    if (fact.dash !== undefined && item.style.dash !== fact.dash) {
      fail(`dash is ${item.style.dash}`);
    }
    const coverage = (p: Pt): number =>
      rings.filter(r => contains(r, p)).length;
    for (const p of fact.inside ?? []) {
      if (coverage(p) !== 1) {
        fail(`${JSON.stringify(p)} covered ${coverage(p)} times`);
      }
    }
    for (const p of fact.outside ?? []) {
      if (coverage(p) !== 0) {
        fail(`${JSON.stringify(p)} is covered`);
      }
    }
  }
}
