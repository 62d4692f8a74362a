/**
 * The plot's SVG and how it is painted: the items as sampled (redrawn only when a
 * scene arrives), and on every view the transform that moves them, the grid and axes,
 * the points and points of interest, the legend and the trace dot, each label placed
 * clear of the others and of the toolbar. The markup comes from `markup.ts` and
 * `draw.ts`; text is measured with `measure.ts`. The plot's view is also written on
 * the output node (`data-x0` ... `data-sampled`, `data-redraws`) for tests to read.
 */

import type { Feature, Item } from '../core/types';
import { labelledAxes } from './draw';
import { IBox, Measure, overlaps } from './labels';
import {
  axesMarkup,
  itemsMarkup,
  legendLayout,
  legendMarkup,
  overlayMarkup,
  traceMarkup
} from './markup';
import { boxOver, fontMeasure } from './measure';
import type { ITraced } from './tracing';
import { IView, transformBetween } from './view';

/** The toolbar's width in pixels, for a plot not laid out yet (six buttons). */
const TOOLBAR_WIDTH = 190;

const SVG_NS = 'http://www.w3.org/2000/svg';
let nextClip = 0;

/** What one paint shows. */
export interface IFrame {
  /** The items drawn and the view they were sampled for. */
  items: readonly Item[];
  drawn: IView;
  /** The view shown, and whether the picture is sampled for it exactly. */
  shown: IView;
  exact: boolean;
  /** The points of interest on show. */
  features: readonly Feature[];
}

/** The SVG of one plot and its layers. */
export class Painter {
  /**
   * The SVG, to go in the page; `host` is the output node the view is written on,
   * `toolbar` the toolbar over the plot that labels keep clear of.
   */
  constructor(host: HTMLElement, toolbar: HTMLElement) {
    this._host = host;
    this._toolbar = toolbar;
    const svg = (this.svg = document.createElementNS(SVG_NS, 'svg'));
    svg.setAttribute('role', 'img');
    svg.setAttribute('tabindex', '0');
    svg.setAttribute('class', 'jp-PlotterView-svg');
    const clipId = `jp-PlotterView-clip-${++nextClip}`;
    svg.innerHTML =
      `<defs><clipPath id="${clipId}"><rect class="jp-PlotterView-clip" x="0" y="0" width="600" height="400"/></clipPath></defs>` +
      '<rect class="jp-PlotterView-background" x="0" y="0" width="600" height="400"/>' +
      '<g class="jp-PlotterView-axes"></g>' +
      `<g clip-path="url(#${clipId})"><g class="jp-PlotterView-items"></g></g>` +
      '<g class="jp-PlotterView-overlay"></g>' +
      '<g class="jp-PlotterView-legend"></g>' +
      '<g class="jp-PlotterView-trace"></g>' +
      '<g class="jp-PlotterView-handles"></g>';
    const layer = (name: string) =>
      svg.querySelector(`.jp-PlotterView-${name}`) as SVGGElement;
    this._axes = layer('axes');
    this._items = layer('items');
    this._overlay = layer('overlay');
    this._legend = layer('legend');
    this._trace = layer('trace');
    this.handles = layer('handles');
  }

  /** The plot's SVG. */
  readonly svg: SVGSVGElement;

  /** The layer of the draggable points' handles, over everything else. */
  readonly handles: SVGGElement;

  /** Size the SVG, its background and its clip to `width` × `height` pixels. */
  setSize(width: number, height: number): void {
    const svg = this.svg;
    for (const node of [
      svg,
      ...Array.from(
        svg.querySelectorAll(
          'rect.jp-PlotterView-background, rect.jp-PlotterView-clip'
        )
      )
    ]) {
      node.setAttribute('width', String(width));
      node.setAttribute('height', String(height));
    }
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  }

  /** A new scene's legend is drawn at the next paint. */
  newLegend(): void {
    this._legendMeasure = null;
  }

  /** The scene's curves and regions as paths, for the view `drawn` they were
   * sampled for with the slider values `params`. */
  drawItems(
    items: readonly Item[],
    drawn: IView,
    params: Record<string, number>
  ): void {
    const g = this._items;
    g.innerHTML = itemsMarkup(items, drawn);
    g.setAttribute('data-x0', String(drawn.x0));
    g.setAttribute('data-x1', String(drawn.x1));
    g.setAttribute('data-y0', String(drawn.y0));
    g.setAttribute('data-y1', String(drawn.y1));
    g.setAttribute('data-width', String(drawn.width));
    g.setAttribute('data-height', String(drawn.height));
    g.setAttribute('data-params', JSON.stringify(params));
    this._redraws++;
    this._host.dataset.redraws = String(this._redraws);
  }

  /** Everything that follows the view shown: transform, grid, axes, overlays, and
   * the traced point `trace`. */
  paint(frame: IFrame, trace: ITraced | null): void {
    const { items, shown, exact } = frame;
    const t = transformBetween(frame.drawn, shown);
    // An exact picture only moves: its scale is one, not one give or take a rounding.
    const [sx, sy] = exact ? [1, 1] : [t.scaleX, t.scaleY];
    this._items.setAttribute(
      'transform',
      `matrix(${sx} 0 0 ${sy} ${t.translateX} ${t.translateY})`
    );
    const measure = this._measure();
    const furniture = this._furniture(items, shown, measure);
    if (this._axesView !== shown) {
      // Grid and ticks depend on the view alone: a redrawn scene keeps them.
      const { layout, labels } = labelledAxes(shown, measure, furniture);
      this._axes.innerHTML = axesMarkup(shown, layout, labels);
      this._tickBoxes = labels.map(label => label.box);
      this._axesView = shown;
    }
    const overlay = overlayMarkup(
      {
        points: items.filter(item => item.kind === 'point'),
        features: frame.features,
        trace: null
      },
      shown,
      measure,
      [...furniture, ...this._tickBoxes]
    );
    this._overlay.innerHTML = overlay.markup;
    this._overlayDots = overlay.dots;
    this._overlayLabels = overlay.labels;
    this.paintTrace(trace, items, shown);
    const data = this._host.dataset;
    data.x0 = String(shown.x0);
    data.x1 = String(shown.x1);
    data.y0 = String(shown.y0);
    data.y1 = String(shown.y1);
    data.sampled = String(exact);
  }

  /**
   * The traced point `trace` (or none) over the plot of `items` in view `shown`. Its
   * label comes first: a point of interest's label it would cover is hidden meanwhile.
   */
  paintTrace(
    trace: ITraced | null,
    items: readonly Item[],
    shown: IView
  ): void {
    const measure = this._measure();
    const traced = trace
      ? traceMarkup(trace, shown, measure, [
          ...this._furniture(items, shown, measure),
          ...this._tickBoxes,
          ...this._overlayDots
        ])
      : { markup: '', label: null };
    this._trace.innerHTML = traced.markup;
    const label = traced.label;
    this._overlay
      .querySelectorAll('.jp-PlotterView-feature text')
      .forEach((node, k) => {
        const box = this._overlayLabels[k];
        node.classList.toggle(
          'jp-mod-covered',
          label !== null && box !== undefined && overlaps(label, box)
        );
      });
  }

  /** Text widths in the plot's font, measured once the plot is in the page. */
  private _measure(): Measure {
    if (!this._measured || this._measuredFrom !== this.svg.isConnected) {
      this._measured = fontMeasure(this.svg);
      this._measuredFrom = this.svg.isConnected;
    }
    return this._measured;
  }

  /** What labels must keep clear of: the legend and the toolbar. */
  private _furniture(
    items: readonly Item[],
    shown: IView,
    measure: Measure
  ): IBox[] {
    const { width, height } = shown;
    if (this._legendMeasure !== measure) {
      this._legend.innerHTML = legendMarkup(items, measure);
      this._legendMeasure = measure;
      this._axesView = null;
    }
    const legend = legendLayout(items, measure);
    const key = `${width}x${height}`;
    if (this._toolbarBox?.key !== key) {
      // Measured once per size: reading the layout on every frame of a drag would
      // force the page to lay out again.
      const box = boxOver(this._toolbar, this.svg, width);
      this._toolbarBox = box ? { key, box } : null;
      this._axesView = null;
    }
    const toolbar = this._toolbarBox?.box ?? {
      left: width - 6 - TOOLBAR_WIDTH,
      top: 6,
      right: width - 6,
      bottom: 30
    };
    return [
      ...(legend ? [legend.box] : []),
      { ...toolbar, bottom: Math.min(height, toolbar.bottom + 2) }
    ];
  }

  private _host: HTMLElement;
  private _toolbar: HTMLElement;
  private _axes: SVGGElement;
  private _items: SVGGElement;
  private _overlay: SVGGElement;
  private _legend: SVGGElement;
  private _trace: SVGGElement;
  /** The view the grid and ticks were drawn for (null: draw them again). */
  private _axesView: IView | null = null;
  private _measured: Measure | null = null;
  private _measuredFrom = false;
  /** The measure the legend was drawn with (null: draw it again). */
  private _legendMeasure: Measure | null = null;
  /** The toolbar's box over the plot, measured once per plot size (`key`). */
  private _toolbarBox: { key: string; box: IBox } | null = null;
  private _tickBoxes: IBox[] = [];
  private _overlayDots: IBox[] = [];
  private _overlayLabels: IBox[] = [];
  private _redraws = 0;
}
