/**
 * The programs of the most recent drawing outputs, so the `plotter.view` comm can
 * draw them again (the same bounded store as the Python kernel's `replay.Outputs`).
 */

import protocol from '../core/protocol.json';
import type { IOutputStore, IStored } from '../core/replay';

/** Outputs whose programs are kept for re-sampling; older ones are forgotten. */
export const KEEP = protocol.keepOutputs;

export type { IStored };

/** A bounded map from display id to stored output, oldest forgotten first. */
export class Outputs implements IOutputStore {
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
