/**
 * Check classified statements and work out what they print: values, windows, points
 * (a port of the Python kernel's `lang/emit.py`; curves are drawn from the program).
 */

import { memberFn, oneAtATime } from './closures';
import { Compiler, Fn, IScope, scope } from './compile';
import { PlotterError, formatG } from '../errors';
import type { Fn1 } from '../plan';
import type { Statement } from './statements';
import { plot } from './statplots';
import type { GroupNode, IInterval, ILine, Node } from './syntax';
import { at, Value } from './values';

export type Range = [number, number];

/** Most curves one family draws (`y = L x` with a long list). */
export const MAX_MEMBERS = 30;
/** Values of the drawing variable a family is first worked out at, to count its curves. */
export const PROBES = [0, 1, -1, 0.5, -0.5, 10, -10];
/** Curves are drawn from the program: checking a statement needs no function. */
const NOT_DRAWN: Fn1 = values => values;

export const CURVE_IN_X = scope({
  allowed: new Set(['x']),
  where: 'a curve in x',
  hint: 'to draw an equation in x and y, write it with =, like x^2 + y^2 = 4'
});
export const CURVE_IN_Y = scope({
  allowed: new Set(['y']),
  where: 'a curve x = f(y)'
});
export const PARAMETRIC = scope({
  allowed: new Set(['t']),
  where: 'a parametric curve',
  hint: 'use t'
});
export const POLAR = scope({
  allowed: new Set(['theta']),
  where: 'a polar curve',
  hint: 'use theta'
});
export const PLANE = scope({
  allowed: new Set(['x', 'y']),
  where: 'an equation in x and y'
});
export const POINT = scope({ where: 'a point', hint: 'a point needs numbers' });
export const INTERVAL = scope({
  where: 'an interval',
  hint: 'an interval needs numbers'
});

/** What a cell asks for besides its drawing: printed values and its window. */
export interface IPlan {
  values: Array<[number, string]>;
  window: { x: Range | null; y: Range | null };
}

export function emptyPlan(): IPlan {
  return { values: [], window: { x: null, y: null } };
}

/**
 * How a value is printed, as a calculator shows it: at most 12 significant digits
 * without trailing zeros (`0.1 + 0.2` prints `0.3`, `1/3` `0.333333333333`), an exponent
 * from 1e12 up and below 1e-4 (`1e+20`, `1.5e-07`); NaN is `undefined`.
 */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) {
    return 'undefined';
  }
  const text = formatG(value, 12);
  return text === '-0' ? '0' : text;
}

/** A list of at most this many values is printed whole. */
export const SHORT_LIST = 10;

/**
 * How a list is printed: whole up to `SHORT_LIST` values (`[1, 2, 3]`), else its
 * first three and its last value with the count (`[1, 2, 3, …, 100] (100 values)`).
 */
export function formatList(values: Float64Array): string {
  const numbers = Array.from(values, formatValue);
  if (numbers.length <= SHORT_LIST) {
    return `[${numbers.join(', ')}]`;
  }
  const first = numbers.slice(0, 3).join(', ');
  return `[${first}, …, ${numbers[numbers.length - 1]}] (${numbers.length} values)`;
}

/** A calculated value, a number or a list, as printed. */
export function formatAny(value: Value): string {
  return typeof value === 'number' ? formatValue(value) : formatList(value);
}

/**
 * Every digit of a value (the shortest text that reads back as the same double, as
 * Python's `repr`), for inspection: whole numbers below 1e16 without `.0`.
 */
export function fullValue(value: number): string {
  if (!Number.isFinite(value)) {
    return 'undefined';
  }
  if (value === Math.floor(value) && Math.abs(value) < 1e16) {
    return String(Math.trunc(value) + 0);
  }
  const [mantissa, power] = value.toExponential().split('e');
  const exponent = Number(power);
  if (exponent >= -4 && exponent < 16) {
    return String(value); // JavaScript writes these without an exponent too
  }
  const size = String(Math.abs(exponent)).padStart(2, '0');
  return `${mantissa}e${exponent < 0 ? '-' : '+'}${size}`;
}

/** The value of `node`, which must be a number (`what` says what it is). */
export function numberOf(
  compiler: Compiler,
  node: Node,
  sc: IScope,
  what: string
): number {
  const value = compiler.evaluate(node, sc);
  if (!Number.isFinite(value)) {
    throw new PlotterError(
      'ValueError',
      `This ${what} is undefined.`,
      node.span,
      'not-a-number'
    );
  }
  return value;
}

/** The numbers of `[lo, hi]`; an empty or undefined interval is a located error. */
export function interval(compiler: Compiler, node: IInterval): Range {
  const lo = numberOf(compiler, node.lo, INTERVAL, 'end of the interval');
  const hi = numberOf(compiler, node.hi, INTERVAL, 'end of the interval');
  if (lo >= hi) {
    throw new PlotterError(
      'ValueError',
      `The interval [${formatValue(lo)}, ${formatValue(hi)}] is empty: ` +
        'the first number must be the smaller one.',
      node.span,
      'empty-interval'
    );
  }
  return [lo, hi];
}

/** The numbers of a curve's `for` interval (a statistic of a list is a number). */
function domain(compiler: Compiler, node: IInterval | null): void {
  if (node) {
    interval(compiler, node);
  }
}

/**
 * The functions drawing `node`: `plain` when it uses no list, else one, or one per
 * member when it is a list (a family, `y = [1, 2, 3] x`). An expression using a list
 * is worked out one value of `variable` at a time, so the list's values never meet
 * the samples.
 */
export function curves(
  compiler: Compiler,
  node: Node,
  fn: Fn,
  variable: string,
  sc: IScope,
  plain: Fn1
): Fn1[] {
  if (compiler.listUse(node, sc) === null) {
    return [plain];
  }
  let count = 1;
  for (const probe of PROBES) {
    // a list's length (a condition may hide it), and a wrong one's error
    const value = fn({ [variable]: probe });
    if (typeof value !== 'number') {
      count = value.length;
      break;
    }
  }
  if (!compiler.isList(node, sc)) {
    return [memberFn(oneAtATime(fn, variable, 1), 0)];
  }
  if (count > MAX_MEMBERS) {
    throw new PlotterError(
      'ValueError',
      `A family draws at most ${MAX_MEMBERS} curves; this one has ${count}.`,
      node.span,
      'family-too-big'
    );
  }
  const family = oneAtATime(fn, variable, count);
  return Array.from({ length: count }, (_, i) => memberFn(family, i));
}

/**
 * The points `(a, b)` draws: one, or one per value when a coordinate is a list
 * (`(X, Y)`; a number goes with every value, `(X, 2)`).
 */
export function points(
  compiler: Compiler,
  group: GroupNode
): Array<[number, number]> {
  const values = group.items.map(item => compiler.value(item, POINT));
  if (values.every(v => typeof v === 'number')) {
    const [x, y] = group.items.map(item =>
      numberOf(compiler, item, POINT, 'coordinate')
    );
    return [[x, y]];
  }
  const lengths = values
    .filter((v): v is Float64Array => typeof v !== 'number')
    .map(v => v.length);
  if (lengths.length === 2 && lengths[0] !== lengths[1]) {
    throw new PlotterError(
      'ValueError',
      `These lists have different lengths (${lengths[0]} and ${lengths[1]}).`,
      group.span,
      'list-lengths'
    );
  }
  const [xs, ys] = values;
  return Array.from({ length: lengths[0] }, (_, i): [number, number] => [
    at(xs, i),
    at(ys, i)
  ]);
}

/** Check `statement` and add what it prints to `plan`; throws a located problem. */
export function emit(
  statement: Statement,
  line: ILine,
  compiler: Compiler,
  plan: IPlan
): void {
  const number = line.span.line;
  switch (statement.type) {
    case 'explicit': {
      const sc = statement.along === 'x' ? CURVE_IN_X : CURVE_IN_Y;
      const fn = compiler.compile(statement.expr, sc);
      curves(compiler, statement.expr, fn, statement.along, sc, NOT_DRAWN);
      domain(compiler, statement.domain);
      break;
    }
    case 'function':
      if (statement.params.length === 1) {
        const body = compiler.function(statement.name, statement.nameSpan);
        const inputs = scope({ locals: statement.params });
        curves(
          compiler,
          statement.body,
          body,
          statement.params[0],
          inputs,
          NOT_DRAWN
        );
        domain(compiler, statement.domain);
      }
      break;
    case 'parameter':
      break;
    case 'calculation':
      plan.values.push([number, formatAny(compiler.value(statement.expr))]);
      break;
    case 'points':
      for (const group of statement.points) {
        points(compiler, group);
      }
      break;
    case 'statplot':
      plot(compiler, statement, number, line.text);
      break;
    case 'window':
      plan.window[statement.axis] = interval(compiler, statement.interval);
      break;
    case 'parametric':
      compiler.refuseLists(statement.fx);
      compiler.refuseLists(statement.fy);
      compiler.compile(statement.fx, PARAMETRIC);
      compiler.compile(statement.fy, PARAMETRIC);
      domain(compiler, statement.domain);
      break;
    case 'polar':
      compiler.refuseLists(statement.expr);
      compiler.compile(statement.expr, POLAR);
      domain(compiler, statement.domain);
      break;
    case 'implicit':
    case 'region':
      compiler.refuseLists(statement.left);
      compiler.refuseLists(statement.right);
      compiler.compile(statement.left, PLANE);
      compiler.compile(statement.right, PLANE);
      break;
  }
}
