/**
 * Adaptive marching squares: the sign grid, oriented cell segments and edge roots
 * (the Python kernel's `contour.py`).
 *
 * A function `G` is sampled on a grid whose coarse cells are refined (halved in
 * passes) only near a sign change, down to the finest grid the `grid` limit allows.
 * Points where `G` is positive (or zero, unless strict) are "inside"; undefined points
 * are outside. Each finest cell near the change yields oriented segments between
 * crossing points on its edges, inside on the left, so that segments of neighbouring
 * cells share crossing ids and join into long polylines.
 */

import { Check, Fn2, Span, evaluate2, fmax, linspace } from '../plan';

/** Coarsest refinement level aims for at least this many cells on the long axis. */
const COARSE_CELLS = 64;
/** The short axis gets at least this fraction of the long axis's cells. */
const MIN_ASPECT = 0.5;
/** Bisection steps per crossing before the final linear interpolation. */
const ROOT_STEPS = 8;

/** Kinds of crossing: a true zero, a sign change through a pole or jump, a domain edge. */
export const ROOT = 0;
export const POLE = 1;
export const DOMAIN = 2;

/** Oriented segments (exit edge -> entry edge) per corner case, for both saddle readings. */
function segmentTables(): [Int8Array, Int8Array] {
  const tables = [new Int8Array(64).fill(-1), new Int8Array(64).fill(-1)];
  for (const centreInside of [0, 1]) {
    const table = tables[centreInside];
    for (let c = 0; c < 16; c++) {
      const inside = [0, 1, 2, 3].map(k => (c >> k) & 1);
      const exits = [0, 1, 2, 3].filter(k => inside[k] && !inside[(k + 1) % 4]);
      if (exits.length === 1) {
        const entry = [0, 1, 2, 3].find(
          k => !inside[k] && inside[(k + 1) % 4]
        ) as number;
        table[c * 4] = exits[0];
        table[c * 4 + 1] = entry;
      } else if (exits.length === 2) {
        const pairs: Array<[number, number]> = [];
        for (let k = 0; k < 4; k++) {
          if (centreInside && !inside[k]) {
            pairs.push([(k + 3) % 4, k]);
          } else if (!centreInside && inside[k]) {
            pairs.push([k, (k + 3) % 4]);
          }
        }
        pairs.forEach(([a, b], s) => {
          table[c * 4 + 2 * s] = a;
          table[c * 4 + 2 * s + 1] = b;
        });
      }
    }
  }
  return [tables[0], tables[1]];
}

const [CASES_CENTRE_OUT, CASES_CENTRE_IN] = segmentTables();

/** Samples of `G` on the finest grid; unsampled vertices carry their coarse cell's value. */
export class SignGrid {
  readonly nx: number;
  readonly ny: number;
  readonly values: Float64Array;
  readonly evaluated: Uint8Array;
  readonly filled: Uint8Array;
  /** Finest cells (ny x nx) that may hold part of the zero set. */
  active: Uint8Array;

  constructor(
    readonly G: Fn2,
    readonly strict: boolean,
    readonly xs: Float64Array,
    readonly ys: Float64Array
  ) {
    this.nx = xs.length - 1;
    this.ny = ys.length - 1;
    const size = xs.length * ys.length;
    this.values = new Float64Array(size).fill(NaN);
    this.evaluated = new Uint8Array(size);
    this.filled = new Uint8Array(size);
    this.active = new Uint8Array(this.nx * this.ny);
  }

  /** Index of vertex (j, i). */
  at(j: number, i: number): number {
    return j * (this.nx + 1) + i;
  }

  /** Where `G` is positive (or zero when not strict); NaN is never inside. */
  inside(value: number): boolean {
    return this.strict ? value > 0 : value >= 0;
  }

  /** Call `G` at points; non-finite results become NaN. */
  evaluateAt(x: Float64Array, y: Float64Array): Float64Array {
    return evaluate2(this.G, x, y);
  }

  /** Number of horizontal edges (their ids come first). */
  get horizontalEdges(): number {
    return (this.ny + 1) * this.nx;
  }
}

/** Python's round(): halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** An interval with finite ends and a finite, positive width. */
export function usableRange(r: Span): boolean {
  return Number.isFinite(r[1] - r[0]) && r[0] < r[1];
}

/** Finest cells along x and y, and the coarse stride (a power of two dividing both). */
export function gridShape(
  x: Span,
  y: Span,
  gridLimit: number
): [number, number, number] {
  const grid = Math.max(2, Math.floor(gridLimit));
  let stride = 1;
  while (Math.floor(grid / (2 * stride)) >= COARSE_CELLS && stride < 16) {
    stride *= 2;
  }
  const longCells = Math.max(1, Math.floor(grid / stride));
  const wx = Math.abs(x[1] - x[0]);
  const wy = Math.abs(y[1] - y[0]);
  const ratio = Math.max(wx, wy) > 0 ? Math.min(wx, wy) / Math.max(wx, wy) : 1;
  const shortCells = Math.max(
    1,
    roundHalfEven(longCells * Math.min(1, Math.max(ratio, MIN_ASPECT)))
  );
  const [nx, ny] = wx >= wy ? [longCells, shortCells] : [shortCells, longCells];
  return [nx * stride, ny * stride, stride];
}

/** Evaluate `G` at the listed vertex indices that are not known yet; returns them. */
function evaluateVertices(sg: SignGrid, flat: ArrayLike<number>): number[] {
  const todo: number[] = [];
  for (let k = 0; k < flat.length; k++) {
    const f = flat[k];
    if (!sg.evaluated[f]) {
      sg.evaluated[f] = 1;
      todo.push(f);
    }
  }
  if (todo.length === 0) {
    return todo;
  }
  const w = sg.nx + 1;
  const px = new Float64Array(todo.length);
  const py = new Float64Array(todo.length);
  for (let k = 0; k < todo.length; k++) {
    px[k] = sg.xs[todo[k] % w];
    py[k] = sg.ys[Math.floor(todo[k] / w)];
  }
  const values = sg.evaluateAt(px, py);
  for (let k = 0; k < todo.length; k++) {
    sg.values[todo[k]] = values[k];
  }
  return todo;
}

/** Evaluate the four corners of level cells (index J * levelNx + I) `size` wide. */
function evaluateCellCorners(
  sg: SignGrid,
  cells: ArrayLike<number>,
  levelNx: number,
  size: number
): number[] {
  const flat = new Int32Array(4 * cells.length);
  const w = sg.nx + 1;
  for (let k = 0; k < cells.length; k++) {
    const cj = Math.floor(cells[k] / levelNx);
    const ci = cells[k] % levelNx;
    const a = cj * size * w + ci * size;
    const b = a + size * w;
    flat[4 * k] = a;
    flat[4 * k + 1] = a + size;
    flat[4 * k + 2] = b;
    flat[4 * k + 3] = b + size;
  }
  return evaluateVertices(sg, flat);
}

/** Whether a level cell changes, or is near zero for its spread. */
function changing(
  sg: SignGrid,
  level: number,
  cj: number,
  ci: number
): boolean {
  const v = sg.values;
  const w = sg.nx + 1;
  const p = cj * level * w + ci * level;
  const q = p + level * w;
  const a = v[p];
  const b = v[p + level];
  const c = v[q];
  const d = v[q + level];
  const all =
    (sg.inside(a) ? 1 : 0) +
    (sg.inside(b) ? 1 : 0) +
    (sg.inside(c) ? 1 : 0) +
    (sg.inside(d) ? 1 : 0);
  if (all > 0 && all < 4) {
    return true;
  }
  const spread = Math.max(a, b, c, d) - Math.min(a, b, c, d);
  const near =
    Math.min(Math.abs(a), Math.abs(b), Math.abs(c), Math.abs(d)) <= spread;
  return near && spread > 0;
}

/**
 * Add every cell across an edge with a change, until none is missing. After a first
 * look at every cell, only the cells around newly evaluated vertices can change.
 */
function close(
  sg: SignGrid,
  level: number,
  active: Uint8Array,
  check: Check
): Uint8Array {
  const NX = sg.nx / level;
  const NY = sg.ny / level;
  const w = sg.nx + 1;
  const W = NX + 1;
  // Per level vertex: -1 unknown, else whether it is inside.
  const st = new Int8Array((NY + 1) * W);
  const look = (J: number, I: number): void => {
    const f = J * level * w + I * level;
    st[J * W + I] =
      sg.evaluated[f] | sg.filled[f] ? (sg.inside(sg.values[f]) ? 1 : 0) : -1;
  };
  for (let J = 0; J <= NY; J++) {
    for (let I = 0; I <= NX; I++) {
      look(J, I);
    }
  }
  const needs = (c: number): boolean => {
    const J = Math.floor(c / NX);
    const p = J * W + (c - J * NX);
    const a = st[p];
    const b = st[p + 1];
    const d = st[p + W];
    const e = st[p + W + 1];
    return (
      (a >= 0 && b >= 0 && a !== b) ||
      (d >= 0 && e >= 0 && d !== e) ||
      (a >= 0 && d >= 0 && a !== d) ||
      (b >= 0 && e >= 0 && b !== e)
    );
  };
  let candidates: number[] | null = null;
  for (;;) {
    check();
    const fresh: number[] = [];
    if (candidates === null) {
      for (let c = 0; c < NX * NY; c++) {
        if (!active[c] && needs(c)) {
          fresh.push(c);
        }
      }
    } else {
      for (const c of candidates) {
        if (!active[c] && needs(c)) {
          fresh.push(c);
        }
      }
    }
    if (fresh.length === 0) {
      return active;
    }
    for (const c of fresh) {
      active[c] = 1;
    }
    const around = new Set<number>();
    for (const f of evaluateCellCorners(sg, fresh, NX, level)) {
      const J = Math.floor(f / w) / level;
      const I = (f % w) / level;
      look(J, I);
      for (let j = J - 1; j <= J; j++) {
        for (let i = I - 1; i <= I; i++) {
          if (j >= 0 && i >= 0 && j < NY && i < NX && !active[j * NX + i]) {
            around.add(j * NX + i);
          }
        }
      }
    }
    candidates = [...around];
  }
}

/** Give the unevaluated vertices of a level the value of the coarser vertex below-left. */
function fillLevel(sg: SignGrid, level: number): void {
  const NX = sg.nx / level;
  const NY = sg.ny / level;
  const w = sg.nx + 1;
  for (let J = 0; J <= NY; J++) {
    const row = J * level * w;
    const below = (J >> 1) * 2 * level * w;
    for (let I = 0; I <= NX; I++) {
      const f = row + I * level;
      if (sg.evaluated[f] || sg.filled[f]) {
        continue;
      }
      sg.values[f] = sg.values[below + (I >> 1) * 2 * level];
      sg.filled[f] = 1;
    }
  }
}

/**
 * Sample `G` coarsely, then refine cells near a change of inside/outside down to the
 * grid. After each level, cells across any edge with a change are added until none is
 * missing, so a curve found anywhere is followed all the way.
 */
export function sampleGrid(
  G: Fn2,
  x: Span,
  y: Span,
  grid: number,
  check: Check,
  strict: boolean
): SignGrid {
  const [nx, ny, stride] = gridShape(x, y, grid);
  const sg = new SignGrid(
    G,
    strict,
    linspace(x[0], x[1], nx + 1),
    linspace(y[0], y[1], ny + 1)
  );
  const corners: number[] = [];
  for (let j = 0; j <= ny; j += stride) {
    for (let i = 0; i <= nx; i += stride) {
      corners.push(sg.at(j, i));
    }
  }
  evaluateVertices(sg, corners);
  let NX = nx / stride;
  let NY = ny / stride;
  let active = new Uint8Array(NX * NY);
  for (let J = 0; J < NY; J++) {
    for (let I = 0; I < NX; I++) {
      active[J * NX + I] = changing(sg, stride, J, I) ? 1 : 0;
    }
  }
  if (stride > 1) {
    // Centres of the coarse cells catch small loops that no coarse corner sees.
    const half = stride / 2;
    const centres: number[] = [];
    for (let J = 0; J < NY; J++) {
      for (let I = 0; I < NX; I++) {
        centres.push(sg.at(J * stride + half, I * stride + half));
      }
    }
    evaluateVertices(sg, centres);
    for (let J = 0; J < NY; J++) {
      for (let I = 0; I < NX; I++) {
        const centre = sg.inside(
          sg.values[sg.at(J * stride + half, I * stride + half)]
        );
        const corner = sg.inside(sg.values[sg.at(J * stride, I * stride)]);
        if (centre !== corner) {
          active[J * NX + I] = 1;
        }
      }
    }
  }
  active = close(sg, stride, active, check);
  let level = stride;
  while (level > 1) {
    check();
    const half = level / 2;
    const CNX = NX * 2;
    const children: number[] = [];
    for (let c = 0; c < active.length; c++) {
      if (active[c]) {
        const J = Math.floor(c / NX);
        const I = c % NX;
        const first = 2 * J * CNX + 2 * I;
        children.push(first, first + 1, first + CNX, first + CNX + 1);
      }
    }
    evaluateCellCorners(sg, children, CNX, half);
    level = half;
    NX = CNX;
    NY = NY * 2;
    fillLevel(sg, level);
    active = new Uint8Array(NX * NY);
    for (const c of children) {
      if (changing(sg, level, Math.floor(c / NX), c % NX)) {
        active[c] = 1;
      }
    }
    active = close(sg, level, active, check);
  }
  sg.active = active;
  return sg;
}

/** Oriented segments of the finest active cells, between crossing ids (global edge ids). */
export interface ISegments {
  start: number[];
  end: number[];
  /** Cell row of each segment, for cutting the grid into bands. */
  row: number[];
}

/** Marching-squares segments of the active cells, saddles resolved by the centre's sign. */
export function cellSegments(sg: SignGrid): ISegments {
  const { nx, ny } = sg;
  const nH = sg.horizontalEdges;
  const cells: number[] = [];
  const cases: number[] = [];
  const saddles: number[] = [];
  for (let cj = 0; cj < ny; cj++) {
    for (let ci = 0; ci < nx; ci++) {
      if (!sg.active[cj * nx + ci]) {
        continue;
      }
      const v = sg.values;
      const c =
        (sg.inside(v[sg.at(cj, ci)]) ? 1 : 0) |
        (sg.inside(v[sg.at(cj, ci + 1)]) ? 2 : 0) |
        (sg.inside(v[sg.at(cj + 1, ci + 1)]) ? 4 : 0) |
        (sg.inside(v[sg.at(cj + 1, ci)]) ? 8 : 0);
      if (c === 5 || c === 10) {
        saddles.push(cells.length);
      }
      cells.push(cj * nx + ci);
      cases.push(c);
    }
  }
  const centreIn = new Uint8Array(cells.length);
  if (saddles.length) {
    const mx = new Float64Array(saddles.length);
    const my = new Float64Array(saddles.length);
    saddles.forEach((s, k) => {
      const cj = Math.floor(cells[s] / nx);
      const ci = cells[s] % nx;
      mx[k] = 0.5 * (sg.xs[ci] + sg.xs[ci + 1]);
      my[k] = 0.5 * (sg.ys[cj] + sg.ys[cj + 1]);
    });
    const values = sg.evaluateAt(mx, my);
    saddles.forEach((s, k) => {
      centreIn[s] = sg.inside(values[k]) ? 1 : 0;
    });
  }
  const out: ISegments = { start: [], end: [], row: [] };
  for (const k of [0, 1]) {
    cells.forEach((cell, n) => {
      const table = centreIn[n] ? CASES_CENTRE_IN : CASES_CENTRE_OUT;
      const a = table[cases[n] * 4 + 2 * k];
      if (a < 0) {
        return;
      }
      const b = table[cases[n] * 4 + 2 * k + 1];
      const cj = Math.floor(cell / nx);
      const ci = cell % nx;
      const ids = [
        cj * nx + ci,
        nH + cj * (nx + 1) + ci + 1,
        (cj + 1) * nx + ci,
        nH + cj * (nx + 1) + ci
      ];
      out.start.push(ids[a]);
      out.end.push(ids[b]);
      out.row.push(cj);
    });
  }
  return out;
}

/** Vertex indices (flat) at both ends of an edge id. */
export function edgeEnds(sg: SignGrid, id: number): [number, number] {
  const nH = sg.horizontalEdges;
  if (id < nH) {
    const j = Math.floor(id / sg.nx);
    const i = id % sg.nx;
    return [sg.at(j, i), sg.at(j, i + 1)];
  }
  const j = Math.floor((id - nH) / (sg.nx + 1));
  const i = (id - nH) % (sg.nx + 1);
  return [sg.at(j, i), sg.at(j + 1, i)];
}

/** Where the inside/outside change on each edge is, and what kind of change it is. */
export function crossings(
  sg: SignGrid,
  ids: number[],
  check: Check
): { points: Float64Array; kinds: Uint8Array } {
  const n = ids.length;
  const w = sg.nx + 1;
  const ax = new Float64Array(n);
  const ay = new Float64Array(n);
  const bx = new Float64Array(n);
  const by = new Float64Array(n);
  const fa = new Float64Array(n);
  const fb = new Float64Array(n);
  const largest = new Float64Array(n);
  ids.forEach((id, k) => {
    let [p, q] = edgeEnds(sg, id);
    if (!sg.inside(sg.values[p])) {
      [p, q] = [q, p];
    }
    ax[k] = sg.xs[p % w];
    ay[k] = sg.ys[Math.floor(p / w)];
    bx[k] = sg.xs[q % w];
    by[k] = sg.ys[Math.floor(q / w)];
    fa[k] = sg.values[p];
    fb[k] = sg.values[q];
    largest[k] = fmax(Math.abs(fa[k]), Math.abs(fb[k]));
  });
  const mx = new Float64Array(n);
  const my = new Float64Array(n);
  for (let step = 0; step < ROOT_STEPS; step++) {
    check();
    for (let k = 0; k < n; k++) {
      mx[k] = 0.5 * (ax[k] + bx[k]);
      my[k] = 0.5 * (ay[k] + by[k]);
    }
    const fm = sg.evaluateAt(mx, my);
    for (let k = 0; k < n; k++) {
      if (sg.inside(fm[k])) {
        ax[k] = mx[k];
        ay[k] = my[k];
        fa[k] = fm[k];
      } else {
        bx[k] = mx[k];
        by[k] = my[k];
        fb[k] = fm[k];
      }
    }
  }
  const points = new Float64Array(2 * n);
  const kinds = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const undefinedB = !Number.isFinite(fb[k]);
    if (undefinedB) {
      kinds[k] = DOMAIN;
    } else if (!(fmax(Math.abs(fa[k]), Math.abs(fb[k])) <= 0.5 * largest[k])) {
      kinds[k] = POLE;
    }
    let t = undefinedB ? 0.5 : fa[k] / (fa[k] - fb[k]);
    if (Number.isNaN(t)) {
      t = 0.5;
    }
    t = Math.min(1, Math.max(0, t));
    points[2 * k] = ax[k] + t * (bx[k] - ax[k]);
    points[2 * k + 1] = ay[k] + t * (by[k] - ay[k]);
  }
  return { points, kinds };
}
