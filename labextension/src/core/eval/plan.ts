/**
 * A program's statements as drawing specs: the functions to sample, their domains and
 * points, mirroring the Python kernel's `lang/program.py` `instantiate` and `emit.py`.
 *
 * `instantiate(program, options)` compiles every statement once against the program's
 * definitions (parameter values overridden by `options.params`) and returns the specs
 * in statement order, plus the statements that could not be worked out (by line).
 * `core/draw` samples the specs; `features.ts` finds points of interest on them.
 */

import type { Condition, Expr, Program, Statement } from '../types';
import {
  CURVE_IN_X,
  CURVE_IN_Y,
  PARAMETRIC,
  PLANE,
  POINT,
  POLAR,
  Range,
  interval,
  numberOf
} from '../emit';
import { PlotterError, TimeLimit } from '../errors';
import { Evaluator, EvaluatorOptions, Fn1, Fn2, finite } from './evaluate';

export type { Range };

type Base = {
  id: string;
  line: number;
  label: string;
};

/** `y = f(x)` (`along: 'x'`) or `x = f(y)` (`along: 'y'`). */
export type CurveSpec = Base & {
  kind: 'curve';
  fn: Fn1;
  along: 'x' | 'y';
  /** A `for x in [a, b]` restriction, if any. */
  domain: Range | null;
};

export type ParametricSpec = Base & {
  kind: 'parametric';
  fx: Fn1;
  fy: Fn1;
  t: Range;
};

export type PolarSpec = Base & {
  kind: 'polar';
  fr: Fn1;
  theta: Range;
};

/** The set where `F(x, y) == 0` (left side minus right side). */
export type ImplicitSpec = Base & {
  kind: 'implicit';
  F: Fn2;
};

/** The region where `F(x, y) op 0`. */
export type RegionSpec = Base & {
  kind: 'region';
  F: Fn2;
  op: '<' | '<=' | '>' | '>=';
};

export type PointsSpec = Base & {
  kind: 'points';
  points: Array<[number, number]>;
};

export type Spec =
  | CurveSpec
  | ParametricSpec
  | PolarSpec
  | ImplicitSpec
  | RegionSpec
  | PointsSpec;

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
      specs.push(emit(statement, evaluator));
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

function emit(statement: Statement, evaluator: Evaluator): Spec {
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
      let fn: Fn1;
      if (statement.variable !== undefined && value.type === 'call') {
        // A function drawn along its own input name: its body, as the kernel does.
        const call = evaluator.tree(value);
        const body = evaluator.compiler.function(value.name, call.span);
        const variable = statement.variable;
        fn = values => finite(body({ [variable]: values }), values.length);
      } else {
        const drawn = along === 'x' ? 'y' : 'x';
        const conds = conditions.map(c => substitute(c, drawn, value));
        fn = evaluator.curve(
          onlyWhere(value, conds),
          along,
          along === 'x' ? CURVE_IN_X : CURVE_IN_Y
        );
      }
      const domain = statement.domain
        ? rangeOf(evaluator, statement.domain)
        : null;
      return { ...base, kind: 'curve', fn, along, domain };
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
      return { ...base, kind: 'parametric', fx, fy, t };
    }
    case 'polar': {
      const conds = conditions.map(c => substitute(c, 'r', exprs.r));
      const fr = evaluator.curve(onlyWhere(exprs.r, conds), 'theta', POLAR);
      const theta = statement.domain
        ? rangeOf(evaluator, statement.domain)
        : FULL_TURN;
      return { ...base, kind: 'polar', fr, theta };
    }
    case 'implicit':
    case 'region': {
      const F = evaluator.surface(
        onlyWhere(exprs.left, conditions),
        exprs.right,
        PLANE
      );
      if (statement.kind === 'implicit') {
        return { ...base, kind: 'implicit', F };
      }
      return { ...base, kind: 'region', F, op: statement.op ?? '<' };
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
      const points = pairs.map(([px, py]): [number, number] => [
        numberOf(compiler, evaluator.tree(px), POINT, 'coordinate'),
        numberOf(compiler, evaluator.tree(py), POINT, 'coordinate')
      ]);
      return { ...base, kind: 'points', points };
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
