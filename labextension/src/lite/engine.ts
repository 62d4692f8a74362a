/**
 * What the evaluation worker does with each request: the language session and the
 * TypeScript core, with no messaging (so it runs the same in Node under Jest).
 */

import {
  Session,
  complete,
  execute,
  features,
  inspect,
  isComplete,
  resample
} from '../core';
import type { IStored } from '../core/replay';
import type { IRefusal } from '../core/lang/tables';
import { statementSpan } from '../core/report';
import type {
  IExecuted,
  IRunSettings,
  IViewAnswer,
  TableFiles,
  IViewJob,
  IWorkerResults,
  WorkerAnswer,
  WorkerRequest
} from './protocol';

/** What `table("...")` says when the page gave the worker no copy of the file. */
export const NO_TABLES: IRefusal = {
  message:
    'Tables are not available in this version of the in-browser calculator.',
  code: 'table-none'
};

/** One language session (definitions and parameters persist across cells). */
export class Engine {
  /** Answer one request; a failure of ours becomes an `ok: false` reply, never a throw. */
  handle(request: WorkerRequest): WorkerAnswer {
    try {
      return { id: request.id, ok: true, result: this._answer(request) };
    } catch (err) {
      return { id: request.id, ok: false, message: String(err) };
    }
  }

  /**
   * Run one cell in the session: the messages and reply the core builds, and the drawing
   * outputs to store, which the kernel keeps (they outlive a restarted worker).
   */
  execute(
    code: string,
    settings: IRunSettings,
    count: number,
    silent = false,
    files: TableFiles = {}
  ): IExecuted {
    // The kernel fetched the cell's table files ahead: the core reads them from here.
    this._session.readTable = path =>
      Object.prototype.hasOwnProperty.call(files, path)
        ? files[path]
        : NO_TABLES;
    const stored: Array<[string, IStored]> = [];
    const outputs = { add: (id: string, s: IStored) => stored.push([id, s]) };
    const setup = {
      width: settings.width,
      height: settings.height,
      limits: settings.limits
    };
    const done = execute(this._session, code, outputs, setup, {
      count,
      silent
    });
    return { ...done, stored };
  }

  /**
   * Draw a stored program again, or find its points of interest. The session is
   * untouched; problems are placed on their statement as the Python kernel places them.
   */
  view(job: IViewJob, settings: IRunSettings): IViewAnswer {
    const options = { limits: settings.limits };
    if (job.request === 'features') {
      const search = { ...options, shownY: job.shownY ?? null };
      return { features: features(job.program, job.view, job.params, search) };
    }
    const drawn = resample(job.program, job.view, job.params, options);
    const diagnostics = drawn.diagnostics.map(d => {
      const line = d.range.start.line;
      const { start, end } = statementSpan(job.lines, line);
      return {
        ...d,
        range: {
          start: { line, character: start },
          end: { line, character: end }
        }
      };
    });
    return drawn.scene ? { scene: drawn.scene, diagnostics } : { diagnostics };
  }

  private _answer(
    request: WorkerRequest
  ): IWorkerResults[WorkerRequest['kind']] {
    switch (request.kind) {
      case 'execute':
        return this.execute(
          request.code,
          request.settings,
          request.count,
          request.silent,
          request.files
        );
      case 'complete': {
        const found = complete(this._session, request.code, request.cursor);
        return {
          matches: found.matches,
          cursor_start: found.cursorStart,
          cursor_end: found.cursorEnd
        };
      }
      case 'inspect':
        return inspect(this._session, request.code, request.cursor);
      case 'isComplete':
        return isComplete(request.code);
      case 'view':
        return this.view(request.job, request.settings);
    }
  }

  private _session = new Session();
}
