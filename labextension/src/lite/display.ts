/**
 * What the Lite kernel publishes for one cell, shaped exactly as the Python kernel
 * shapes it (`plotter_kernel/kernel.py`): the display, the printed values, the warnings
 * stream and the error and reply contents with their diagnostics.
 */

import protocol from '../core/protocol.json';
import type { Diagnostic, Scene } from '../core/types';
import type { ICellResult } from './protocol';

/** MIME type of the scene v2 that the interactive plot renders. */
export const SCENE_MIME = protocol.sceneMimeType;

/** Longest text/plain description (a cell may hold many long statements). */
export const DESCRIPTION_CHARS = protocol.descriptionChars;

/** Bytes kept for the text description, the metadata and the message's own keys. */
export const TEXT_BYTES = protocol.textBytes;

/** Code of the warning about something left out of an output for its size. */
export const TOO_BIG = protocol.tooBigCode;

/** The `display_data` content of a drawing cell. */
export interface IDisplayContent {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  transient: { display_id: string };
}

/**
 * The display of a scene under `displayId`: the scene, the SVG while the output stays
 * within `maxBytes`, and the description as text/plain. Also returns the warnings
 * (`[code, message]`) about what was left out.
 */
export function displayContent(
  scene: Scene,
  svg: string | null,
  displayId: string,
  maxBytes: number
): { content: IDisplayContent; warnings: Array<[string, string]> } {
  const warnings: Array<[string, string]> = [];
  const data: Record<string, unknown> = {};
  const room = maxBytes - TEXT_BYTES;
  const used = JSON.stringify(scene).length;
  if (svg) {
    if (used + svg.length > room) {
      warnings.push([
        TOO_BIG,
        `The SVG copy was left out: ${overLimit(maxBytes)}.`
      ]);
    } else {
      data['image/svg+xml'] = svg;
    }
  }
  const text = scene.description ?? '';
  data['text/plain'] =
    text.length <= DESCRIPTION_CHARS
      ? text
      : text.slice(0, DESCRIPTION_CHARS) + '…';
  data[SCENE_MIME] = scene;
  return {
    content: {
      data,
      // The output model keeps metadata but not `transient`: the interactive plot
      // reads its display id here to ask the comm for a new view.
      metadata: { [SCENE_MIME]: { display_id: displayId } },
      transient: { display_id: displayId }
    },
    warnings
  };
}

/** The cell's diagnostics with output warnings added at its first statement, in order. */
export function withOutputWarnings(
  diagnostics: Diagnostic[],
  warnings: Array<[string, string]>,
  lines: string[]
): Diagnostic[] {
  if (warnings.length === 0) {
    return diagnostics;
  }
  const [start, end] = statementSpan(lines, 0);
  const added: Diagnostic[] = warnings.map(([code, message]) => ({
    range: {
      start: { line: 0, character: start },
      end: { line: 0, character: end }
    },
    severity: 2,
    message,
    source: protocol.diagnosticSource,
    code
  }));
  return sortDiagnostics([...diagnostics, ...added]);
}

/** The stderr text of a cell's warnings: one `Warning: line N: ...` line each. */
export function warningText(diagnostics: Diagnostic[]): string {
  return diagnostics
    .filter(d => d.severity === 2)
    .map(
      d => `Warning: line ${d.range.start.line + 1}: ${escaped(d.message)}\n`
    )
    .join('');
}

/** The `execute_reply` content of a cell: the error's keys too when it has one. */
export function replyContent(
  result: ICellResult,
  diagnostics: Diagnostic[],
  executionCount: number
): Record<string, unknown> {
  if (!result.error) {
    return {
      status: 'ok',
      execution_count: executionCount,
      payload: [],
      user_expressions: {},
      diagnostics
    };
  }
  return {
    status: 'error',
    execution_count: executionCount,
    ...errorContent(result),
    diagnostics
  };
}

/**
 * The iopub `error` content: ename, evalue and traceback only. Frontends save it into the
 * notebook, where nbformat allows nothing else; the underlines come from the reply.
 */
export function errorContent(result: ICellResult): Record<string, unknown> {
  const error = result.error ?? {
    ename: 'ValueError',
    evalue: '',
    traceback: []
  };
  return {
    ename: error.ename,
    evalue: error.evalue,
    traceback: error.traceback
  };
}

/**
 * A cell result for a problem of the whole cell (interrupted, restarted, a failure of
 * ours): one error at the first statement, with a caret traceback like the core's.
 */
export function cellProblem(
  code: string,
  ename: string,
  message: string,
  problemCode: string
): ICellResult {
  const lines = code.split('\n');
  const [start, end] = statementSpan(lines, 0);
  const diagnostic: Diagnostic = {
    range: {
      start: { line: 0, character: start },
      end: { line: 0, character: end }
    },
    severity: 1,
    message,
    source: protocol.diagnosticSource,
    code: problemCode
  };
  const text = lines[0] ?? '';
  const shown = escaped(text.slice(0, 80));
  const caret =
    ' '.repeat(Math.min(start, shown.length)) +
    '^'.repeat(Math.max(1, Math.min(end, 80) - start));
  return {
    diagnostics: [diagnostic],
    text: null,
    scene: null,
    svg: null,
    error: {
      ename,
      evalue: `Line 1: ${escaped(message)}`,
      traceback: [
        `${BOLD}${RED}${ename}${RESET}: line 1: ${escaped(message)}\n` +
          `    ${shown}${text.length > 80 ? '…' : ''}\n` +
          `    ${RED}${caret}${RESET}`
      ]
    }
  };
}

/** A line's statement: its text without indentation, comment or trailing space. */
export function statementSpan(lines: string[], line: number): [number, number] {
  const text = lines[line] ?? '';
  const code = text.split('#', 1)[0].trimEnd();
  const start = code.length - code.trimStart().length;
  if (start === code.length) {
    return [0, text.trimEnd().length];
  }
  return [start, code.length];
}

/** Diagnostics in reading order, errors before warnings on the same spot. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      a.severity - b.severity
  );
}

/** `text` with control characters written as `\x1b`, so a cell cannot drive a terminal. */
export function escaped(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    const control =
      ch !== '\t' &&
      (code < 0x20 ||
        (code >= 0x7f && code < 0xa0) ||
        code === 0x2028 ||
        code === 0x2029);
    if (!control) {
      out += ch;
    } else if (code < 0x100) {
      out += `\\x${code.toString(16).padStart(2, '0')}`;
    } else {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    }
  }
  return out;
}

function overLimit(maxBytes: number): string {
  const size =
    maxBytes >= 1_000_000 ? `${maxBytes / 1e6} MB` : `${maxBytes / 1000} kB`;
  return `this output would be larger than ${size}`;
}

const RED = '\x1b[31m';
const BOLD = '\x1b[1m';
const RESET = '\x1b[0m';
