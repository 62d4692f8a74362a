/**
 * Pointer and wheel gestures on the plot: a drag pans, two pointers pinch-zoom, the
 * wheel (and a trackpad pinch) zooms about the pointer, a press that does not move is
 * a click, and a pointer with no button down hovers. This module tracks the pointers
 * and turns them into views; the widget shows the views and handles clicks and hover.
 */

import { IView, panBy, zoomAbout } from './view';

/** Pixels a pointer moves before a press becomes a drag rather than a click. */
const DRAG_SLOP = 3;

/** What the gestures read of the plot and ask of it. */
export interface IGestureHost {
  /** The view shown now. */
  view(): IView;
  /** Show `view` (a pinch or the wheel zoomed). */
  show(view: IView): void;
  /** Show `view` a drag moved to; the pointer no longer traces. */
  drag(view: IView): void;
  /** The pointer, no button down, is at pixel (px, py). */
  hover(px: number, py: number): void;
  /** The pointer, no button down, left the plot. */
  leave(): void;
  /** A press at pixel (px, py) let go without moving. */
  click(px: number, py: number): void;
}

/** The event's position in the pixels of `view` on `svg` (which may be drawn scaled). */
export function localPixel(
  svg: SVGSVGElement,
  view: IView,
  event: MouseEvent
): [number, number] {
  const rect = svg.getBoundingClientRect();
  const sx = rect.width > 0 ? view.width / rect.width : 1;
  const sy = rect.height > 0 ? view.height / rect.height : 1;
  return [(event.clientX - rect.left) * sx, (event.clientY - rect.top) * sy];
}

/** A press of one pointer: where, the view then, and whether it became a drag. */
interface IPress {
  px: number;
  py: number;
  view: IView;
  moved: boolean;
}

/** Two pointers down: their distance and midpoint then, and the view then. */
interface IPinch {
  distance: number;
  mid: number[];
  view: IView;
}

/** The pointers on one plot's SVG and what they do. */
export class Gestures {
  constructor(svg: SVGSVGElement, host: IGestureHost) {
    this._svg = svg;
    this._host = host;
  }

  /** Handle a pointer or wheel event of the SVG; other events are left alone. */
  handle(event: Event): void {
    switch (event.type) {
      case 'pointerdown':
        this._onPointerDown(event as PointerEvent);
        break;
      case 'pointermove':
        this._onPointerMove(event as PointerEvent);
        break;
      case 'pointerup':
      case 'pointercancel':
        this._onPointerUp(event as PointerEvent);
        break;
      case 'pointerleave':
        if (this._pointers.size === 0) {
          this._host.leave();
        }
        break;
      case 'wheel':
        this._onWheel(event as WheelEvent);
        break;
    }
  }

  private _local(event: MouseEvent): [number, number] {
    return localPixel(this._svg, this._host.view(), event);
  }

  private _onPointerDown(event: PointerEvent): void {
    if (event.pointerType === 'mouse' && event.button !== 0) {
      return;
    }
    event.preventDefault();
    this._svg.focus({ preventScroll: true });
    try {
      this._svg.setPointerCapture(event.pointerId);
    } catch {
      // A synthetic pointer cannot be captured: moves still reach the plot.
    }
    const [px, py] = this._local(event);
    this._pointers.set(event.pointerId, [px, py]);
    if (this._pointers.size === 1) {
      this._press = { px, py, view: this._host.view(), moved: false };
    } else if (this._pointers.size === 2) {
      const [a, b] = Array.from(this._pointers.values());
      this._pinch = {
        distance: Math.hypot(a[0] - b[0], a[1] - b[1]) || 1,
        mid: [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2],
        view: this._host.view()
      };
      this._press = null;
    }
  }

  private _onPointerMove(event: PointerEvent): void {
    const [px, py] = this._local(event);
    if (this._pointers.has(event.pointerId)) {
      this._pointers.set(event.pointerId, [px, py]);
    }
    if (this._pinch && this._pointers.size >= 2) {
      const [a, b] = Array.from(this._pointers.values());
      const pinch = this._pinch;
      const factor = Math.hypot(a[0] - b[0], a[1] - b[1]) / pinch.distance;
      const mid = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
      const zoomed = zoomAbout(pinch.view, pinch.mid[0], pinch.mid[1], factor);
      this._host.show(
        panBy(zoomed, mid[0] - pinch.mid[0], mid[1] - pinch.mid[1])
      );
      return;
    }
    const press = this._press;
    if (press && this._pointers.has(event.pointerId)) {
      if (
        !press.moved &&
        Math.hypot(px - press.px, py - press.py) < DRAG_SLOP
      ) {
        return;
      }
      press.moved = true;
      this._host.drag(panBy(press.view, px - press.px, py - press.py));
      return;
    }
    if (this._pointers.size === 0) {
      this._host.hover(px, py);
    }
  }

  private _onPointerUp(event: PointerEvent): void {
    if (!this._pointers.delete(event.pointerId)) {
      return;
    }
    const press = this._press;
    if (event.type === 'pointerup' && press && !press.moved) {
      this._host.click(press.px, press.py);
    }
    if (this._pointers.size < 2) {
      this._pinch = null;
    }
    if (this._pointers.size === 0) {
      this._press = null;
    }
  }

  private _onWheel(event: WheelEvent): void {
    event.preventDefault();
    const unit = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? 400 : 1;
    const delta = event.deltaY * unit;
    // Trackpad pinches arrive as wheel events with ctrlKey and small deltas.
    const factor = Math.exp(-delta * (event.ctrlKey ? 0.01 : 0.0015));
    const [px, py] = this._local(event);
    this._host.show(zoomAbout(this._host.view(), px, py, factor));
  }

  private _svg: SVGSVGElement;
  private _host: IGestureHost;
  private _pointers = new Map<number, [number, number]>();
  private _press: IPress | null = null;
  private _pinch: IPinch | null = null;
}
