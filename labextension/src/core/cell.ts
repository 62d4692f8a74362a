/**
 * Run one cell through the core and say what to send: what every transport does (a port
 * of the Python kernel's `cell.py`).
 *
 * `cellOutcome` is the language then the drawing; `execute` adds the output (its program
 * stored under its display id for the `plotter.view` comm), the printed values, the
 * warnings and the reply, as plain message contents. A transport only sends them.
 */

import { deadline } from './budget';
import { drawProgram } from './draw/sample';
import { sceneToSvg } from './render/svg';
import {
  EName,
  IProblem,
  WARNING,
  problem,
  sortProblems,
  toDiagnostic
} from './errors';
import { ILimits, withLimits } from './limits';
import {
  diagnostics,
  errorsOf,
  escaped,
  formatValues,
  statementSpan,
  summary,
  traceback
} from './report';
import { SCENE_MIME, display } from './render/display';
import type { IOutputStore } from './replay';
import { Session } from './lang/session';
import { tableHtml } from './lang/tables';
import type { Diagnostic, Program, Scene } from './types';

/** What every cell of a kernel shares: its figure size and limits (Python's `Setup`). */
export interface IRunOptions {
  /** The picture's size in CSS pixels. */
  width: number;
  height: number;
  /** Limits replacing the session's for this cell. */
  limits?: Partial<ILimits>;
}

/** ename/evalue/traceback of a cell with errors, as the kernel's `error` message has them. */
export interface IErrorSummary {
  ename: string;
  evalue: string;
  traceback: string[];
}

export interface IRunResult {
  /** Every problem of the cell, LSP-shaped, in reading order. */
  diagnostics: Diagnostic[];
  /** The text/plain of the printed values, or null when nothing is printed. */
  text: string | null;
  /** The program of the drawable statements, or null. */
  program: Program | null;
  /** The scene v2, or null when nothing is drawn. */
  scene: Scene | null;
  /** The scene as SVG, or null. */
  svg: string | null;
  /** The first error and a caret traceback, or null when the cell has no error. */
  error: IErrorSummary | null;
}

/** What a cell produced: a program and its scene (or none), printed values, problems. */
export interface ICellOutcome {
  program: Program | null;
  scene: Scene | null;
  /** The scene as SVG, or null. */
  svg: string | null;
  /** `[line, text]` of each printed value. */
  values: Array<[number, string]>;
  /** In reading order. */
  problems: IProblem[];
  /** The HTML table of a cell of tables and lists only, or null. */
  table?: string | null;
}

/** An IOPub message to send: its `msg_type` and `content`. */
export type Message = [string, Record<string, unknown>];

/** What one cell sends: IOPub messages in order, then the `execute_reply` content. */
export interface IExecution {
  messages: Message[];
  reply: Record<string, unknown>;
}

/** How `execute` answers: the execution count, and whether to send nothing but the reply. */
export interface IExecuteOptions {
  /** The execution count the result and the reply carry. */
  count: number;
  /** Build only the reply: no output, values or error message. */
  silent?: boolean;
}

/** Evaluate `source` in `session` and draw what it asks for (Python's `run_cell`). Never throws. */
export function cellOutcome(
  session: Session,
  source: string,
  options: IRunOptions
): ICellOutcome {
  const lines = String(source ?? '').split('\n');
  const limits = withLimits({ ...session.limits, ...(options.limits ?? {}) });
  const check = deadline(limits.secondsPerCell);
  const outcome = emptyOutcome();
  try {
    const [plan, found] = session.run(lines.join('\n'), check);
    outcome.problems = [...found];
    outcome.values = [...plan.values];
    if (plan.table) {
      outcome.table = tableHtml(plan.table);
    }
    outcome.program = plan.program;
    if (plan.program !== null) {
      const size = { width: options.width, height: options.height };
      const drawn = drawProgram(plan.program, size, {}, { limits, check });
      outcome.scene = drawn.scene;
      for (const w of drawn.problems) {
        const where = statementSpan(lines, w.line);
        const ename = w.ename as EName;
        outcome.problems.push(
          problem(ename, w.message, where, w.code, w.severity)
        );
      }
      outcome.svg = drawn.scene !== null ? sceneToSvg(drawn.scene) : null;
    }
  } catch (err) {
    outcome.problems.push(internalProblem(lines));
  }
  outcome.problems = sortProblems(outcome.problems);
  return outcome;
}

/** Run `source` in `session` and draw what it asks for. Never throws. */
export function runCell(
  session: Session,
  source: string,
  options: IRunOptions
): IRunResult {
  const lines = String(source ?? '').split('\n');
  const { program, scene, svg, values, problems } = cellOutcome(
    session,
    source,
    options
  );
  const errors = errorsOf(problems);
  let error: IErrorSummary | null = null;
  if (errors.length) {
    const [ename, evalue] = summary(errors);
    error = { ename, evalue, traceback: traceback(errors, lines) };
  }
  return {
    diagnostics: problems.map(p => toDiagnostic(p, lines)),
    text: values.length ? formatValues(values, lines) : null,
    program,
    scene,
    svg,
    error
  };
}

/**
 * Run `code` and build every message it answers with (Python's `execute`); never
 * throws. A drawing output's program is stored in `outputs` under its display id.
 */
export function execute(
  session: Session,
  code: string,
  outputs: IOutputStore,
  setup: IRunOptions,
  options: IExecuteOptions
): IExecution {
  const source = typeof code === 'string' ? code : '';
  const outcome = cellOutcome(session, source, setup);
  return answer(outcome, source, outputs, setup, options);
}

/**
 * The messages and the reply for a cell's outcome: the picture, the printed values, the
 * warnings and the error, in that order. Also for a cell that never finished (its
 * outcome only a problem), as the Lite kernel's stopped worker gives.
 */
export function answer(
  outcome: ICellOutcome,
  code: string,
  outputs: IOutputStore,
  setup: IRunOptions,
  options: IExecuteOptions
): IExecution {
  const lines = code.split('\n');
  const cell = { ...outcome, problems: [...outcome.problems] };
  const messages: Message[] = [];
  if (!options.silent) {
    try {
      publish(messages, cell, lines, outputs, setup, options);
    } catch {
      cell.problems.push(internalProblem(lines));
    }
  }
  const reply = replyContent(messages, cell.problems, lines, options);
  return { messages, reply };
}

/**
 * The answer of a cell the calculator could not run at all (its engine never loaded,
 * for instance offline): an error that underlines nothing, since no line is at fault.
 */
export function unavailable(
  message: string,
  options: IExecuteOptions
): IExecution {
  const content = {
    ename: 'ConnectionError',
    evalue: message,
    traceback: [`ConnectionError: ${message}`]
  };
  return {
    messages: options.silent ? [] : [['error', content]],
    reply: {
      status: 'error',
      execution_count: options.count,
      ...content,
      diagnostics: []
    }
  };
}

/** An outcome with nothing drawn or printed: only `problems`. */
export function emptyOutcome(problems: IProblem[] = []): ICellOutcome {
  return { program: null, scene: null, svg: null, values: [], problems };
}

/** A problem of the whole cell, marked at its first statement. */
export function cellProblem(
  lines: string[],
  ename: EName,
  message: string,
  code: string
): IProblem {
  return problem(ename, message, statementSpan(lines, 0), code);
}

/** A problem that blames Plotter, not the student, for an unexpected failure. */
export function internalProblem(lines: string[]): IProblem {
  return cellProblem(
    lines,
    'ValueError',
    'Plotter could not handle this cell; please report it.',
    'internal'
  );
}

/**
 * The picture, the printed values and the warnings, in that order; the output's own
 * warnings join `outcome.problems`.
 */
function publish(
  messages: Message[],
  outcome: ICellOutcome,
  lines: string[],
  outputs: IOutputStore,
  setup: IRunOptions,
  options: IExecuteOptions
): void {
  const { scene, problems } = outcome;
  if (scene !== null) {
    const maxBytes = withLimits(setup.limits).maxOutputBytes;
    const shown = display(scene, outcome.svg, maxBytes);
    const displayId = newDisplayId();
    outputs.add(displayId, {
      program: scene.program,
      lines,
      size: [setup.width, setup.height],
      x: scene.view.x,
      y: scene.view.y
    });
    messages.push([
      'display_data',
      {
        data: shown.data,
        // The output model keeps metadata but not `transient`: the interactive plot
        // reads its display id here to ask the comm for a new view.
        metadata: { [SCENE_MIME]: { display_id: displayId } },
        transient: { display_id: displayId }
      }
    ]);
    for (const [code, message] of shown.warnings) {
      const where = statementSpan(lines, 0);
      problems.push(problem('ResourceError', message, where, code, WARNING));
    }
  }
  if (outcome.values.length) {
    const data: Record<string, string> = {
      'text/plain': formatValues(outcome.values, lines)
    };
    if (outcome.table) {
      data['text/html'] = outcome.table;
    }
    messages.push([
      'execute_result',
      { execution_count: options.count, data, metadata: {} }
    ]);
  }
  const notes = problems.filter(p => p.severity === WARNING);
  if (notes.length) {
    const text = notes
      .map(w => `Warning: line ${w.span.line + 1}: ${escaped(w.message)}\n`)
      .join('');
    messages.push(['stream', { name: 'stderr', text }]);
  }
}

/** The `execute_reply` content; on errors also the IOPub `error` message. */
function replyContent(
  messages: Message[],
  problems: IProblem[],
  lines: string[],
  options: IExecuteOptions
): Record<string, unknown> {
  const count = options.count;
  const found = diagnostics(problems, lines);
  const errors = errorsOf(problems);
  if (!errors.length) {
    return {
      status: 'ok',
      execution_count: count,
      payload: [],
      user_expressions: {},
      diagnostics: found
    };
  }
  const [ename, evalue] = summary(errors);
  // Frontends save the iopub `error` into the notebook, where nbformat allows only
  // these three keys: the underlines travel in the reply.
  const content = { ename, evalue, traceback: traceback(errors, lines) };
  if (!options.silent) {
    messages.push(['error', content]);
  }
  return {
    status: 'error',
    execution_count: count,
    ...content,
    diagnostics: found
  };
}

/** A new display id, as unique as the Python kernel's `uuid4().hex`. */
function newDisplayId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}
