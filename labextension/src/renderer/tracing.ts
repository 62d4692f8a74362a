/**
 * The trace state of one plot: the point under the pointer (hover) and the keyboard
 * trace stepping along a curve, with what each step says in the read-out. The maths
 * of a trace (nearest point, steps, read-out text) is in `trace.ts`; this module keeps
 * where the trace is between events.
 */

import type { Item, Program } from '../core/types';
import {
  Along,
  alongOf,
  ITracePoint,
  nearestPoint,
  pointAt,
  positionNear,
  startAt,
  stepFrom,
  traceable,
  traceText
} from './trace';
import type { IView } from './view';

/** What a trace reads of the plot: the items drawn, the program, the view shown. */
export interface ITraceScene {
  items: readonly Item[];
  program: Program | undefined;
  view: IView;
}

/** The traced point as drawn: data coordinates and the curve's colour. */
export interface ITraced {
  x: number;
  y: number;
  color: string;
  /** What a statistics plot says there, in place of the coordinates. */
  text?: string;
}

/** The keyboard trace: a curve, how it is walked, and where on it. */
interface IKeyTrace {
  itemId: string;
  along: Along;
  t: number;
  /** What a statistics plot says where the trace is. */
  text?: string;
}

/** Where the plot's trace is: under the pointer, or stepped to with the keys. */
export class Tracer {
  /**
   * `say` puts a sentence in the read-out; `repaint` draws the traced point again.
   */
  constructor(say: (text: string) => void, repaint: () => void) {
    this._say = say;
    this._repaint = repaint;
  }

  /** Whether the keyboard trace is on. */
  get active(): boolean {
    return this._key !== null;
  }

  /** The curve the keyboard trace is on, if it is on. */
  get itemId(): string | null {
    return this._key?.itemId ?? null;
  }

  /** A new scene: no trace. */
  clear(): void {
    this._hover = null;
    this._key = null;
  }

  /** The pointer is at pixel (px, py): trace the point of a curve under it, if any. */
  hoverAt(scene: ITraceScene, px: number, py: number): void {
    this._hover = nearestPoint(scene.items, scene.view, px, py);
    this._repaint();
  }

  /** The pointer drags: it no longer traces (the drag's paint follows). */
  unhover(): void {
    this._hover = null;
  }

  /** The pointer left the plot: its traced point goes. */
  leave(): void {
    if (this._hover) {
      this._hover = null;
      this._repaint();
    }
  }

  /** The traced point: the keyboard trace's, else the one under the pointer. */
  point(items: readonly Item[]): ITraced | null {
    const key = this._key;
    if (key) {
      const item = items.find(i => i.id === key.itemId);
      if (item) {
        const [x, y] = pointAt(item, key.along, key.t);
        return Number.isFinite(x) && Number.isFinite(y)
          ? { x, y, color: item.color, ...Private.text(key.text) }
          : null;
      }
    }
    const hover = this._hover;
    if (hover) {
      const item = items.find(i => i.id === hover.itemId);
      return {
        x: hover.x,
        y: hover.y,
        color: item?.color ?? '#000000',
        ...Private.text(hover.text)
      };
    }
    return null;
  }

  /** Start the keyboard trace on the first curve, in view. */
  start(scene: ITraceScene): void {
    const curves = traceable(scene.items);
    if (curves.length === 0) {
      this._say('There is no curve to trace in this plot.');
      return;
    }
    const item = curves[0];
    const along = alongOf(item, scene.program);
    this._key = {
      itemId: item.id,
      along,
      t: startAt(item, along, scene.view)
    };
    this._announce(scene, true);
  }

  stop(): void {
    this._key = null;
    this._repaint();
    this._say('Trace off.');
  }

  /** Step the keyboard trace along its curve (or start it when its curve is gone). */
  move(scene: ITraceScene, direction: 1 | -1): void {
    const key = this._key;
    const item = key && scene.items.find(i => i.id === key.itemId);
    if (!key || !item) {
      this.start(scene);
      return;
    }
    key.t = stepFrom(item, key.along, key.t, direction, scene.view);
    this._announce(scene, false);
  }

  /** Move the keyboard trace to the previous or next curve, near where it was. */
  switchCurve(scene: ITraceScene, direction: 1 | -1): void {
    const key = this._key;
    const curves = traceable(scene.items);
    if (!key || curves.length === 0) {
      return;
    }
    const k = curves.findIndex(i => i.id === key.itemId);
    const next = curves[(k + direction + curves.length) % curves.length];
    const current = curves[k];
    const [x, y] = current ? pointAt(current, key.along, key.t) : [NaN, NaN];
    const along = alongOf(next, scene.program);
    const t = Number.isFinite(x)
      ? positionNear(next, along, x, y)
      : startAt(next, along, scene.view);
    this._key = { itemId: next.id, along, t };
    this._announce(scene, true);
  }

  /** Say where the keyboard trace is (with its curve's label) and draw it. */
  private _announce(scene: ITraceScene, withLabel: boolean): void {
    const key = this._key;
    const item = key && scene.items.find(i => i.id === key.itemId);
    if (!key || !item) {
      return;
    }
    const [x, y] = pointAt(item, key.along, key.t);
    const text = traceText(item, scene.view, x, y);
    key.text = item.bars || item.box ? text : undefined;
    this._say(withLabel ? `${item.label}: ${text}` : text);
    this._repaint();
  }

  private _say: (text: string) => void;
  private _repaint: () => void;
  private _hover: ITracePoint | null = null;
  private _key: IKeyTrace | null = null;
}

namespace Private {
  /** A trace's statistics text as an optional field. */
  export function text(value: string | undefined): { text?: string } {
    return value === undefined ? {} : { text: value };
  }
}
