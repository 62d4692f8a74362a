/**
 * The interactive plot (SPEC section 6): the scene v2 of one output drawn as SVG, with
 * zoom, pan, sliders, trace, points of interest, an audio trace and downloads. The
 * picture transforms at once; the kernel's re-sampled scene then replaces it.
 */

import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import type { Kernel } from '@jupyterlab/services';
import { Widget } from '@lumino/widgets';

import protocol from '../core/protocol.json';
import type { Feature, Item, Program, Scene } from '../core/types';
import { toneTrack } from './audio';
import { clientFor, IViewQuery, IViewReply, NotLiveError } from './comm';
import { downloadPng, downloadSvg, standaloneSvg } from './download';
import { fallbackNote, fallbackPicture } from './fallback';
import { labelledAxes } from './draw';
import { IBox, Measure } from './labels';
import {
  axesMarkup,
  itemsMarkup,
  legendLayout,
  legendMarkup,
  overlayMarkup,
  traceMarkup
} from './markup';
import { boxOver, fontMeasure } from './measure';
import { ownKeys } from './keys';
import { AudioTrace } from './player';
import { RequestKind, RequestQueue } from './queue';
import { Slider } from './slider';
import { readScene } from './validate';
import type { IParam } from './sliders';
import {
  Along,
  alongOf,
  ITracePoint,
  nearestPoint,
  pointAt,
  positionNear,
  readout,
  startAt,
  stepFrom,
  traceable,
  traceTrack
} from './trace';
import {
  covers,
  home,
  IView,
  padded,
  panBy,
  resized,
  sameView,
  transformBetween,
  zoomAbout
} from './view';

/** The MIME type of scene v2. */
export const SCENE_MIME = protocol.sceneMimeType;

/** The toolbar's width in pixels, for a plot not laid out yet (six buttons). */
const TOOLBAR_WIDTH = 190;

/** Finds the kernel of the notebook an output is in, when it has one. */
export type KernelGetter = () => Kernel.IKernelConnection | null;

/** How a plot is made: its MIME type and where its kernel is. */
export interface IPlotterViewOptions {
  mimeType: string;
  kernel: KernelGetter;
}

/** The quiet note of a plot that cannot be re-sampled. */
export const RERUN_NOTE = 'Re-run the cell to redraw.';

/** Zoom of one + or − (button or key). */
const ZOOM_STEP = 1.25;
/** Fraction of the view an arrow key pans. */
const PAN_STEP = 0.1;
/** Fraction of the view sampled beyond each edge: a pan within it shows curves
 * already sampled at the right scale, and asks the kernel for nothing until half of it
 * is used up. A slider's requests go without it, as they must come back fast and the
 * view does not move; the margin is filled again when the plot rests. */
const MARGIN = 0.25;
/** Pixels a pointer moves before a press becomes a drag rather than a click. */
const DRAG_SLOP = 3;
/** Length of the audio trace, in seconds, and its tones. */
const AUDIO_SECONDS = 3;
const AUDIO_TONES = 240;
/** Quiet time after the last redrawn view, in ms, before the plot catches up once: the
 * margin sampled again (a slider asks without one) and points of interest on show
 * sought again in the view. A drag asks once, when it rests. */
const REST = 200;
/** Smallest size of the plot, in CSS pixels. */
const MIN_WIDTH = 160;
const MIN_HEIGHT = 140;

const SVG_NS = 'http://www.w3.org/2000/svg';
let nextClip = 0;

/** The live plot of one `application/vnd.plotter.v2+json` output. */
export class PlotterView extends Widget implements IRenderMime.IRenderer {
  constructor(options: IPlotterViewOptions) {
    super();
    this._mimeType = options.mimeType;
    this._kernel = options.kernel;
    this.addClass('jp-PlotterView');
    // Keys pressed in the plot are the plot's: no notebook shortcut fires from here.
    ownKeys(this.node);
    this._build();
    this._queue = new RequestQueue<IViewQuery, IViewReply>({
      send: (_, query) => this._send(query),
      deliver: (kind, reply, query) => this._answered(kind, reply, query),
      fail: (_, reason) => this._unreachable(reason),
      superseded: reply => reply.superseded === true
    });
  }

  /**
   * Draw the output's scene; later views come from the kernel. A scene that cannot be
   * drawn (malformed, or larger than any output the kernel sends) shows the output's
   * own picture, or a note, instead.
   */
  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    const check = readScene(model.data[this._mimeType]);
    this._showFallback(check.scene ? null : model, check.problem);
    if (!check.scene) {
      return;
    }
    const scene = check.scene;
    const meta = model.metadata[this._mimeType] as
      { display_id?: unknown } | undefined;
    this._displayId =
      typeof meta?.display_id === 'string' ? meta.display_id : null;
    this._scene = scene;
    this._forgotten = false;
    this._svg.setAttribute('aria-label', scene.description ?? 'A plot');
    this._items = scene.items ?? [];
    this._program = scene.program;
    this._drawn = Private.viewOf(scene);
    this._drawnParams = Private.valuesOf(scene.params ?? []);
    this._drawnQuery = null;
    this._features = [];
    this._featureItem = null;
    this._hover = null;
    this._keyTrace = null;
    this._buildSliders(scene.params ?? []);
    this._legendMeasure = null;
    const [width, height] = this._sizeFor(this._width ?? this._drawn.width);
    this._home = this._homeFor(width, height);
    this._shown = this._home;
    this._setSize(width, height);
    this._drawItems();
    this._paint();
    if (!this._exact()) {
      this._requestView();
    }
  }

  /** The view shown now (data window and pixel size). */
  get view(): IView {
    return this._shown;
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._resizeObserver.disconnect();
    clearTimeout(this._restTimer);
    this._queue.dispose();
    this._player.dispose();
    this._sliders.forEach(slider => slider.dispose());
    super.dispose();
  }

  /** Pointer, wheel and key events of the plot (the Lumino way). */
  handleEvent(event: Event): void {
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
        if (this._pointers.size === 0 && this._hover) {
          this._hover = null;
          this._paintTrace();
        }
        break;
      case 'wheel':
        this._onWheel(event as WheelEvent);
        break;
      case 'keydown':
        this._onKey(event as KeyboardEvent);
        break;
    }
  }

  // ---- Building --------------------------------------------------------------------

  private _build(): void {
    const plot = document.createElement('div');
    plot.className = 'jp-PlotterView-plot';
    const svg = (this._svg = document.createElementNS(SVG_NS, 'svg'));
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
      '<g class="jp-PlotterView-trace"></g>';
    this._axes = svg.querySelector('.jp-PlotterView-axes') as SVGGElement;
    this._itemsGroup = svg.querySelector(
      '.jp-PlotterView-items'
    ) as SVGGElement;
    this._overlay = svg.querySelector('.jp-PlotterView-overlay') as SVGGElement;
    this._legend = svg.querySelector('.jp-PlotterView-legend') as SVGGElement;
    this._traceGroup = svg.querySelector(
      '.jp-PlotterView-trace'
    ) as SVGGElement;
    for (const type of [
      'pointerdown',
      'pointermove',
      'pointerup',
      'pointercancel',
      'pointerleave',
      'keydown'
    ]) {
      svg.addEventListener(type, this);
    }
    ownKeys(svg);
    svg.addEventListener('wheel', this, { passive: false });

    const toolbar = (this._toolbar = document.createElement('div'));
    toolbar.className = 'jp-PlotterView-toolbar';
    toolbar.append(
      this._button('jp-PlotterView-zoom-in', '+', 'Zoom in (+)', () =>
        this._zoomCentre(ZOOM_STEP)
      ),
      this._button(
        'jp-PlotterView-zoom-out',
        '\u2212',
        'Zoom out (\u2212)',
        () => this._zoomCentre(1 / ZOOM_STEP)
      ),
      this._button('jp-PlotterView-reset', '\u27f2', 'Reset the view', () =>
        this._reset()
      ),
      (this._audioButton = this._button(
        'jp-PlotterView-audio',
        '\u266a',
        'Listen to the curve: pitch follows y, left to right follows x',
        () => this._toggleAudio()
      )),
      this._button(
        'jp-PlotterView-download-svg',
        'SVG',
        'Download this view as SVG',
        () => this._download('svg')
      ),
      this._button(
        'jp-PlotterView-download-png',
        'PNG',
        'Download this view as PNG',
        () => this._download('png')
      )
    );
    this._audioButton.setAttribute('aria-pressed', 'false');

    this._note = document.createElement('div');
    this._note.className = 'jp-PlotterView-note';
    this._note.hidden = true;
    plot.append(svg, toolbar, this._note);

    this._readout = document.createElement('div');
    this._readout.className = 'jp-PlotterView-readout';
    this._readout.setAttribute('aria-live', 'polite');
    this._readout.setAttribute('role', 'status');

    this._slidersNode = document.createElement('div');
    this._slidersNode.className = 'jp-PlotterView-sliders';
    this.node.append(plot, this._readout, this._slidersNode);

    this._resizeObserver = new ResizeObserver(entries => {
      const width = entries[entries.length - 1].contentRect.width;
      if (width > 0) {
        this._width = width;
        this._resize(width);
      }
    });
    this._resizeObserver.observe(this.node);
  }

  private _button(
    className: string,
    text: string,
    label: string,
    action: () => void
  ): HTMLButtonElement {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = `jp-PlotterView-button ${className}`;
    button.textContent = text;
    button.title = label;
    button.setAttribute('aria-label', label);
    button.addEventListener('click', action);
    ownKeys(button);
    return button;
  }

  private _buildSliders(params: Scene['params']): void {
    this._sliders.forEach(slider => slider.dispose());
    this._sliders = params
      .filter(p => typeof p.value === 'number')
      .map(
        p =>
          new Slider({ ...p, value: p.value as number } as IParam, () => {
            this.node.dataset.sampled = String(this._exact());
            this._requestView(0);
          })
      );
    this._slidersNode.replaceChildren(...this._sliders.map(s => s.node));
  }

  // ---- Sizes and views -------------------------------------------------------------

  /** The plot's pixel size for an output area `width` wide: the figure's shape when narrow. */
  private _sizeFor(width: number): [number, number] {
    const figure = this._scene?.view ?? { width: 600, height: 400 };
    const w = Math.max(MIN_WIDTH, Math.round(width));
    const h =
      w >= figure.width ? figure.height : (figure.height * w) / figure.width;
    return [w, Math.max(MIN_HEIGHT, Math.round(h))];
  }

  /** The cell's own view at a pixel size: what reset goes back to. */
  private _homeFor(width: number, height: number): IView {
    const base = this._scene ? Private.viewOf(this._scene) : this._drawn;
    const set = this._scene?.program?.window;
    return home(
      base,
      { x: Boolean(set?.x), y: Boolean(set?.y) },
      width,
      height,
      this._scene?.view.equal ?? false
    );
  }

  private _resize(width: number): void {
    const [w, h] = this._sizeFor(width);
    if (!this._scene || (w === this._shown.width && h === this._shown.height)) {
      return;
    }
    // A plot still at its own view stays there; one the student moved keeps its scale.
    const atHome = sameView(this._shown, this._home);
    this._home = this._homeFor(w, h);
    this._shown = atHome
      ? this._home
      : resized(this._shown, w, h, this._scene.view.equal);
    this._setSize(w, h);
    this._paint();
    this._requestView();
  }

  private _setSize(width: number, height: number): void {
    for (const node of [
      this._svg,
      ...Array.from(
        this._svg.querySelectorAll(
          'rect.jp-PlotterView-background, rect.jp-PlotterView-clip'
        )
      )
    ]) {
      node.setAttribute('width', String(width));
      node.setAttribute('height', String(height));
    }
    this._svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  }

  /** Show `view` at once (the old picture transformed) and ask for it re-sampled,
   * unless the picture's margin already holds it with room to spare. */
  private _show(view: IView): void {
    this._shown = view;
    this._paint();
    if (this._needsScene()) {
      this._requestView();
    } else {
      this._restSoon();
    }
  }

  /** Whether the picture is the kernel's sampling of the view shown, with the values
   * of the sliders: no stretch, no gap at an edge. */
  private _exact(): boolean {
    return (
      covers(this._drawn, this._shown) &&
      Private.sameValues(this._drawnParams, this._params())
    );
  }

  /** Whether to ask for a new scene: the picture is not exact, or its margin is half
   * used up. */
  private _needsScene(): boolean {
    const v = this._shown;
    const slack = Math.floor((MARGIN / 2) * Math.min(v.width, v.height));
    return (
      !covers(this._drawn, v, slack) ||
      !Private.sameValues(this._drawnParams, this._params())
    );
  }

  private _zoomCentre(factor: number): void {
    const v = this._shown;
    this._show(zoomAbout(v, v.width / 2, v.height / 2, factor));
  }

  private _reset(): void {
    this._show(this._home);
  }

  // ---- Drawing ---------------------------------------------------------------------

  /** The scene's curves and regions as paths, for the view they were sampled for. */
  private _drawItems(): void {
    this._itemsGroup.innerHTML = itemsMarkup(this._items, this._drawn);
    const d = this._drawn;
    const g = this._itemsGroup;
    g.setAttribute('data-x0', String(d.x0));
    g.setAttribute('data-x1', String(d.x1));
    g.setAttribute('data-y0', String(d.y0));
    g.setAttribute('data-y1', String(d.y1));
    g.setAttribute('data-width', String(d.width));
    g.setAttribute('data-height', String(d.height));
    g.setAttribute('data-params', JSON.stringify(this._drawnParams));
    this._redraws++;
    this.node.dataset.redraws = String(this._redraws);
  }

  /** Everything that follows the view shown: transform, grid, axes, overlays. */
  private _paint(): void {
    const t = transformBetween(this._drawn, this._shown);
    const exact = this._exact();
    // An exact picture only moves: its scale is one, not one give or take a rounding.
    const [sx, sy] = exact ? [1, 1] : [t.scaleX, t.scaleY];
    this._itemsGroup.setAttribute(
      'transform',
      `matrix(${sx} 0 0 ${sy} ${t.translateX} ${t.translateY})`
    );
    const measure = this._measure();
    const furniture = this._furniture(measure);
    if (this._axesView !== this._shown) {
      // Grid and ticks depend on the view alone: a redrawn scene keeps them.
      const { layout, labels } = labelledAxes(this._shown, measure, furniture);
      this._axes.innerHTML = axesMarkup(this._shown, layout, labels);
      this._tickBoxes = labels.map(label => label.box);
      this._axesView = this._shown;
    }
    const overlay = overlayMarkup(
      {
        points: this._items.filter(item => item.kind === 'point'),
        features: this._features,
        trace: null
      },
      this._shown,
      measure,
      [...furniture, ...this._tickBoxes]
    );
    this._overlay.innerHTML = overlay.markup;
    this._overlayBoxes = overlay.boxes;
    this._paintTrace();
    const data = this.node.dataset;
    data.x0 = String(this._shown.x0);
    data.x1 = String(this._shown.x1);
    data.y0 = String(this._shown.y0);
    data.y1 = String(this._shown.y1);
    data.sampled = String(exact);
  }

  private _paintTrace(): void {
    const point = this._tracePoint();
    const measure = this._measure();
    this._traceGroup.innerHTML = point
      ? traceMarkup(point, this._shown, measure, [
          ...this._furniture(measure),
          ...this._tickBoxes,
          ...this._overlayBoxes
        ])
      : '';
  }

  /** Text widths in the plot's font, measured once the plot is in the page. */
  private _measure(): Measure {
    if (!this._measured || this._measuredFrom !== this._svg.isConnected) {
      this._measured = fontMeasure(this._svg);
      this._measuredFrom = this._svg.isConnected;
    }
    return this._measured;
  }

  /** What labels must keep clear of: the legend and the toolbar. */
  private _furniture(measure: Measure): IBox[] {
    const { width, height } = this._shown;
    if (this._legendMeasure !== measure) {
      this._legend.innerHTML = legendMarkup(this._items, measure);
      this._legendMeasure = measure;
      this._axesView = null;
    }
    const legend = legendLayout(this._items, measure);
    const key = `${width}x${height}`;
    if (this._toolbarBox?.key !== key) {
      // Measured once per size: reading the layout on every frame of a drag would
      // force the page to lay out again.
      const box = boxOver(this._toolbar, this._svg, width);
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

  /** The traced point: the keyboard trace's, else the one under the pointer. */
  private _tracePoint(): { x: number; y: number; color: string } | null {
    const key = this._keyTrace;
    if (key) {
      const item = this._items.find(i => i.id === key.itemId);
      if (item) {
        const [x, y] = pointAt(item, key.along, key.t);
        return Number.isFinite(x) && Number.isFinite(y)
          ? { x, y, color: item.color }
          : null;
      }
    }
    const hover = this._hover;
    if (hover) {
      const item = this._items.find(i => i.id === hover.itemId);
      return { x: hover.x, y: hover.y, color: item?.color ?? '#000000' };
    }
    return null;
  }

  /**
   * Show the picture and note that stand for an undrawable scene of `model`, or (with
   * null) take them away and show the plot.
   */
  private _showFallback(
    model: IRenderMime.IMimeModel | null,
    problem: string | null
  ): void {
    this._fallback?.remove();
    this._fallback = null;
    for (const child of Array.from(this.node.children)) {
      (child as HTMLElement).hidden = model !== null;
    }
    if (model === null) {
      return;
    }
    this._scene = null;
    this._items = [];
    clearTimeout(this._restTimer);
    const box = (this._fallback = document.createElement('div'));
    box.className = 'jp-PlotterView-fallback';
    const src = fallbackPicture(model.data);
    if (src !== null) {
      const img = document.createElement('img');
      img.src = src;
      img.alt = Private.altText(model.data);
      box.append(img);
    }
    const note = document.createElement('div');
    note.className = 'jp-PlotterView-fallback-note';
    note.textContent = fallbackNote(problem ?? 'it cannot be read');
    box.append(note);
    this.node.append(box);
  }

  private _setNote(text: string | null, detail = ''): void {
    this._note.hidden = text === null;
    this._note.textContent = text ?? '';
    this._note.title = detail;
  }

  // ---- Talking to the kernel ---------------------------------------------------------

  private _params(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const slider of this._sliders) {
      out[slider.param.name] = slider.param.value;
    }
    return out;
  }

  /** A request for the view shown, widened by `margin` (a scene's; points of
   * interest are sought in view only). */
  private _query(request: RequestKind, margin = 0): IViewQuery | null {
    if (!this._displayId) {
      return null;
    }
    const v = padded(this._shown, margin);
    return {
      request,
      display_id: this._displayId,
      view: {
        x: [v.x0, v.x1],
        y: [v.y0, v.y1],
        width: v.width,
        height: v.height
      },
      params: this._params()
    };
  }

  private _requestView(margin = MARGIN): void {
    this._ask('view', margin);
  }

  private _ask(kind: RequestKind, margin = 0): void {
    const query = this._query(kind, margin);
    if (this._forgotten || !query) {
      this._setNote(
        RERUN_NOTE,
        'This plot cannot be redrawn by the kernel now.'
      );
      return;
    }
    this._queue.push(kind, query);
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
    if (this._scene === null) {
      return; // the output no longer holds a scene to draw
    }
    if (kind === 'view' && reply.scene) {
      const check = readScene(reply.scene);
      if (!check.scene) {
        this._setNote(
          RERUN_NOTE,
          `The kernel's plot cannot be drawn: ${check.problem}.`
        );
        return;
      }
      this._setNote(null);
      this._drawn = Private.viewOf(check.scene);
      this._items = check.scene.items;
      this._drawnParams = query.params;
      this._drawnQuery = query;
      this._drawItems();
      this._paint();
      this._restSoon();
      if (!this._exact() && !this._queue.waiting) {
        // The view moved on without asking while this scene was on its way (the
        // margin held it then): ask for where it is now.
        this._catchUp();
      }
      return;
    }
    if (kind === 'features' && reply.features) {
      this._setNote(null);
      const id = this._featureItem;
      this._features = reply.features.filter(
        f => id !== null && f.items.includes(id)
      );
      this._paint();
      if (this._announceFeatures) {
        // Said once, for the click: a refresh after a pan stays quiet.
        this._announceFeatures = false;
        this._sayFeatures();
      }
      return;
    }
    const diagnostics = reply.diagnostics ?? [];
    if (diagnostics.some(d => d.code === 'bad-request')) {
      // The kernel restarted or forgot this output: only a re-run brings it back.
      this._forgotten = true;
      this._setNote(RERUN_NOTE, diagnostics.map(d => d.message).join('\n'));
    } else if (diagnostics.length > 0) {
      this._setNote(diagnostics[0].message);
    }
  }

  /** Once redrawn views stop coming: sample the margin again if it is used up, and
   * seek the points of interest on show again in the view shown (they were found in
   * another view or with other values). */
  private _restSoon(): void {
    clearTimeout(this._restTimer);
    this._restTimer = setTimeout(() => {
      if (this.isDisposed || this._forgotten) {
        return;
      }
      if (this._needsScene() && this._catchUp()) {
        return; // its answer rests again, and then seeks the points
      }
      if (this._featureItem !== null) {
        this._ask('features');
      }
    }, REST);
  }

  /** Ask for the view shown with its margin, unless the scene drawn is the answer to
   * that very request (a kernel that cannot give the margin is not asked again and
   * again). Whether it asked. */
  private _catchUp(): boolean {
    const query = this._query('view', MARGIN);
    const drawn = this._drawnQuery;
    if (!query || (drawn && Private.sameQuery(query, drawn))) {
      return false;
    }
    this._queue.push('view', query);
    return true;
  }

  private _unreachable(reason: unknown): void {
    const detail = reason instanceof Error ? reason.message : String(reason);
    this._setNote(RERUN_NOTE, detail);
  }

  // ---- Pointer and wheel ---------------------------------------------------------------

  private _local(event: MouseEvent): [number, number] {
    const rect = this._svg.getBoundingClientRect();
    const sx = rect.width > 0 ? this._shown.width / rect.width : 1;
    const sy = rect.height > 0 ? this._shown.height / rect.height : 1;
    return [(event.clientX - rect.left) * sx, (event.clientY - rect.top) * sy];
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
      this._press = { px, py, view: this._shown, moved: false };
    } else if (this._pointers.size === 2) {
      const [a, b] = Array.from(this._pointers.values());
      this._pinch = {
        distance: Math.hypot(a[0] - b[0], a[1] - b[1]) || 1,
        mid: [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2],
        view: this._shown
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
      this._show(panBy(zoomed, mid[0] - pinch.mid[0], mid[1] - pinch.mid[1]));
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
      this._hover = null;
      this._show(panBy(press.view, px - press.px, py - press.py));
      return;
    }
    if (this._pointers.size === 0) {
      this._hover = nearestPoint(this._items, this._shown, px, py);
      this._paintTrace();
    }
  }

  private _onPointerUp(event: PointerEvent): void {
    if (!this._pointers.delete(event.pointerId)) {
      return;
    }
    const press = this._press;
    if (event.type === 'pointerup' && press && !press.moved) {
      this._click(press.px, press.py);
    }
    if (this._pointers.size < 2) {
      this._pinch = null;
    }
    if (this._pointers.size === 0) {
      this._press = null;
    }
  }

  /** A click on a curve asks for its points of interest; elsewhere it clears them. */
  private _click(px: number, py: number): void {
    const curves = this._items.filter(item => item.kind === 'curve');
    const hit = nearestPoint(curves, this._shown, px, py);
    this._features = [];
    this._featureItem = hit ? hit.itemId : null;
    this._paint();
    if (hit) {
      this._announceFeatures = true;
      this._ask('features');
    }
  }

  private _onWheel(event: WheelEvent): void {
    event.preventDefault();
    const unit = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? 400 : 1;
    const delta = event.deltaY * unit;
    // Trackpad pinches arrive as wheel events with ctrlKey and small deltas.
    const factor = Math.exp(-delta * (event.ctrlKey ? 0.01 : 0.0015));
    const [px, py] = this._local(event);
    this._show(zoomAbout(this._shown, px, py, factor));
  }

  // ---- Keyboard and the keyboard trace -------------------------------------------------

  private _onKey(event: KeyboardEvent): void {
    if (event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    const v = this._shown;
    const tracing = this._keyTrace !== null;
    switch (event.key) {
      case '+':
      case '=':
        this._zoomCentre(ZOOM_STEP);
        break;
      case '-':
      case '_':
      case '\u2212':
        this._zoomCentre(1 / ZOOM_STEP);
        break;
      case 'ArrowLeft':
        tracing
          ? this._traceMove(-1)
          : this._show(panBy(v, v.width * PAN_STEP, 0));
        break;
      case 'ArrowRight':
        tracing
          ? this._traceMove(1)
          : this._show(panBy(v, -v.width * PAN_STEP, 0));
        break;
      case 'ArrowUp':
        tracing
          ? this._traceSwitch(-1)
          : this._show(panBy(v, 0, v.height * PAN_STEP));
        break;
      case 'ArrowDown':
        tracing
          ? this._traceSwitch(1)
          : this._show(panBy(v, 0, -v.height * PAN_STEP));
        break;
      case 't':
      case 'T':
        tracing ? this._traceStop() : this._traceStart();
        break;
      case 'Escape':
        if (!tracing) {
          return;
        }
        this._traceStop();
        break;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  }

  private _traceStart(): void {
    const curves = traceable(this._items);
    if (curves.length === 0) {
      this._say('There is no curve to trace in this plot.');
      return;
    }
    const item = curves[0];
    const along = alongOf(item, this._program);
    this._keyTrace = {
      itemId: item.id,
      along,
      t: startAt(item, along, this._shown)
    };
    this._announceTrace(true);
  }

  private _traceStop(): void {
    this._keyTrace = null;
    this._paintTrace();
    this._say('Trace off.');
  }

  private _traceMove(direction: 1 | -1): void {
    const key = this._keyTrace;
    const item = key && this._items.find(i => i.id === key.itemId);
    if (!key || !item) {
      this._traceStart();
      return;
    }
    key.t = stepFrom(item, key.along, key.t, direction, this._shown);
    this._announceTrace(false);
  }

  private _traceSwitch(direction: 1 | -1): void {
    const key = this._keyTrace;
    const curves = traceable(this._items);
    if (!key || curves.length === 0) {
      return;
    }
    const k = curves.findIndex(i => i.id === key.itemId);
    const next = curves[(k + direction + curves.length) % curves.length];
    const current = curves[k];
    const [x, y] = current ? pointAt(current, key.along, key.t) : [NaN, NaN];
    const along = alongOf(next, this._program);
    const t = Number.isFinite(x)
      ? positionNear(next, along, x, y)
      : startAt(next, along, this._shown);
    this._keyTrace = { itemId: next.id, along, t };
    this._announceTrace(true);
  }

  private _announceTrace(withLabel: boolean): void {
    const key = this._keyTrace;
    const item = key && this._items.find(i => i.id === key.itemId);
    if (!key || !item) {
      return;
    }
    const [x, y] = pointAt(item, key.along, key.t);
    const text = readout(this._shown, x, y);
    this._say(withLabel ? `${item.label}: ${text}` : text);
    this._paintTrace();
  }

  private _sayFeatures(): void {
    const item = this._items.find(i => i.id === this._featureItem);
    if (!item) {
      return;
    }
    const found = this._features.length;
    this._say(
      found === 0
        ? `${item.label}: no zeros, extrema or intersections in view.`
        : `${item.label}: ${found} point${found === 1 ? '' : 's'} of interest.`
    );
  }

  private _say(text: string): void {
    this._readout.textContent = text;
  }

  // ---- Audio and downloads -----------------------------------------------------------

  private _toggleAudio(): void {
    if (this._player.playing) {
      this._player.stop();
      return;
    }
    const key = this._keyTrace;
    const curves = traceable(this._items);
    const item = (key && curves.find(i => i.id === key.itemId)) || curves[0];
    if (!item) {
      this._say('There is no curve to play in this plot.');
      return;
    }
    const along = alongOf(item, this._program);
    const { xs, ys } = traceTrack(item, along, this._shown, AUDIO_TONES);
    const tones = toneTrack(xs, ys, this._shown, AUDIO_SECONDS);
    this._audioButton.setAttribute('aria-pressed', 'true');
    this._say(`Playing ${item.label}.`);
    this._player.play(tones, AUDIO_SECONDS, () => {
      this._audioButton.setAttribute('aria-pressed', 'false');
    });
  }

  private _download(format: 'svg' | 'png'): void {
    const markup = standaloneSvg(this._svg, '.jp-PlotterView-trace');
    if (format === 'svg') {
      downloadSvg(markup, 'plot.svg');
      return;
    }
    downloadPng(
      markup,
      this._shown.width,
      this._shown.height,
      'plot.png'
    ).catch(reason => this._setNote(`The PNG could not be made: ${reason}`));
  }

  private _mimeType: string;
  private _kernel: KernelGetter;
  private _queue: RequestQueue<IViewQuery, IViewReply>;
  private _scene: Scene | null = null;
  private _displayId: string | null = null;
  private _forgotten = false;
  private _items: Item[] = [];
  private _program: Program | undefined;
  private _drawn: IView = Private.DEFAULT_VIEW;
  private _drawnParams: Record<string, number> = {};
  /** The request the scene drawn answers (null for the cell's own scene). */
  private _drawnQuery: IViewQuery | null = null;
  private _shown: IView = Private.DEFAULT_VIEW;
  private _home: IView = Private.DEFAULT_VIEW;
  private _width: number | null = null;
  private _features: Feature[] = [];
  private _featureItem: string | null = null;
  private _restTimer: ReturnType<typeof setTimeout> | undefined;
  private _announceFeatures = false;
  private _hover: ITracePoint | null = null;
  private _keyTrace: { itemId: string; along: Along; t: number } | null = null;
  private _pointers = new Map<number, [number, number]>();
  private _press: {
    px: number;
    py: number;
    view: IView;
    moved: boolean;
  } | null = null;
  private _pinch: { distance: number; mid: number[]; view: IView } | null =
    null;
  private _sliders: Slider[] = [];
  private _player = new AudioTrace();
  private _redraws = 0;
  private _svg!: SVGSVGElement;
  private _axes!: SVGGElement;
  private _axesView: IView | null = null;
  private _itemsGroup!: SVGGElement;
  private _overlay!: SVGGElement;
  private _legend!: SVGGElement;
  private _toolbar!: HTMLDivElement;
  private _measured: Measure | null = null;
  private _measuredFrom = false;
  private _legendMeasure: Measure | null = null;
  private _toolbarBox: { key: string; box: IBox } | null = null;
  private _tickBoxes: IBox[] = [];
  private _overlayBoxes: IBox[] = [];
  private _traceGroup!: SVGGElement;
  private _audioButton!: HTMLButtonElement;
  private _note!: HTMLDivElement;
  private _fallback: HTMLDivElement | null = null;
  private _readout!: HTMLDivElement;
  private _slidersNode!: HTMLDivElement;
  private _resizeObserver!: ResizeObserver;
}

namespace Private {
  /** The alternative text of a fallback picture: the output's plain text, if any. */
  export function altText(bundle: Readonly<Record<string, unknown>>): string {
    const text = bundle['text/plain'];
    return typeof text === 'string' ? text.slice(0, 500) : 'A saved plot';
  }

  export const DEFAULT_VIEW: IView = {
    x0: -10,
    x1: 10,
    y0: -10,
    y1: 10,
    width: 600,
    height: 400
  };

  /** The parameter values a scene was drawn with. */
  export function valuesOf(params: Scene['params']): Record<string, number> {
    const out: Record<string, number> = {};
    for (const p of params) {
      if (typeof p.value === 'number') {
        out[p.name] = p.value;
      }
    }
    return out;
  }

  /** Whether two sets of parameter values are the same. */
  export function sameValues(
    a: Record<string, number>,
    b: Record<string, number>
  ): boolean {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length && keys.every(k => a[k] === b[k])
    );
  }

  /** Whether two requests ask for the same view with the same values. */
  export function sameQuery(a: IViewQuery, b: IViewQuery): boolean {
    return (
      JSON.stringify([a.view, a.params]) === JSON.stringify([b.view, b.params])
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
}
