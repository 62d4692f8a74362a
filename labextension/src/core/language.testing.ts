/**
 * The language conformance cases (`language/cases/language.json`) for the specs
 * that check the TypeScript core against the Python kernel's answers.
 */

import { readFileSync } from 'fs';
import { join } from 'path';

/** One case: cells run in order in one session; the last is checked. */
export interface ICase {
  name: string;
  cells: string[];
  values?: Array<[number, string | number]>;
  diagnostics?: Array<{
    line: number;
    start: number;
    end: number;
    ename: string;
    code: string;
    severity: number;
  }>;
  drawn?: string[];
  samples?: Array<[number, unknown, unknown]>;
  facts?: Array<[number, string, unknown]>;
  window?: { x: unknown; y: unknown };
  messages?: Array<[number, string]>;
  traceback?: string[];
  /** Table files by name, for `table("name")`. */
  files?: Record<string, string>;
}

/** Every case of the file, in order. */
export function languageCases(): ICase[] {
  const file = join(
    __dirname,
    '..',
    '..',
    '..',
    'language',
    'cases',
    'language.json'
  );
  return JSON.parse(readFileSync(file, 'utf-8')).cases;
}
