/** The sliders of a scene: every parameter the drawn statements use, with a range. */

import { Param, Program } from '../types';

/**
 * A default slider `[min, max, step]` around `value`: [-10, 10] by 0.1 for everyday
 * values, a power of ten either side for large or small ones.
 */
export function slider(value: number): [number, number, number] {
  const size = Math.abs(value);
  let top = 10;
  if (Number.isFinite(value) && size !== 0 && !(size >= 1 && size <= 10)) {
    top = 10 ** (Math.floor(Math.log10(size)) + 1);
  }
  return [-top, top, top / 100];
}

/**
 * The params of a scene. `original(name)` is a parameter's value from the program,
 * `current(name)` with the request's overrides; the range stays put while a slider
 * moves. Both give NaN where the value cannot be worked out.
 */
export function sceneParams(
  program: Program,
  original: (name: string) => number,
  current: (name: string) => number
): Param[] {
  const names = program.definitions
    .filter(d => d.params === null)
    .map(d => d.name)
    .sort();
  const lines = new Map(program.definitions.map(d => [d.name, d.line]));
  return names.map(name => {
    const value = original(name);
    const shown = current(name);
    const [lo, hi, step] = slider(value);
    const ok = Number.isFinite(shown);
    return {
      name,
      value: ok ? shown : null,
      min: ok ? Math.min(lo, shown) : lo,
      max: ok ? Math.max(hi, shown) : hi,
      step,
      line: lines.get(name) ?? null
    };
  });
}
