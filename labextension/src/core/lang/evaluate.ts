/**
 * No Python twin: the compiler run on program trees, which the Python kernel's
 * `lang/program.py` does itself (`_definitions`, `instantiate`, `parameter_values`).
 * Here it sits apart from `program.ts` because the compiler's derivatives read program
 * trees, so `program.ts` cannot import the compiler without an import cycle.
 *
 * The evaluator of program trees: numbers out of `Expr`s, exactly as the Python
 * kernel computes them. As Python's `lang/program.py` does, trees are decoded back
 * into syntax trees and compiled by the language's one compiler (`compile.ts`).
 *
 * API (stable; `core/draw` and the Lite kernel build on it):
 *
 * - `instantiate(program, options)`: the drawing specs of a program (Python's
 *   `instantiate` with `emit.py`'s specs), compiled once against the program's
 *   definitions (parameter values overridden by `options.params`), in statement order,
 *   plus the statements that could not be worked out (by line). `core/draw` samples the
 *   specs; `draw/features.ts` finds points of interest on them.
 * - `evaluate(expr, scope)`: the values of a curve expression at every sample, as a
 *   Float64Array (NaN where undefined or overflowing: a gap). `scope.variables` holds
 *   the plot variables the expression may use (`x`, `y`, `t`, `theta`/`θ`, `r`), each a
 *   Float64Array (all of one length) or a number; `scope.definitions` the program's
 *   user definitions; `scope.params` parameter values overriding theirs (sliders change
 *   values, never trees); `scope.check` the cell's deadline.
 * - `evaluateScalar(expr, scope)`: the value of a calculation, strictly: a value over
 *   `limits.maxNumber`, a factorial over its limit, a series with too many terms or
 *   non-whole bounds throw located errors; NaN means undefined.
 * - `Evaluator`: the same with the compiled bodies and parameter values kept, for
 *   evaluating many times (sampling): `compile`, `curve`, `surface`, `value`,
 *   `parameter`.
 * - Errors are typed: `PlotterError` (`ename`, `code`, `message`, `span`), its subclass
 *   `ResourceLimit`, and `TimeLimit`, which `check()` throws and every stage lets
 *   through. `deadline(seconds)` makes a `check` as the Python `Budget` does.
 *
 * Spans: program trees from JSON carry none; their nodes are placed at the start of
 * line 0. A tree node may carry an extra `span: {line, start, end}` (and a call a
 * `nameSpan` for its name); errors then carry the span of the node that failed, as
 * the Python kernel locates them.
 */

import {
  Compiler,
  Env,
  Fn,
  IScope,
  NUMBER_SCOPE,
  scope as makeScope,
  toNumber
} from './compile';
import {
  CURVE_IN_X,
  CURVE_IN_Y,
  PARAMETRIC,
  PLANE,
  POINT,
  POLAR,
  Range,
  curves,
  interval,
  points
} from './emit';
import { ISpan, PlotterError, ResourceLimit, TimeLimit, span } from '../errors';
import { ILimits, withLimits } from '../limits';
import type {
  ICurveSpec,
  IImplicitSpec,
  IParametricSpec,
  IPointsSpec,
  IStatPlotSpec,
  IPolarSpec,
  IRegionSpec
} from '../plan';
import { decode, decodeDefinitions } from './program';
import { plot } from './statplots';
import type { Node } from './syntax';
import type { Condition, Definition, Expr, Program, Statement } from '../types';
import { Value } from './values';

export { deadline } from '../budget';
export { PlotterError, ResourceLimit, TimeLimit } from '../errors';
export type { EName, ISpan } from '../errors';
export type { Env, Fn, IScope } from './compile';
export type { Value } from './values';
export type { Range };

/** How an {@link Evaluator} is set up. */
export type EvaluatorOptions = {
  /** Parameter values replacing the definitions' bodies (sliders). */
  params?: Readonly<Record<string, number>>;
  limits?: Partial<ILimits>;
  /** Called where Python calls `budget.check`; throws `TimeLimit` when late. */
  check?: () => void;
  /** Names whose definition failed in this cell, with the line of the failure. */
  broken?: ReadonlyMap<string, number>;
};

/** A vectorised function of one variable: NaN where undefined. */
export type Fn1 = (values: Float64Array) => Float64Array;
/** A vectorised function of x and y (arrays of one length): NaN where undefined. */
export type Fn2 = (xs: Float64Array, ys: Float64Array) => Float64Array;

/** Everything one evaluation needs besides the tree. */
export type Scope = {
  /** Plot variables by name: arrays of one length, or numbers. */
  variables?: Readonly<Record<string, Float64Array | number>>;
  /** The program's user definitions (functions and parameters). */
  definitions?: readonly Definition[];
  /** Parameter values replacing those of the definitions. */
  params?: Readonly<Record<string, number>>;
  /** Called where the Python kernel checks its budget; throws `TimeLimit` when late. */
  check?: () => void;
  limits?: Partial<ILimits>;
};

/**
 * The values of `expr` at every sample of `scope.variables`, NaN where undefined.
 *
 * @throws PlotterError for a tree that can't be worked out (unknown name, wrong number of
 *   inputs, misplaced variable...), TimeLimit from `scope.check`.
 */
export function evaluate(expr: Expr, scope: Scope = {}): Float64Array {
  const evaluator = new Evaluator(scope.definitions ?? [], scope);
  const variables = scope.variables ?? {};
  const names = Object.keys(variables).map(name =>
    name === 'θ' ? 'theta' : name
  );
  const env: Env = {};
  let n = 1;
  for (const [name, value] of Object.entries(variables)) {
    env[name === 'θ' ? 'theta' : name] = value;
    if (typeof value !== 'number') {
      n = value.length;
    }
  }
  const fn = evaluator.compile(
    expr,
    makeScope({ allowed: new Set(names), where: 'a curve' })
  );
  return guard(() => finite(fn(env), n));
}

/**
 * The value of a calculation (strict, as the Python kernel prints it); NaN means
 * undefined. `scope.variables` may give numbers for plot variables.
 *
 * @throws PlotterError / ResourceLimit for the problems a calculation reports.
 */
export function evaluateScalar(expr: Expr, scope: Scope = {}): number {
  const evaluator = new Evaluator(scope.definitions ?? [], scope);
  const env: Env = {};
  for (const [name, value] of Object.entries(scope.variables ?? {})) {
    env[name === 'θ' ? 'theta' : name] =
      typeof value === 'number' ? value : value[0];
  }
  const fn = evaluator.compile(
    expr,
    Object.keys(env).length > 0
      ? makeScope({
          allowed: new Set(Object.keys(env)),
          where: 'a calculation'
        })
      : NUMBER_SCOPE,
    true
  );
  return guard(() => toNumber(fn(env)));
}

/**
 * Compiles program trees against one program's definitions and parameter values with
 * the language's compiler, keeping the compiled bodies and parameter values (one per
 * cell or per view request). Trees are decoded into syntax trees first; a node
 * without a span of its own is placed at the start of line 0, as in Python.
 */
export class Evaluator {
  readonly compiler: Compiler;

  constructor(
    definitions: readonly Definition[] = [],
    options: EvaluatorOptions = {}
  ) {
    this.compiler = new Compiler(
      decodeDefinitions(definitions, options.params),
      withLimits(options.limits),
      options.check,
      options.broken
    );
  }

  /** The syntax tree of `expr`, for the compiler. */
  tree(expr: Expr): Node {
    return decode(expr, Private.START);
  }

  /** A closure computing `expr` from an environment; `strict` for calculations. */
  compile(expr: Expr, sc: IScope, strict = false): Fn {
    const fn = guard(() => this.compiler.compile(this.tree(expr), sc, strict));
    return env => guard(() => fn(env));
  }

  /** A curve function of `variable`, as the Python kernel's `curve_fn`. */
  curve(expr: Expr, variable: string, sc: IScope): Fn1 {
    const fn = this.compile(expr, sc);
    return values => finite(fn({ [variable]: values }), values.length);
  }

  /** `left - right` as a function of x and y, as the Python kernel's `surface_fn`. */
  surface(left: Expr, right: Expr, sc: IScope = PLANE): Fn2 {
    const fl = this.compile(left, sc);
    const fr = this.compile(right, sc);
    return (xs, ys) => {
      const env = { x: xs, y: ys };
      const a = fl(env);
      const b = fr(env);
      const n = xs.length;
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const v =
          (typeof a === 'number' ? a : a[i]) -
          (typeof b === 'number' ? b : b[i]);
        out[i] = Number.isFinite(v) ? v : NaN;
      }
      return out;
    };
  }

  /** The strict value of a calculation; NaN means undefined. */
  value(expr: Expr, sc: IScope = NUMBER_SCOPE): number {
    return guard(() => this.compiler.evaluate(this.tree(expr), sc));
  }

  /** The value of a user parameter (overrides applied), computed once; programs hold no lists. */
  parameter(name: string): number {
    return guard(() => toNumber(this.compiler.parameter(name, Private.START)));
  }
}

/** `value` as `n` finite-or-NaN entries (a scalar repeated): a curve's samples. */
export function finite(value: Value, n: number): Float64Array {
  const out = new Float64Array(n);
  if (typeof value === 'number') {
    out.fill(Number.isFinite(value) ? value : NaN);
    return out;
  }
  for (let i = 0; i < n; i++) {
    const v = value[i];
    out[i] = Number.isFinite(v) ? v : NaN;
  }
  return out;
}

/**
 * Run `work`, turning the engine's own stack overflow (a tree nested beyond what
 * the limits caught) into the language's "nested too deeply".
 */
function guard<T>(work: () => T): T {
  try {
    return work();
  } catch (err) {
    if (err instanceof PlotterError) {
      throw err;
    }
    if (err instanceof RangeError) {
      throw new ResourceLimit(
        'This is nested too deeply.',
        undefined,
        'too-deep'
      );
    }
    throw err;
  }
}

/** A drawing spec of `plan.ts`, with the id of its statement in the program. */
type WithId<T> = T & { id: string };

export type CurveSpec = WithId<ICurveSpec>;
export type ParametricSpec = WithId<IParametricSpec>;
export type PolarSpec = WithId<IPolarSpec>;
export type ImplicitSpec = WithId<IImplicitSpec>;
export type RegionSpec = WithId<IRegionSpec>;
export type PointsSpec = WithId<IPointsSpec>;
export type StatPlotSpec = WithId<IStatPlotSpec>;

export type Spec =
  | CurveSpec
  | ParametricSpec
  | PolarSpec
  | ImplicitSpec
  | RegionSpec
  | PointsSpec
  | StatPlotSpec;

/** The specs of a program and the statements that failed. */
export type Instance = {
  specs: Spec[];
  failed: Array<{ line: number; id: string; error: PlotterError }>;
  /** The evaluator the specs were compiled with (parameter values, definitions). */
  evaluator: Evaluator;
};

/** The default t and θ interval. */
export const FULL_TURN: Range = [0, 2 * Math.PI];

/**
 * The drawing specs of `program`, with `options.params` replacing parameter values.
 *
 * @throws TimeLimit from `options.check`; every other problem is in `failed`.
 */
export function instantiate(
  program: Program,
  options: EvaluatorOptions = {}
): Instance {
  const evaluator = new Evaluator(program.definitions, options);
  const specs: Spec[] = [];
  const failed: Instance['failed'] = [];
  for (const statement of program.statements) {
    try {
      specs.push(...emit(statement, evaluator));
    } catch (err) {
      if (err instanceof TimeLimit || !(err instanceof PlotterError)) {
        throw err;
      }
      failed.push({ line: statement.line, id: statement.id, error: err });
    }
  }
  return { specs, failed, evaluator };
}

/** `node` with every name `name` replaced by `value` (not a series' own index). */
export function substitute<T extends Expr | Condition>(
  node: T,
  name: string,
  value: Expr
): T {
  return Private.substitute(node, name, value) as T;
}

/** `expr` where every condition holds, undefined elsewhere (piecewise nodes). */
export function onlyWhere(expr: Expr, conditions: readonly Condition[]): Expr {
  for (let i = conditions.length - 1; i >= 0; i--) {
    expr = {
      type: 'piecewise',
      branches: [{ condition: conditions[i], value: expr }],
      default: null
    };
  }
  return expr;
}

function emit(statement: Statement, evaluator: Evaluator): Spec[] {
  const base = {
    id: statement.id,
    line: statement.line,
    label: statement.label
  };
  const exprs = statement.exprs as Record<string, Expr>;
  const conditions = statement.conditions ?? [];
  switch (statement.kind) {
    case 'curve': {
      const along = statement.along === 'y' ? 'y' : 'x';
      const value = exprs.value;
      const compiler = evaluator.compiler;
      let fns: Fn1[];
      if (statement.variable !== undefined && value.type === 'call') {
        // A function drawn along its own input name: its body, as the kernel does.
        const call = evaluator.tree(value);
        const body = compiler.function(value.name, call.span);
        const variable = statement.variable;
        const plain: Fn1 = values =>
          finite(body({ [variable]: values }), values.length);
        const definition = compiler.defs.get(value.name);
        const inputs = makeScope({ locals: [variable] });
        fns = definition
          ? curves(compiler, definition.body, body, variable, inputs, plain)
          : [plain];
      } else {
        const drawn = along === 'x' ? 'y' : 'x';
        const conds = conditions.map(c => substitute(c, drawn, value));
        const sc = along === 'x' ? CURVE_IN_X : CURVE_IN_Y;
        const expr = onlyWhere(value, conds);
        const tree = evaluator.tree(expr);
        const fn = evaluator.compile(expr, sc);
        const plain = evaluator.curve(expr, along, sc);
        fns = curves(compiler, tree, fn, along, sc, plain);
      }
      const domain = statement.domain
        ? rangeOf(evaluator, statement.domain)
        : null;
      return fns.map(fn => ({ ...base, kind: 'curve', fn, along, domain }));
    }
    case 'parametric': {
      const conds = conditions.map(c =>
        substitute(substitute(c, 'x', exprs.x), 'y', exprs.y)
      );
      const fx = evaluator.curve(onlyWhere(exprs.x, conds), 't', PARAMETRIC);
      const fy = evaluator.curve(onlyWhere(exprs.y, conds), 't', PARAMETRIC);
      const t = statement.domain
        ? rangeOf(evaluator, statement.domain)
        : FULL_TURN;
      return [{ ...base, kind: 'parametric', fx, fy, t }];
    }
    case 'polar': {
      const conds = conditions.map(c => substitute(c, 'r', exprs.r));
      const fr = evaluator.curve(onlyWhere(exprs.r, conds), 'theta', POLAR);
      const theta = statement.domain
        ? rangeOf(evaluator, statement.domain)
        : FULL_TURN;
      return [{ ...base, kind: 'polar', fr, theta }];
    }
    case 'implicit':
    case 'region': {
      const F = evaluator.surface(
        onlyWhere(exprs.left, conditions),
        exprs.right,
        PLANE
      );
      if (statement.kind === 'implicit') {
        return [{ ...base, kind: 'implicit', F }];
      }
      return [{ ...base, kind: 'region', F, op: statement.op ?? '<' }];
    }
    case 'points': {
      if (conditions.length > 0) {
        throw new PlotterError(
          'SyntaxError',
          'Only curves, regions and values can have conditions in braces.',
          undefined,
          'cannot-restrict'
        );
      }
      const pairs = statement.exprs.points as Array<[Expr, Expr]>;
      const compiler = evaluator.compiler;
      const trees = pairs.map(pair => pair.map(p => evaluator.tree(p)));
      const drawn = trees.flatMap(([x, y]) =>
        points(compiler, { type: 'group', items: [x, y], span: x.span })
      );
      const data = trees.some(pair =>
        pair.some(t => compiler.isList(t, POINT))
      );
      return [{ ...base, kind: 'points', points: drawn, data }];
    }
    case 'histogram':
    case 'boxplot':
    case 'dotplot': {
      const data = evaluator.tree(exprs.data);
      const width = exprs.width ? evaluator.tree(exprs.width) : null;
      const stat = { kind: statement.kind, data, width, span: data.span };
      return [
        { ...base, ...plot(evaluator.compiler, stat, base.line, base.label) }
      ];
    }
    default:
      throw new PlotterError(
        'TypeError',
        "This can't be drawn.",
        undefined,
        'not-drawable'
      );
  }
}

/** The numbers of a program's `[lo, hi]`, checked as the language checks intervals. */
function rangeOf(evaluator: Evaluator, pair: [Expr, Expr]): Range {
  const [lo, hi] = pair.map(e => evaluator.tree(e));
  return interval(evaluator.compiler, {
    type: 'interval',
    lo,
    hi,
    span: lo.span
  });
}

namespace Private {
  /** Where a node without a span of its own is (Python's `Span(0, 0, 0)`). */
  export const START: ISpan = span(0, 0, 0);

  const NAMES = new Set(['variable', 'parameter', 'constant']);

  export function substitute(
    node: unknown,
    name: string,
    value: Expr
  ): unknown {
    if (Array.isArray(node)) {
      return node.map(item => substitute(item, name, value));
    }
    if (node === null || typeof node !== 'object') {
      return node;
    }
    const tree = node as Record<string, unknown>;
    if (NAMES.has(tree.type as string) && tree.name === name) {
      return value;
    }
    if (tree.type === 'number') {
      return node;
    }
    const out: Record<string, unknown> = {};
    for (const [field, child] of Object.entries(tree)) {
      const own =
        field === 'span' ||
        (tree.type === 'series' && tree.index === name && field === 'term');
      out[field] = own ? child : substitute(child, name, value);
    }
    return out;
  }
}
