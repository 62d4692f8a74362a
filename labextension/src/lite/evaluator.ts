/**
 * The main thread's side of the evaluation worker: one request at a time, a watchdog,
 * and a restart that ends the worker (interrupt) and starts a fresh one.
 */

import type { IWorkerResults, WorkerReply, WorkerRequest } from './protocol';

/** Most milliseconds a new worker may take to load its code. */
export const STARTUP_MS = 60_000;

/** Why a request got no answer from the worker. */
/**
 * Why a worker stopped; `unavailable`: it failed before it was ready, so its code
 * never loaded (offline, say), which is nobody's cell's fault.
 */
export type StopReason =
  'interrupted' | 'timeout' | 'failed' | 'unavailable' | 'disposed';

/** The worker was ended (or failed) before it answered this request. */
export class WorkerStopped extends Error {
  constructor(
    readonly reason: StopReason,
    message = `The evaluation worker stopped (${reason}).`
  ) {
    super(message);
  }
}

/** What the evaluator needs of a Web Worker (a Worker, or a stand-in in Node). */
export interface IWorkerLike {
  postMessage(message: WorkerRequest): void;
  terminate(): void;
  onmessage: ((event: { data: WorkerReply }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
}

type Kind = WorkerRequest['kind'];
type Body<K extends Kind> = Omit<
  Extract<WorkerRequest, { kind: K }>,
  'id' | 'kind'
>;

/** Sends requests to a worker in order and hands back its answers. */
export class Evaluator {
  /**
   * @param create - starts a new worker
   * @param watchdogMs - longest wait for one answer before the worker is restarted
   */
  constructor(
    private readonly _create: () => IWorkerLike,
    public watchdogMs: number
  ) {}

  /** Ask the worker; rejects with `WorkerStopped` if it is ended first. */
  request<K extends Kind>(kind: K, body: Body<K>): Promise<IWorkerResults[K]> {
    if (this._disposed) {
      return Promise.reject(new WorkerStopped('disposed'));
    }
    return new Promise<IWorkerResults[K]>((resolve, reject) => {
      const id = ++this._lastId;
      const message = { ...body, kind, id } as unknown as WorkerRequest;
      this._queue.push({
        message,
        resolve: resolve as (value: unknown) => void,
        reject
      });
      this._next();
    });
  }

  /**
   * End the worker, losing its session, and fail the request it is working on; the
   * waiting ones go to a fresh worker.
   */
  restart(reason: StopReason): void {
    this._stop(reason, undefined, false);
    this._restarts += 1;
    this._next();
  }

  /** How many times the worker was ended and replaced. */
  get restarts(): number {
    return this._restarts;
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  /** End the worker for good. */
  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    this._stop('disposed');
  }

  private _worker(): IWorkerLike {
    if (!this._current) {
      const worker = this._create();
      worker.onmessage = event => this._answered(worker, event.data);
      worker.onerror = event => {
        if (worker === this._current) {
          const why = event.message ? `: ${event.message}` : '';
          this._stop(
            this._ready ? 'failed' : 'unavailable',
            `The evaluation worker failed${why}.`
          );
        }
      };
      this._current = worker;
    }
    return this._current;
  }

  private _next(): void {
    if (this._running || this._queue.length === 0 || this._disposed) {
      return;
    }
    const job = this._queue.shift()!;
    this._running = job;
    try {
      this._worker().postMessage(job.message);
    } catch (err) {
      this._stop('failed', `The evaluation worker could not start: ${err}`);
      return;
    }
    // Loading the worker's code is not the cell's time: the watchdog starts once the
    // worker says it is ready, and a worker that never is counts as failed.
    if (this._ready) {
      this._setTimer(this.watchdogMs, () => this.restart('timeout'));
    } else {
      this._setTimer(STARTUP_MS, () =>
        this._stop('failed', 'The evaluation worker did not start.')
      );
    }
  }

  private _answered(worker: IWorkerLike, reply: WorkerReply): void {
    if (worker !== this._current) {
      return;
    }
    if ('ready' in reply) {
      this._ready = true;
      if (this._running) {
        this._setTimer(this.watchdogMs, () => this.restart('timeout'));
      }
      return;
    }
    const job = this._running;
    if (!job || reply.id !== job.message.id) {
      return;
    }
    this._clearWatchdog();
    this._running = null;
    if (reply.ok) {
      job.resolve(reply.result);
    } else {
      job.reject(new WorkerStopped('failed', reply.message));
    }
    this._next();
  }

  private _stop(reason: StopReason, message?: string, all = true): void {
    this._clearWatchdog();
    const failed = this._running ? [this._running] : [];
    if (all) {
      failed.push(...this._queue);
      this._queue = [];
    }
    this._running = null;
    const worker = this._current;
    this._current = null;
    this._ready = false;
    if (worker) {
      worker.onmessage = null;
      worker.onerror = null;
      worker.terminate();
    }
    for (const job of failed) {
      job.reject(new WorkerStopped(reason, message));
    }
  }

  private _setTimer(ms: number, expired: () => void): void {
    this._clearWatchdog();
    this._watchdog = setTimeout(expired, ms);
  }

  private _clearWatchdog(): void {
    if (this._watchdog !== null) {
      clearTimeout(this._watchdog);
      this._watchdog = null;
    }
  }

  private _current: IWorkerLike | null = null;
  private _queue: Private.IJob[] = [];
  private _running: Private.IJob | null = null;
  private _watchdog: ReturnType<typeof setTimeout> | null = null;
  private _ready = false;
  private _lastId = 0;
  private _restarts = 0;
  private _disposed = false;
}

namespace Private {
  export interface IJob {
    message: WorkerRequest;
    resolve: (value: unknown) => void;
    reject: (reason: unknown) => void;
  }
}
