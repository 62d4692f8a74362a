/**
 * Error highlight: listen to the kernel's messages and mark each cell's diagnostics in its editor.
 *
 * JupyterLab's `KernelError` keeps only ename/evalue/traceback, so the
 * diagnostics are read from the messages themselves: the `execute_request`
 * names the cell (metadata `cellId`) and the code run; its `execute_reply`
 * carries the diagnostics (the iopub `error` carries none: it is saved into the
 * notebook, where nbformat allows only ename, evalue and traceback).
 */

import { CodeEditor } from '@jupyterlab/codeeditor';
import { CodeMirrorEditor } from '@jupyterlab/codemirror';
import { Cell, ICellModel } from '@jupyterlab/cells';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { Kernel, KernelMessage } from '@jupyterlab/services';
import { IDisposable } from '@lumino/disposable';

import { showMarks } from './marks';
import { readDiagnostics, toEditorMarks } from './ranges';
import { syntaxDiagnostics } from './core/editor';
import {
  DIAGNOSTIC_SOURCE,
  IEditorMark,
  IPlotterDiagnostic,
  PLOTTER_MIME
} from './tokens';

/**
 * Keeps the diagnostics of every cell run in a tracked notebook and shows
 * them in the cell editors; between runs, a Plotter cell shows the syntax
 * mistakes of what is being typed.
 */
export class DiagnosticsHighlighter implements IDisposable {
  /** Start watching the notebooks of `tracker`. */
  constructor(tracker: INotebookTracker) {
    this._tracker = tracker;
    tracker.widgetAdded.connect(this._onNotebook, this);
    tracker.forEach(panel => this._onNotebook(tracker, panel));
  }

  /** Whether any diagnostics are shown; turning it off clears every mark. */
  get enabled(): boolean {
    return this._enabled;
  }
  set enabled(value: boolean) {
    if (value === this._enabled) {
      return;
    }
    this._enabled = value;
    if (!value) {
      this._tracker.forEach(panel => {
        for (const cell of panel.content.widgets) {
          this._store.delete(cell.model);
        }
      });
    }
    this._refresh();
  }

  /** Whether syntax mistakes are also underlined while typing, before a run. */
  get whileTyping(): boolean {
    return this._whileTyping;
  }
  set whileTyping(value: boolean) {
    if (value !== this._whileTyping) {
      this._whileTyping = value;
      this._refresh();
    }
  }

  /** Whether the highlighter has been disposed. */
  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /**
   * Marks an editor of `model` showing `text` should have: the last
   * diagnostics of that cell if `text` is the code of that run, else the
   * syntax mistakes of `text` in a Plotter cell.
   */
  marksFor(model: CodeEditor.IModel, text: string): IEditorMark[] {
    const stored = this._store.get(model);
    if (!this._enabled) {
      return [];
    }
    if (stored && text === stored.code) {
      return toEditorMarks(stored.diagnostics, text);
    }
    if (this._whileTyping && model.mimeType === PLOTTER_MIME) {
      return toEditorMarks(syntaxDiagnostics(text), text);
    }
    return [];
  }

  /** Stop listening to notebooks and kernels. */
  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._tracker.widgetAdded.disconnect(this._onNotebook, this);
    for (const [kernel, handler] of this._kernels) {
      kernel.anyMessage.disconnect(handler);
    }
    this._kernels.clear();
    this._pending.clear();
  }

  /** Show in every rendered cell editor the marks it should have now. */
  private _refresh(): void {
    this._tracker.forEach(panel => {
      for (const cell of panel.content.widgets) {
        const text = cell.model.sharedModel.getSource();
        Private.show(cell, this.marksFor(cell.model, text));
      }
    });
  }

  private _onNotebook(_: INotebookTracker, panel: NotebookPanel): void {
    const session = panel.sessionContext;
    const watch = (): void => {
      const kernel = session.session?.kernel ?? null;
      if (kernel && !this._kernels.has(kernel)) {
        const handler = (
          _sender: Kernel.IKernelConnection,
          args: Kernel.IAnyMessageArgs
        ): void => this._onMessage(args);
        kernel.anyMessage.connect(handler);
        this._kernels.set(kernel, handler);
        kernel.disposed.connect(() => this._kernels.delete(kernel));
      }
    };
    session.kernelChanged.connect(watch);
    watch();
  }

  private _onMessage(args: Kernel.IAnyMessageArgs): void {
    if (this._isDisposed) {
      return;
    }
    const { msg, direction } = args;
    if (direction === 'send') {
      if (Private.isExecuteRequest(msg)) {
        this._onRequest(msg);
      }
      return;
    }
    const parentId = Private.parentId(msg);
    const run = parentId ? this._pending.get(parentId) : undefined;
    if (!run) {
      return;
    }
    if (msg.header.msg_type !== 'execute_reply') {
      return;
    }
    this._pending.delete(parentId);
    const diagnostics = readDiagnostics(msg.content);
    if (diagnostics) {
      this._apply(
        run,
        diagnostics.filter(
          d => d.source === undefined || d.source === DIAGNOSTIC_SOURCE
        )
      );
    }
  }

  private _onRequest(msg: KernelMessage.IExecuteRequestMsg): void {
    const cellId = msg.metadata['cellId'];
    if (typeof cellId !== 'string') {
      return;
    }
    const cell = this._findCell(cellId);
    if (!cell) {
      return;
    }
    const run: Private.IRun = { model: cell.model, code: msg.content.code };
    this._pending.set(msg.header.msg_id, run);
    // A re-run makes the previous marks stale.
    this._store.delete(cell.model);
    Private.show(cell, []);
  }

  private _apply(run: Private.IRun, diagnostics: IPlotterDiagnostic[]): void {
    if (!this._enabled) {
      return;
    }
    const text = run.model.sharedModel.getSource();
    if (text !== run.code) {
      return; // edited while running: these positions no longer apply
    }
    this._store.set(run.model, { code: run.code, diagnostics });
    const cell = this._findCellByModel(run.model);
    if (cell) {
      Private.show(cell, toEditorMarks(diagnostics, text));
    }
  }

  private _findCell(cellId: string): Cell | null {
    let found: Cell | null = null;
    this._tracker.forEach(panel => {
      found ??= panel.content.widgets.find(c => c.model.id === cellId) ?? null;
    });
    return found;
  }

  private _findCellByModel(model: ICellModel): Cell | null {
    let found: Cell | null = null;
    this._tracker.forEach(panel => {
      found ??= panel.content.widgets.find(c => c.model === model) ?? null;
    });
    return found;
  }

  private _enabled = true;
  private _whileTyping = true;
  private _isDisposed = false;
  private _tracker: INotebookTracker;
  private _kernels = new Map<
    Kernel.IKernelConnection,
    (sender: Kernel.IKernelConnection, args: Kernel.IAnyMessageArgs) => void
  >();
  private _pending = new Map<string, Private.IRun>();
  private _store = new WeakMap<CodeEditor.IModel, Private.IStored>();
}

namespace Private {
  /** An execution in flight: which cell, with which code. */
  export interface IRun {
    model: ICellModel;
    code: string;
  }

  /** Diagnostics of a cell's last run and the code they refer to. */
  export interface IStored {
    code: string;
    diagnostics: IPlotterDiagnostic[];
  }

  /** The `msg_id` of the request a message answers, if any. */
  export function parentId(msg: KernelMessage.IMessage): string {
    const parent = msg.parent_header;
    return 'msg_id' in parent ? parent.msg_id : '';
  }

  /** True for an `execute_request` on the shell channel. */
  export function isExecuteRequest(
    msg: KernelMessage.IMessage
  ): msg is KernelMessage.IExecuteRequestMsg {
    return msg.channel === 'shell' && msg.header.msg_type === 'execute_request';
  }

  /** Put `marks` in the cell's editor, if it has been rendered. */
  export function show(cell: Cell, marks: IEditorMark[]): void {
    const editor = cell.editor;
    if (editor instanceof CodeMirrorEditor) {
      showMarks(editor.editor, marks);
    }
  }
}
