/**
 * Answers to view requests from the stored programs of recent outputs (a port of the
 * Python kernel's `replay.py`).
 *
 * Pure: a stored program and a view in, a scene or points of interest out. Nothing here
 * touches a session, so moving a slider or zooming never changes what later cells
 * compute. Checking the request itself is the transport's (`lite/views.ts`).
 */

import { deadline } from './budget';
import { findFeatures } from './draw/features';
import { drawProgram } from './draw/sample';
import { ILimits, withLimits } from './limits';
import protocol from './protocol.json';
import type {
  Diagnostic,
  Feature,
  Program,
  Range,
  Scene,
  ViewRequest
} from './types';

/** What a drawing output needs to be drawn again (Python's `replay.Stored`). */
export interface IStored {
  /** The cell's drawable statements as they were when the cell ran. */
  program: Program;
  /** The cell's source lines, to place diagnostics. */
  lines: string[];
  /** The figure size the output was drawn for, in CSS pixels. */
  size: [number, number];
  /** The x range the output shows: where features look when a request gives none. */
  x: Range;
  /** The y range the output shows: where curves x = g(y) are searched when a request gives none. */
  y?: Range;
}

/** Where a drawing output's program is stored under its display id. */
export interface IOutputStore {
  add(displayId: string, stored: IStored): void;
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
