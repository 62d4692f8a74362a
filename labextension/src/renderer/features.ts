/**
 * The points of interest of one plot (zeros, extrema, intersections): a click on a
 * curve picks it, the kernel finds its points in view, and the first answer to the
 * click is said in the read-out (later refreshes, after a pan, stay quiet). The widget
 * asks the kernel and paints; this module keeps which curve and which points.
 */

import type { Feature, Item } from '../core/types';
import { nearestPoint } from './trace';
import type { IView } from './view';

/** The curve clicked and the points of interest on show. */
export class PointsOfInterest {
  /** The points on show: those of the curve clicked. */
  get features(): readonly Feature[] {
    return this._features;
  }

  /** The curve clicked, whose points are sought; null when none is. */
  get itemId(): string | null {
    return this._itemId;
  }

  /** A new scene: no curve picked, no points. */
  clear(): void {
    this._features = [];
    this._itemId = null;
  }

  /**
   * A click at pixel (px, py) of `view` picks the curve of `items` under it, or none;
   * the points on show go. Whether a curve was hit (its points are then to be sought).
   */
  click(items: readonly Item[], view: IView, px: number, py: number): boolean {
    const curves = items.filter(item => item.kind === 'curve');
    const hit = nearestPoint(curves, view, px, py);
    this._features = [];
    this._itemId = hit ? hit.itemId : null;
    if (hit) {
      this._announce = true;
    }
    return hit !== null;
  }

  /**
   * The kernel found `features` in view: keep those of the curve clicked. Whether they
   * answer a click and are to be said (once).
   */
  found(features: readonly Feature[]): boolean {
    const id = this._itemId;
    this._features = features.filter(f => id !== null && f.items.includes(id));
    const announce = this._announce;
    this._announce = false;
    return announce;
  }

  private _features: Feature[] = [];
  private _itemId: string | null = null;
  private _announce = false;
}
