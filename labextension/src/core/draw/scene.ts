/**
 * Lay out every drawable statement of a cell: the view (the view rule) and one item
 * per drawable, as the Python kernel's `scene.py` does.
 */

import { windowYs } from './features';
import protocol from '../protocol.json';
import { Item, Range } from '../types';
import { autoY, dataX, robustExtent } from './autorange';
import { traceImplicit } from './implicit';
import { color } from './palette';
import { sampleParametric, samplePolar } from './parametric';
import {
  Check,
  IDrawLimits,
  IDrawProblem,
  Line,
  Span,
  Spec,
  ICurveSpec
} from '../plan';
import { shadeRegion } from './regions';
import * as statplots from './statplots';
import {
  ISamples,
  clipBand,
  gridSize,
  sampleExplicit,
  simplify,
  uniform
} from './sampling';
import * as view from './view';

export type Size = [number, number];

/** The default figure in CSS pixels. */
export const SIZE: Size = [600, 400];

const UNDEFINED = 'This curve is undefined everywhere on this window.';
/** JSON bytes of one unrounded point. */
const POINT_BYTES = 42;
/** Share of `maxOutputBytes` the scene's points may fill. */
const SCENE_SHARE = 0.5;
/** Points every statement may draw, even after others used the scene's share. */
const LEAST_POINTS = 1000;
const THINNED =
  'This was drawn with fewer points, to keep the output small enough to send.';

/** A statement that yields no item; carries the warning to report instead. */
class Skip extends Error {
  constructor(
    message: string,
    readonly code: string
  ) {
    super(message);
  }
}

/** Whether an error is the cell's time limit (it stops the whole drawing). */
export type IsTimeLimit = (err: unknown) => boolean;

/** What a problem thrown while drawing one statement says (a located language error). */
export type Explain = (
  err: unknown
) => { message: string; code: string; ename: string } | null;

/** One statement between the two drawing stages (before and after the y window). */
interface IPending {
  spec: Spec;
  color: string;
  extent: Span | null;
  pointYs: number[];
  coarse?: { a: number; b: number; s: ISamples } | null;
  pieces?: Line[];
  points?: Array<[number, number]>;
  /** A statistics plot's data box (what the window must show). */
  box?: view.Box;
  most: number;
  thinned: boolean;
}

/** A scene before ids, style, params and description are added. */
export interface ILaidOut {
  view: { x: Range; y: Range; width: number; height: number; equal: boolean };
  items: Item[];
}

interface IContext {
  limits: IDrawLimits;
  check: Check;
  size: Size;
  isTimeLimit: IsTimeLimit;
  explain: Explain;
}

class OutOfTime extends Error {
  constructor(readonly problem: IDrawProblem) {
    super(problem.message);
  }
}

function usable(r: Span | null | undefined): Span | null {
  if (!r) {
    return null;
  }
  const [lo, hi] = r;
  // A window wider than the largest number (x in [-1e308, 1e308]) is not usable either.
  return Number.isFinite(hi - lo) && hi > lo ? [lo, hi] : null;
}

/** Split polylines at non-finite points, dropping single points. */
function finitePieces(lines: Line[]): Line[] {
  const out: Line[] = [];
  for (const line of lines) {
    let part: Line = [];
    for (const p of line) {
      if (Number.isFinite(p[0]) && Number.isFinite(p[1])) {
        part.push(p);
      } else {
        if (part.length >= 2) {
          out.push(part);
        }
        part = [];
      }
    }
    if (part.length >= 2) {
      out.push(part);
    }
  }
  return out;
}

/** Clip polylines to a band one window wide around the window, in both axes. */
function clipBox(pieces: Line[], x: Span, y: Span, check: Check): Line[] {
  const wx = x[1] - x[0];
  const wy = y[1] - y[0];
  const out: Line[] = [];
  pieces.forEach((piece, n) => {
    if (n % 256 === 0) {
      check();
    }
    for (const part of clipBand(piece, y[0] - wy, y[1] + wy)) {
      const swapped: Line = part.map(([a, b]) => [b, a]);
      for (const p of clipBand(swapped, x[0] - wx, x[1] + wx)) {
        out.push(p.map(([a, b]) => [b, a]));
      }
    }
  });
  return out;
}

function coarse(spec: ICurveSpec, window: Span, limits: IDrawLimits) {
  let [a, b] = window;
  if (spec.domain) {
    a = Math.max(a, spec.domain[0]);
    b = Math.min(b, spec.domain[1]);
  }
  if (!(b > a)) {
    return null;
  }
  const s = uniform(spec.fn, a, b, gridSize(limits.maxSamples));
  if (s.v.every(v => Number.isNaN(v))) {
    throw new Skip(UNDEFINED, 'undefined-everywhere');
  }
  return { a, b, s };
}

/** Work that does not need the y window; records what the automatic window must see. */
function stageOne(item: IPending, x: Span, ctx: IContext): void {
  const spec = item.spec;
  if (spec.kind === 'curve' && spec.along === 'x') {
    item.coarse = coarse(spec, x, ctx.limits);
    if (item.coarse) {
      item.extent = robustExtent(item.coarse.s.v);
    }
  } else if (spec.kind === 'parametric' || spec.kind === 'polar') {
    const lines =
      spec.kind === 'parametric'
        ? sampleParametric(
            spec.fx,
            spec.fy,
            spec.t,
            ctx.limits.maxSamples,
            ctx.check
          )
        : samplePolar(spec.fr, spec.theta, ctx.limits.maxSamples, ctx.check);
    const pieces = finitePieces(lines);
    if (pieces.length === 0) {
      throw new Skip(UNDEFINED, 'undefined-everywhere');
    }
    item.pieces = pieces;
    const seen: number[] = [];
    for (const piece of pieces) {
      for (const [px, py] of piece) {
        if (px >= x[0] && px <= x[1]) {
          seen.push(py);
        }
      }
    }
    item.extent = robustExtent(seen);
  } else if (spec.kind === 'points') {
    item.points = spec.points;
    if (
      !spec.points.some(
        ([px, py]) => Number.isFinite(px) && Number.isFinite(py)
      )
    ) {
      throw new Skip('This point is undefined.', 'undefined-point');
    }
    item.pointYs = spec.points
      .filter(([px]) => Number.isFinite(px))
      .map(p => p[1]);
  } else if (spec.kind === 'statplot') {
    item.box = statplots.extent(spec);
    item.pointYs = [...item.box[1]];
  }
}

/** Every k-th point of each polyline (ends kept) so all hold about `most` points. */
function atMost(
  pieces: Line[],
  item: IPending,
  share: number,
  fewest: number
): Line[] {
  const most = Math.max(1, Math.floor(item.most * share));
  const total = pieces.reduce((s, p) => s + p.length, 0);
  if (total <= most) {
    return pieces;
  }
  item.thinned = true;
  const step = Math.ceil(total / most);
  let kept: Line[] = [];
  for (const piece of pieces) {
    const thin = piece.filter((_, i) => i % step === 0);
    if ((piece.length - 1) % step) {
      thin.push(piece[piece.length - 1]);
    }
    if (thin.length >= fewest) {
      kept.push(thin);
    }
  }
  if (kept.reduce((s, p) => s + p.length, 0) > most) {
    const longest = kept
      .map((_, i) => i)
      .sort((a, b) => kept[b].length - kept[a].length || a - b);
    let sum = 0;
    const chosen: number[] = [];
    for (const i of longest) {
      sum += kept[i].length;
      if (sum > most) {
        break;
      }
      chosen.push(i);
    }
    chosen.sort((a, b) => a - b);
    kept = chosen.map(i => kept[i]);
  }
  return kept;
}

function simplified(
  pieces: Line[],
  x: Span,
  y: Span,
  ctx: IContext,
  item: IPending,
  share = 1
): Line[] {
  const sx = ctx.size[0] / (x[1] - x[0]);
  const sy = ctx.size[1] / (y[1] - y[0]);
  const simple = pieces.map((piece, n) => {
    if (n % 256 === 0) {
      ctx.check();
    }
    return simplify(piece, sx, sy);
  });
  return atMost(simple, item, share, 2);
}

function explicit(item: IPending, x: Span, y: Span, ctx: IContext): Line[] {
  const spec = item.spec as ICurveSpec;
  const { limits, check, size } = ctx;
  if (spec.along === 'x') {
    if (!item.coarse) {
      return [];
    }
    const { a, b, s } = item.coarse;
    const dep = { lo: y[0], hi: y[1], pixels: size[1] };
    return sampleExplicit(spec.fn, a, b, dep, limits.maxSamples, check, s);
  }
  const c = coarse(spec, y, limits);
  if (!c) {
    return [];
  }
  const dep = { lo: x[0], hi: x[1], pixels: size[0] };
  const pieces = sampleExplicit(
    spec.fn,
    c.a,
    c.b,
    dep,
    limits.maxSamples,
    check,
    c.s
  );
  return pieces.map(p => p.map(([t, v]) => [v, t] as [number, number]));
}

type Base = Pick<Item, 'kind' | 'id' | 'line' | 'label' | 'color' | 'style'>;

function base(item: IPending, kind: Item['kind']): Base {
  const spec = item.spec;
  const dash = spec.kind === 'region' && (spec.op === '<' || spec.op === '>');
  return {
    kind,
    id: `line-${spec.line}`,
    line: spec.line,
    label: spec.label,
    color: item.color,
    style:
      kind === 'region'
        ? { dash, fill: true }
        : { dash: false, fill: kind === 'point' }
  };
}

/** Whether an implicit polyline is a lone zero (one point twice), drawn as a point. */
function isLone(line: Line): boolean {
  return (
    line.length === 2 && line[0][0] === line[1][0] && line[0][1] === line[1][1]
  );
}

/** Draw the statement on the final window; return its scene items. */
function stageTwo(item: IPending, x: Span, y: Span, ctx: IContext): Item[] {
  const spec = item.spec;
  if (spec.kind === 'statplot') {
    return statplots.items(spec, kind => base(item, kind));
  }
  if (spec.kind === 'points') {
    return (item.points ?? [])
      .filter(([px, py]) => Number.isFinite(px) && Number.isFinite(py))
      .map(([px, py]) => ({ ...base(item, 'point'), x: px, y: py }));
  }
  let pieces: Line[];
  if (spec.kind === 'curve') {
    pieces = explicit(item, x, y, ctx);
  } else if (spec.kind === 'parametric' || spec.kind === 'polar') {
    pieces = clipBox(item.pieces ?? [], x, y, ctx.check);
  } else if (spec.kind === 'implicit') {
    const lines = traceImplicit(
      spec.F,
      x,
      y,
      ctx.limits.implicitGrid,
      ctx.check
    );
    const lone = lines.filter(isLone).map(line => line[0]);
    pieces = clipBox(
      finitePieces(lines.filter(line => !isLone(line))),
      x,
      y,
      ctx.check
    );
    const dots = lone
      .filter(
        ([px, py]) => x[0] <= px && px <= x[1] && y[0] <= py && py <= y[1]
      )
      .map(([px, py]) => ({ ...base(item, 'point'), x: px, y: py }));
    if (pieces.length === 0 && dots.length === 0) {
      throw new Skip(
        'No part of this curve lies in this window.',
        'nothing-in-window'
      );
    }
    if (pieces.length === 0) {
      return dots;
    }
    return [
      { ...base(item, 'curve'), segments: simplified(pieces, x, y, ctx, item) },
      ...dots
    ];
  } else {
    const { polygons, boundary } = shadeRegion(
      spec.F,
      spec.op,
      x,
      y,
      ctx.limits.implicitGrid,
      ctx.check
    );
    const polys = finitePieces(polygons);
    if (polys.length === 0) {
      throw new Skip('This region is empty on this window.', 'region-empty');
    }
    const edges = clipBox(finitePieces(boundary), x, y, ctx.check);
    ctx.check();
    return [
      {
        ...base(item, 'region'),
        polygons: atMost(polys, item, 0.5, 3),
        boundary: simplified(edges, x, y, ctx, item, 0.5)
      }
    ];
  }
  return [
    { ...base(item, 'curve'), segments: simplified(pieces, x, y, ctx, item) }
  ];
}

function pointsOf(item: Item): number {
  let n = 1;
  for (const lines of [item.segments, item.polygons, item.boundary]) {
    for (const line of lines ?? []) {
      n += line.length;
    }
  }
  return n;
}

/**
 * Run one drawing step; a problem with this statement becomes a warning, not a crash.
 * The cell's time limit stops the whole drawing.
 */
function guarded<T>(
  item: IPending,
  warnings: IDrawProblem[],
  ctx: IContext,
  step: () => T
): { ok: true; value: T } | { ok: false } {
  const line = item.spec.line;
  try {
    ctx.check();
    return { ok: true, value: step() };
  } catch (err) {
    if (err instanceof Skip) {
      warnings.push(warning(line, err.message, err.code));
    } else if (ctx.isTimeLimit(err)) {
      const said = ctx.explain(err);
      throw new OutOfTime({
        line,
        message: said?.message ?? 'This cell took too long, so it was stopped.',
        code: said?.code ?? 'time-limit',
        ename: 'ResourceError',
        severity: 1
      });
    } else {
      const said = ctx.explain(err);
      warnings.push(
        said
          ? warning(line, said.message, said.code)
          : warning(line, 'This could not be drawn.', 'draw-failed')
      );
    }
    return { ok: false };
  }
}

function warning(line: number, message: string, code: string): IDrawProblem {
  return { line, message, code, ename: 'ValueError', severity: 2 };
}

/** The automatic y window of a cell of explicit curves (and points among them). */
function autoWindowY(alive: IPending[], x: Span, ctx: IContext): Span {
  const curves: ICurveSpec[] = [];
  for (const item of alive) {
    if (item.spec.kind === 'curve' && item.spec.along === 'x' && item.coarse) {
      curves.push(item.spec);
    }
  }
  let found: number[] = [];
  try {
    found = windowYs(curves, x, ctx.check);
  } catch (err) {
    // Out of time: the robust window; drawing stops at the next check.
    if (!ctx.isTimeLimit(err) && ctx.explain(err) === null) {
      throw err;
    }
  }
  return autoY(
    alive.map(p => p.extent),
    alive.flatMap(p => p.pointYs),
    x,
    ctx.size,
    found
  );
}

function fitBox(item: IPending): view.Box | null {
  if (item.spec.kind === 'parametric' || item.spec.kind === 'polar') {
    return view.shapeBox(item.pieces ?? []);
  }
  if (item.spec.kind === 'points') {
    return view.pointBox(item.points ?? []);
  }
  if (item.spec.kind === 'statplot') {
    return item.box ?? null;
  }
  return null;
}

/**
 * What the x window of a cell frames when none is given: the data of statistics plots
 * and of points from lists, and every point beside a statistics plot.
 */
function dataOf(specs: Spec[]): Span[] {
  const data = specs.flatMap(s =>
    s.kind === 'statplot' ? [statplots.extent(s)[0]] : []
  );
  const beside = data.length > 0;
  for (const spec of specs) {
    if (spec.kind === 'points' && (spec.data || beside)) {
      for (const [px, py] of spec.points) {
        if (Number.isFinite(px) && Number.isFinite(py)) {
          data.push([px, px]);
        }
      }
    }
  }
  return data;
}

function outline(item: Item): Line[] {
  return item.segments?.length ? item.segments : (item.polygons ?? []);
}

/**
 * The view of a cell that draws shapes: equal scale, fitted to them unless given.
 *
 * Implicit curves and regions are found on a search window first; one that runs past
 * that window's edge keeps it. Returns the window and the items already drawn on it.
 */
function equalWindow(
  window: { x: Span | null; y: Span | null },
  pending: IPending[],
  ctx: IContext,
  room: number
): { x: Span; y: Span; drawn: Map<number, Item[]> } {
  const givenX = usable(window.x);
  const givenY = usable(window.y);
  const drawn = new Map<number, Item[]>();
  if (givenX && givenY) {
    return { x: givenX, y: givenY, drawn };
  }
  let searchX: Span;
  let searchY: Span;
  if (givenY) {
    searchY = givenY;
    searchX = view.follow(givenY, 0, ctx.size, 'y');
  } else {
    searchX = givenX ?? defaultX(ctx.limits);
    searchY = view.follow(searchX, 0, ctx.size, 'x');
  }
  const search: view.Box = [searchX, searchY];
  const boxes: Array<view.Box | null> = [];
  let unbounded = false;
  for (const item of pending) {
    if (item.spec.kind === 'implicit' || item.spec.kind === 'region') {
      item.most = Math.max(LEAST_POINTS, room);
      const result = guarded(item, [], ctx, () =>
        stageTwo(item, searchX, searchY, ctx)
      );
      if (!result.ok) {
        continue;
      }
      drawn.set(item.spec.line, result.value);
      room -= result.value.reduce((s, d) => s + pointsOf(d), 0);
      const box = view.shapeBox(result.value.flatMap(outline));
      // A shape that runs past the window, or so detailed it had to be thinned, keeps
      // the search window: there is no outline to fit.
      unbounded =
        unbounded ||
        (box !== null && view.reachesEdge(box, search)) ||
        item.thinned;
      boxes.push(box);
    } else {
      boxes.push(fitBox(item));
    }
  }
  let box = view.union(boxes);
  if (box !== null && pending.every(p => p.spec.kind === 'points')) {
    box = view.withXAxis(box);
  }
  if (box === null || unbounded) {
    return { x: searchX, y: searchY, drawn };
  }
  const none = new Map<number, Item[]>();
  if (givenX) {
    return {
      x: givenX,
      y: view.follow(givenX, 0.5 * (box[1][0] + box[1][1]), ctx.size, 'x'),
      drawn: none
    };
  }
  if (givenY) {
    return {
      x: view.follow(givenY, 0.5 * (box[0][0] + box[0][1]), ctx.size, 'y'),
      y: givenY,
      drawn: none
    };
  }
  const [x, y] = view.fit(box, ctx.size);
  return { x, y, drawn: none };
}

/** The x window asked for; else the one framing the cell's data; else the default. */
function windowX(
  window: { x: Span | null },
  limits: IDrawLimits,
  specs: Spec[]
): Span {
  return usable(window.x) ?? dataX(dataOf(specs)) ?? defaultX(limits);
}

/** Where an equal-scale view looks for shapes when no x window is given. */
function defaultX(limits: IDrawLimits): Span {
  return usable(limits.defaultX) ?? [-10, 10];
}

/**
 * Sample and lay out every drawable statement of a cell on a figure of `size` pixels.
 *
 * Returns null for the scene when there is nothing to draw. A statement that cannot
 * be drawn (undefined everywhere, empty region) gets a warning and no item; the time
 * limit keeps what is drawn and gives the statement being drawn an error.
 */
export function buildScene(
  specs: Spec[],
  window: { x: Span | null; y: Span | null },
  ctx: IContext
): { scene: ILaidOut | null; problems: IDrawProblem[] } {
  if (specs.length === 0) {
    return { scene: null, problems: [] };
  }
  const warnings: IDrawProblem[] = [];
  const sorted = [...specs].sort((a, b) => a.line - b.line);
  // a family's curves share one colour
  const lines = [...new Set(sorted.map(spec => spec.line))];
  const pending: IPending[] = sorted.map(spec => ({
    spec,
    color: color(lines.indexOf(spec.line)),
    extent: null,
    pointYs: [],
    most: 1e9,
    thinned: false
  }));
  const equal = view.isEqual(sorted);
  let room = Math.floor(
    (ctx.limits.maxOutputBytes * SCENE_SHARE) / POINT_BYTES
  );
  let x = windowX(window, ctx.limits, sorted);
  let y: Span = x;
  const items: Item[] = [];
  try {
    let drawn = new Map<number, Item[]>();
    let alive: IPending[];
    if (equal) {
      const shapes = pending.filter(p =>
        ['parametric', 'polar', 'points', 'statplot'].includes(p.spec.kind)
      );
      const failed = shapes.filter(
        p => !guarded(p, warnings, ctx, () => stageOne(p, x, ctx)).ok
      );
      alive = pending.filter(p => !failed.includes(p));
      const chosen = equalWindow(window, alive, ctx, room);
      x = chosen.x;
      y = chosen.y;
      drawn = chosen.drawn;
      for (const item of alive) {
        if (!shapes.includes(item) && !drawn.has(item.spec.line)) {
          guarded(item, warnings, ctx, () => stageOne(item, x, ctx));
        }
      }
    } else {
      alive = pending.filter(
        p => guarded(p, warnings, ctx, () => stageOne(p, x, ctx)).ok
      );
      y = usable(window.y) ?? autoWindowY(alive, x, ctx);
    }
    for (const item of alive) {
      const done = drawn.get(item.spec.line);
      if (done) {
        items.push(...done);
        room -= done.reduce((s, d) => s + pointsOf(d), 0);
        continue;
      }
      item.most = Math.max(LEAST_POINTS, room);
      const result = guarded(item, warnings, ctx, () =>
        stageTwo(item, x, y, ctx)
      );
      if (result.ok) {
        items.push(...result.value);
        room -= result.value.reduce((s, d) => s + pointsOf(d), 0);
      }
    }
  } catch (err) {
    if (!(err instanceof OutOfTime)) {
      throw err;
    }
    warnings.push(err.problem);
    if (items.length === 0) {
      return { scene: null, problems: warnings };
    }
  }
  for (const item of pending) {
    if (item.thinned) {
      warnings.push(warning(item.spec.line, THINNED, protocol.tooBigCode));
    }
  }
  return {
    scene: {
      view: {
        x: [x[0], x[1]],
        y: [y[0], y[1]],
        width: Math.round(ctx.size[0]),
        height: Math.round(ctx.size[1]),
        equal
      },
      items
    },
    problems: warnings
  };
}

export type { IContext };
