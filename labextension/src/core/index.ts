/**
 * The public API of the TypeScript core: the Plotter language from cell text to
 * diagnostics, printed values, a program and (through `draw/`) a scene and SVG.
 *
 * - `new Session(limits?)` keeps user functions and parameters across cells.
 * - `runCell(session, source, {width, height, limits?})` runs one cell and never throws:
 *   `{diagnostics, text, scene, svg, program, error}` where `text` is the text/plain of
 *   the printed values (`512`, `a = 3`, or `source = value` lines), `diagnostics` are
 *   LSP-shaped with UTF-16 columns (as the Python kernel sends them), and `error` is
 *   the ename/evalue/traceback of the first error, or null.
 * - `complete(session, code, cursor)`, `inspect(session, code, cursor)` and
 *   `isComplete(code)` answer the editor requests like the Python kernel.
 * - `resample(program, view, params, options)` and `features(...)` answer the
 *   `plotter.view` comm from a stored program, never changing the session.
 */

export { Session } from './session';
export type { ILimits } from './limits';
export { DEFAULT_LIMITS } from './limits';
export { complete, inspect, isComplete } from './complete';
export type { ICompletion } from './complete';
export { runCell, resample, features } from './cell';
export type { IRunOptions, IRunResult, IErrorSummary } from './cell';
