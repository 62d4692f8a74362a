/**
 * The frontend end of the `plotter.view` comm (SPEC section 5): one comm per kernel,
 * requests numbered by `seq`, each answer matched to its request. It needs nothing but
 * a kernel connection, so a JupyterLite kernel serves it as well as the Python one.
 */

import type { Kernel } from '@jupyterlab/services';
import type { JSONObject } from '@lumino/coreutils';
import type { IDisposable } from '@lumino/disposable';

import protocol from '../core/protocol.json';
import type { Diagnostic, Feature, Scene, ViewRequest } from '../core/types';

/** The comm target the kernel registers. */
export const VIEW_TARGET = protocol.viewTarget;

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

/** Seconds to wait for an answer once the kernel is free to give it: it answers within
 * its cell limit + 1 s of reaching a request. */
export const REPLY_TIMEOUT = 30;

/** Times a request is sent before its plot says the kernel cannot redraw it. */
export const SENDS = 2;

/**
 * Requests to one kernel's `plotter.view` comm.
 *
 * A plot must never say its kernel is gone while it is alive, so a request is only given
 * up after it went unanswered twice while the kernel was not busy. Two ways a live kernel
 * loses requests are mended at their source: the comm opens only once the subshell Lab
 * gives its messages exists (else its `comm_open` waits behind the cells running on the
 * main shell while its requests overtake it on the subshell, and are dropped); and after
 * a failing cell every unanswered request is sent again on a new comm (JupyterLite drops
 * the messages queued behind a failing cell).
 */
export class ViewClient implements IDisposable {
  constructor(kernel: Kernel.IKernelConnection, timeout = REPLY_TIMEOUT) {
    this._kernel = kernel;
    this._timeout = timeout;
    kernel.statusChanged.connect(this._onStatus, this);
    kernel.anyMessage.connect(this._onAnyMessage, this);
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
    return new Promise<IViewReply>((resolve, reject) => {
      const pending: Private.IPending = {
        query,
        resolve,
        reject,
        seqs: new Set(),
        sends: 0,
        timer: undefined
      };
      this._pending.add(pending);
      this._send(pending);
    });
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._kernel.statusChanged.disconnect(this._onStatus, this);
    this._kernel.anyMessage.disconnect(this._onAnyMessage, this);
    this._kernel.disposed.disconnect(this.dispose, this);
    this._dropAll('The kernel is gone.');
    this._closeComm();
    Private.clients.delete(this._kernel);
  }

  /** Send (again) under a new `seq`; an answer to any of its seqs settles it. */
  private _send(pending: Private.IPending): void {
    const seq = ++this._seq;
    pending.seqs.add(seq);
    pending.sends += 1;
    this._bySeq.set(seq, pending);
    this._arm(pending);
    this._ensureComm().then(
      comm => {
        if (!this._pending.has(pending)) {
          return; // answered or dropped meanwhile
        }
        // The kernel publishes no busy or idle for a view request (its shell only
        // queues it), so the future Lab keeps for the message would never be done:
        // drop it now. The answer comes to `onMsg` all the same.
        comm.send({ ...pending.query, seq } as unknown as JSONObject).dispose();
      },
      reason =>
        this._settle(pending)?.reject(
          new NotLiveError(`The plot's kernel cannot be reached: ${reason}`)
        )
    );
  }

  /** Wait `timeout` seconds for an answer, counting only while the kernel is not busy. */
  private _arm(pending: Private.IPending): void {
    clearTimeout(pending.timer);
    pending.timer = setTimeout(() => {
      if (!this._pending.has(pending)) {
        return;
      }
      if (this._kernel.status === 'busy') {
        this._arm(pending); // queued behind running cells: its turn has not come
      } else if (pending.sends < SENDS) {
        this._closeComm();
        this._send(pending);
      } else {
        this._settle(pending)?.reject(
          new NotLiveError('The kernel did not answer in time.')
        );
      }
    }, this._timeout * 1000);
  }

  /**
   * The open comm. It opens once the kernel's info is known and, where Lab sends comm
   * messages on a subshell, once that subshell exists, so the `comm_open` and every
   * request travel the same way, in order.
   */
  private _ensureComm(): Promise<Kernel.IComm> {
    if (this._comm && !this._comm.comm.isDisposed) {
      return this._comm.ready;
    }
    const comm = this._kernel.createComm(VIEW_TARGET);
    comm.onMsg = msg => {
      const data = msg.content.data as unknown as IViewReply;
      if (data && typeof data.seq === 'number') {
        this._answer(data);
      }
    };
    comm.onClose = () => {
      if (this._comm?.comm === comm) {
        this._comm = null;
        this._dropAll('The kernel closed the plot connection.');
      }
    };
    const ready = Private.subshellOf(this._kernel, comm).then(() => {
      comm.open({});
      return comm;
    });
    this._comm = { comm, ready };
    return ready;
  }

  private _closeComm(): void {
    const open = this._comm;
    this._comm = null;
    if (open && !open.comm.isDisposed) {
      open.comm.onClose = () => undefined;
      void open.ready.then(
        comm => {
          try {
            comm.close();
          } catch {
            // The connection is already closed: nothing to tell the kernel.
          }
        },
        () => undefined
      );
    }
  }

  private _answer(reply: IViewReply): void {
    const pending = this._bySeq.get(reply.seq);
    if (!pending) {
      return;
    }
    if (reply.superseded && pending.seqs.size > 1) {
      // A copy sent again made this one stale: the copy's answer settles it.
      pending.seqs.delete(reply.seq);
      this._bySeq.delete(reply.seq);
      return;
    }
    this._settle(pending)?.resolve(reply);
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

  /** After a failing cell, send again what is unanswered, on a new comm. */
  private _onAnyMessage(
    _: Kernel.IKernelConnection,
    args: Kernel.IAnyMessageArgs
  ): void {
    const { msg, direction } = args;
    if (
      direction !== 'recv' ||
      msg.header.msg_type !== 'execute_reply' ||
      (msg.content as { status?: string }).status !== 'error' ||
      this._pending.size === 0
    ) {
      return;
    }
    this._closeComm();
    for (const pending of Array.from(this._pending)) {
      this._send(pending);
    }
  }

  private _settle(pending: Private.IPending): Private.IPending | undefined {
    if (!this._pending.delete(pending)) {
      return undefined;
    }
    clearTimeout(pending.timer);
    for (const seq of pending.seqs) {
      this._bySeq.delete(seq);
    }
    return pending;
  }

  private _dropAll(message: string): void {
    for (const pending of Array.from(this._pending)) {
      this._settle(pending)?.reject(new NotLiveError(message));
    }
  }

  private _kernel: Kernel.IKernelConnection;
  private _timeout: number;
  private _comm: Private.IOpenComm | null = null;
  private _seq = 0;
  private _pending = new Set<Private.IPending>();
  private _bySeq = new Map<number, Private.IPending>();
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
  /** A request not yet answered, under every `seq` it was sent with. */
  export interface IPending {
    query: IViewQuery;
    resolve: (reply: IViewReply) => void;
    reject: (reason: unknown) => void;
    seqs: Set<number>;
    sends: number;
    timer: ReturnType<typeof setTimeout> | undefined;
  }

  /** A comm and the promise that it is open. */
  export interface IOpenComm {
    comm: Kernel.IComm;
    ready: Promise<Kernel.IComm>;
  }

  export const clients = new WeakMap<Kernel.IKernelConnection, ViewClient>();

  /**
   * Resolves once `comm`'s messages have where to go: the kernel's info is known and,
   * where Lab sends comm messages on a subshell (JupyterLab 4.4+), that subshell exists.
   * A subshell that cannot be made leaves the comm on the main shell.
   */
  export async function subshellOf(
    kernel: Kernel.IKernelConnection,
    comm: Kernel.IComm
  ): Promise<void> {
    await kernel.info;
    const started = (comm as { subshellStarted?: Promise<void> })
      .subshellStarted;
    if (kernel.supportsSubshells && started) {
      await started.catch(() => undefined);
    }
  }
}
