/**
 * View maths of the interactive plot: data <-> pixel, zoom about a point, pan, and the
 * transform that carries the old picture into a new view until the kernel re-samples it.
 */

import protocol from '../core/protocol.json';

/** The part of the plane a plot shows, and its size on screen in CSS pixels. */
export interface IView {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  width: number;
  height: number;
}

/** A scale then a translation, in pixels: what an SVG `transform` needs. */
export interface IPixelTransform {
  scaleX: number;
  scaleY: number;
  translateX: number;
  translateY: number;
}

/** Smallest and largest span a view may have: past them floats lose the picture. */
export const MIN_SPAN = 1e-9;
export const MAX_SPAN = 1e12;

/** Where the data point (x, y) lands, in pixels from the top left corner. */
export function toPixel(view: IView, x: number, y: number): [number, number] {
  return [
    ((x - view.x0) / (view.x1 - view.x0)) * view.width,
    ((view.y1 - y) / (view.y1 - view.y0)) * view.height
  ];
}

/** The data point under the pixel (px, py). */
export function fromPixel(
  view: IView,
  px: number,
  py: number
): [number, number] {
  return [
    view.x0 + (px / view.width) * (view.x1 - view.x0),
    view.y1 - (py / view.height) * (view.y1 - view.y0)
  ];
}

/**
 * Zoom by `factor` (above 1 zooms in) keeping the data point under (px, py) in place,
 * as a wheel or pinch does. Spans stay within MIN_SPAN..MAX_SPAN.
 */
export function zoomAbout(
  view: IView,
  px: number,
  py: number,
  factor: number
): IView {
  const [cx, cy] = fromPixel(view, px, py);
  const fx = Private.allowed(view.x1 - view.x0, factor);
  const fy = Private.allowed(view.y1 - view.y0, factor);
  const f = factor >= 1 ? Math.min(fx, fy) : Math.max(fx, fy);
  return {
    ...view,
    x0: cx - (cx - view.x0) / f,
    x1: cx + (view.x1 - cx) / f,
    y0: cy - (cy - view.y0) / f,
    y1: cy + (view.y1 - cy) / f
  };
}

/** Move the picture with a drag of (dx, dy) pixels: the plane follows the pointer. */
export function panBy(view: IView, dx: number, dy: number): IView {
  const ux = (dx / view.width) * (view.x1 - view.x0);
  const uy = (dy / view.height) * (view.y1 - view.y0);
  return {
    ...view,
    x0: view.x0 - ux,
    x1: view.x1 - ux,
    y0: view.y0 + uy,
    y1: view.y1 + uy
  };
}

/**
 * The pixel transform that draws a picture made for `drawn` where it belongs in `shown`:
 * the immediate feedback while the re-sampled scene is on its way.
 */
export function transformBetween(drawn: IView, shown: IView): IPixelTransform {
  const scaleX = (drawn.x1 - drawn.x0) / (shown.x1 - shown.x0);
  const scaleY = (drawn.y1 - drawn.y0) / (shown.y1 - shown.y0);
  const [left, top] = toPixel(shown, drawn.x0, drawn.y1);
  return {
    scaleX: (scaleX * shown.width) / drawn.width,
    scaleY: (scaleY * shown.height) / drawn.height,
    translateX: left,
    translateY: top
  };
}

/**
 * The view for a new pixel size. With equal scale the units per pixel stay and the
 * centre stays; otherwise the same window stretches to the new size.
 */
export function resized(
  view: IView,
  width: number,
  height: number,
  equal: boolean
): IView {
  if (!equal) {
    return { ...view, width, height };
  }
  const perPixel = (view.x1 - view.x0) / view.width;
  return Private.centred(view, perPixel, width, height);
}

/** Which axes' ranges the cell set itself (`x in [..]`, `y in [..]`). */
export interface IGiven {
  x: boolean;
  y: boolean;
}

/**
 * The cell's own view at a pixel size: what the plot opens on and reset goes back to.
 * Without equal scale the window stretches. With it, a range the cell set is shown as
 * given and the *other* axis widens to keep one scale (SPEC §9); with both or neither
 * set, the whole window stays in view, centred.
 */
export function home(
  view: IView,
  given: IGiven,
  width: number,
  height: number,
  equal: boolean
): IView {
  if (!equal) {
    return { ...view, width, height };
  }
  const spanX = view.x1 - view.x0;
  const spanY = view.y1 - view.y0;
  const perPixel =
    given.x && !given.y
      ? spanX / width
      : given.y && !given.x
        ? spanY / height
        : Math.max(spanX / width, spanY / height);
  return Private.centred(view, perPixel, width, height);
}

/** Whether two views show the same window at the same size (to skip a useless request). */
export function sameView(a: IView, b: IView): boolean {
  return (
    a.x0 === b.x0 &&
    a.x1 === b.x1 &&
    a.y0 === b.y0 &&
    a.y1 === b.y1 &&
    a.width === b.width &&
    a.height === b.height
  );
}

/** Largest width or height the kernel samples for (its `MOST_PIXELS`). */
export const MOST_PIXELS = protocol.mostPixels;

/**
 * `view` widened by `margin` of its size on every side, with as many more pixels, so
 * units per pixel stay: a scene sampled for it still shows the view exactly after a
 * pan of up to that margin. The margin shrinks where the kernel's pixel cap needs it.
 */
export function padded(view: IView, margin: number): IView {
  const room = (pixels: number) =>
    Math.max(
      0,
      Math.min(
        Math.round(pixels * margin),
        Math.floor((MOST_PIXELS - pixels) / 2)
      )
    );
  const mx = room(view.width);
  const my = room(view.height);
  const ux = (view.x1 - view.x0) / view.width;
  const uy = (view.y1 - view.y0) / view.height;
  return {
    x0: view.x0 - mx * ux,
    x1: view.x1 + mx * ux,
    y0: view.y0 - my * uy,
    y1: view.y1 + my * uy,
    width: view.width + 2 * mx,
    height: view.height + 2 * my
  };
}

/**
 * Whether a picture sampled for `drawn` shows `shown` as if sampled for it: the same
 * units per pixel, and `shown` inside it with `slack` pixels to spare on every side.
 */
export function covers(drawn: IView, shown: IView, slack = 0): boolean {
  const ux = (drawn.x1 - drawn.x0) / drawn.width;
  const uy = (drawn.y1 - drawn.y0) / drawn.height;
  const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.abs(b);
  if (
    !same((shown.x1 - shown.x0) / shown.width, ux) ||
    !same((shown.y1 - shown.y0) / shown.height, uy)
  ) {
    return false;
  }
  // A pixel's thousandth of rounding is not a gap.
  const ex = (slack - 1e-3) * ux;
  const ey = (slack - 1e-3) * uy;
  return (
    shown.x0 >= drawn.x0 + ex &&
    shown.x1 <= drawn.x1 - ex &&
    shown.y0 >= drawn.y0 + ey &&
    shown.y1 <= drawn.y1 - ey
  );
}

namespace Private {
  /** The zoom factor closest to `factor` that keeps `span` within the allowed spans. */
  export function allowed(span: number, factor: number): number {
    const next = span / factor;
    if (next < MIN_SPAN) {
      return span / MIN_SPAN;
    }
    if (next > MAX_SPAN) {
      return span / MAX_SPAN;
    }
    return factor;
  }

  /** A `width` by `height` view at `perPixel` units per pixel, centred where `view` is. */
  export function centred(
    view: IView,
    perPixel: number,
    width: number,
    height: number
  ): IView {
    const cx = (view.x0 + view.x1) / 2;
    const cy = (view.y0 + view.y1) / 2;
    return {
      x0: cx - (perPixel * width) / 2,
      x1: cx + (perPixel * width) / 2,
      y0: cy - (perPixel * height) / 2,
      y1: cy + (perPixel * height) / 2,
      width,
      height
    };
  }
}
