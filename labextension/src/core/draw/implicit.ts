/** Implicit curves `F(x, y) = 0` traced on an adaptive grid into long polylines. */

import {
  ISegments,
  ROOT,
  SignGrid,
  cellSegments,
  crossings,
  sampleGrid,
  usableRange
} from './contour';
import { Check, Fn2, Line, Span } from '../plan';
import { tangentZeros } from './tangent';

/** Distinct crossing ids of some segments (sorted), with their points and kinds. */
export interface ILocated {
  ids: number[];
  /** Position of each id in `ids`. */
  index: Map<number, number>;
  points: Float64Array;
  kinds: Uint8Array;
}

/**
 * Trace the zero set of `F` over the window `x` by `y` into polylines; a closed curve
 * repeats its first point at the end. Sign changes through poles or jumps (`1/x = y`)
 * are not part of the curve. Zeros where F touches 0 without changing sign follow
 * (`tangent.ts`); a lone one is a polyline of one point twice.
 */
export function traceImplicit(
  F: Fn2,
  x: Span,
  y: Span,
  grid: number,
  check: Check
): Line[] {
  if (!usableRange(x) || !usableRange(y)) {
    return [];
  }
  const sg = sampleGrid(F, x, y, grid, check, false);
  const segments = cellSegments(sg);
  const lines = zeroPolylines(
    segments,
    locatedCrossings(sg, segments, check),
    check
  );
  return [...lines, ...tangentZeros(F, x, y, check)];
}

/** The distinct crossings the segments run between, located on their edges. */
export function locatedCrossings(
  sg: SignGrid,
  segments: ISegments,
  check: Check
): ILocated {
  const ids = [...new Set([...segments.start, ...segments.end])].sort(
    (a, b) => a - b
  );
  const index = new Map<number, number>();
  ids.forEach((id, k) => index.set(id, k));
  const { points, kinds } = crossings(sg, ids, check);
  return { ids, index, points, kinds };
}

/** Join the segments whose both ends are true zeros into polylines. */
export function zeroPolylines(
  segments: ISegments,
  located: ILocated,
  check: Check
): Line[] {
  const { index, points, kinds } = located;
  const start: number[] = [];
  const end: number[] = [];
  for (let s = 0; s < segments.start.length; s++) {
    const a = index.get(segments.start[s]) as number;
    const b = index.get(segments.end[s]) as number;
    if (kinds[a] === ROOT && kinds[b] === ROOT) {
      start.push(a);
      end.push(b);
    }
  }
  const lines: Line[] = [];
  for (const chain of chains(start, end, check)) {
    const nodes = chain.closed ? [...chain.nodes, chain.nodes[0]] : chain.nodes;
    if (nodes.length >= 2) {
      lines.push(nodes.map(k => [points[2 * k], points[2 * k + 1]]));
    }
  }
  return lines;
}

/** A chain of node ids; a cycle does not repeat its first node. */
export interface IChain {
  nodes: number[];
  closed: boolean;
}

/**
 * Join directed links `start[k] -> end[k]` into chains of node ids.
 *
 * Each node has at most one outgoing and one incoming link, so the links form simple
 * paths and cycles; a cycle is cut to start at its smallest node.
 */
export function chains(start: number[], end: number[], check: Check): IChain[] {
  const next = new Map<number, number>();
  const hasIn = new Set<number>();
  const nodes = new Set<number>();
  for (let k = 0; k < start.length; k++) {
    next.set(start[k], end[k]);
    hasIn.add(end[k]);
    nodes.add(start[k]);
    nodes.add(end[k]);
  }
  const sorted = [...nodes].sort((a, b) => a - b);
  const seen = new Set<number>();
  const out: IChain[] = [];
  const walk = (first: number, closed: boolean): void => {
    const chain: number[] = [];
    let node: number | undefined = first;
    while (node !== undefined && !seen.has(node)) {
      seen.add(node);
      chain.push(node);
      node = next.get(node);
    }
    out.push({ nodes: chain, closed });
  };
  check();
  for (const node of sorted) {
    if (!hasIn.has(node) && !seen.has(node)) {
      walk(node, false);
    }
  }
  for (const node of sorted) {
    if (!seen.has(node)) {
      walk(node, true);
    }
  }
  return out;
}
