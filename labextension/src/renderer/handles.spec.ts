/**
 * Draggable points: the values a drag, an arrow key or a click gives (snapped to the
 * slider's step, kept in its range), the point shown at once, and the handles' own
 * behaviour on a small stand-in for the SVG (Jest runs under Node, with no DOM).
 */

import type { Item } from '../core/types';
import {
  HANDLE_CLASS,
  Handles,
  IHandleHost,
  SELECTED_CLASS,
  Sliders,
  handleName,
  handleUsesKey,
  handleValueText,
  movedItems,
  valuesAfterKey,
  valuesAt
} from './handles';
import type { IParam } from './sliders';
import type { Values } from './state';
import { IView, toPixel } from './view';

function param(name: string, value: number, step = 0.1): IParam {
  return { name, value, min: -10, max: 10, step, line: 0 };
}

function sliders(...params: IParam[]): Map<string, IParam> {
  return new Map(params.map(p => [p.name, p]));
}

function point(x: number, y: number, drag?: Item['drag']): Item {
  return {
    kind: 'point',
    id: 'line-2',
    line: 2,
    label: '(a, b)',
    color: '#1f77b4',
    style: { dash: false, fill: true },
    x,
    y,
    ...(drag ? { drag } : {})
  };
}

const view: IView = { x0: -10, x1: 10, y0: -5, y1: 5, width: 600, height: 300 };

describe('valuesAt', () => {
  const both = sliders(param('a', 1), param('b', 2));

  it('snaps both parameters of (a, b) to their steps', () => {
    expect(valuesAt({ x: 'a', y: 'b' }, both, 2.345, -1.26)).toEqual({
      a: 2.3,
      b: -1.3
    });
  });

  it('moves only the x parameter of (a, a^2)', () => {
    expect(valuesAt({ x: 'a' }, both, 3.04, 99)).toEqual({ a: 3 });
  });

  it('moves only the y parameter of (2, b)', () => {
    expect(valuesAt({ y: 'b' }, both, 7, 0.66)).toEqual({ b: 0.7 });
  });

  it('keeps values in the slider range', () => {
    expect(valuesAt({ x: 'a', y: 'b' }, both, 40, -40)).toEqual({
      a: 10,
      b: -10
    });
  });

  it('snaps on the grid from the slider minimum, as the slider does', () => {
    const odd = sliders({
      name: 'a',
      value: 0,
      min: 0.05,
      max: 1,
      step: 0.1,
      line: 0
    });
    expect(valuesAt({ x: 'a' }, odd, 0.3, 0)).toEqual({ a: 0.35 });
  });

  it('lets x win when one parameter is both coordinates', () => {
    expect(valuesAt({ x: 'a', y: 'a' }, both, 4, -4)).toEqual({ a: 4 });
  });

  it('ignores parameters with no slider', () => {
    expect(valuesAt({ x: 'z' }, both, 4, 4)).toEqual({});
  });
});

describe('valuesAfterKey', () => {
  const both = sliders(param('a', 1), param('b', 10));

  it('moves x with left and right, y with up and down, by one step', () => {
    const drag = { x: 'a', y: 'b' };
    expect(valuesAfterKey(drag, both, 'ArrowRight')).toEqual({ a: 1.1 });
    expect(valuesAfterKey(drag, both, 'ArrowLeft')).toEqual({ a: 0.9 });
    expect(valuesAfterKey(drag, both, 'ArrowDown')).toEqual({ b: 9.9 });
  });

  it('gives nothing at the end of the range or with no parameter there', () => {
    expect(valuesAfterKey({ x: 'a', y: 'b' }, both, 'ArrowUp')).toEqual({});
    expect(valuesAfterKey({ x: 'a' }, both, 'ArrowUp')).toEqual({});
    expect(valuesAfterKey({ x: 'a' }, both, 'Enter')).toEqual({});
  });
});

describe('handleUsesKey', () => {
  const key = (name: string, mods: Partial<KeyboardEvent> = {}) => ({
    key: name,
    altKey: false,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    ...mods
  });

  it('takes the arrows and Escape, and leaves shortcuts to JupyterLab', () => {
    expect(handleUsesKey(key('ArrowLeft'))).toBe(true);
    expect(handleUsesKey(key('Escape'))).toBe(true);
    expect(handleUsesKey(key('s', { ctrlKey: true }))).toBe(false);
    expect(handleUsesKey(key('ArrowUp', { shiftKey: true }))).toBe(false);
    expect(handleUsesKey(key('Enter'))).toBe(false);
  });
});

describe('movedItems', () => {
  it('puts a draggable point at its parameters at once', () => {
    const items = [point(1, 2, { x: 'a', y: 'b' }), point(1, 1, { x: 'a' })];
    const moved = movedItems(items, { a: 3, b: -1 });
    expect(moved.map(i => [i.x, i.y])).toEqual([
      [3, -1],
      [3, 1]
    ]);
    expect(items[0].x).toBe(1);
  });

  it('leaves the same items when nothing moves', () => {
    const items = [point(1, 2, { x: 'a', y: 'b' }), point(5, 5)];
    expect(movedItems(items, { a: 1, b: 2 })).toEqual(items);
    const plain = [point(5, 5)];
    expect(movedItems(plain, { a: 1 })).toBe(plain);
  });
});

describe('handle names', () => {
  it('says which point and how to move it', () => {
    expect(handleName({ x: 'a', y: 'b' })).toBe(
      'Point (a, b): drag, or use the arrow keys'
    );
    expect(handleName({ x: 'a' })).toBe(
      'Point with x = a: drag, or use the arrow keys'
    );
    expect(handleName({ y: 'b' })).toBe(
      'Point with y = b: drag, or use the arrow keys'
    );
  });

  it('reads out the values, each once', () => {
    const s = sliders(param('a', 1), param('b', -2));
    expect(handleValueText({ x: 'a', y: 'b' }, s)).toBe(
      'a = 1.0, b = \u22122.0'
    );
    expect(handleValueText({ x: 'a', y: 'a' }, s)).toBe('a = 1.0');
  });
});

// ---- The handles on a stand-in for the SVG ------------------------------------------

/** Just enough of an SVG element for the handles: attributes, classes, listeners. */
class FakeNode {
  constructor(readonly tag: string) {}
  attributes = new Map<string, string>();
  dataset: Record<string, string> = {};
  children: FakeNode[] = [];
  parent: FakeNode | null = null;
  listeners = new Map<string, Array<(event: unknown) => void>>();
  focused = 0;
  captured: number[] = [];
  classList = {
    names: new Set<string>(),
    toggle: (name: string, on: boolean) =>
      on ? this.classList.names.add(name) : this.classList.names.delete(name),
    contains: (name: string) => this.classList.names.has(name)
  };
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
    if (name === 'class') {
      value.split(' ').forEach(c => this.classList.names.add(c));
    }
  }
  getAttribute(name: string): string | null {
    if (name.startsWith('data-')) {
      const key = name
        .slice(5)
        .replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
      return this.dataset[key] ?? this.attributes.get(name) ?? null;
    }
    return this.attributes.get(name) ?? null;
  }
  addEventListener(type: string, listener: (event: unknown) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  dispatch(type: string, event: object): void {
    (this.listeners.get(type) ?? []).forEach(l =>
      l(Object.assign(event, { type }))
    );
  }
  append(child: FakeNode): void {
    child.parent = this;
    this.children.push(child);
  }
  remove(): void {
    if (this.parent) {
      this.parent.children = this.parent.children.filter(c => c !== this);
    }
  }
  closest(selector: string): FakeNode | null {
    return selector === `.${HANDLE_CLASS}` &&
      this.classList.contains(HANDLE_CLASS)
      ? this
      : null;
  }
  focus(): void {
    this.focused++;
  }
  setPointerCapture(id: number): void {
    this.captured.push(id);
  }
}

const globals = globalThis as unknown as Record<string, unknown>;
globals.window ??= { addEventListener: () => undefined };
globals.document ??= {
  createElementNS: (_: string, tag: string) => new FakeNode(tag)
};

/** A plot of `items` with sliders `params`, its handles, and what they set. */
function plot(items: Item[], ...params: IParam[]) {
  const layer = new FakeNode('g');
  const svg = new FakeNode('svg');
  const state = { sliders: sliders(...params), sets: [] as Values[] };
  const host: IHandleHost = {
    view: () => view,
    sliders: (): Sliders => state.sliders,
    set: values => {
      state.sets.push(values);
      for (const [name, value] of Object.entries(values)) {
        state.sliders.set(name, { ...state.sliders.get(name)!, value });
      }
    },
    local: event => [event.clientX, event.clientY]
  };
  const handles = new Handles(
    layer as unknown as SVGGElement,
    svg as unknown as SVGSVGElement,
    host
  );
  handles.sync(items, view);
  const nodes = () => layer.children;
  const pointer = (
    type: string,
    target: FakeNode | null,
    x: number,
    y: number
  ) =>
    handles.handle({
      type,
      target,
      pointerId: 1,
      pointerType: 'mouse',
      button: 0,
      clientX: x,
      clientY: y,
      preventDefault: () => undefined
    } as unknown as PointerEvent);
  const key = (node: FakeNode, name: string) => {
    const event = {
      key: name,
      altKey: false,
      ctrlKey: false,
      metaKey: false,
      shiftKey: false,
      prevented: false,
      stopped: false,
      preventDefault() {
        this.prevented = true;
      },
      stopPropagation() {
        this.stopped = true;
      }
    };
    node.dispatch('keydown', event);
    return event;
  };
  return { handles, state, nodes, pointer, key, svg };
}

describe('Handles', () => {
  const a = param('a', 1);
  const b = param('b', 2);

  it('marks each draggable point, and no other, with a focusable handle', () => {
    const { nodes } = plot(
      [point(1, 2, { x: 'a', y: 'b' }), point(4, 4), point(1, 1, { x: 'a' })],
      a,
      b
    );
    expect(nodes()).toHaveLength(2);
    const [first, second] = nodes();
    expect(first.classList.contains(HANDLE_CLASS)).toBe(true);
    expect(first.getAttribute('tabindex')).toBe('0');
    expect(first.getAttribute('role')).toBe('slider');
    expect(first.getAttribute('aria-label')).toBe(
      'Point (a, b): drag, or use the arrow keys'
    );
    expect(first.getAttribute('aria-valuetext')).toBe('a = 1.0, b = 2.0');
    expect(first.getAttribute('data-drag-x')).toBe('a');
    expect(first.getAttribute('data-drag-y')).toBe('b');
    expect(second.getAttribute('data-drag-y')).toBeNull();
    const [px, py] = toPixel(view, 1, 2);
    expect(Number(first.getAttribute('cx'))).toBeCloseTo(px);
    expect(Number(first.getAttribute('cy'))).toBeCloseTo(py);
  });

  it('keeps the same element when the scene is drawn again', () => {
    const { handles, nodes } = plot([point(1, 2, { x: 'a', y: 'b' })], a, b);
    const node = nodes()[0];
    handles.sync([point(3, 2, { x: 'a', y: 'b' })], view);
    expect(nodes()).toEqual([node]);
    handles.sync([point(3, 2)], view);
    expect(nodes()).toEqual([]);
  });

  it('drags a point: the sliders follow the pointer, snapped', () => {
    const { nodes, pointer, state, svg, handles } = plot(
      [point(1, 2, { x: 'a', y: 'b' })],
      a,
      b
    );
    const node = nodes()[0];
    const [px, py] = toPixel(view, 1, 2);
    expect(pointer('pointerdown', node, px, py)).toBe(true);
    expect(svg.captured).toEqual([1]);
    expect(node.focused).toBe(1);
    expect(handles.dragging).toBe(true);
    expect(pointer('pointermove', node, px + 1, py)).toBe(true);
    expect(state.sets).toEqual([]); // within the slop: still a press
    const [tx, ty] = toPixel(view, 3.04, -1.96);
    pointer('pointermove', node, tx, ty);
    expect(state.sets).toEqual([{ a: 3, b: -2 }]);
    expect(pointer('pointerup', node, tx, ty)).toBe(true);
    expect(handles.dragging).toBe(false);
    expect(handles.selected).toBeNull();
    expect(pointer('pointermove', null, 0, 0)).toBe(false);
  });

  it('leaves presses off the handles to the plot', () => {
    const { pointer } = plot([point(1, 2, { x: 'a', y: 'b' })], a, b);
    expect(pointer('pointerdown', new FakeNode('path'), 10, 10)).toBe(false);
  });

  it('moves the focused point one step per arrow key, without panning', () => {
    const { nodes, key, state } = plot([point(1, 1, { x: 'a' })], a, b);
    const event = key(nodes()[0], 'ArrowRight');
    expect(event.prevented && event.stopped).toBe(true);
    key(nodes()[0], 'ArrowUp'); // (a, a^2): no parameter on y
    expect(state.sets).toEqual([{ a: 1.1 }]);
    expect(key(nodes()[0], 't').stopped).toBe(false);
  });

  it('places the selected point where the plot is clicked, once', () => {
    const { handles, nodes, state, pointer } = plot(
      [point(1, 2, { x: 'a', y: 'b' })],
      a,
      b
    );
    expect(handles.click(10, 10)).toBe(false);
    const node = nodes()[0];
    const [px, py] = toPixel(view, 1, 2);
    pointer('pointerdown', node, px, py);
    pointer('pointerup', node, px, py);
    expect(handles.selected).not.toBeNull();
    expect(node.classList.contains(SELECTED_CLASS)).toBe(true);
    const [cx, cy] = toPixel(view, -4.02, 0.51);
    expect(handles.click(cx, cy)).toBe(true);
    expect(state.sets).toEqual([{ a: -4, b: 0.5 }]);
    expect(node.classList.contains(SELECTED_CLASS)).toBe(false);
    expect(handles.click(cx, cy)).toBe(false);
  });

  it('selects on focus; Escape lets go and gives the focus to the plot', () => {
    const { handles, nodes, key, svg } = plot([point(1, 2, { y: 'b' })], a, b);
    nodes()[0].dispatch('focus', {});
    expect(handles.selected).not.toBeNull();
    key(nodes()[0], 'Escape');
    expect(handles.selected).toBeNull();
    expect(svg.focused).toBe(1);
  });

  it('lets go of a selected point pressed again', () => {
    const { handles, nodes, pointer } = plot(
      [point(1, 2, { x: 'a', y: 'b' })],
      a,
      b
    );
    const node = nodes()[0];
    node.dispatch('focus', {});
    pointer('pointerdown', node, 1, 1);
    pointer('pointerup', node, 1, 1);
    expect(handles.selected).toBeNull();
  });
});
