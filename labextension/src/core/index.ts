/**
 * The public API of the TypeScript core: the Plotter language from cell text to
 * diagnostics, printed values, a program and (through `draw/`) a scene v2 and SVG.
 *
 * - `new Session(limits?)` keeps user functions and parameters across cells.
 * - `runCell(session, source, {width, height, limits?})` runs one cell and never throws:
 *   `{diagnostics, text, program, scene, svg, error}`, where `text` is the text/plain of
 *   the printed values (`512`, `a = 3`, or `source = value` lines; null when nothing
 *   prints), `diagnostics` are LSP-shaped with UTF-16 columns exactly as the Python
 *   kernel sends them, `scene`/`svg` are null when nothing is drawn, and `error` is the
 *   `{ename, evalue, traceback}` of the kernel's `error` message, or null.
 * - `execute(session, code, outputs, {width, height, limits?}, {count, silent?})` runs
 *   one cell and builds what a kernel sends, as the Python kernel's `cell.execute`:
 *   `{messages, reply}`, the IOPub messages (`[msg_type, content]`) in order and the
 *   `execute_reply` content; a drawing output's program goes to `outputs` under its
 *   display id.
 * - `complete(session, code, cursor)` → `{matches, cursorStart, cursorEnd}`,
 *   `inspect(session, code, cursor)` → text or null, `isComplete(code)` →
 *   `complete | incomplete | invalid`, as the Python kernel answers them.
 * - `resample(program, view, params, {limits?})` → `{scene, diagnostics}` and
 *   `features(program, view, params, {limits?})` → points of interest answer the
 *   `plotter.view` comm from a stored program; they never change a session.
 */

export { Session } from './lang/session';
export type { IRefusal, TableReader } from './lang/tables';
export type { ILimits } from './limits';
export { DEFAULT_LIMITS } from './limits';
export { complete, inspect, isComplete } from './complete';
export type { ICompletion } from './complete';
export { execute, runCell } from './cell';
export type {
  IErrorSummary,
  IExecuteOptions,
  IExecution,
  IRunOptions,
  IRunResult,
  Message
} from './cell';
export { resample, features } from './replay';
export type { IOutputStore, IResampleOptions, IStored } from './replay';
export type { Diagnostic, Feature, Program, Scene, ViewRequest } from './types';
