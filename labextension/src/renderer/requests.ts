/**
 * The plot's conversation with its kernel: the requests for a re-sampled view or for
 * points of interest (one at a time, through `queue.ts` and the `comm.ts` client),
 * what is done with each answer, the catching up once the plot rests, and the note
 * shown when the kernel cannot redraw the plot. What to ask for and how to draw an
 * answer come from the widget through `IRequestHost`.
 */

import type { Kernel } from '@jupyterlab/services';

import type { Feature, Scene } from '../core/types';
import { clientFor, IViewQuery, IViewReply, NotLiveError } from './comm';
import { RequestKind, RequestQueue } from './queue';
import { MARGIN, Values } from './state';
import { readScene } from './validate';
import { IView, padded } from './view';

/** Finds the kernel of the notebook an output is in, when it has one. */
export type KernelGetter = () => Kernel.IKernelConnection | null;

/** The quiet note of a plot that cannot be re-sampled. */
export const RERUN_NOTE = 'Re-run the cell to redraw.';

/** Quiet time after the last redrawn view, in ms, before the plot catches up once: the
 * margin sampled again (a slider asks without one) and points of interest on show
 * sought again in the view. A drag asks once, when it rests. */
const REST = 200;

/** What the requests read from the plot and hand back to it. */
export interface IRequestHost {
  /** The view shown now: what a request asks for. */
  view(): IView;
  /** The sliders' values now. */
  params(): Values;
  /** Whether the output still holds a scene to draw. */
  live(): boolean;
  /** Whether the picture is the kernel's sampling of the view shown. */
  exact(): boolean;
  /** Whether a new scene is due: not exact, or the margin half used up. */
  needsScene(): boolean;
  /** Whether points of interest are on show (to seek them again at rest). */
  seeking(): boolean;
  /** Draw the kernel's re-sampled `scene`, the answer to `query`. */
  drawScene(scene: Scene, query: IViewQuery): void;
  /** Show the points of interest the kernel found in view. */
  showFeatures(features: Feature[]): void;
  /** Show the plot's note, or (null) hide it; `detail` is its tooltip. */
  note(text: string | null, detail?: string): void;
}

/** One plot's requests to the kernel and the handling of their answers. */
export class PlotRequests {
  constructor(kernel: KernelGetter, host: IRequestHost) {
    this._kernel = kernel;
    this._host = host;
    this._queue = new RequestQueue<IViewQuery, IViewReply>({
      send: (_, query) => this._send(query),
      deliver: (kind, reply, query) => this._answered(kind, reply, query),
      fail: (_, reason) => this._unreachable(reason),
      superseded: reply => reply.superseded === true
    });
  }

  /** A new output to ask about: its display id; nothing forgotten or answered yet. */
  reset(displayId: string | null): void {
    this._displayId = displayId;
    this._forgotten = false;
    this._drawnQuery = null;
  }

  /** Ask for the view shown, widened by `margin`. */
  askView(margin = MARGIN): void {
    this.ask('view', margin);
  }

  /** Ask for `kind` about the view shown (widened by `margin`), or say to re-run
   * the cell when the kernel cannot be asked. */
  ask(kind: RequestKind, margin = 0): void {
    const query = this._query(kind, margin);
    if (this._forgotten || !query) {
      this._host.note(
        RERUN_NOTE,
        'This plot cannot be redrawn by the kernel now.'
      );
      return;
    }
    this._queue.push(kind, query);
  }

  /** Once redrawn views stop coming: sample the margin again if it is used up, and
   * seek the points of interest on show again in the view shown (they were found in
   * another view or with other values). */
  restSoon(): void {
    clearTimeout(this._restTimer);
    this._restTimer = setTimeout(() => {
      if (this._disposed || this._forgotten) {
        return;
      }
      if (this._host.needsScene() && this._catchUp()) {
        return; // its answer rests again, and then seeks the points
      }
      if (this._host.seeking()) {
        this.ask('features');
      }
    }, REST);
  }

  /** Do not catch up: the output no longer shows a live plot. */
  stopResting(): void {
    clearTimeout(this._restTimer);
  }

  dispose(): void {
    this._disposed = true;
    clearTimeout(this._restTimer);
    this._queue.dispose();
  }

  /** A request for the view shown, widened by `margin` (a scene's; points of
   * interest are sought in view only). */
  private _query(request: RequestKind, margin = 0): IViewQuery | null {
    if (!this._displayId) {
      return null;
    }
    const v = padded(this._host.view(), margin);
    return {
      request,
      display_id: this._displayId,
      view: {
        x: [v.x0, v.x1],
        y: [v.y0, v.y1],
        width: v.width,
        height: v.height
      },
      params: this._host.params()
    };
  }

  private _send(query: IViewQuery): Promise<IViewReply> {
    const kernel = this._kernel();
    if (!kernel) {
      return Promise.reject(new NotLiveError('No kernel is connected.'));
    }
    return clientFor(kernel).request(query);
  }

  private _answered(
    kind: RequestKind,
    reply: IViewReply,
    query: IViewQuery
  ): void {
    const host = this._host;
    if (!host.live()) {
      return; // the output no longer holds a scene to draw
    }
    if (kind === 'view' && reply.scene) {
      const check = readScene(reply.scene);
      if (!check.scene) {
        host.note(
          RERUN_NOTE,
          `The kernel's plot cannot be drawn: ${check.problem}.`
        );
        return;
      }
      host.note(null);
      this._drawnQuery = query;
      host.drawScene(check.scene, query);
      this.restSoon();
      if (!host.exact() && !this._queue.waiting) {
        // The view moved on without asking while this scene was on its way (the
        // margin held it then): ask for where it is now.
        this._catchUp();
      }
      return;
    }
    if (kind === 'features' && reply.features) {
      host.note(null);
      host.showFeatures(reply.features);
      return;
    }
    const diagnostics = reply.diagnostics ?? [];
    if (diagnostics.some(d => d.code === 'bad-request')) {
      // The kernel restarted or forgot this output: only a re-run brings it back.
      this._forgotten = true;
      host.note(RERUN_NOTE, diagnostics.map(d => d.message).join('\n'));
    } else if (diagnostics.length > 0) {
      host.note(diagnostics[0].message);
    }
  }

  /** Ask for the view shown with its margin, unless the scene drawn is the answer to
   * that very request (a kernel that cannot give the margin is not asked again and
   * again). Whether it asked. */
  private _catchUp(): boolean {
    const query = this._query('view', MARGIN);
    const drawn = this._drawnQuery;
    if (!query || (drawn && sameQuery(query, drawn))) {
      return false;
    }
    this._queue.push('view', query);
    return true;
  }

  private _unreachable(reason: unknown): void {
    const detail = reason instanceof Error ? reason.message : String(reason);
    this._host.note(RERUN_NOTE, detail);
  }

  private _kernel: KernelGetter;
  private _host: IRequestHost;
  private _queue: RequestQueue<IViewQuery, IViewReply>;
  private _displayId: string | null = null;
  /** Whether the kernel forgot this output: only a re-run brings it back. */
  private _forgotten = false;
  /** The request the scene drawn answers (null for the cell's own scene). */
  private _drawnQuery: IViewQuery | null = null;
  private _restTimer: ReturnType<typeof setTimeout> | undefined;
  private _disposed = false;
}

/** Whether two requests ask for the same view with the same values. */
export function sameQuery(a: IViewQuery, b: IViewQuery): boolean {
  return (
    JSON.stringify([a.view, a.params]) === JSON.stringify([b.view, b.params])
  );
}
