/**
 * One plot's requests to the kernel. Up to `depth` are on their way at once, so the
 * kernel draws the next view while the last one travels back to the page; what cannot
 * be sent yet waits, only the latest of each kind. An answer older than one already
 * delivered is dropped, so the picture never steps back.
 */

/** What a plot asks the kernel for. */
export type RequestKind = 'view' | 'features';

/** How a queue sends one request and hands back its answer. */
export interface IQueueOptions<Req, Res> {
  /** Send one request; the promise settles with its answer. */
  send: (kind: RequestKind, request: Req) => Promise<Res>;
  /** An answer arrived that is newer than every answer delivered before. */
  deliver: (kind: RequestKind, response: Res, request: Req) => void;
  /** A request failed: no kernel, the comm closed, no answer in time. */
  fail: (kind: RequestKind, reason: unknown, request: Req) => void;
  /** Whether an answer says the kernel dropped the request for a newer one. */
  superseded?: (response: Res) => boolean;
  /** Requests on their way at once (2: one drawn while the other travels). */
  depth?: number;
}

/** Requests of one plot, a few at a time, the latest of each kind winning. */
export class RequestQueue<Req, Res> {
  constructor(options: IQueueOptions<Req, Res>) {
    this._options = options;
    this._depth = Math.max(1, options.depth ?? 2);
  }

  /** Whether a request is on its way. */
  get busy(): boolean {
    return this._inFlight > 0;
  }

  /** Whether requests are waiting for one on its way. */
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
    while (!this._disposed && this._inFlight < this._depth) {
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
      this._send(kind, request);
    }
  }

  private _send(kind: RequestKind, request: Req): void {
    const order = ++this._sent;
    this._newest.set(kind, order);
    this._inFlight++;
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
            // Dropped by the kernel for a newer request. When that one is not ours (the
            // same output shown twice), ask again unless something newer is on its way.
            if (this._newest.get(kind) === order && !this._waiting.has(kind)) {
              this._waiting.set(kind, request);
            }
            return;
          }
          if (order < (this._delivered.get(kind) ?? 0)) {
            return;
          }
          this._delivered.set(kind, order);
          this._options.deliver(kind, response, request);
        },
        reason => {
          if (!this._disposed) {
            this._options.fail(kind, reason, request);
          }
        }
      )
      .finally(() => {
        this._inFlight--;
        this._pump();
      });
  }

  private _options: IQueueOptions<Req, Res>;
  private _depth: number;
  private _waiting = new Map<RequestKind, Req>();
  private _inFlight = 0;
  private _sent = 0;
  private _newest = new Map<RequestKind, number>();
  private _delivered = new Map<RequestKind, number>();
  private _disposed = false;
}
