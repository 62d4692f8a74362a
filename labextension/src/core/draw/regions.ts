/** Shaded regions `F(x, y) op 0` as a few hole-free polygons plus their boundary curve. */

import {
  ISegments,
  SignGrid,
  cellSegments,
  edgeEnds,
  sampleGrid,
  usableRange
} from './contour';
import { ILocated, chains, locatedCrossings, zeroPolylines } from './implicit';
import { Check, Fn2, Line, Span } from '../plan';

/**
 * Polygons covering the window where `F op 0` holds, and the curve `F = 0` bounding
 * them. Rings are closed (first point repeated) and hole-free: a region with a hole
 * is cut into bands so every ring can be filled on its own. The boundary follows
 * `F = 0` only, not poles, domain edges or the window.
 */
export function shadeRegion(
  F: Fn2,
  op: '<' | '<=' | '>' | '>=',
  x: Span,
  y: Span,
  grid: number,
  check: Check
): { polygons: Line[]; boundary: Line[] } {
  if (!usableRange(x) || !usableRange(y)) {
    return { polygons: [], boundary: [] };
  }
  const G: Fn2 =
    op === '>' || op === '>='
      ? F
      : (xs, ys) => {
          const v = F(xs, ys);
          const out = new Float64Array(v.length);
          for (let i = 0; i < v.length; i++) {
            out[i] = -v[i];
          }
          return out;
        };
  const sg = sampleGrid(G, x, y, grid, check, op === '<' || op === '>');
  const segments = cellSegments(sg);
  const located = locatedCrossings(sg, segments, check);
  const boundary = zeroPolylines(segments, located, check);
  const ny = sg.ny;
  const cuts = new Set<number>();
  let rings: Line[] = [];
  let areas: number[] = [];
  for (let round = 0; round < 3; round++) {
    const bounds = [0, ...[...cuts].sort((a, b) => a - b), ny];
    rings = [];
    for (let b = 0; b + 1 < bounds.length; b++) {
      rings.push(
        ...bandRings(sg, segments, located, bounds[b], bounds[b + 1], check)
      );
    }
    areas = rings.map(area);
    const fresh = cutRows(sg, rings, areas).filter(r => !cuts.has(r));
    if (fresh.length === 0) {
      break;
    }
    fresh.forEach(r => cuts.add(r));
  }
  // Rings are counter-clockwise; a clockwise one would be a hole that no cut opened.
  const tolerance = 0.1 * Math.min(minStep(sg.xs), minStep(sg.ys));
  const polygons: Line[] = [];
  rings.forEach((ring, k) => {
    if (areas[k] > 0) {
      check();
      polygons.push(thinned(ring, tolerance));
    }
  });
  return { polygons, boundary };
}

function minStep(v: Float64Array): number {
  let best = Infinity;
  for (let i = 0; i + 1 < v.length; i++) {
    best = Math.min(best, v[i + 1] - v[i]);
  }
  return best;
}

/** Signed (shoelace) area of a closed ring: positive when counter-clockwise (outer). */
export function area(ring: Line): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  }
  return 0.5 * sum;
}

/** First index whose value is > v (side right) or >= v (side left), as searchsorted. */
function searchSorted(a: Float64Array, v: number, right: boolean): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (right ? a[mid] <= v : a[mid] < v) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/** Grid rows strictly inside each hole's height: cutting there opens the hole to a band edge. */
function cutRows(sg: SignGrid, rings: Line[], areas: number[]): number[] {
  const rows: number[] = [];
  rings.forEach((ring, k) => {
    if (!(areas[k] < 0)) {
      return;
    }
    const ys = ring.map(p => p[1]);
    const first = searchSorted(sg.ys, Math.min(...ys), true);
    const last = searchSorted(sg.ys, Math.max(...ys), false) - 1;
    if (first <= last) {
      rows.push(Math.floor((first + last) / 2));
    }
  });
  return [...new Set(rows)];
}

/**
 * Closed rings of the region in rows `r0..r1`: contour plus band edges. The band's
 * perimeter is walked counter-clockwise; an inside stretch of it links corner to
 * corner, or a corner to where the contour meets the perimeter.
 */
function bandRings(
  sg: SignGrid,
  segments: ISegments,
  located: ILocated,
  r0: number,
  r1: number,
  check: Check
): Line[] {
  const { nx } = sg;
  const nH = sg.horizontalEdges;
  const nV = sg.ny * (nx + 1);
  const vertexBase = nH + nV;
  const js: number[] = [];
  const is: number[] = [];
  const edges: number[] = [];
  for (let i = 0; i < nx; i++) {
    js.push(r0);
    is.push(i);
    edges.push(r0 * nx + i);
  }
  for (let j = r0; j < r1; j++) {
    js.push(j);
    is.push(nx);
    edges.push(nH + j * (nx + 1) + nx);
  }
  for (let i = nx; i > 0; i--) {
    js.push(r1);
    is.push(i);
    edges.push(r1 * nx + i - 1);
  }
  for (let j = r1; j > r0; j--) {
    js.push(j);
    is.push(0);
    edges.push(nH + (j - 1) * (nx + 1));
  }
  js.push(r0);
  is.push(0);
  const start: number[] = [];
  const end: number[] = [];
  for (let s = 0; s < segments.start.length; s++) {
    if (segments.row[s] >= r0 && segments.row[s] < r1) {
      start.push(segments.start[s]);
      end.push(segments.end[s]);
    }
  }
  for (let k = 0; k + 1 < js.length; k++) {
    const aIn = sg.inside(sg.values[sg.at(js[k], is[k])]);
    const bIn = sg.inside(sg.values[sg.at(js[k + 1], is[k + 1])]);
    const aNode = vertexBase + js[k] * (nx + 1) + is[k];
    const bNode = vertexBase + js[k + 1] * (nx + 1) + is[k + 1];
    if (aIn && bIn) {
      start.push(aNode);
      end.push(bNode);
    } else if (aIn) {
      start.push(aNode);
      end.push(edges[k]);
    } else if (bIn) {
      start.push(edges[k]);
      end.push(bNode);
    }
  }
  const corners = new Set(
    [r0, r1].flatMap(j => [0, nx].map(i => vertexBase + j * (nx + 1) + i))
  );
  const rings: Line[] = [];
  for (const chain of chains(start, end, check)) {
    // Perimeter vertices between corners lie on straight band edges: only corners stay.
    const kept = chain.nodes.filter(n => n < vertexBase || corners.has(n));
    if (kept.length < 3) {
      continue;
    }
    const ring: Line = kept.map(n => nodePoint(sg, located, n, vertexBase));
    ring.push(ring[0]);
    rings.push(ring);
  }
  return rings;
}

/** Coordinates of a ring node: a crossing on an edge, or a grid vertex. */
function nodePoint(
  sg: SignGrid,
  located: ILocated,
  node: number,
  vertexBase: number
): [number, number] {
  const w = sg.nx + 1;
  if (node >= vertexBase) {
    const f = node - vertexBase;
    return [sg.xs[f % w], sg.ys[Math.floor(f / w)]];
  }
  const k = located.index.get(node);
  if (k !== undefined) {
    return [located.points[2 * k], located.points[2 * k + 1]];
  }
  // Every changing edge has an active cell, so all are found; the middle is a fair fallback.
  const [p, q] = edgeEnds(sg, node);
  return [
    0.5 * (sg.xs[p % w] + sg.xs[q % w]),
    0.5 * (sg.ys[Math.floor(p / w)] + sg.ys[Math.floor(q / w)])
  ];
}

/**
 * Douglas-Peucker on a closed ring (first point repeated at the end): every dropped
 * point lies within `tolerance` of the line through its kept neighbours.
 */
function thinned(ring: Line, tolerance: number): Line {
  const n = ring.length;
  const keep = new Uint8Array(n);
  keep[0] = keep[n - 1] = 1;
  const [fx, fy] = ring[0];
  let far = -1;
  for (const [x, y] of ring) {
    far = Math.max(far, Math.hypot(x - fx, y - fy));
  }
  ring.forEach(([x, y], i) => {
    if (Math.hypot(x - fx, y - fy) === far) {
      keep[i] = 1;
    }
  });
  const kept: number[] = [];
  keep.forEach((k, i) => {
    if (k) {
      kept.push(i);
    }
  });
  const stack: Array<[number, number]> = [];
  for (let k = 0; k + 1 < kept.length; k++) {
    stack.push([kept[k], kept[k + 1]]);
  }
  while (stack.length) {
    const [a, b] = stack.pop() as [number, number];
    const [ax, ay] = ring[a];
    const dx = ring[b][0] - ax;
    const dy = ring[b][1] - ay;
    const length = Math.hypot(dx, dy);
    let worst = -1;
    let at = -1;
    for (let i = a + 1; i < b; i++) {
      const [x, y] = ring[i];
      const gap =
        length > 0
          ? Math.abs(dx * (y - ay) - dy * (x - ax)) / length
          : Math.hypot(x - ax, y - ay);
      if (gap > worst) {
        worst = gap;
        at = i;
      }
    }
    if (at >= 0 && worst > tolerance) {
      keep[at] = 1;
      stack.push([a, at], [at, b]);
    }
  }
  return ring.filter((_, i) => keep[i]);
}
