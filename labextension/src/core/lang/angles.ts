/**
 * Degrees: `30°` and the session's angle unit, as rewrites of the syntax tree (a port
 * of the Python kernel's `lang/angles.py`).
 *
 * A line `degrees` (or `radians`) switches the unit of the lines after it, in this cell
 * and later ones. Rather than teach the evaluator a unit, a line read in degrees has its
 * trig calls rewritten (`sin(u)` is `sin(u·π/180)`, `asin(u)` is `asin(u)·180/π`) and a
 * polar (θ) or parametric (t) curve's angle read in degrees; the tree then carries the
 * unit everywhere it goes: derivatives (the chain rule gives the π/180), the program and
 * a re-sampled view. A stored definition keeps the unit it was read in.
 */

import { ISpan, PlotterError } from '../errors';
import { classify } from './statements';
import { ILine, Node, substitute } from './syntax';

/** One degree in radians: what `°` multiplies by. */
export const DEGREE = Math.PI / 180;
const TRIG = new Set(['sin', 'cos', 'tan', 'sec', 'csc', 'cot']);
const INVERSES = new Set([
  'asin',
  'acos',
  'atan',
  'asec',
  'acsc',
  'acot',
  'atan2'
]);
export const NOTE = 'Angles are in degrees.';

/** `degrees` or `radians` if the line is that word alone (a comment allowed). */
export function unitLine(text: string): 'degrees' | 'radians' | null {
  const word = text.split('#', 1)[0].trim();
  return word === 'degrees' || word === 'radians' ? word : null;
}

/** `node · factor`, spanning `span`. */
export function scaled(node: Node, factor: number, span: ISpan): Node {
  return {
    type: 'product',
    factors: [
      ['*', node],
      ['*', { type: 'num', value: factor, span }]
    ],
    span
  };
}

/** Every tree node in `value` mapped bottom-up by `f`. */
function mapTree(value: unknown, f: (node: Node) => Node): unknown {
  if (Array.isArray(value)) {
    return value.map(v => mapTree(v, f));
  }
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = mapTree(v, f);
  }
  return typeof out.type === 'string' ? f(out as Node) : out;
}

/** `node` with trig functions taking, and inverses giving, degrees. */
function toDegrees(node: Node): Node {
  if (node.type !== 'call' || node.primes.length) {
    return node;
  }
  if (TRIG.has(node.func)) {
    return { ...node, args: node.args.map(a => scaled(a, DEGREE, a.span)) };
  }
  if (INVERSES.has(node.func)) {
    return scaled(node, 1 / DEGREE, node.span);
  }
  return node;
}

/**
 * `line` read in degrees; the angle of a polar or parametric curve (θ or t) counts
 * degrees too, so its default full turn is `[0, 360]`.
 */
export function degreeLine(line: ILine): ILine {
  const read = mapTree(line, toDegrees) as ILine;
  let type = '';
  try {
    type = classify(read).type;
  } catch (err) {
    if (!(err instanceof PlotterError)) {
      throw err;
    }
    // reported when the line is classified for real
  }
  const angle = type === 'polar' ? 'theta' : type === 'parametric' ? 't' : null;
  if (angle === null) {
    return read;
  }
  const inTurns = scaled(
    { type: 'name', id: angle, span: read.span },
    1 / DEGREE,
    read.span
  );
  const r = read.restriction;
  return {
    ...read,
    body: substitute(read.body, angle, inTurns),
    conditions: read.conditions.map(c => substitute(c, angle, inTurns)),
    restriction:
      r === null
        ? null
        : {
            ...r,
            interval: {
              ...r.interval,
              lo: scaled(r.interval.lo, DEGREE, r.interval.lo.span),
              hi: scaled(r.interval.hi, DEGREE, r.interval.hi.span)
            }
          }
  };
}
