/**
 * The programs of the most recent drawing outputs, so the `plotter.view` comm can
 * draw them again (the same bounded store as the Python kernel's `replay.Outputs`).
 */

import protocol from '../core/protocol.json';
import type { Program, Range } from '../core/types';

/** Outputs whose programs are kept for re-sampling; older ones are forgotten. */
export const KEEP = protocol.keepOutputs;

/** What a drawing output needs to be drawn again. */
export interface IStored {
  /** The cell's drawable statements as they were when the cell ran. */
  program: Program;
  /** The cell's source lines, to place diagnostics. */
  lines: string[];
  /** The figure size the output was drawn for, in CSS pixels. */
  size: [number, number];
  /** The x range the output shows: where features look when a request gives none. */
  x: Range;
  /** The y range the output shows: where curves x = g(y) are searched when a request gives none. */
  y?: Range;
}

/** A bounded map from display id to stored output, oldest forgotten first. */
export class Outputs {
  constructor(readonly keep: number = KEEP) {}

  /** Keep an output, forgetting the oldest beyond `keep`. */
  add(displayId: string, stored: IStored): void {
    this._stored.delete(displayId);
    this._stored.set(displayId, stored);
    while (this._stored.size > this.keep) {
      const oldest = this._stored.keys().next().value as string;
      this._stored.delete(oldest);
    }
  }

  get(displayId: string): IStored | undefined {
    return this._stored.get(displayId);
  }

  get size(): number {
    return this._stored.size;
  }

  private _stored = new Map<string, IStored>();
}
