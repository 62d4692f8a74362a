/**
 * The resource limits a cell runs under, with the Python kernel's defaults
 * (`plotter_kernel/limits.py`): the one `Limits` of the language, the evaluator and
 * drawing.
 */

import protocol from './protocol.json';

export interface ILimits {
  /** Most samples drawn for one curve. */
  maxSamples: number;
  /** Most grid cells along one axis for implicit curves and regions. */
  implicitGrid: number;
  /** Largest magnitude of a calculated value before it is a ResourceError. */
  maxNumber: number;
  /** Largest argument of `factorial`/`!`. */
  maxFactorial: number;
  /** Deepest nesting of brackets, calls and operators in one expression. */
  maxDepth: number;
  /** Longest cell, in characters. */
  maxCellChars: number;
  /** Longest line, in characters. */
  maxLineChars: number;
  /** Wall-clock seconds one cell may take. */
  secondsPerCell: number;
  /** Largest output of one cell; a scene's points may fill half of it. */
  maxOutputBytes: number;
  /** Most rows of a table file (`table("data.csv")`). */
  maxTableRows: number;
  /** The x window when the cell sets none. */
  defaultX: [number, number];
}

export const DEFAULT_LIMITS: Readonly<ILimits> = Object.freeze({
  maxSamples: 20000,
  implicitGrid: 400,
  maxNumber: 1e308,
  maxFactorial: 170,
  maxDepth: 100,
  maxCellChars: 20000,
  maxLineChars: 2000,
  secondsPerCell: 10,
  maxOutputBytes: 5_000_000,
  maxTableRows: protocol.maxTableRows,
  defaultX: [-10, 10] as [number, number]
});

/** `DEFAULT_LIMITS` with some values replaced. */
export function withLimits(partial?: Partial<ILimits>): ILimits {
  return { ...DEFAULT_LIMITS, ...(partial ?? {}) };
}
