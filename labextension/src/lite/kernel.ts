/**
 * The Graphing Calculator kernel of JupyterLite: a thin shell that translates the
 * Jupyter protocol to the evaluation worker, answering like the Python kernel.
 */

import type { KernelMessage } from '@jupyterlab/services';
import { BaseKernel } from '@jupyterlite/services';
import type { IKernel } from '@jupyterlite/services';

import {
  answer,
  cellProblem,
  emptyOutcome,
  internalProblem,
  unavailable
} from '../core/cell';
import type { Message } from '../core/cell';
import type { IProblem } from '../core/errors';
import protocol from '../core/protocol.json';
import { Evaluator, WorkerStopped } from './evaluator';
import type { IWorkerLike } from './evaluator';
import { Outputs } from './outputs';
import type { IExecuted, IRunSettings } from './protocol';
import { tableFiles } from './tables';
import type { ReadFile } from './tables';
import { TARGET, ViewScheduler, readRequest, requestDiagnostic } from './views';
import type { IViewReply } from './views';

/** The version the kernel reports (the package's). */
export const VERSION = '0.1.0';

/** Seconds the watchdog adds to the cell's own time limit before it restarts the worker. */
export const WATCHDOG_GRACE = 2;

/** `language_info` exactly as the Python kernel reports it. */
export const LANGUAGE_INFO = { ...protocol.languageInfo, version: VERSION };

/** What becomes of the session when the worker is ended. */
const LOST =
  'The calculator was restarted, so the functions and parameters of earlier cells are gone: run those cells again.';

/** What a student sees when the calculator's engine could not be loaded. */
export const UNAVAILABLE =
  'The calculator could not load; reconnect and reload.';

/** Where a comm reply goes: the comm and the request it answers. */
interface IReplyTo {
  commId: string;
  header: KernelMessage.IHeader<KernelMessage.MessageType>;
}

/** A Plotter kernel running in the browser. */
export class PlotterKernel extends BaseKernel {
  constructor(options: PlotterKernel.IOptions) {
    super(options);
    this._settings = options.settings;
    this._readFile = options.readFile ?? null;
    this._evaluator = new Evaluator(
      options.createWorker,
      (options.secondsPerCell + WATCHDOG_GRACE) * 1000
    );
    this._views = new ViewScheduler<IReplyTo>(
      data => this._answerView(data),
      (reply, to) => this._sendView(reply, to)
    );
  }

  /** The programs of the recent drawing outputs, for the `plotter.view` comm. */
  get outputs(): Outputs {
    return this._outputs;
  }

  /**
   * Stop the running cell: the worker is ended and a fresh one started (the session's
   * definitions are lost, and the cell's reply says so). Does nothing when no cell runs.
   */
  interrupt(): void {
    if (this._executing) {
      this._evaluator.restart('interrupted');
    }
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._evaluator.dispose();
    super.dispose();
  }

  async kernelInfoRequest(): Promise<KernelMessage.IInfoReplyMsg['content']> {
    return {
      status: 'ok',
      protocol_version: '5.3',
      implementation: protocol.implementation,
      implementation_version: VERSION,
      language_info: LANGUAGE_INFO,
      banner: protocol.banner,
      help_links: []
    };
  }

  /** Run the cell in the worker and send the messages the core built for it, in order. */
  async executeRequest(
    content: KernelMessage.IExecuteRequestMsg['content']
  ): Promise<KernelMessage.IExecuteReplyMsg['content']> {
    const parent = this.parentHeader;
    const code = typeof content.code === 'string' ? content.code : '';
    const count = this.executionCount;
    const silent = !!content.silent;
    let done: IExecuted;
    this._executing = true;
    try {
      const read = this._readFile;
      const files = read ? await tableFiles(code, this.location, read) : {};
      done = await this._evaluator.request('execute', {
        code,
        settings: this._settings,
        count,
        silent,
        files
      });
    } catch (err) {
      const options = { count, silent };
      if (err instanceof WorkerStopped && err.reason === 'unavailable') {
        // The engine never loaded: say so, with no line to blame.
        done = { ...unavailable(UNAVAILABLE, options), stored: [] };
      } else {
        // The worker is gone: the core still answers, with the problem at the first statement.
        const outcome = emptyOutcome([stoppedProblem(code.split('\n'), err)]);
        const stopped = answer(
          outcome,
          code,
          this._outputs,
          this._settings,
          options
        );
        done = { ...stopped, stored: [] };
      }
    } finally {
      this._executing = false;
    }
    for (const [displayId, stored] of done.stored) {
      this._outputs.add(displayId, stored);
    }
    for (const message of done.messages) {
      this._send(message, parent);
    }
    return done.reply as unknown as KernelMessage.IExecuteReplyMsg['content'];
  }

  async completeRequest(
    content: KernelMessage.ICompleteRequestMsg['content']
  ): Promise<KernelMessage.ICompleteReplyMsg['content']> {
    const code = String(content.code ?? '');
    const cursor =
      typeof content.cursor_pos === 'number' ? content.cursor_pos : code.length;
    let found = {
      matches: [] as string[],
      cursor_start: cursor,
      cursor_end: cursor
    };
    try {
      found = await this._evaluator.request('complete', {
        code,
        cursor
      });
    } catch {
      // no completions is the answer when the worker could not give any
    }
    return { status: 'ok', ...found, metadata: {} };
  }

  async inspectRequest(
    content: KernelMessage.IInspectRequestMsg['content']
  ): Promise<KernelMessage.IInspectReplyMsg['content']> {
    const code = String(content.code ?? '');
    let text: string | null = null;
    try {
      text = await this._evaluator.request('inspect', {
        code,
        cursor: content.cursor_pos
      });
    } catch {
      text = null;
    }
    return {
      status: 'ok',
      found: text !== null,
      data: text !== null ? { 'text/plain': text } : {},
      metadata: {}
    };
  }

  async isCompleteRequest(
    content: KernelMessage.IIsCompleteRequestMsg['content']
  ): Promise<KernelMessage.IIsCompleteReplyMsg['content']> {
    let status: 'complete' | 'incomplete' | 'invalid' | 'unknown' = 'unknown';
    try {
      status = await this._evaluator.request('isComplete', {
        code: String(content.code ?? '')
      });
    } catch {
      status = 'unknown';
    }
    return status === 'incomplete' ? { status, indent: '' } : { status };
  }

  async commInfoRequest(
    content: KernelMessage.ICommInfoRequestMsg['content']
  ): Promise<KernelMessage.ICommInfoReplyMsg['content']> {
    const comms: Record<string, { target_name: string }> = {};
    if (!content.target_name || content.target_name === TARGET) {
      for (const id of this._comms) {
        comms[id] = { target_name: TARGET };
      }
    }
    return { status: 'ok', comms };
  }

  inputReply(content: KernelMessage.IInputReplyMsg['content']): void {
    // the calculator never asks for input
  }

  async commOpen(msg: KernelMessage.ICommOpenMsg): Promise<void> {
    const { comm_id: commId, target_name: target } = msg.content;
    if (target === TARGET) {
      this._comms.add(commId);
      return;
    }
    // An unknown target is closed at once, as ipykernel does.
    this._closed.add(commId);
    this.handleComm(
      'comm_close',
      { comm_id: commId, data: {} },
      {},
      [],
      msg.header
    );
  }

  /**
   * A request on the view comm is only queued, so it gets no busy or idle, as with the
   * Python kernel: each status would make the page redraw its kernel indicators.
   */
  async handleMessage(msg: KernelMessage.IMessage): Promise<void> {
    if (msg.header.msg_type === 'comm_msg') {
      const commMsg = msg as KernelMessage.ICommMsgMsg;
      if (!this._closed.has(commMsg.content.comm_id)) {
        return this.commMsg(commMsg);
      }
    }
    return super.handleMessage(msg);
  }

  async commMsg(msg: KernelMessage.ICommMsgMsg): Promise<void> {
    const commId = msg.content.comm_id;
    if (this._closed.has(commId)) {
      return;
    }
    // JupyterLite drops the messages waiting for the kernel when a cell fails, a
    // comm_open among them: a message on a comm not seen open is taken as the view
    // comm's, the only target this kernel has.
    this._comms.add(commId);
    // Answered later from the scheduler: the kernel stays free for newer requests.
    this._views.submit(msg.content.data, { commId, header: msg.header });
  }

  async commClose(msg: KernelMessage.ICommCloseMsg): Promise<void> {
    this._comms.delete(msg.content.comm_id);
    this._closed.add(msg.content.comm_id);
  }

  /** Send one IOPub message of a cell, under the execute request's header. */
  private _send(
    [type, content]: Message,
    parent: KernelMessage.IHeader<KernelMessage.MessageType> | undefined
  ): void {
    switch (type) {
      case 'display_data':
        this.displayData(
          content as unknown as KernelMessage.IDisplayDataMsg['content'],
          parent
        );
        break;
      case 'execute_result':
        this.publishExecuteResult(
          content as unknown as KernelMessage.IExecuteResultMsg['content'],
          parent
        );
        break;
      case 'stream':
        this.stream(
          content as unknown as KernelMessage.IStreamMsg['content'],
          parent
        );
        break;
      case 'error':
        this.publishExecuteError(
          content as unknown as KernelMessage.IErrorMsg['content'],
          parent
        );
        break;
    }
  }

  /** The reply to one comm request; never rejects. */
  private async _answerView(data: unknown): Promise<IViewReply> {
    const read = readRequest(data, this._outputs);
    if (read.answer) {
      return read.answer;
    }
    try {
      const answer = await this._evaluator.request('view', {
        job: read.job,
        settings: this._settings
      });
      return { seq: read.seq, ...answer };
    } catch (err) {
      const message =
        err instanceof WorkerStopped && err.reason === 'timeout'
          ? 'This view took too long to draw; the calculator was restarted.'
          : 'This view could not be drawn; run the cell again.';
      const code =
        read.job.request === 'features' ? 'features-failed' : 'view-failed';
      return {
        seq: read.seq,
        diagnostics: [requestDiagnostic(message, 1, code)]
      };
    }
  }

  private _sendView(reply: IViewReply, to: IReplyTo): void {
    if (this.isDisposed) {
      return;
    }
    this.handleComm(
      'comm_msg',
      {
        comm_id: to.commId,
        data: reply as unknown as KernelMessage.ICommMsgMsg['content']['data']
      },
      {},
      [],
      to.header
    );
  }

  private _settings: IRunSettings;
  private _readFile: ReadFile | null;
  private _evaluator: Evaluator;
  private _views: ViewScheduler<IReplyTo>;
  private _outputs = new Outputs();
  private _comms = new Set<string>();
  private _closed = new Set<string>();
  private _executing = false;
}

export namespace PlotterKernel {
  /** How to make a Plotter kernel. */
  export interface IOptions extends IKernel.IOptions {
    /** Starts an evaluation worker (again after an interrupt). */
    createWorker: () => IWorkerLike;
    /** Figure size and limits of every cell. */
    settings: IRunSettings;
    /** The cell time limit, which the watchdog extends by `WATCHDOG_GRACE`. */
    secondsPerCell: number;
    /**
     * Reads a table file at `full` (from the contents' root; `path` as the cell wrote
     * it): its text, or why not. Without it, tables are not available.
     */
    readFile?: ReadFile;
  }
}

/** The problem of a cell whose worker was ended or failed before it answered. */
function stoppedProblem(lines: string[], err: unknown): IProblem {
  const reason = err instanceof WorkerStopped ? err.reason : 'failed';
  if (reason === 'interrupted') {
    return cellProblem(
      lines,
      'KeyboardInterrupt',
      `The calculation was interrupted. ${LOST}`,
      'interrupted'
    );
  }
  if (reason === 'timeout') {
    return cellProblem(
      lines,
      'ResourceError',
      `This cell took too long, so it was stopped. ${LOST}`,
      'time-limit'
    );
  }
  return internalProblem(lines);
}
