/**
 * `histogram(L, w)`, `boxplot(L)` and `dotplot(L)` on a line of their own (a port of
 * the Python kernel's `lang/statplots.py`).
 *
 * The numbers each draws (bars, the five-number summary, stacked dots) are worked out
 * here, when the statement is checked or instantiated, so a mistake is located at the
 * call's input and drawing only lays the numbers out (`draw/statplots.ts`).
 */

import { BUILTINS } from './builtins';
import { Compiler, scope } from './compile';
import { PlotterError, ResourceLimit, ISpan, formatG } from '../errors';
import type { IStatPlotSpec } from '../plan';
import * as stats from './stats';
import type { ILine, Node } from './syntax';

export type StatKind = 'histogram' | 'boxplot' | 'dotplot';

/** The builtins that draw (kind `draw` in the builtin table). */
export const KINDS: readonly StatKind[] = ['histogram', 'boxplot', 'dotplot'];
/** Most bars one histogram draws (`too-many-bars`). */
export const MAX_BARS = 1000;
/** Most dots one dotplot draws (`too-many-dots`). */
export const MAX_DOTS = 2000;
/**
 * A value within this fraction of a bar's width below an edge is on it (`0.3` with
 * width `0.1` is in `[0.3, 0.4)`, though `0.3 / 0.1` is `2.9999999999999996`).
 */
export const EDGE = 1e-9;
/** Values spanning less than this get bars of width 1 by default (as Desmos draws). */
export const WIDTH_ONE_SPAN = 50;
/** A wider spread gets the nice width giving at most about this many bars. */
export const DEFAULT_BARS = 20;

const DATA = scope({
  where: 'a statistics plot',
  hint: 'it draws a list of numbers'
});
const EXAMPLES: Record<StatKind, string> = {
  histogram: 'histogram([1, 2, 2, 3], 1)',
  boxplot: 'boxplot([1, 2, 2, 3])',
  dotplot: 'dotplot([1, 2, 2, 3])'
};

/** A statistics plot: `kind` of the list `data` (a histogram's `width` too). */
export interface IStatStatement {
  kind: StatKind;
  data: Node;
  width: Node | null;
  span: ISpan;
}

/**
 * The statistics plot a line's body is, if it is a call of one with the inputs it
 * takes (any other call is compiled, and refused there with `wrong-arity`).
 */
export function statementOf(body: ILine['body']): IStatStatement | null {
  const builtin = body.type === 'call' ? BUILTINS.get(body.func) : undefined;
  if (
    body.type !== 'call' ||
    !(KINDS as readonly string[]).includes(body.func) ||
    body.primes.length > 0 ||
    builtin === undefined ||
    body.args.length < builtin.minArgs ||
    body.args.length > (builtin.maxArgs ?? Infinity)
  ) {
    return null;
  }
  return {
    kind: body.func as StatKind,
    data: body.args[0],
    width: body.args.length > 1 ? body.args[1] : null,
    span: body.span
  };
}

/**
 * The default bar width: 1 for values spanning less than `WIDTH_ONE_SPAN`, else the
 * smallest of 1, 2 or 5 times a power of ten giving at most `DEFAULT_BARS` bars.
 */
export function niceWidth(spread: number): number {
  if (!(spread >= WIDTH_ONE_SPAN)) {
    return 1;
  }
  const target = spread / DEFAULT_BARS;
  const power = 10 ** Math.floor(Math.log10(target));
  for (const step of [1, 2, 5]) {
    if (step * power >= target) {
      return step * power;
    }
  }
  return 10 * power;
}

/**
 * Bars `[k w, (k + 1) w)` (left-closed, aligned at 0) from the one holding the
 * smallest value to the one holding the largest, with how many values each holds.
 */
export function bars(
  values: Float64Array,
  width: number,
  where: ISpan | null
): Array<[number, number, number]> {
  const ks = Array.from(values, v => Math.floor(v / width + EDGE));
  const [first, last] = Private.extremes(ks);
  const count = last - first + 1;
  if (!(count <= MAX_BARS)) {
    const shown = Number.isFinite(count) ? formatG(count, 12) : 'too many';
    throw new ResourceLimit(
      `A histogram has at most ${MAX_BARS} bars; this one would have ${shown}. ` +
        'Give it wider bars.',
      where,
      'too-many-bars'
    );
  }
  const counts = new Array<number>(count).fill(0);
  for (const k of ks) {
    counts[k - first] += 1;
  }
  return counts.map((c, i): [number, number, number] => [
    (first + i) * width,
    (first + i + 1) * width,
    c
  ]);
}

/** Min, Q1, median, Q3 and max by `quartile` (the exclusive median method). */
export function fiveNumbers(
  values: Float64Array
): [number, number, number, number, number] {
  const q = [0, 1, 2, 3, 4].map(k => stats.quartile(values, k) as number);
  return [q[0], q[1], q[2], q[3], q[4]];
}

/** Each distinct value, increasing, with how many times it occurs. */
export function stacks(
  values: Float64Array,
  where: ISpan | null
): Array<[number, number]> {
  if (values.length > MAX_DOTS) {
    throw new ResourceLimit(
      `A dotplot draws at most ${MAX_DOTS} dots; this list has ${values.length} values. ` +
        'Try histogram.',
      where,
      'too-many-dots'
    );
  }
  const out: Array<[number, number]> = [];
  for (const v of Float64Array.from(values).sort()) {
    const top = out[out.length - 1];
    if (top !== undefined && top[0] === v) {
      top[1] += 1;
    } else {
      out.push([v + 0, 1]);
    }
  }
  return out;
}

/** The numbers `statement` draws; throws a problem located at the input. */
export function plot(
  compiler: Compiler,
  statement: IStatStatement,
  line: number,
  label: string
): IStatPlotSpec {
  const values = Private.data(compiler, statement);
  const spec: IStatPlotSpec = {
    kind: 'statplot',
    plot: statement.kind,
    line,
    label,
    count: values.length,
    bars: [],
    box: null,
    dots: []
  };
  if (statement.kind === 'histogram') {
    if (statement.width === null) {
      const [lo, hi] = Private.extremes(values);
      const spread = hi - lo;
      spec.bars = bars(values, niceWidth(spread), statement.span);
    } else {
      const width = Private.width(compiler, statement.width);
      spec.bars = bars(values, width, statement.width.span);
    }
  } else if (statement.kind === 'boxplot') {
    spec.box = fiveNumbers(values);
  } else {
    spec.dots = stacks(values, statement.data.span);
  }
  return spec;
}

namespace Private {
  /** The smallest and largest of some numbers (no spread: lists can be long). */
  export function extremes(values: ArrayLike<number>): [number, number] {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < values.length; i++) {
      lo = Math.min(lo, values[i]);
      hi = Math.max(hi, values[i]);
    }
    return [lo, hi];
  }

  /** The finite values of the plotted list; not a list, or none: a located error. */
  export function data(
    compiler: Compiler,
    statement: IStatStatement
  ): Float64Array {
    const node = statement.data;
    if (!compiler.isList(node, DATA)) {
      throw new PlotterError(
        'TypeError',
        `${statement.kind} needs a list, like ${EXAMPLES[statement.kind]}.`,
        node.span,
        'needs-list'
      );
    }
    const value = compiler.value(node, DATA);
    const all = typeof value === 'number' ? Float64Array.of(value) : value;
    const values = all.filter(v => Number.isFinite(v));
    if (values.length === 0) {
      throw new PlotterError(
        'ValueError',
        `This list has no values for ${statement.kind} to draw.`,
        node.span,
        'empty-list'
      );
    }
    return values;
  }

  /** A histogram's bar width: a number above 0. */
  export function width(compiler: Compiler, node: Node): number {
    const w = compiler.evaluate(node, DATA);
    if (!(Number.isFinite(w) && w > 0)) {
      const shown = Number.isFinite(w) ? formatG(w, 12) : 'undefined';
      throw new PlotterError(
        'ValueError',
        `The width of a histogram's bars is a number above 0; this one is ${shown}.`,
        node.span,
        'bad-width'
      );
    }
    return w;
  }
}
