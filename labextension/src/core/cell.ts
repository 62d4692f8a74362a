/**
 * Run one cell through the core: the language first, then the drawing (a port of the
 * Python kernel's `cell.py` plus what its shell makes of the outcome).
 */

import { drawProgram } from './draw/sample';
import { sceneToSvg } from './render/svg';
import { findFeatures } from './draw/features';
import {
  IProblem,
  TimeLimit,
  problem,
  sortProblems,
  toDiagnostic
} from './errors';
import { ILimits, withLimits } from './limits';
import {
  errorsOf,
  formatValues,
  statementSpan,
  summary,
  traceback
} from './report';
import protocol from './protocol.json';
import { Session } from './lang/session';
import type { Diagnostic, Feature, Program, Scene, ViewRequest } from './types';

export interface IRunOptions {
  /** The picture's size in CSS pixels. */
  width: number;
  height: number;
  /** Limits replacing the session's for this cell. */
  limits?: Partial<ILimits>;
}

/** ename/evalue/traceback of a cell with errors, as the kernel's `error` message has them. */
export interface IErrorSummary {
  ename: string;
  evalue: string;
  traceback: string[];
}

export interface IRunResult {
  /** Every problem of the cell, LSP-shaped, in reading order. */
  diagnostics: Diagnostic[];
  /** The text/plain of the printed values, or null when nothing is printed. */
  text: string | null;
  /** The program of the drawable statements, or null. */
  program: Program | null;
  /** The scene v2, or null when nothing is drawn. */
  scene: Scene | null;
  /** The scene as SVG, or null. */
  svg: string | null;
  /** The first error and a caret traceback, or null when the cell has no error. */
  error: IErrorSummary | null;
}

/** A check that throws `TimeLimit` once `seconds` have passed. */
export function deadline(seconds: number): () => void {
  const end = Date.now() + seconds * 1000;
  return () => {
    if (Date.now() > end) {
      throw new TimeLimit(seconds);
    }
  };
}

/** Run `source` in `session` and draw what it asks for. Never throws. */
export function runCell(
  session: Session,
  source: string,
  options: IRunOptions
): IRunResult {
  const lines = String(source ?? '').split('\n');
  const limits = withLimits({ ...session.limits, ...(options.limits ?? {}) });
  const check = deadline(limits.secondsPerCell);
  let problems: IProblem[] = [];
  let text: string | null = null;
  let program: Program | null = null;
  let scene: Scene | null = null;
  let svg: string | null = null;
  try {
    const [plan, found] = session.run(lines.join('\n'), check);
    problems = [...found];
    text = plan.values.length ? formatValues(plan.values, lines) : null;
    program = plan.program;
    if (program !== null) {
      const size = { width: options.width, height: options.height };
      const drawn = drawProgram(program, size, {}, { limits, check });
      scene = drawn.scene;
      for (const w of drawn.problems) {
        const where = statementSpan(lines, w.line);
        const ename = w.ename as IProblem['ename'];
        problems.push(problem(ename, w.message, where, w.code, w.severity));
      }
      svg = scene !== null ? sceneToSvg(scene) : null;
    }
  } catch (err) {
    problems.push(
      problem(
        'ValueError',
        'Plotter could not handle this cell; please report it.',
        statementSpan(lines, 0),
        'internal'
      )
    );
  }
  problems = sortProblems(problems);
  const errors = errorsOf(problems);
  let error: IErrorSummary | null = null;
  if (errors.length) {
    const [ename, evalue] = summary(errors);
    error = { ename, evalue, traceback: traceback(errors, lines) };
  }
  return {
    diagnostics: problems.map(p => toDiagnostic(p, lines)),
    text,
    program,
    scene,
    svg,
    error
  };
}

/** Options of a view request: the limits it runs under. */
export interface IResampleOptions {
  limits?: Partial<ILimits>;
  /** The y range the output shows: where curves x = g(y) are searched when the view has no y. */
  shownY?: [number, number] | null;
}

/** A diagnostic of a view request, on the line of the statement it is about. */
function viewDiagnostic(
  line: number,
  severity: 1 | 2,
  message: string,
  code: string
): Diagnostic {
  return {
    range: { start: { line, character: 0 }, end: { line, character: 0 } },
    severity,
    message,
    source: protocol.diagnosticSource,
    code
  };
}

/**
 * Draw a stored program for a new view and parameter values (the `plotter.view` comm).
 * Never changes a session and never throws: problems come back as diagnostics.
 */
export function resample(
  program: Program,
  view: ViewRequest,
  params: Record<string, number>,
  options: IResampleOptions = {}
): { scene: Scene | null; diagnostics: Diagnostic[] } {
  const limits = withLimits(options.limits);
  try {
    const request = {
      width: view.width,
      height: view.height,
      x: view.x,
      y: view.y
    };
    const check = deadline(limits.secondsPerCell);
    const drawn = drawProgram(program, request, params, { limits, check });
    return {
      scene: drawn.scene,
      diagnostics: drawn.problems.map(p =>
        viewDiagnostic(p.line, p.severity, p.message, p.code)
      )
    };
  } catch (err) {
    return {
      scene: null,
      diagnostics: [
        viewDiagnostic(0, 1, 'Plotter could not draw this view.', 'internal')
      ]
    };
  }
}

/** The points of interest of a stored program's curves in a view; [] on any problem. */
export function features(
  program: Program,
  view: ViewRequest,
  params: Record<string, number>,
  options: IResampleOptions = {}
): Feature[] {
  const limits = withLimits(options.limits);
  try {
    const check = deadline(limits.secondsPerCell);
    return findFeatures(
      program,
      { x: view.x, y: view.y, ySearch: options.shownY ?? null },
      params,
      check,
      limits
    );
  } catch {
    return [];
  }
}
