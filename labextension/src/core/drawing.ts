/**
 * Where a program becomes a picture: the drawing side (`draw/`) samples a program
 * for a view and writes SVG. The language connects to it through this one seam.
 */

import type { ILimits } from './limits';
import type { Feature, Program, Scene, ViewRequest } from './types';

/** A drawing-time problem with one statement (a warning, or the time running out). */
export interface IDrawProblem {
  line: number;
  message: string;
  code: string;
  ename: string;
  severity: 1 | 2;
}

/** The size of the picture, in CSS pixels. */
export interface ISize {
  width: number;
  height: number;
}

export interface IDrawing {
  /**
   * Draw a program as a scene v2 (null when nothing could be drawn). `view` replaces
   * the cell's window (null keeps it; a null axis is automatic); `params` replace the
   * values the program's definitions give.
   */
  draw(
    program: Program,
    limits: ILimits,
    check: () => void,
    size: ISize,
    view: ViewRequest | null,
    params: Record<string, number>
  ): { scene: Scene | null; problems: IDrawProblem[] };
  /** The SVG picture of a scene. */
  svg(scene: Scene): string;
  /** Zeros, extrema and intersections of the drawn curves in a view. */
  features(
    program: Program,
    limits: ILimits,
    check: () => void,
    view: ViewRequest,
    params: Record<string, number>
  ): Feature[];
}

let current: IDrawing | null = null;

/** The connected drawing side, or null. */
export function drawing(): IDrawing | null {
  return current;
}

/** Connect the drawing side (done once by `drawer.ts`). */
export function setDrawing(value: IDrawing): void {
  current = value;
}
