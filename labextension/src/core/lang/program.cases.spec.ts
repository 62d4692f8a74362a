/**
 * The TypeScript language against the Python one on every case cell: the same program,
 * the same printed values and the same diagnostics, messages included.
 *
 * `tests/cases/programs.json` is written (and kept up to date) by
 * `tests/test_program_cases.py` from the Python kernel.
 */

import { readFileSync } from 'fs';
import { join } from 'path';

import { toDiagnostic } from '../errors';
import { Session } from './session';
import type { Diagnostic, Program } from '../types';

interface ICase {
  name: string;
  cells: string[];
  files?: Record<string, string>;
  values: Array<[number, string]>;
  diagnostics: Diagnostic[];
  program: Program | null;
}

const file = join(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  'tests',
  'cases',
  'programs.json'
);
const cases: ICase[] = JSON.parse(readFileSync(file, 'utf-8')).cases;

/** What the TS core makes of the last cell of a case. */
function run(
  cells: string[],
  files: Record<string, string> = {}
): Omit<ICase, 'name' | 'cells' | 'files'> {
  const session = new Session(undefined, path =>
    path in files
      ? files[path]
      : {
          message: `There is no file ${path} in the notebook's folder.`,
          code: 'table-missing'
        }
  );
  for (const cell of cells.slice(0, -1)) {
    session.run(cell);
  }
  const last = cells[cells.length - 1];
  const [plan, problems] = session.run(last);
  const lines = last.split('\n');
  return {
    values: plan.values,
    diagnostics: problems.map(p => toDiagnostic(p, lines)),
    program: plan.program
  };
}

/** Data as JSON carries it between the two (2.0 and 2 are one number, -0 is 0). */
function normal(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

/**
 * `value` with every number rounded to `digits` significant digits: a regression's
 * fitted numbers agree between the kernels to the digits printed, not to the last bit
 * (two least-squares solvers, two Levenberg–Marquardts).
 */
function rounded(value: unknown, digits: number): unknown {
  if (typeof value === 'number') {
    return value === 0 ? 0 : Number(value.toPrecision(digits));
  }
  if (Array.isArray(value)) {
    return value.map(v => rounded(v, digits));
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, rounded(v, digits)])
    );
  }
  return value;
}

describe('the TS language gives what the Python language gives', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(700);
  });

  it.each(cases.map(c => [c.name, c]))('%s', (_name, c) => {
    const { cells, files, ...want } = c as ICase;
    const got = run(cells, files);
    expect(normal(got.diagnostics)).toEqual(normal(want.diagnostics));
    if (c.name.startsWith('fit: ')) {
      expect(rounded(normal(got.program), 6)).toEqual(
        rounded(normal(want.program), 6)
      );
    } else {
      expect(normal(got.program)).toEqual(normal(want.program));
    }
    // Printed to 12 digits, values agree where the last bit of a logarithm does not.
    expect(got.values).toEqual(want.values);
  });
});
