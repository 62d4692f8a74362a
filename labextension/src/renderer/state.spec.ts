import type { Scene } from '../core/types';
import { PlotState, sameValues, valuesOf, viewOf } from './state';

function scene(width = 600, height = 400, equal = false): Scene {
  return {
    version: 2,
    view: { x: [-10, 10], y: [-5, 5], width, height, equal },
    items: [],
    params: [{ name: 'a', value: 2, min: 0, max: 5, step: 0.1, line: 0 }],
    program: {
      version: 1,
      statements: [],
      definitions: [],
      window: { x: null, y: null }
    },
    description: 'A plot'
  } as Scene;
}

describe('PlotState', () => {
  it('takes a scene: its view, items and values', () => {
    const state = new PlotState();
    state.load(scene());
    expect(state.drawn).toEqual(viewOf(scene()));
    expect(state.drawnParams).toEqual({ a: 2 });
    expect(state.items).toEqual([]);
  });

  it('keeps the figure shape when narrow, and a smallest size', () => {
    const state = new PlotState();
    state.load(scene());
    expect(state.sizeFor(800)).toEqual([800, 400]);
    expect(state.sizeFor(300)).toEqual([300, 200]);
    expect(state.sizeFor(50)).toEqual([160, 140]);
  });

  it('is exact at its own view and values only', () => {
    const state = new PlotState();
    state.load(scene());
    state.home = state.homeFor(600, 400);
    state.shown = state.home;
    expect(state.exact({ a: 2 })).toBe(true);
    expect(state.exact({ a: 3 })).toBe(false);
    // Exact, but with no margin to spare: a new scene is due.
    expect(state.needsScene({ a: 2 })).toBe(true);
  });

  it('resizes a plot at home to its new home, and not when the size stays', () => {
    const state = new PlotState();
    state.load(scene());
    state.home = state.homeFor(600, 400);
    state.shown = state.home;
    expect(state.resize(600)).toBeNull();
    expect(state.resize(300)).toEqual([300, 200]);
    expect(state.shown).toEqual(state.home);
    expect(state.shown.width).toBe(300);
  });

  it('does not resize without a scene', () => {
    const state = new PlotState();
    expect(state.resize(300)).toBeNull();
    state.load(scene());
    state.clear();
    expect(state.resize(300)).toBeNull();
  });
});

describe('values', () => {
  it('reads numeric values and compares them', () => {
    expect(valuesOf(scene().params)).toEqual({ a: 2 });
    expect(sameValues({ a: 1 }, { a: 1 })).toBe(true);
    expect(sameValues({ a: 1 }, { a: 1, b: 2 })).toBe(false);
  });
});
