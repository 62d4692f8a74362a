/**
 * The `plotter.view` comm of the Lite kernel, without the messaging: reading a request
 * against the stored outputs (as the Python kernel's `replay.answer` does) and answering
 * requests in order of arrival, the latest per display and kind only (as
 * `viewcomm.ViewWorker`).
 */

import protocol from '../core/protocol.json';
import type { Diagnostic, Range } from '../core/types';
import type { Outputs } from './outputs';
import type { IViewAnswer, IViewJob } from './protocol';

/** The comm target the frontend opens. */
export const TARGET = protocol.viewTarget;

/** Largest width or height a request may ask for. */
export const MOST_PIXELS = protocol.mostPixels;

/** The data of a comm reply: `seq` and a scene, features or diagnostics, or superseded. */
export interface IViewReply extends IViewAnswer {
  seq: unknown;
  superseded?: true;
}

/** A request read against the stored outputs: a job to run, or an answer already. */
export type ReadRequest =
  | { seq: unknown; job: IViewJob; answer?: undefined }
  | { seq: unknown; job?: undefined; answer: IViewReply };

/** A diagnostic that blames the request, not a line of the cell. */
export function requestDiagnostic(
  message: string,
  severity: 1 | 2,
  code: string
): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity,
    message,
    source: protocol.diagnosticSource,
    code
  };
}

/** Requests with the same key supersede each other: one display, one kind. */
export function requestKey(data: unknown): string {
  return isObject(data)
    ? JSON.stringify([String(data['display_id']), String(data['request'])])
    : '';
}

/** Longest text `seq` echoed: it only has to tell a frontend's requests apart. */
const MOST_SEQ_CHARS = protocol.mostSeqChars;

/** Whether a reply may echo `value` as its `seq` (as the Python kernel's envelope). */
export function validSeq(value: unknown): boolean {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value);
  }
  if (typeof value === 'string') {
    return value.length <= MOST_SEQ_CHARS;
  }
  return value === null || value === undefined;
}

/** The `seq` a reply to `data` carries: the request's own if valid, else null. */
export function replySeq(data: unknown): unknown {
  const seq = isObject(data) ? (data['seq'] ?? null) : null;
  return validSeq(seq) ? seq : null;
}

/** Check a request and find its stored output; never throws. */
export function readRequest(data: unknown, outputs: Outputs): ReadRequest {
  const seq = replySeq(data);
  try {
    if (!isObject(data)) {
      throw new BadRequest('A request must be a JSON object.');
    }
    if (!validSeq(data['seq'])) {
      throw new BadRequest('seq must be a whole number, a short text or null.');
    }
    const kind = data['request'];
    if (kind !== 'view' && kind !== 'features') {
      throw new BadRequest("The request must be 'view' or 'features'.");
    }
    const stored = outputs.get(String(data['display_id']));
    if (!stored) {
      throw new BadRequest(
        'This plot is no longer known to the kernel; run its cell again.'
      );
    }
    const view = data['view'] ?? {};
    if (!isObject(view)) {
      throw new BadRequest('The view must be a JSON object.');
    }
    const x = readRange(view['x'], 'x');
    const job: IViewJob = {
      request: kind,
      program: stored.program,
      lines: stored.lines,
      view: {
        x: x ?? stored.x,
        y: readRange(view['y'], 'y'),
        width: readPixels(view['width'], stored.size[0]),
        height: readPixels(view['height'], stored.size[1])
      },
      params: readParams(data['params']),
      shownY: stored.y ?? null
    };
    return { seq, job };
  } catch (err) {
    if (err instanceof BadRequest) {
      const diagnostics = [requestDiagnostic(err.message, 1, 'bad-request')];
      return { seq, answer: { seq, diagnostics } };
    }
    throw err;
  }
}

/**
 * Answers requests one at a time in order of arrival. A newer request of the same kind
 * for the same display supersedes a waiting one, which is answered `{seq, superseded}`
 * at once. A running one cannot be stopped, so its answer is sent: a drag shows it.
 */
export class ViewScheduler<T> {
  /**
   * @param answer - computes the reply to one request (never rejects)
   * @param send - sends a reply to where the request came from
   */
  constructor(
    private readonly _answer: (data: unknown) => Promise<IViewReply>,
    private readonly _send: (reply: IViewReply, to: T) => void
  ) {}

  /** Queue one request. */
  submit(data: unknown, to: T): void {
    const key = requestKey(data);
    const older = this._waiting.get(key);
    this._waiting.delete(key);
    this._waiting.set(key, { data, to });
    if (older) {
      this._superseded(older.data, older.to);
    }
    void this._next();
  }

  /** Whether nothing waits or runs. */
  get idle(): boolean {
    return !this._running && this._waiting.size === 0;
  }

  private async _next(): Promise<void> {
    if (this._running || this._waiting.size === 0) {
      return;
    }
    const [key, { data, to }] = this._waiting.entries().next().value as [
      string,
      Private.IWaiting<T>
    ];
    this._waiting.delete(key);
    this._running = true;
    try {
      this._send(await this._answer(data), to);
    } finally {
      this._running = false;
      void this._next();
    }
  }

  private _superseded(data: unknown, to: T): void {
    this._send({ seq: replySeq(data), superseded: true }, to);
  }

  private _waiting = new Map<string, Private.IWaiting<T>>();
  private _running = false;
}

/** A request the kernel cannot answer; the message says why in plain words. */
class BadRequest extends Error {}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function readRange(value: unknown, what: string): Range | null {
  if (value === null || value === undefined) {
    return null;
  }
  if (
    !Array.isArray(value) ||
    value.length !== 2 ||
    !value.every(v => typeof v === 'number')
  ) {
    throw new BadRequest(`The view's ${what} must be two numbers.`);
  }
  const [lo, hi] = value as [number, number];
  if (!(isNumber(lo) && isNumber(hi) && hi > lo)) {
    throw new BadRequest(
      `The view's ${what} must go from a smaller to a larger number.`
    );
  }
  return [lo, hi];
}

function readPixels(value: unknown, fallback: number): number {
  if (value === null || value === undefined) {
    return fallback;
  }
  if (!isNumber(value)) {
    throw new BadRequest(
      "The view's width and height must be numbers of pixels."
    );
  }
  return Math.trunc(Math.min(Math.max(value, 10), MOST_PIXELS));
}

function readParams(value: unknown): Record<string, number> {
  if (value === null || value === undefined) {
    return {};
  }
  if (
    !isObject(value) ||
    !Object.values(value).every(v => typeof v === 'number')
  ) {
    throw new BadRequest('params must map parameter names to numbers.');
  }
  return { ...(value as Record<string, number>) };
}

namespace Private {
  export interface IWaiting<T> {
    data: unknown;
    to: T;
  }
}
