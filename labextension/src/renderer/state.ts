/**
 * What one plot shows, apart from its DOM: the scene and its items, the view the items
 * were sampled for (`drawn`), the view on screen (`shown`), the cell's own view
 * (`home`) and the plot's size. The widget changes it; the other modules get the parts
 * they need from it. Whether the picture is the kernel's sampling of the view shown
 * (`exact`), or a new one is due (`needsScene`), is decided here.
 */

import type { Item, Program, Scene } from '../core/types';
import { covers, home, IView, resized, sameView } from './view';

/** Fraction of the view sampled beyond each edge: a pan within it shows curves
 * already sampled at the right scale, and asks the kernel for nothing until half of it
 * is used up. A slider's requests go without it, as they must come back fast and the
 * view does not move; the margin is filled again when the plot rests. */
export const MARGIN = 0.25;
/** Smallest size of the plot, in CSS pixels. */
const MIN_WIDTH = 160;
const MIN_HEIGHT = 140;

/** Parameter values by name: the sliders', or those a scene was drawn with. */
export type Values = Record<string, number>;

/** The view and scene state of one plot. */
export class PlotState {
  /** The output's scene; null while the output shows a fallback instead. */
  scene: Scene | null = null;
  /** The items drawn: the scene's, or those of the kernel's last re-sampled scene. */
  items: Item[] = [];
  program: Program | undefined;
  /** The view the items were sampled for, with the slider values they were drawn with. */
  drawn: IView = DEFAULT_VIEW;
  drawnParams: Values = {};
  /** The view on screen. */
  shown: IView = DEFAULT_VIEW;
  /** The cell's own view at the plot's size: what reset goes back to. */
  home: IView = DEFAULT_VIEW;
  /** The output area's width, once measured. */
  width: number | null = null;

  /** Take a new output's scene, drawn at the size the output area allows. */
  load(scene: Scene): void {
    this.scene = scene;
    this.items = scene.items ?? [];
    this.program = scene.program;
    this.drawn = viewOf(scene);
    this.drawnParams = valuesOf(scene.params ?? []);
  }

  /** Take the kernel's re-sampled scene, drawn with the values `params`. */
  redrawn(scene: Scene, params: Values): void {
    this.drawn = viewOf(scene);
    this.items = scene.items;
    this.drawnParams = params;
  }

  /** Forget the scene: the output shows a fallback instead. */
  clear(): void {
    this.scene = null;
    this.items = [];
  }

  /** The plot's pixel size for an output area `width` wide: the figure's shape when narrow. */
  sizeFor(width: number): [number, number] {
    const figure = this.scene?.view ?? { width: 600, height: 400 };
    const w = Math.max(MIN_WIDTH, Math.round(width));
    const h =
      w >= figure.width ? figure.height : (figure.height * w) / figure.width;
    return [w, Math.max(MIN_HEIGHT, Math.round(h))];
  }

  /** The cell's own view at a pixel size: what reset goes back to. */
  homeFor(width: number, height: number): IView {
    const base = this.scene ? viewOf(this.scene) : this.drawn;
    const set = this.scene?.program?.window;
    return home(
      base,
      { x: Boolean(set?.x), y: Boolean(set?.y) },
      width,
      height,
      this.scene?.view.equal ?? false
    );
  }

  /**
   * Fit the plot to an output area `width` wide; the new size, or null when there is
   * no scene or the size stays. A plot still at its own view stays there; one the
   * student moved keeps its scale.
   */
  resize(width: number): [number, number] | null {
    const [w, h] = this.sizeFor(width);
    if (!this.scene || (w === this.shown.width && h === this.shown.height)) {
      return null;
    }
    const atHome = sameView(this.shown, this.home);
    this.home = this.homeFor(w, h);
    this.shown = atHome
      ? this.home
      : resized(this.shown, w, h, this.scene.view.equal);
    return [w, h];
  }

  /** Whether the picture is the kernel's sampling of the view shown, with the values
   * of the sliders `params`: no stretch, no gap at an edge. */
  exact(params: Values): boolean {
    return (
      covers(this.drawn, this.shown) && sameValues(this.drawnParams, params)
    );
  }

  /** Whether to ask for a new scene: the picture is not exact, or its margin is half
   * used up. */
  needsScene(params: Values): boolean {
    const v = this.shown;
    const slack = Math.floor((MARGIN / 2) * Math.min(v.width, v.height));
    return (
      !covers(this.drawn, v, slack) || !sameValues(this.drawnParams, params)
    );
  }
}

/** The view of a plot with no scene yet. */
export const DEFAULT_VIEW: IView = {
  x0: -10,
  x1: 10,
  y0: -10,
  y1: 10,
  width: 600,
  height: 400
};

/** The parameter values a scene was drawn with. */
export function valuesOf(params: Scene['params']): Values {
  const out: Values = {};
  for (const p of params) {
    if (typeof p.value === 'number') {
      out[p.name] = p.value;
    }
  }
  return out;
}

/** Whether two sets of parameter values are the same. */
export function sameValues(a: Values, b: Values): boolean {
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length && keys.every(k => a[k] === b[k])
  );
}

/** The view a scene was drawn for. */
export function viewOf(scene: Scene): IView {
  const v = scene.view;
  return {
    x0: v.x[0],
    x1: v.x[1],
    y0: v.y[0],
    y1: v.y[1],
    width: v.width,
    height: v.height
  };
}
