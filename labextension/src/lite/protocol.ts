/**
 * The messages between the Lite kernel (main thread) and its evaluation worker.
 *
 * Everything that crosses is plain data (structured clone): the worker holds the
 * language session, the kernel holds the Jupyter side and the stored programs.
 */

import type { IExecution } from '../core/cell';
import type { IRefusal } from '../core/lang/tables';
import type { IStored } from '../core/replay';
import type {
  Diagnostic,
  Feature,
  Program,
  Range,
  Scene,
  ViewRequest
} from '../core/types';

/** What every cell and view request is drawn for, and under which limits. */
export interface IRunSettings {
  /** Figure width in CSS pixels. */
  width: number;
  /** Figure height in CSS pixels. */
  height: number;
  /** Limits replacing the core's defaults (`seconds_per_cell`, samples, ...). */
  limits: Record<string, unknown>;
}

/** What one cell sends (the core's `execute`) and the outputs it stored for the view comm. */
export interface IExecuted extends IExecution {
  /** `[display id, stored output]` of each drawing output, for the kernel's `Outputs`. */
  stored: Array<[string, IStored]>;
}

/** A re-sampling or features job for one stored output. */
export interface IViewJob {
  request: 'view' | 'features';
  program: Program;
  lines: string[];
  /** x is the output's own when the request gives none; y null means automatic. */
  view: ViewRequest;
  params: Record<string, number>;
  /** The y range the output shows, for features of curves x = g(y). */
  shownY?: Range | null;
}

/** The answer to a view job (without `seq`, which the kernel adds). */
export interface IViewAnswer {
  scene?: Scene;
  features?: Feature[];
  diagnostics?: Diagnostic[];
}

/** A completion, as the Python kernel's `complete_reply` has it. */
export interface ICompleteResult {
  matches: string[];
  cursor_start: number;
  cursor_end: number;
}

/** Table files by path relative to the notebook's folder: their text, or why not. */
export type TableFiles = Record<string, string | IRefusal>;

/** A request to the worker. */
export type WorkerRequest =
  | {
      id: number;
      kind: 'execute';
      code: string;
      settings: IRunSettings;
      /** The execution count the result and the reply carry. */
      count: number;
      /** Answer with the reply only. */
      silent: boolean;
      /** The table files the cell reads, fetched ahead by the kernel: text or why not. */
      files?: TableFiles;
    }
  | { id: number; kind: 'complete'; code: string; cursor: number }
  | { id: number; kind: 'inspect'; code: string; cursor: number }
  | { id: number; kind: 'isComplete'; code: string }
  | { id: number; kind: 'view'; job: IViewJob; settings: IRunSettings };

/** The result type of each request kind. */
export interface IWorkerResults {
  execute: IExecuted;
  complete: ICompleteResult;
  inspect: string | null;
  isComplete: 'complete' | 'incomplete' | 'invalid' | 'unknown';
  view: IViewAnswer;
}

/** An answer from the worker: the result, or a failure of ours (never the student's). */
export type WorkerAnswer =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; message: string };

/**
 * What the worker posts: `ready` once its code is loaded (with the files it came in),
 * then one answer per request.
 */
export type WorkerReply = WorkerAnswer | { ready: true; loaded?: string[] };
