/** Helpers for the draw specs: plain functions as specs, and a scene from them. */

import { Scene } from '../types';
import { describe as sentence } from './describe';
import { Fn1, Fn2, DEFAULT_LIMITS, Spec } from '../plan';
import { Size, buildScene } from './scene';

export function fn1(f: (t: number) => number): Fn1 {
  return ts => ts.map(f);
}

export function fn2(f: (x: number, y: number) => number): Fn2 {
  return (xs, ys) => xs.map((x, i) => f(x, ys[i]));
}

/** A scene v2 of plain specs (an empty program), as drawProgram would lay it out. */
export function sceneOf(
  specs: Spec[],
  size: Size = [600, 400],
  window: { x: [number, number] | null; y: [number, number] | null } = {
    x: null,
    y: null
  }
): Scene {
  const { scene } = buildScene(specs, window, {
    limits: DEFAULT_LIMITS,
    check: () => undefined,
    size,
    isTimeLimit: () => false,
    explain: () => null
  });
  if (!scene) {
    throw new Error('nothing drawn');
  }
  return {
    version: 2,
    ...scene,
    window: { x: scene.view.x, y: scene.view.y },
    params: [],
    program: {
      version: 1,
      statements: [],
      definitions: [],
      window
    },
    description: sentence(scene.view, scene.items)
  };
}
