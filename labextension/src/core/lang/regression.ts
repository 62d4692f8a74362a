/**
 * Regression (SPEC §10): `Y ~ m X + b` fits the model's unknown names to lists (a port
 * of the Python kernel's `lang/regression.py`).
 *
 * The model is compiled once with its unknown names as inputs (like a function's), so
 * each trial of the parameters is one call. Whether the model is linear in them is
 * decided by evaluation, the same rule as the Python twin: linear models are solved
 * exactly, the others by Levenberg–Marquardt from 1 (or from a name's earlier fit).
 */

import { BUILTINS, CONSTANTS, PLOT_VARIABLES } from './builtins';
import { Compiler, NUMBER_SCOPE, IScope, scope } from './compile';
import { ISpan, PlotterError, formatG } from '../errors';
import { linear, nonlinear } from './fitting';
import { StatementOf } from './statements';
import { Node, substitute, walk } from './syntax';
import { asArray } from './values';

/** Significant digits of the printed parameters and r² (the values keep every digit). */
export const PRINTED_DIGITS = 6;

/** How closely a linear model must follow f(0) + Σ pᵢ (f(eᵢ) − f(0)) at the probes. */
export const LINEAR_TOLERANCE = 1e-9;

/**
 * The relative change of a fitted parameter that must still move the model: a
 * non-linear fit whose parameter no longer matters (`e^(a X)` fitted to negative data,
 * a → −∞) went off to infinity, wherever it stopped.
 */
export const NUDGE = 1e-6;

/** The parameter vectors at which linearity is checked (fixed, so both kernels agree). */
export function probes(count: number): number[][] {
  const range = Array.from({ length: count }, (_, i) => i);
  return [range.map(i => 1.5 + 0.25 * i), range.map(i => -0.75 + 0.5 * i)];
}

type Regression = StatementOf<'regression'>;

/** The outcome of one regression line. */
export interface IFit {
  names: string[];
  values: number[];
  linear: boolean;
  /** 1 − SSres/SStot over the rows used (NaN when the data do not vary). */
  r2: number;
  /** Data minus model on every row (also those the braces leave out). */
  residuals: Float64Array;
  /** `(X, Y)`: the data, when the model uses exactly one list. */
  points: StatementOf<'points'> | null;
  /** The model with its fitted numbers and x for that list. */
  curve: StatementOf<'explicit'> | null;
  /** An x window holding the data points (a tenth of their spread beside them). */
  span: [number, number] | null;
}

function error(message: string, where: ISpan, code: string): PlotterError {
  return new PlotterError('ValueError', message, where, code);
}

/**
 * The names the fit finds, in order of first use: names of the model that
 * `isUnknown` (not defined, or from an earlier fit), not builtins or constants.
 */
export function unknowns(
  model: Node,
  isUnknown: (id: string) => boolean
): string[] {
  const local = new Set<string>();
  for (const n of walk(model)) {
    if (n.type === 'comprehension') {
      local.add(n.variable.id);
    } else if (n.type === 'series') {
      local.add(n.index.id);
    }
  }
  const found: string[] = [];
  for (const n of walk(model)) {
    const id = n.type === 'name' ? n.id : n.type === 'call' ? n.func : null;
    if (
      id === null ||
      found.includes(id) ||
      local.has(id) ||
      PLOT_VARIABLES.has(id) ||
      CONSTANTS.has(id) ||
      (BUILTINS.has(id) && n.type === 'call')
    ) {
      continue;
    }
    if (isUnknown(id)) {
      found.push(id);
    }
  }
  return found;
}

function lengths(first: number, second: number, where: ISpan): PlotterError {
  return error(
    `These lists have different lengths (${first} and ${second}).`,
    where,
    'list-lengths'
  );
}

/**
 * Fit `statement`; `earlier` are the values of names fitted before (the start).
 * Throws a located PlotterError: no lists, lists of different lengths, nothing to
 * fit, too few rows or parameters the data cannot tell apart, no convergence.
 */
export function fit(
  statement: Regression,
  compiler: Compiler,
  isUnknown: (id: string) => boolean,
  earlier: ReadonlyMap<string, number>
): IFit {
  const names = unknowns(statement.model, isUnknown);
  if (!names.length) {
    throw error(
      'There is nothing to fit: every name on the right has a value. ' +
        'Use new names for the parameters, like Y ~ m X + b.',
      statement.model.span,
      'fit-no-parameters'
    );
  }
  const sc = scope({ locals: names, where: 'a regression' });
  const sides: Array<[string, Node]> = [
    ['left', statement.data],
    ['right', statement.model]
  ];
  for (const [side, node] of sides) {
    if (!compiler.isList(node, sc)) {
      throw new PlotterError(
        'TypeError',
        `A regression fits lists: its ${side} side needs one, like Y ~ m X + b.`,
        node.span,
        'fit-needs-lists'
      );
    }
  }
  const data = asArray(compiler.value(statement.data));
  const modelFn = compiler.compile(statement.model, sc);
  const model = (params: number[]): Float64Array => {
    const env = Object.fromEntries(names.map((id, i) => [id, params[i]]));
    const got = modelFn(env);
    compiler.check();
    return typeof got === 'number'
      ? new Float64Array(data.length).fill(got)
      : Float64Array.from(got);
  };
  const start = names.map(id => earlier.get(id) ?? 1);
  const first = model(start);
  if (first.length !== data.length) {
    throw lengths(data.length, first.length, statement.span);
  }
  const rows = Private.rows(statement, compiler, data, first, names.length);
  const pick = (values: Float64Array): number[] => rows.map(i => values[i]);
  const target = pick(data);
  const design = Private.design(p => pick(model(p)), names.length);
  let found: number[] | null;
  if (design !== null) {
    const [base, columns] = design;
    found = linear(
      columns,
      target.map((t, i) => t - base[i])
    );
    if (found === null) {
      throw error(
        "The data can't tell these parameters apart: " +
          `${names.join(', ')} play the same part in the model.`,
        statement.span,
        'fit-underdetermined'
      );
    }
  } else {
    found = nonlinear(p => pick(model(p)).map((v, i) => v - target[i]), start);
    if (found !== null && Private.stalled(p => pick(model(p)), found)) {
      found = null;
    }
    if (found === null) {
      throw error(
        'The fit did not converge, so nothing is defined. Try other starting ' +
          'values: define the names first, by an earlier fit or by hand.',
        statement.span,
        'fit-failed'
      );
    }
  }
  const values = found;
  const fitted = model(values);
  const residuals = data.map((v, i) => v - fitted[i]);
  const mean = target.reduce((s, v) => s + v, 0) / target.length;
  const spread = target.reduce((s, v) => s + (v - mean) ** 2, 0);
  const left = rows.reduce((s, i) => s + residuals[i] ** 2, 0);
  const r2 = spread > 0 ? 1 - left / spread : NaN;
  const [points, curve] = Private.drawing(
    statement,
    compiler,
    sc,
    names,
    values
  );
  const span =
    points === null
      ? null
      : Private.span(asArray(compiler.value(points.points[0].items[0])));
  return {
    names,
    values,
    linear: design !== null,
    r2,
    residuals,
    points,
    curve,
    span
  };
}

/** What the cell prints: each parameter, then r² (R² when the model is not linear). */
export function printed(result: IFit): string[] {
  const lines = result.names.map(
    (id, i) => `${id} = ${short(result.values[i])}`
  );
  lines.push(`${result.linear ? 'r' : 'R'}² = ${short(result.r2)}`);
  return lines;
}

/** A fitted number to `PRINTED_DIGITS` significant digits (`undefined` for NaN). */
export function short(value: number): string {
  if (!Number.isFinite(value)) {
    return 'undefined';
  }
  const text = formatG(value, PRINTED_DIGITS);
  return text === '-0' ? '0' : text;
}

/** The first of `e1`, `e2`, … that names nothing yet. */
export function residualName(taken: (id: string) => boolean): string {
  let number = 1;
  while (taken(`e${number}`)) {
    number += 1;
  }
  return `e${number}`;
}

namespace Private {
  /**
   * The indices of the rows used: every braces condition holds (a condition without
   * lists holds for all), the data are defined and so is the model where the fit
   * starts (a row it can't start on is left out). Throws when none can start or too
   * few are left.
   */
  export function rows(
    statement: Regression,
    compiler: Compiler,
    data: Float64Array,
    first: Float64Array,
    count: number
  ): number[] {
    const chosen = Array.from(data, Number.isFinite);
    for (const condition of statement.rows) {
      const mask = compiler.condition(condition, NUMBER_SCOPE, true)({});
      if (typeof mask !== 'boolean' && mask.length !== data.length) {
        throw lengths(data.length, mask.length, condition.span);
      }
      for (let i = 0; i < data.length; i++) {
        chosen[i] &&= typeof mask === 'boolean' ? mask : mask[i] !== 0;
      }
    }
    const used = [];
    for (let i = 0; i < data.length; i++) {
      if (chosen[i] && Number.isFinite(first[i])) {
        used.push(i);
      }
    }
    if (chosen.some(Boolean) && !used.length) {
      throw error(
        "The fit can't start: the model is undefined at its starting values " +
          '(1, or the values of an earlier fit).',
        statement.span,
        'fit-failed'
      );
    }
    if (used.length < count) {
      const verb = used.length === 1 ? 'is' : 'are';
      throw error(
        `${count} parameters need at least ${count} rows of data; ` +
          `there ${verb} ${used.length}.`,
        statement.span,
        'fit-underdetermined'
      );
    }
    return used;
  }

  /**
   * `[f(0), rows of columns f(eᵢ) − f(0)]` when the model is linear in its parameters
   * (it follows them at every probe, with every value defined), else null.
   */
  export function design(
    model: (params: number[]) => number[],
    count: number
  ): [number[], number[][]] | null {
    const zero = new Array<number>(count).fill(0);
    const base = model(zero);
    const columns = zero.map((_, j) => {
      const unit = zero.slice();
      unit[j] = 1;
      return model(unit).map((v, i) => v - base[i]);
    });
    const defined = (values: number[]): boolean =>
      values.every(Number.isFinite);
    if (!defined(base) || !columns.every(defined)) {
      return null;
    }
    for (const probe of probes(count)) {
      const got = model(probe);
      for (let i = 0; i < got.length; i++) {
        let expected = base[i];
        let scale = 1 + Math.abs(got[i]) + Math.abs(base[i]);
        probe.forEach((p, j) => {
          expected += columns[j][i] * p;
          scale += Math.abs(columns[j][i]) * Math.abs(p);
        });
        if (!(Math.abs(got[i] - expected) <= LINEAR_TOLERANCE * scale)) {
          return null;
        }
      }
    }
    return [base, base.map((_, i) => columns.map(c => c[i]))];
  }

  /**
   * An x window holding `xs`: their range and a tenth of it each side (±1 around a
   * single value); null when none is defined.
   */
  export function span(xs: Float64Array): [number, number] | null {
    const defined = Array.from(xs).filter(Number.isFinite);
    if (!defined.length) {
      return null;
    }
    const lo = defined.reduce((a, b) => Math.min(a, b));
    const hi = defined.reduce((a, b) => Math.max(a, b));
    const margin = hi > lo ? (hi - lo) / 10 : 1;
    return [lo - margin, hi + margin];
  }

  /** Whether some parameter no longer moves the model (see `NUDGE`). */
  export function stalled(
    model: (params: number[]) => number[],
    found: number[]
  ): boolean {
    const base = model(found);
    const largest = (values: number[]): number =>
      values.reduce((a, b) => Math.max(a, Math.abs(b)), 0);
    const scale = 1e-12 * (1 + largest(base));
    return found.some((value, i) => {
      const moved = found.slice();
      moved[i] = value + NUDGE * Math.max(Math.abs(value), 1);
      const got = model(moved);
      const change = largest(got.map((v, j) => v - base[j]));
      return !(change > scale);
    });
  }

  /**
   * The data as points `(X, left side)` and the fitted curve, when the model uses
   * exactly one list `X` (else nothing is drawn).
   */
  export function drawing(
    statement: Regression,
    compiler: Compiler,
    sc: IScope,
    names: string[],
    values: number[]
  ): [StatementOf<'points'> | null, StatementOf<'explicit'> | null] {
    const lists = new Set<string>();
    for (const n of walk(statement.model)) {
      if (
        n.type === 'name' &&
        !names.includes(n.id) &&
        compiler.isList(n, sc)
      ) {
        lists.add(n.id);
      }
    }
    if (lists.size !== 1) {
      return [null, null];
    }
    const [variable] = lists;
    const where = statement.span;
    const points: StatementOf<'points'> = {
      type: 'points',
      points: [
        {
          type: 'group',
          items: [{ type: 'name', id: variable, span: where }, statement.data],
          span: where
        }
      ]
    };
    let expr = statement.model;
    names.forEach((id, i) => {
      expr = substitute(expr, id, {
        type: 'num',
        value: values[i],
        span: where
      });
    });
    expr = substitute(expr, variable, { type: 'name', id: 'x', span: where });
    return [points, { type: 'explicit', along: 'x', expr, domain: null }];
  }
}
