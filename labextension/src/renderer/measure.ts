/**
 * Measures the live plot's texts and furniture in the page, for the label layout in
 * `labels.ts`: text widths from the font the plot really uses, and the toolbar's box in
 * the plot's pixels.
 */

import { estimate, IBox, Measure } from './labels';

/** The plot's label size in pixels (see `.jp-PlotterView-svg` in the style sheet). */
const FONT_PX = 11;
/** Pixels the text's halo adds to its width (a 3 px stroke, half on each side). */
const HALO = 3;

/**
 * Text widths in `element`'s font family, measured on a canvas (the same font stack
 * the SVG text uses), cached per text. Without a canvas or a computed font (outside a
 * page, or before the plot is attached) it falls back to a generous estimate.
 */
export function fontMeasure(element: Element): Measure {
  const family =
    element.isConnected && typeof getComputedStyle === 'function'
      ? getComputedStyle(element).fontFamily
      : '';
  const context = family ? Private.context() : null;
  if (!context) {
    return estimate;
  }
  const cache = new Map<string, number>();
  return (text, bold = false) => {
    const key = (bold ? 'b' : 'n') + text;
    let width = cache.get(key);
    if (width === undefined) {
      context.font = `${bold ? 600 : 400} ${FONT_PX}px ${family}`;
      width = Math.ceil(context.measureText(text).width) + HALO;
      cache.set(key, width);
    }
    return width;
  };
}

/**
 * The box `element` covers over `svg`, in the SVG's own pixels (its viewBox is the
 * plot's pixel size), or null when either is not laid out.
 */
export function boxOver(
  element: Element,
  svg: SVGSVGElement,
  pixelWidth: number
): IBox | null {
  const outer = svg.getBoundingClientRect();
  const inner = element.getBoundingClientRect();
  if (outer.width <= 0 || inner.width <= 0) {
    return null;
  }
  const scale = pixelWidth / outer.width;
  return {
    left: (inner.left - outer.left) * scale,
    top: (inner.top - outer.top) * scale,
    right: (inner.right - outer.left) * scale,
    bottom: (inner.bottom - outer.top) * scale
  };
}

namespace Private {
  let shared: CanvasRenderingContext2D | null | undefined;

  /** One 2D canvas context for every plot, or null where there is none. */
  export function context(): CanvasRenderingContext2D | null {
    if (shared === undefined) {
      try {
        shared = document.createElement('canvas').getContext('2d') ?? null;
      } catch {
        shared = null;
      }
    }
    return shared;
  }
}
