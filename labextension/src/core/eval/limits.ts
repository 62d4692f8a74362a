/** The resource limits a cell runs under (Python's `limits.py`), with the same defaults. */

export type Limits = {
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
  /** Wall-clock seconds one cell may take. */
  secondsPerCell: number;
};

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxSamples: 20000,
  implicitGrid: 400,
  maxNumber: 1e308,
  maxFactorial: 170,
  maxDepth: 100,
  secondsPerCell: 10
});

/** Most terms of one `sum` or `prod`. */
export const MAX_TERMS = 10000;

/** Most nodes of a derivative tree worked out. */
export const MOST_NODES = 20000;
