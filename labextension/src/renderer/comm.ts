/**
 * The frontend end of the `plotter.view` comm (SPEC section 5): one comm per kernel,
 * requests numbered by `seq`, each answer matched to its request. It needs nothing but
 * a kernel connection, so a JupyterLite kernel serves it as well as the Python one.
 */

import type { Kernel } from '@jupyterlab/services';
import type { JSONObject } from '@lumino/coreutils';
import type { IDisposable } from '@lumino/disposable';

import type { Diagnostic, Feature, Scene, ViewRequest } from '../core/types';

/** The comm target the kernel registers. */
export const VIEW_TARGET = 'plotter.view';

/** A request without its `seq` (the client numbers requests). */
export interface IViewQuery {
  request: 'view' | 'features';
  display_id: string;
  view: ViewRequest;
  params: Record<string, number>;
}

/** The kernel's answer to one request. */
export interface IViewReply {
  seq: number;
  scene?: Scene;
  features?: Feature[];
  diagnostics?: Diagnostic[];
  superseded?: boolean;
}

/** Why a request got no answer: the plot cannot be redrawn by this kernel now. */
export class NotLiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotLiveError';
  }
}

/** Seconds to wait for an answer: the kernel answers within its cell limit + 1 s. */
export const REPLY_TIMEOUT = 30;

/** Requests to one kernel's `plotter.view` comm. */
export class ViewClient implements IDisposable {
  constructor(kernel: Kernel.IKernelConnection, timeout = REPLY_TIMEOUT) {
    this._kernel = kernel;
    this._timeout = timeout;
    kernel.statusChanged.connect(this._onStatus, this);
    kernel.disposed.connect(this.dispose, this);
  }

  /** The kernel this client talks to. */
  get kernel(): Kernel.IKernelConnection {
    return this._kernel;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /**
   * Send one request; resolves with its answer, rejects with a NotLiveError when the
   * comm closes, the kernel restarts or no answer comes in time.
   */
  request(query: IViewQuery): Promise<IViewReply> {
    if (this._isDisposed) {
      return Promise.reject(new NotLiveError('The kernel is gone.'));
    }
    const seq = ++this._seq;
    return new Promise<IViewReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this._settle(seq)?.reject(
          new NotLiveError('The kernel did not answer in time.')
        );
      }, this._timeout * 1000);
      this._pending.set(seq, { resolve, reject, timer });
      try {
        const comm = this._ensureComm();
        // The kernel publishes no busy or idle for a view request (its shell only
        // queues it), so the future Lab keeps for the message would never be done:
        // drop it now. The answer comes to `onMsg` all the same.
        comm.send({ ...query, seq } as unknown as JSONObject).dispose();
      } catch (reason) {
        this._settle(seq)?.reject(
          new NotLiveError(`The plot's kernel cannot be reached: ${reason}`)
        );
      }
    });
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._kernel.statusChanged.disconnect(this._onStatus, this);
    this._kernel.disposed.disconnect(this.dispose, this);
    this._dropAll('The kernel is gone.');
    if (this._comm && !this._comm.isDisposed) {
      try {
        this._comm.close();
      } catch {
        // The connection is already closed: nothing to tell the kernel.
      }
    }
    this._comm = null;
    Private.clients.delete(this._kernel);
  }

  private _ensureComm(): Kernel.IComm {
    if (this._comm && !this._comm.isDisposed) {
      return this._comm;
    }
    const comm = this._kernel.createComm(VIEW_TARGET);
    comm.onMsg = msg => {
      const data = msg.content.data as unknown as IViewReply;
      if (data && typeof data.seq === 'number') {
        this._settle(data.seq)?.resolve(data);
      }
    };
    comm.onClose = () => {
      if (this._comm === comm) {
        this._comm = null;
      }
      this._dropAll('The kernel closed the plot connection.');
    };
    comm.open({});
    this._comm = comm;
    return comm;
  }

  /** A restart forgets every plot; requests on their way will not be answered. */
  private _onStatus(_: Kernel.IKernelConnection, status: Kernel.Status): void {
    if (
      status === 'restarting' ||
      status === 'autorestarting' ||
      status === 'dead'
    ) {
      this._comm = null;
      this._dropAll('The kernel restarted.');
    }
  }

  private _settle(seq: number): Private.IPending | undefined {
    const pending = this._pending.get(seq);
    if (pending) {
      clearTimeout(pending.timer);
      this._pending.delete(seq);
    }
    return pending;
  }

  private _dropAll(message: string): void {
    for (const seq of Array.from(this._pending.keys())) {
      this._settle(seq)?.reject(new NotLiveError(message));
    }
  }

  private _kernel: Kernel.IKernelConnection;
  private _timeout: number;
  private _comm: Kernel.IComm | null = null;
  private _seq = 0;
  private _pending = new Map<number, Private.IPending>();
  private _isDisposed = false;
}

/** The one client of `kernel`, made on first use (all plots of a notebook share it). */
export function clientFor(kernel: Kernel.IKernelConnection): ViewClient {
  let client = Private.clients.get(kernel);
  if (!client || client.isDisposed) {
    client = new ViewClient(kernel);
    Private.clients.set(kernel, client);
  }
  return client;
}

namespace Private {
  export interface IPending {
    resolve: (reply: IViewReply) => void;
    reject: (reason: unknown) => void;
    timer: ReturnType<typeof setTimeout>;
  }

  export const clients = new WeakMap<Kernel.IKernelConnection, ViewClient>();
}
