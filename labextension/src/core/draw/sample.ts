/**
 * The drawing step of the TypeScript core: program + view + params + limits -> scene v2
 * (SPEC §5), as the Python kernel's `draw/sample.py` (`drawProgram` is its `sample`),
 * with the scene's sliders. Re-sampling a stored output for a new view or new
 * parameter values is the same call.
 */

import { PlotterError, TimeLimit } from '../errors';
import { instantiate } from '../lang/evaluate';
import { parametersUsed } from '../lang/program';
import { DEFAULT_LIMITS, ILimits } from '../limits';
import { IDrawProblem, Span, Spec } from '../plan';
import { Expr, IDrag, Item, Param, Program, Range, Scene } from '../types';
import { describe } from './describe';
import { SIZE, Size, buildScene } from './scene';

/** The view asked for: pixel size, and x/y ranges replacing the cell's window. */
export interface IDrawRequest {
  width?: number;
  height?: number;
  /** Replaces the cell's x window. */
  x?: Range | null;
  /** Replaces the cell's y window; null for an automatic y. */
  y?: Range | null;
}

/** Limits and the cell's deadline. */
export interface IDrawOptions {
  limits?: Partial<ILimits>;
  /** Throws the evaluator's `TimeLimit` once the cell's time is up. */
  check?: () => void;
}

/** What drawing gives: the scene (null when nothing could be drawn) and its problems. */
export interface IDrawn {
  scene: Scene | null;
  problems: IDrawProblem[];
}

/**
 * A default slider `[min, max, step]` around `value`: [-10, 10] by 0.1 for everyday
 * values, a power of ten either side for large or small ones.
 */
export function slider(value: number): [number, number, number] {
  const size = Math.abs(value);
  let top = 10;
  if (Number.isFinite(value) && size !== 0 && !(size >= 1 && size <= 10)) {
    top = 10 ** (Math.floor(Math.log10(size)) + 1);
  }
  return [-top, top, top / 100];
}

/**
 * The params of a scene. `original(name)` is a parameter's value from the program,
 * `current(name)` with the request's overrides; the range stays put while a slider
 * moves. Both give NaN where the value cannot be worked out.
 */
export function sceneParams(
  program: Program,
  original: (name: string) => number,
  current: (name: string) => number
): Param[] {
  const names = parametersUsed(program);
  const lines = new Map(program.definitions.map(d => [d.name, d.line]));
  return names.map(name => {
    const value = original(name);
    const shown = current(name);
    const [lo, hi, step] = slider(value);
    const ok = Number.isFinite(shown);
    return {
      name,
      value: ok ? shown : null,
      min: ok ? Math.min(lo, shown) : lo,
      max: ok ? Math.max(hi, shown) : hi,
      step,
      line: lines.get(name) ?? null
    };
  });
}

/**
 * Draw `program` as a scene v2 on a figure of `request.width` x `request.height` pixels.
 *
 * With `request.x` or `request.y` given (a `plotter.view` request) both axes are
 * replaced by the request (`y: null` meaning automatic); otherwise the cell's own
 * window stands. `params` override the program's parameter values for this call only.
 * Never throws: every problem, the time limit included, is in `problems`.
 */
export function drawProgram(
  program: Program,
  request: IDrawRequest = {},
  params: Record<string, number> = {},
  options: IDrawOptions = {}
): IDrawn {
  const limits = { ...DEFAULT_LIMITS, ...(options.limits ?? {}) };
  const check = options.check ?? (() => undefined);
  const size: Size = [request.width ?? SIZE[0], request.height ?? SIZE[1]];
  const first = program.statements[0]?.line ?? 0;
  try {
    const overrides = Object.keys(params).length ? params : undefined;
    const { specs, failed, evaluator } = instantiate(program, {
      params: overrides,
      limits,
      check
    });
    const problems: IDrawProblem[] = failed.map(f => ({
      line: f.line,
      message: f.error.message,
      code: f.error.code,
      ename: f.error.ename,
      severity: 2
    }));
    const asked = request.x !== undefined || request.y !== undefined;
    const window: { x: Span | null; y: Span | null } = asked
      ? { x: request.x ?? null, y: request.y ?? null }
      : { x: program.window?.x ?? null, y: program.window?.y ?? null };
    const laid = buildScene(specs as Spec[], window, {
      limits,
      check,
      size,
      isTimeLimit: err => err instanceof TimeLimit,
      explain: err =>
        err instanceof PlotterError
          ? { message: err.message, code: err.code, ename: err.ename }
          : null
    });
    problems.push(...laid.problems);
    if (!laid.scene) {
      return { scene: null, problems };
    }
    const original = overrides
      ? instantiate(program, { limits, check }).evaluator
      : evaluator;
    const valueOf =
      (source: typeof evaluator) =>
      (name: string): number => {
        try {
          return source.parameter(name);
        } catch (err) {
          if (err instanceof TimeLimit) {
            throw err;
          }
          return NaN;
        }
      };
    const { view, items } = laid.scene;
    const sliders = sceneParams(program, valueOf(original), valueOf(evaluator));
    dragPoints(items, program, sliders);
    const scene: Scene = {
      version: 2,
      view,
      window: { x: view.x, y: view.y },
      items,
      params: sliders,
      program,
      description: describe(view, items, program.angles === 'degrees')
    };
    return { scene, problems };
  } catch (err) {
    return { scene: null, problems: [failure(err, first)] };
  }
}

/** The slider's name when `expr` is that parameter alone, else null. */
function bare(expr: Expr, names: Set<string>): string | null {
  return expr.type === 'parameter' && names.has(expr.name) ? expr.name : null;
}

/**
 * Mark the points a pointer may drag (SPEC §11): `drag` names the slider that is
 * exactly the point's x, its y, or both, as `(a, b)`, `(a, a^2)` or `(2, b)`.
 *
 * A statement's pairs and its drawn points are matched in order, so a statement whose
 * count of points differs (points from lists, an undefined point) marks none.
 */
export function dragPoints(
  items: Item[],
  program: Program,
  params: Param[]
): void {
  const names = new Set(params.map(p => p.name));
  for (const statement of program.statements) {
    if (statement.kind !== 'points') {
      continue;
    }
    const pairs = (statement.exprs.points ?? []) as Array<[Expr, Expr]>;
    const dots = items.filter(i => i.id === statement.id && i.kind === 'point');
    if (dots.length !== pairs.length) {
      continue;
    }
    dots.forEach((dot, k) => {
      const drag: IDrag = {};
      const [x, y] = [bare(pairs[k][0], names), bare(pairs[k][1], names)];
      if (x !== null) {
        drag.x = x;
      }
      if (y !== null) {
        drag.y = y;
      }
      if (x !== null || y !== null) {
        dot.drag = drag;
      }
    });
  }
}

/** A problem that stopped the whole drawing, on the first statement's line. */
function failure(err: unknown, line: number): IDrawProblem {
  if (err instanceof PlotterError) {
    return {
      line,
      message: err.message,
      code: err.code,
      ename: err.ename,
      severity: 1
    };
  }
  return {
    line,
    message: 'This could not be drawn.',
    code: 'draw-failed',
    ename: 'ValueError',
    severity: 1
  };
}
