/**
 * The interactive plot (SPEC section 6): the scene v2 of one output drawn as SVG, with
 * zoom, pan, sliders, trace, points of interest, an audio trace and downloads. The
 * picture transforms at once; the kernel's re-sampled scene then replaces it.
 *
 * This widget wires the parts together and owns the sliders: `state.ts` holds the
 * views, `painter.ts` paints them, `gestures.ts` and `keyboard.ts` turn input into
 * views, `requests.ts` asks the kernel, `tracing.ts` keeps the trace, `features.ts`
 * the points of interest, `handles.ts` the draggable points, `announce.ts` speaks and
 * plays, `toolbar.ts` builds the buttons.
 */

import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Widget } from '@lumino/widgets';

import protocol from '../core/protocol.json';
import type { Feature, Scene } from '../core/types';
import { Announcer } from './announce';
import type { IViewQuery } from './comm';
import { downloadPlot } from './download';
import { fallbackBox } from './fallback';
import { PointsOfInterest } from './features';
import { Gestures, localPixel } from './gestures';
import { Handles, movedItems } from './handles';
import { handleKey, plotUsesKey } from './keyboard';
import { ownKeys } from './keys';
import { IFrame, Painter } from './painter';
import { KernelGetter, PlotRequests } from './requests';
import { Slider } from './slider';
import type { IParam } from './sliders';
import { PlotState, Values } from './state';
import { ITraceScene, Tracer } from './tracing';
import { buildToolbar } from './toolbar';
import { readScene } from './validate';
import { IView, panBy, zoomAbout } from './view';

export type { KernelGetter } from './requests';
export { RERUN_NOTE } from './requests';

/** The MIME type of scene v2. */
export const SCENE_MIME = protocol.sceneMimeType;

/** How a plot is made: its MIME type and where its kernel is. */
export interface IPlotterViewOptions {
  mimeType: string;
  kernel: KernelGetter;
}

/** Zoom of one + or − (button or key). */
const ZOOM_STEP = 1.25;

/** The live plot of one `application/vnd.plotter.v2+json` output. */
export class PlotterView extends Widget implements IRenderMime.IRenderer {
  constructor(options: IPlotterViewOptions) {
    super();
    this._mimeType = options.mimeType;
    this.addClass('jp-PlotterView');
    const toolbar = buildToolbar({
      zoomIn: () => this._zoomCentre(ZOOM_STEP),
      zoomOut: () => this._zoomCentre(1 / ZOOM_STEP),
      reset: () => this._show(this._state.home),
      listen: () =>
        this._announcer.toggleAudio(this._traceScene(), this._tracer.itemId),
      download: format => {
        const { width, height } = this._state.shown;
        const labels = (this._state.scene?.items ?? []).map(i => i.label);
        downloadPlot(
          this._painter.svg,
          format,
          width,
          height,
          labels,
          message => this._setNote(message)
        );
      }
    });
    this._painter = new Painter(this.node, toolbar.node);
    this._announcer = new Announcer(toolbar.audio);
    this._tracer = new Tracer(
      text => this._announcer.say(text),
      () => this._paintTrace()
    );
    const svg = this._painter.svg;
    this._gestures = new Gestures(svg, {
      view: () => this._state.shown,
      show: view => this._show(view),
      drag: view => {
        this._tracer.unhover();
        this._show(view);
      },
      hover: (px, py) => this._tracer.hoverAt(this._traceScene(), px, py),
      leave: () => this._tracer.leave(),
      click: (px, py) => this._click(px, py)
    });
    this._handles = new Handles(this._painter.handles, svg, {
      view: () => this._state.shown,
      sliders: () => new Map(this._sliders.map(s => [s.param.name, s.param])),
      set: values => this._setParams(values),
      local: event => localPixel(svg, this._state.shown, event)
    });
    this._requests = new PlotRequests(options.kernel, {
      view: () => this._state.shown,
      params: () => this._params(),
      live: () => this._state.scene !== null,
      exact: () => this._exact(),
      needsScene: () => this._state.needsScene(this._params()),
      seeking: () => this._points.itemId !== null,
      drawScene: (scene, query) => this._drawScene(scene, query),
      showFeatures: features => this._showFeatures(features),
      note: (text, detail) => this._setNote(text, detail)
    });
    this._build(svg, toolbar.node);
  }

  /**
   * Draw the output's scene; later views come from the kernel. A scene that cannot be
   * drawn (malformed, or larger than any output the kernel sends) shows the output's
   * own picture, or a note, instead.
   */
  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    // The kernel sends the scene first and the pictures after it on the same display:
    // the same scene again leaves the plot as the student may already have moved it.
    const raw = JSON.stringify(model.data[this._mimeType]);
    if (raw === this._rendered) {
      return;
    }
    this._rendered = raw;
    const check = readScene(model.data[this._mimeType]);
    this._showFallback(check.scene ? null : model, check.problem);
    if (!check.scene) {
      return;
    }
    const scene = check.scene;
    const meta = model.metadata[this._mimeType] as
      { display_id?: unknown } | undefined;
    const state = this._state;
    this._requests.reset(
      typeof meta?.display_id === 'string' ? meta.display_id : null
    );
    this._painter.svg.setAttribute('aria-label', scene.description ?? 'A plot');
    state.load(scene);
    this._points.clear();
    this._tracer.clear();
    this._buildSliders(scene.params ?? []);
    this._painter.newLegend();
    const [width, height] = state.sizeFor(state.width ?? state.drawn.width);
    state.home = state.homeFor(width, height);
    state.shown = state.home;
    this._painter.setSize(width, height);
    this._drawItems();
    this._paint();
    if (!this._exact()) {
      this._requests.askView();
    }
  }

  /** The view shown now (data window and pixel size). */
  get view(): IView {
    return this._state.shown;
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._resizeObserver.disconnect();
    this._requests.dispose();
    this._announcer.dispose();
    this._handles.dispose();
    this._sliders.forEach(slider => slider.dispose());
    super.dispose();
  }

  /** Pointer, wheel and key events of the plot (the Lumino way). */
  handleEvent(event: Event): void {
    if (event.type === 'keydown') {
      this._onKey(event as KeyboardEvent);
    } else if (
      !event.type.startsWith('pointer') ||
      !this._handles.handle(event as PointerEvent)
    ) {
      this._gestures.handle(event);
    }
  }

  /** Put the plot together: the SVG and its toolbar and note, the read-out under
   * them, then the sliders; listen to the SVG's events and to the output's width. */
  private _build(svg: SVGSVGElement, toolbar: HTMLDivElement): void {
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
    ownKeys(svg, event => plotUsesKey(event, this._tracer.active));
    svg.addEventListener('wheel', this, { passive: false });

    const plot = document.createElement('div');
    plot.className = 'jp-PlotterView-plot';
    this._note = document.createElement('div');
    this._note.className = 'jp-PlotterView-note';
    this._note.hidden = true;
    plot.append(svg, toolbar, this._note);

    this._slidersNode = document.createElement('div');
    this._slidersNode.className = 'jp-PlotterView-sliders';
    this.node.append(plot, this._announcer.node, this._slidersNode);

    // A point stays selected while the focus is on the plot, its sliders or buttons.
    this.node.addEventListener('focusout', event => {
      const next = (event as FocusEvent).relatedTarget;
      if (!(next instanceof Node) || !this.node.contains(next)) {
        this._handles.deselect();
      }
    });

    this._resizeObserver = new ResizeObserver(entries => {
      const width = entries[entries.length - 1].contentRect.width;
      if (width > 0) {
        this._state.width = width;
        this._resize(width);
      }
    });
    this._resizeObserver.observe(this.node);
  }

  private _buildSliders(params: Scene['params']): void {
    this._sliders.forEach(slider => slider.dispose());
    this._sliders = params
      .filter(p => typeof p.value === 'number')
      .map(
        p =>
          new Slider({ ...p, value: p.value as number } as IParam, () =>
            this._paramsChanged()
          )
      );
    this._slidersNode.replaceChildren(...this._sliders.map(s => s.node));
  }

  /** A slider or a dragged point changed the values: show the points that follow
   * them at once, and ask for the plot re-sampled. */
  private _paramsChanged(): void {
    this.node.dataset.sampled = String(this._exact());
    this._paint();
    this._requests.askView(0);
  }

  /** A dragged point sets these sliders. */
  private _setParams(values: Values): void {
    let changed = false;
    for (const slider of this._sliders) {
      const value = values[slider.param.name];
      if (value !== undefined && slider.setValue(value)) {
        changed = true;
      }
    }
    if (changed) {
      this._paramsChanged();
    }
  }

  /** The sliders' values now. */
  private _params(): Values {
    const out: Values = {};
    for (const slider of this._sliders) {
      out[slider.param.name] = slider.param.value;
    }
    return out;
  }

  /** Whether the picture is the kernel's sampling of the view shown, with the values
   * of the sliders. */
  private _exact(): boolean {
    return this._state.exact(this._params());
  }

  // ---- Views -----------------------------------------------------------------------

  private _resize(width: number): void {
    const size = this._state.resize(width);
    if (!size) {
      return;
    }
    this._painter.setSize(...size);
    this._paint();
    this._requests.askView();
  }

  /** Show `view` at once (the old picture transformed) and ask for it re-sampled,
   * unless the picture's margin already holds it with room to spare. */
  private _show(view: IView): void {
    this._state.shown = view;
    this._paint();
    if (this._state.needsScene(this._params())) {
      this._requests.askView();
    } else {
      this._requests.restSoon();
    }
  }

  private _zoomCentre(factor: number): void {
    const v = this._state.shown;
    this._show(zoomAbout(v, v.width / 2, v.height / 2, factor));
  }

  private _onKey(event: KeyboardEvent): void {
    const v = this._state.shown;
    const tracer = this._tracer;
    handleKey(event, {
      tracing: tracer.active,
      width: v.width,
      height: v.height,
      zoomIn: () => this._zoomCentre(ZOOM_STEP),
      zoomOut: () => this._zoomCentre(1 / ZOOM_STEP),
      pan: (dx, dy) => this._show(panBy(v, dx, dy)),
      traceStart: () => tracer.start(this._traceScene()),
      traceStop: () => tracer.stop(),
      traceMove: direction => tracer.move(this._traceScene(), direction),
      traceSwitch: direction =>
        tracer.switchCurve(this._traceScene(), direction)
    });
  }

  /** What the trace and the audio read of the plot now. */
  private _traceScene(): ITraceScene {
    const state = this._state;
    return { items: state.items, program: state.program, view: state.shown };
  }

  // ---- Painting --------------------------------------------------------------------

  private _drawItems(): void {
    const state = this._state;
    this._painter.drawItems(state.items, state.drawn, state.drawnParams);
  }

  private _paint(): void {
    const state = this._state;
    const items = movedItems(state.items, this._params());
    const frame: IFrame = {
      items,
      drawn: state.drawn,
      shown: state.shown,
      exact: this._exact(),
      features: this._points.features
    };
    this._painter.paint(frame, this._tracer.point(state.items));
    this._handles.sync(items, state.shown);
  }

  private _paintTrace(): void {
    const { items, shown } = this._state;
    this._painter.paintTrace(this._tracer.point(items), items, shown);
  }

  /** The kernel's re-sampled scene, the answer to `query`. */
  private _drawScene(scene: Scene, query: IViewQuery): void {
    this._state.redrawn(scene, query.params);
    this._drawItems();
    this._paint();
  }

  // ---- Points of interest ----------------------------------------------------------

  /** A click places the selected point there; otherwise a click on a curve asks for
   * its points of interest, and elsewhere it clears them. */
  private _click(px: number, py: number): void {
    if (this._handles.click(px, py)) {
      return;
    }
    const { items, shown } = this._state;
    const hit = this._points.click(items, shown, px, py);
    this._paint();
    if (hit) {
      this._requests.ask('features');
    }
  }

  /** The points of interest the kernel found in view: those of the curve clicked. */
  private _showFeatures(features: Feature[]): void {
    const points = this._points;
    const announce = points.found(features);
    this._paint();
    if (announce) {
      // Said once, for the click: a refresh after a pan stays quiet.
      const item = this._state.items.find(i => i.id === points.itemId);
      this._announcer.sayFeatures(item, points.features.length);
    }
  }

  // ---- Notes and fallback ----------------------------------------------------------

  private _setNote(text: string | null, detail = ''): void {
    this._note.hidden = text === null;
    this._note.textContent = text ?? '';
    this._note.title = detail;
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
    this._state.clear();
    this._requests.stopResting();
    this._fallback = fallbackBox(model.data, problem);
    this.node.append(this._fallback);
  }

  private _mimeType: string;
  private _state = new PlotState();
  private _painter: Painter;
  private _announcer: Announcer;
  private _tracer: Tracer;
  private _gestures: Gestures;
  private _handles: Handles;
  /** The scene last rendered, as JSON. */
  private _rendered: string | null = null;
  private _requests: PlotRequests;
  private _sliders: Slider[] = [];
  private _points = new PointsOfInterest();
  private _note!: HTMLDivElement;
  private _fallback: HTMLDivElement | null = null;
  private _slidersNode!: HTMLDivElement;
  private _resizeObserver!: ResizeObserver;
}
