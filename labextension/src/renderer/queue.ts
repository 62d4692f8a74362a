/**
 * One plot's requests to the kernel: one in flight, and for each kind only the latest
 * waiting. A drag sends what it can and draws every answer on the way, while a
 * slower kernel only ever works on the newest view. (A second request on its way was
 * measured too: where page, server and kernel share the CPU, it only adds load and the
 * redraws come later; see benchmarks/interactive_bench.py.)
 */

/** What a plot asks the kernel for. */
export type RequestKind = 'view' | 'features';

/** How a queue sends one request and hands back its answer. */
export interface IQueueOptions<Req, Res> {
  /** Send one request; the promise settles with its answer. */
  send: (kind: RequestKind, request: Req) => Promise<Res>;
  /** An answer arrived (also for a request that is no longer the newest). */
  deliver: (kind: RequestKind, response: Res, request: Req) => void;
  /** A request failed: no kernel, the comm closed, no answer in time. */
  fail: (kind: RequestKind, reason: unknown, request: Req) => void;
  /** Whether an answer says the kernel dropped the request for a newer one. */
  superseded?: (response: Res) => boolean;
}

/** Requests of one plot, sent one at a time, the latest of each kind winning. */
export class RequestQueue<Req, Res> {
  constructor(options: IQueueOptions<Req, Res>) {
    this._options = options;
  }

  /** Whether a request is on its way. */
  get busy(): boolean {
    return this._busy;
  }

  /** Whether requests are waiting for the one in flight. */
  get waiting(): number {
    return this._waiting.size;
  }

  /** Ask for `request`; an older waiting request of the same kind is dropped. */
  push(kind: RequestKind, request: Req): void {
    if (this._disposed) {
      return;
    }
    this._waiting.set(kind, request);
    this._pump();
  }

  /** Drop what waits; an answer still on its way is not delivered. */
  dispose(): void {
    this._disposed = true;
    this._waiting.clear();
  }

  private _pump(): void {
    if (this._busy || this._disposed) {
      return;
    }
    const kind: RequestKind | undefined = this._waiting.has('view')
      ? 'view'
      : this._waiting.has('features')
        ? 'features'
        : undefined;
    if (kind === undefined) {
      return;
    }
    const request = this._waiting.get(kind) as Req;
    this._waiting.delete(kind);
    this._busy = true;
    let sent: Promise<Res>;
    try {
      sent = this._options.send(kind, request);
    } catch (reason) {
      sent = Promise.reject(reason);
    }
    sent
      .then(
        response => {
          if (this._disposed) {
            return;
          }
          if (this._options.superseded?.(response)) {
            // Dropped by the kernel for another request: ask again unless newer waits.
            if (!this._waiting.has(kind)) {
              this._waiting.set(kind, request);
            }
            return;
          }
          this._options.deliver(kind, response, request);
        },
        reason => {
          if (!this._disposed) {
            this._options.fail(kind, reason, request);
          }
        }
      )
      .finally(() => {
        this._busy = false;
        this._pump();
      });
  }

  private _options: IQueueOptions<Req, Res>;
  private _waiting = new Map<RequestKind, Req>();
  private _busy = false;
  private _disposed = false;
}
