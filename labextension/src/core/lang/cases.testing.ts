/**
 * The Python kernel's answers for the evaluator's Jest specs, read from
 * `eval_cases.json` (written by `scripts/gen_eval_cases.py`; NaN is null there).
 */

import { readFileSync } from 'fs';
import { join } from 'path';

import type { Definition, Expr, Feature, Program } from '../types';

export type PythonError = { ename: string; code: string; message: string };

export type CurveCase = {
  text: string;
  tree: Expr;
  definitions: Definition[];
  variables: Record<string, Array<number | null>>;
  values?: Array<number | null>;
  error?: PythonError;
};

export type ScalarCase = {
  text: string;
  tree: Expr;
  definitions: Definition[];
  value?: number | null;
  error?: PythonError;
};

export type SpecValues = {
  kind: string;
  along?: 'x' | 'y';
  domain?: [number, number] | null;
  t?: [number, number];
  theta?: [number, number];
  values?: Array<number | null>;
  x?: Array<number | null>;
  y?: Array<number | null>;
  r?: Array<number | null>;
  points?: Array<[number, number]>;
  /** A statistics plot: histogram, boxplot or dotplot, and the numbers it draws. */
  plot?: string;
  bars?: Array<[number, number, number]>;
  box?: number[] | null;
  dots?: Array<[number, number]>;
};

export type ProgramCase = {
  source: string;
  params?: Record<string, number>;
  view: [[number, number], [number, number] | null];
  program: Program;
  inputs: Array<number | null>;
  grid: Array<number | null>;
  specs: SpecValues[];
  features: Feature[];
};

export type Cases = {
  curves: CurveCase[];
  surfaces: CurveCase[];
  scalars: ScalarCase[];
  programs: ProgramCase[];
};

/** The case file. */
export function loadCases(): Cases {
  return JSON.parse(
    readFileSync(join(__dirname, 'eval_cases.json'), 'utf-8')
  ) as Cases;
}

/** A JSON list of numbers (null for NaN) as a Float64Array. */
export function array(values: Array<number | null>): Float64Array {
  return Float64Array.from(values, v => (v === null ? NaN : v));
}

/**
 * Where `actual` differs from `expected` by more than `rtol` relative (NaN only matching
 * NaN), as readable lines; empty when they agree.
 */
export function mismatches(
  actual: ArrayLike<number>,
  expected: Array<number | null>,
  rtol = 1e-12
): string[] {
  const found: string[] = [];
  if (actual.length !== expected.length) {
    return [`length ${actual.length} instead of ${expected.length}`];
  }
  for (let i = 0; i < expected.length; i++) {
    const want = expected[i];
    const got = actual[i];
    if (want === null || !Number.isFinite(want)) {
      if (!Number.isNaN(got)) {
        found.push(`[${i}] ${got} instead of NaN`);
      }
    } else if (!close(got, want, rtol)) {
      found.push(`[${i}] ${got} instead of ${want}`);
    }
  }
  return found;
}

/** Whether two numbers agree to `rtol` relative. */
export function close(a: number, b: number, rtol = 1e-12): boolean {
  return (
    Math.abs(a - b) <= rtol * Math.max(Math.abs(a), Math.abs(b)) || a === b
  );
}
