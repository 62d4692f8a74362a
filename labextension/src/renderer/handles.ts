/**
 * Draggable points (SPEC section 11): a point whose x or y is a bare parameter (the
 * scene's `drag`) gets a handle over it. Dragging the handle, the arrow keys on it,
 * or a click on the plot while it is selected set those parameters, as their sliders
 * would: snapped to the slider's step and kept in its range. The handle moves at once;
 * the rest of the plot follows when the re-sampled scene arrives. The notebook's text
 * is never changed.
 */

import type { IDrag, Item } from '../core/types';
import { plotUsesKey } from './keyboard';
import { ownKeys } from './keys';
import { formatValue, IParam, snap } from './sliders';
import type { Values } from './state';
import { fromPixel, IView, toPixel } from './view';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Pixels a pointer moves on a handle before it drags the point. */
const DRAG_SLOP = 3;

/** The class of a handle's element, and of a selected one. */
export const HANDLE_CLASS = 'jp-PlotterView-handle';
export const SELECTED_CLASS = 'jp-mod-selected';

/** The sliders by name, as they are now. */
export type Sliders = ReadonlyMap<string, IParam>;

/**
 * The values that put a point dragged by `drag` at the data point (x, y): each of its
 * parameters snapped to its slider's step and kept in the slider's range. A parameter
 * that is both coordinates, `(a, a)`, follows x.
 */
export function valuesAt(
  drag: IDrag,
  sliders: Sliders,
  x: number,
  y: number
): Values {
  const out: Values = {};
  const yParam = drag.y !== undefined ? sliders.get(drag.y) : undefined;
  if (yParam && Number.isFinite(y)) {
    out[yParam.name] = snap(yParam, y);
  }
  const xParam = drag.x !== undefined ? sliders.get(drag.x) : undefined;
  if (xParam && Number.isFinite(x)) {
    out[xParam.name] = snap(xParam, x);
  }
  return out;
}

/** The arrow keys that move a handle, as steps of its x and y parameters. */
const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowDown: [0, -1],
  ArrowUp: [0, 1]
};

/** Whether a focused handle uses the key of `event`. */
export function handleUsesKey(
  event: Pick<
    KeyboardEvent,
    'key' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey'
  >
): boolean {
  if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) {
    return false;
  }
  return event.key in ARROWS || event.key === 'Escape';
}

/**
 * The values after the arrow `key` on a point dragged by `drag`: one slider step of
 * the parameter of that axis, kept in its range. Empty when the key moves nothing
 * (no parameter on that axis, or at the end of its range).
 */
export function valuesAfterKey(
  drag: IDrag,
  sliders: Sliders,
  key: string
): Values {
  const arrow = ARROWS[key];
  if (!arrow) {
    return {};
  }
  const name = arrow[0] !== 0 ? drag.x : drag.y;
  const param = name !== undefined ? sliders.get(name) : undefined;
  if (!param) {
    return {};
  }
  const next = snap(param, param.value + (arrow[0] || arrow[1]) * param.step);
  return next === param.value ? {} : { [param.name]: next };
}

/**
 * The items as they show while the sliders are `values`: a draggable point sits at the
 * values of its parameters at once, before the re-sampled scene arrives. Items that do
 * not move are the same objects.
 */
export function movedItems(
  items: readonly Item[],
  values: Values
): readonly Item[] {
  if (!items.some(item => item.drag)) {
    return items;
  }
  return items.map(item => {
    const drag = item.drag;
    if (!drag || item.kind !== 'point') {
      return item;
    }
    const x = drag.x !== undefined ? values[drag.x] : undefined;
    const y = drag.y !== undefined ? values[drag.y] : undefined;
    if (
      (x === undefined || x === item.x) &&
      (y === undefined || y === item.y)
    ) {
      return item;
    }
    return { ...item, x: x ?? item.x, y: y ?? item.y };
  });
}

/** What a handle is called: which point, and how to move it. */
export function handleName(drag: IDrag): string {
  const { x, y } = drag;
  const which =
    x !== undefined && y !== undefined
      ? `Point (${x}, ${y})`
      : x !== undefined
        ? `Point with x = ${x}`
        : `Point with y = ${y}`;
  return `${which}: drag, or use the arrow keys`;
}

/** The values a handle stands for, as read out: "a = 1.0, b = 2.0". */
export function handleValueText(drag: IDrag, sliders: Sliders): string {
  const names = [drag.x, drag.y].filter(
    (name, k, all): name is string =>
      name !== undefined && all.indexOf(name) === k
  );
  return names
    .map(name => sliders.get(name))
    .filter((p): p is IParam => p !== undefined)
    .map(p => `${p.name} = ${formatValue(p.value, p.step)}`)
    .join(', ');
}

/** What the handles read of the plot and ask of it. */
export interface IHandleHost {
  /** The view shown. */
  view(): IView;
  /** The sliders now, by name. */
  sliders(): Sliders;
  /** Set these sliders (a drag, a key or a click moved a point). */
  set(values: Values): void;
  /** The event's position in the plot's pixels. */
  local(event: MouseEvent): [number, number];
}

/**
 * A press on a handle: the pointer, the handle, where it went down, how far the
 * handle's centre is from it (kept while dragging, so the point does not jump under
 * the pointer), and whether it has moved yet.
 */
interface IPress {
  id: number;
  key: string;
  px: number;
  py: number;
  dx: number;
  dy: number;
  moved: boolean;
  wasSelected: boolean;
}

/** One handle's element and the point it moves. */
interface IHandle {
  node: SVGCircleElement;
  drag: IDrag;
}

/** The handles of one plot, in their own layer of the SVG. */
export class Handles {
  constructor(layer: SVGGElement, svg: SVGSVGElement, host: IHandleHost) {
    this._layer = layer;
    this._svg = svg;
    this._host = host;
  }

  /** The key of the selected handle, or null. */
  get selected(): string | null {
    return this._selected;
  }

  /** Whether a pointer drags a handle now. */
  get dragging(): boolean {
    return this._pointer !== null;
  }

  /**
   * Put a handle over every draggable point of `items` (as they show) in `view`. A
   * handle stays the same element while its point stays, so it keeps the focus.
   */
  sync(items: readonly Item[], view: IView): void {
    const sliders = this._host.sliders();
    const seen = new Map<string, number>();
    const keep = new Set<string>();
    for (const item of items) {
      const drag = item.drag;
      if (!drag || item.kind !== 'point') {
        continue;
      }
      const k = seen.get(item.id) ?? 0;
      seen.set(item.id, k + 1);
      const key = `${item.id}:${k}`;
      keep.add(key);
      const handle = this._handles.get(key) ?? this._make(key, drag);
      handle.drag = drag;
      this._place(handle, item, view, sliders);
    }
    for (const [key, handle] of this._handles) {
      if (!keep.has(key)) {
        handle.node.remove();
        this._handles.delete(key);
        if (this._selected === key) {
          this._selected = null;
        }
      }
    }
  }

  /**
   * A pointer event of the plot: a press on a handle selects it and starts a drag,
   * which moves its point until the pointer lets go. True when the event was the
   * handles' (the plot's gestures then leave it alone).
   */
  handle(event: PointerEvent): boolean {
    if (event.type === 'pointerdown') {
      const key = this._keyOf(event.target);
      if (key === null || this._pointer !== null) {
        return false;
      }
      if (event.pointerType === 'mouse' && event.button !== 0) {
        return true;
      }
      event.preventDefault();
      const [px, py] = this._host.local(event);
      const node = this._handles.get(key)!.node;
      const cx = Number(node.getAttribute('cx'));
      const cy = Number(node.getAttribute('cy'));
      this._pointer = {
        id: event.pointerId,
        key,
        px,
        py,
        dx: cx - px,
        dy: cy - py,
        moved: false,
        wasSelected: this._selected === key
      };
      this._select(key);
      this._handles.get(key)?.node.focus({ preventScroll: true });
      try {
        this._svg.setPointerCapture(event.pointerId);
      } catch {
        // A synthetic pointer cannot be captured: moves still reach the plot.
      }
      return true;
    }
    const pointer = this._pointer;
    if (pointer === null || event.pointerId !== pointer.id) {
      return false;
    }
    if (event.type === 'pointermove') {
      const [px, py] = this._host.local(event);
      if (
        pointer.moved ||
        Math.hypot(px - pointer.px, py - pointer.py) >= DRAG_SLOP
      ) {
        pointer.moved = true;
        this._moveTo(pointer.key, px + pointer.dx, py + pointer.dy);
      }
    } else if (event.type === 'pointerup' || event.type === 'pointercancel') {
      this._pointer = null;
      // A drag is done with the point; a press that did not move selects it, or
      // lets go of it when it was selected already.
      if (pointer.moved || pointer.wasSelected) {
        this.deselect();
      }
    }
    return true;
  }

  /** A click on the plot at pixel (px, py): the selected handle's point goes there.
   * False when no handle is selected. */
  click(px: number, py: number): boolean {
    const key = this._selected;
    if (key === null || !this._handles.has(key)) {
      return false;
    }
    this._moveTo(key, px, py);
    this.deselect();
    return true;
  }

  /** No handle is selected. */
  deselect(): void {
    this._select(null);
  }

  dispose(): void {
    this._handles.forEach(handle => handle.node.remove());
    this._handles.clear();
  }

  /** Move the point of handle `key` to pixel (px, py) of the view shown. */
  private _moveTo(key: string, px: number, py: number): void {
    const handle = this._handles.get(key);
    if (!handle) {
      return;
    }
    const [x, y] = fromPixel(this._host.view(), px, py);
    this._setValues(valuesAt(handle.drag, this._host.sliders(), x, y));
  }

  private _setValues(values: Values): void {
    const sliders = this._host.sliders();
    const changed = Object.keys(values).some(
      name => sliders.get(name)?.value !== values[name]
    );
    if (changed) {
      this._host.set(values);
    }
  }

  private _make(key: string, drag: IDrag): IHandle {
    const node = document.createElementNS(SVG_NS, 'circle');
    node.setAttribute('class', HANDLE_CLASS);
    node.setAttribute('r', '7');
    node.setAttribute('tabindex', '0');
    node.setAttribute('role', 'slider');
    node.setAttribute('aria-roledescription', 'draggable point');
    node.dataset.handle = key;
    ownKeys(node, event => handleUsesKey(event) || plotUsesKey(event, false));
    node.addEventListener('keydown', event => this._onKey(key, event));
    node.addEventListener('focus', () => this._select(key));
    const handle = { node, drag };
    this._handles.set(key, handle);
    this._layer.append(node);
    return handle;
  }

  private _place(
    handle: IHandle,
    item: Item,
    view: IView,
    sliders: Sliders
  ): void {
    const { node, drag } = handle;
    const [px, py] = toPixel(view, item.x ?? NaN, item.y ?? NaN);
    const inside =
      Number.isFinite(px) &&
      Number.isFinite(py) &&
      px >= 0 &&
      px <= view.width &&
      py >= 0 &&
      py <= view.height;
    node.setAttribute('cx', inside ? px.toFixed(2) : '-100');
    node.setAttribute('cy', inside ? py.toFixed(2) : '-100');
    node.setAttribute('stroke', item.color);
    node.classList.toggle('jp-mod-outside', !inside);
    node.setAttribute('data-item', item.id);
    Private.setData(node, 'dragX', drag.x);
    Private.setData(node, 'dragY', drag.y);
    node.setAttribute('aria-label', handleName(drag));
    node.setAttribute('aria-valuetext', handleValueText(drag, sliders));
    const first = sliders.get(drag.x ?? drag.y ?? '');
    if (first) {
      node.setAttribute('aria-valuenow', String(first.value));
      node.setAttribute('aria-valuemin', String(first.min));
      node.setAttribute('aria-valuemax', String(first.max));
    }
  }

  private _onKey(key: string, event: KeyboardEvent): void {
    if (!handleUsesKey(event)) {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    const handle = this._handles.get(key);
    if (!handle) {
      return;
    }
    if (event.key === 'Escape') {
      this.deselect();
      this._svg.focus({ preventScroll: true });
      return;
    }
    this._select(key);
    this._setValues(
      valuesAfterKey(handle.drag, this._host.sliders(), event.key)
    );
  }

  private _select(key: string | null): void {
    this._selected = key;
    for (const [k, handle] of this._handles) {
      handle.node.classList.toggle(SELECTED_CLASS, k === key);
    }
  }

  /** The key of the handle an event's target is, or null. */
  private _keyOf(target: EventTarget | null): string | null {
    const node = (target as Partial<Element> | null)?.closest?.(
      `.${HANDLE_CLASS}`
    );
    const key = node?.getAttribute('data-handle') ?? null;
    return key !== null && this._handles.has(key) ? key : null;
  }

  private _layer: SVGGElement;
  private _svg: SVGSVGElement;
  private _host: IHandleHost;
  private _handles = new Map<string, IHandle>();
  private _selected: string | null = null;
  private _pointer: IPress | null = null;
}

namespace Private {
  /** Set or remove a data attribute. */
  export function setData(
    node: SVGElement,
    name: string,
    value: string | undefined
  ): void {
    if (value === undefined) {
      delete node.dataset[name];
    } else {
      node.dataset[name] = value;
    }
  }
}
