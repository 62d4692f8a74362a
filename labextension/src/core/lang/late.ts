/**
 * Late binding: definitions that name what does not exist yet are kept, with a warning
 * (a port of the Python kernel's `lang/late.py`).
 *
 * A stored definition is parsed again when the user's names change, because a letter
 * run such as `ax` reads as `a x` only once `a` is defined.
 */

import { IProblem, ISpan, PlotterError, WARNING, problem } from '../errors';
import { IDefinition } from './definitions';
import { parseLine } from './parser';
import { Known } from './runs';
import { Statement, classify, isDefinition } from './statements';
import { sameTree } from './syntax';

/** Problems of a definition that go away once the names it uses are defined. */
export const LATE_CODES: ReadonlySet<string> = new Set([
  'unknown-name',
  'broken-definition'
]);

/** Whether `err` only says that something the definition uses is missing. */
export function isLate(err: PlotterError): boolean {
  return LATE_CODES.has(err.code);
}

/** The warning for a definition kept although something it uses is missing. */
export function lateWarning(
  name: string,
  err: PlotterError,
  fallback: ISpan
): IProblem {
  const message = `${err.message} ${name} is kept and will work once that is defined.`;
  return problem(
    'NameError',
    message,
    err.span ?? fallback,
    'not-defined-yet',
    WARNING
  );
}

/** `definition` read again with today's names; the same object if nothing changed. */
export function reparse(
  definition: IDefinition,
  known: Known,
  maxDepth: number
): IDefinition {
  if (!definition.source) {
    return definition;
  }
  let statement: Statement | null;
  try {
    const line = parseLine(
      definition.source,
      definition.nameSpan.line,
      maxDepth,
      known,
      definition.degrees ?? false
    );
    statement = line !== null ? classify(line) : null;
  } catch (err) {
    // A RangeError is a JavaScript stack overflow: Python's RecursionError.
    if (err instanceof PlotterError || err instanceof RangeError) {
      return definition;
    }
    throw err;
  }
  if (statement === null || !isDefinition(statement)) {
    return definition;
  }
  const params = statement.type === 'function' ? statement.params : null;
  if (
    statement.name !== definition.name ||
    !sameTree(params, definition.params)
  ) {
    return definition;
  }
  if (sameTree(statement.body, definition.body)) {
    return definition;
  }
  return { ...definition, params, body: statement.body };
}
