/**
 * Work out `check` lines (SPEC §11): a check that holds prints `✓ …`, one that does
 * not is a located `CheckError` showing both sides; a port of the Python kernel's
 * `lang/checks.py`.
 */

import { ISpan, PlotterError } from '../errors';
import type { Range } from '../types';
import { Compiler, Fn, scope } from './compile';
import { formatAny, formatValue, interval } from './emit';
import type { StatementOf } from './statements';
import { Node, call, name, plotVariables } from './syntax';
import { at, Value } from './values';

/** How far apart (relative) the two sides of `=` may be. */
export const RELATIVE = 1e-9;
/** How far apart the two sides of `=` or `≈` may be near 0. */
export const FLOOR = 1e-12;
/** How far apart (relative to the right side) the two sides of `≈` may be. */
export const APPROXIMATE = 0.01;
/** Values of x where two functions are compared. */
export const POINTS = 201;
/** Where functions are compared when neither the check nor the cell says. */
export const WINDOW: Range = [-10, 10];
const CHECK_IN_X = scope({
  allowed: new Set(['x']),
  where: 'a check in x',
  hint: 'a check compares numbers'
});
const SHOWN: Record<string, string> = { '<=': '≤', '>=': '≥' };
const FLIPPED: Record<string, string> = {
  '<': '>',
  '>': '<',
  '<=': '>=',
  '>=': '<=',
  '=': '=',
  '≈': '≈'
};

type Curve = (x: number) => number;
type Label = (x: number) => string;

function fail(message: string, where: ISpan): PlotterError {
  return new PlotterError('CheckError', message, where, 'check-failed');
}

/** `value`, or NaN (undefined) when it is not a finite number. */
function defined(value: number): number {
  return Number.isFinite(value) ? value : NaN;
}

/** Whether two values agree: both undefined, or both numbers close enough. */
function same(left: number, right: number, tolerance = RELATIVE): boolean {
  left = defined(left);
  right = defined(right);
  if (Number.isNaN(left) || Number.isNaN(right)) {
    return Number.isNaN(left) && Number.isNaN(right);
  }
  if (left === right) {
    return true;
  }
  const gap = Math.abs(left - right);
  const scale =
    tolerance === APPROXIMATE
      ? Math.abs(right)
      : Math.max(Math.abs(left), Math.abs(right));
  return gap <= Math.max(tolerance * scale, FLOOR);
}

function holds(op: string, left: number, right: number): boolean {
  if (op === '=') {
    return same(left, right);
  }
  if (op === '≈') {
    return same(left, right, APPROXIMATE);
  }
  left = defined(left);
  right = defined(right);
  if (Number.isNaN(left) || Number.isNaN(right)) {
    return false;
  }
  switch (op) {
    case '<':
      return left < right;
    case '>':
      return left > right;
    case '<=':
      return left <= right;
    default:
      return left >= right;
  }
}

/**
 * Whether `left op right` holds for numbers or lists (element by element, all of
 * them; lists of different lengths are never equal).
 */
function linkHolds(op: string, left: Value, right: Value): boolean {
  const leftList = typeof left !== 'number';
  const rightList = typeof right !== 'number';
  if (!leftList && !rightList) {
    return holds(op, left as number, right as number);
  }
  if (leftList && rightList && left.length !== right.length) {
    return false;
  }
  if ((op === '=' || op === '≈') && leftList !== rightList) {
    return false;
  }
  const count = leftList
    ? (left as Float64Array).length
    : (right as Float64Array).length;
  for (let i = 0; i < count; i++) {
    if (!holds(op, at(left, i), at(right, i))) {
      return false;
    }
  }
  return true;
}

/** A number as written: `5`, `-2`. */
function isNumber(node: Node): boolean {
  return (
    node.type === 'num' ||
    (node.type === 'unary' && node.operand.type === 'num')
  );
}

/** The name of a user function when `node` is that name alone (`f`). */
function functionName(compiler: Compiler, node: Node): string | null {
  if (node.type !== 'name') {
    return null;
  }
  const definition = compiler.defs.get(node.id);
  if (definition === undefined || definition.params === null) {
    return null;
  }
  if (definition.params.length !== 1) {
    throw new PlotterError(
      'TypeError',
      `${node.id} has ${definition.params.length} inputs; a check compares functions ` +
        `of one input, like ${node.id}(x, 1).`,
      node.span,
      'check-functions'
    );
  }
  return node.id;
}

/** `fn` of the plot variable x as a function of one number (undefined: NaN). */
function curveOf(fn: Fn): Curve {
  return x => {
    const value = fn({ x });
    return defined(typeof value === 'number' ? value : NaN);
  };
}

/**
 * `node` as a function of x with how its value at x is named (`f(3)`), or null when
 * it is a value.
 */
function curve(
  compiler: Compiler,
  node: Node,
  source: string
): [Curve, Label] | null {
  const id = functionName(compiler, node);
  if (id !== null) {
    const x = name('x', node.span);
    const fn = compiler.compile(
      call(id, node.span, [x], node.span),
      CHECK_IN_X
    );
    return [curveOf(fn), at => `${id}(${formatValue(at)})`];
  }
  if (!plotVariables(node).some(n => n.id === 'x')) {
    return null;
  }
  compiler.refuseLists(node, CHECK_IN_X);
  const text = source.slice(node.span.start, node.span.end);
  const fn = curveOf(compiler.compile(node, CHECK_IN_X));
  if (node.type === 'call' && text.endsWith('(x)')) {
    // `f(x)`: named as f(3)
    return [fn, at => `${text.slice(0, -3)}(${formatValue(at)})`];
  }
  return [fn, () => text];
}

/**
 * What a check prints when it holds: `✓` and its text after the word `check`.
 *
 * `source` is the line as typed; `window` the cell's x window, if it sets one.
 * Throws a located `CheckError` when the check does not hold, or the usual error of
 * something in it.
 */
export function runCheck(
  statement: StatementOf<'check'>,
  source: string,
  compiler: Compiler,
  window: Range | null
): string {
  const check = statement.check;
  const text = source.slice(check.span.start).split('#', 1)[0].trim();
  if (check.ops.length === 1 && check.ops[0] === 'on') {
    on(check.operands[0], check.operands[1], source, compiler, check.span);
    return `✓ ${text}`;
  }
  const curves = check.operands.map(node => curve(compiler, node, source));
  if (curves.some(c => c !== null)) {
    if (check.ops.length !== 1 || check.ops[0] !== '=') {
      throw new PlotterError(
        'TypeError',
        'Functions of x are compared with one =, like check f = 2x + 1.',
        check.span,
        'check-functions'
      );
    }
    const bounds = statement.domain
      ? interval(compiler, statement.domain)
      : null;
    const [lo, hi] = bounds ?? window ?? WINDOW;
    const step = (hi - lo) / (POINTS - 1); // as NumPy's linspace
    const xs = Array.from({ length: POINTS }, (_, i) =>
      i === POINTS - 1 ? hi : i * step + lo
    );
    functions(compiler, check.operands, curves, xs, check.span);
    return `✓ ${text}`;
  }
  const values = check.operands.map(node => compiler.value(node));
  check.ops.forEach((link, i) => {
    let op = link;
    let [left, right] = [values[i], values[i + 1]];
    if (linkHolds(op, left, right)) {
      return;
    }
    let node = check.operands[i];
    const other = check.operands[i + 1];
    if (isNumber(node) && !isNumber(other)) {
      [node, op, left, right] = [other, FLIPPED[op], right, left];
    }
    const label = source.slice(node.span.start, node.span.end);
    const relation = op === '=' ? '' : `${SHOWN[op] ?? op} `;
    const message = `${label} is ${formatAny(left)}, not ${relation}${formatAny(right)}`;
    throw fail(message, check.span);
  });
  return `✓ ${text}`;
}

/** Two sides equal at every x of `xs` (undefined at the same x counts as equal). */
function functions(
  compiler: Compiler,
  operands: Node[],
  curves: Array<[Curve, Label] | null>,
  xs: number[],
  where: ISpan
): void {
  const sides: Curve[] = operands.map((node, i) => {
    const c = curves[i];
    if (c !== null) {
      return c[0];
    }
    const value = compiler.value(node);
    if (typeof value !== 'number') {
      throw new PlotterError(
        'TypeError',
        "A function of x can't be compared with a list.",
        node.span,
        'check-functions'
      );
    }
    return () => value;
  });
  for (const x of xs) {
    const left = sides[0](x);
    const right = sides[1](x);
    if (!same(left, right)) {
      const [shown, other] = curves[0] !== null ? [left, right] : [right, left];
      const named = (curves[0] ?? curves[1]) as [Curve, Label];
      const message =
        `${named[1](x)} is ${formatValue(shown)}, ` +
        `not ${formatValue(other)} (at x = ${formatValue(x)})`;
      throw fail(message, where);
    }
  }
}

/** `(a, b) on f`: b is f(a), within the tolerance of `=`. */
function on(
  point: Node,
  target: Node,
  source: string,
  compiler: Compiler,
  where: ISpan
): void {
  if (point.type !== 'group' || point.items.length !== 2) {
    throw new PlotterError(
      'TypeError',
      'Before on write a point, like check (3, 4) on f.',
      point.span,
      'not-a-point'
    );
  }
  const c = curve(compiler, target, source);
  if (c === null) {
    throw new PlotterError(
      'TypeError',
      'After on write a function of x, like f or x^2.',
      target.span,
      'check-functions'
    );
  }
  const [x, y] = point.items.map(item => compiler.evaluate(item));
  const value = c[0](x);
  if (!same(value, y)) {
    const suffix = target.type === 'name' ? '' : ` (at x = ${formatValue(x)})`;
    throw fail(
      `${c[1](x)} is ${formatValue(value)}, not ${formatValue(y)}${suffix}`,
      where
    );
  }
}
