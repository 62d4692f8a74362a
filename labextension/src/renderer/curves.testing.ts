/** A curve item for the renderer's specs, as the kernel sends one in a scene. */

import type { Item } from '../core/types';

/** y = f(x) sampled every 0.05 on [lo, hi], as the kernel sends a curve. */
export function curve(
  id: string,
  f: (x: number) => number,
  lo = -10,
  hi = 10
): Item {
  const points: Array<[number, number]> = [];
  for (let k = 0; lo + k * 0.05 <= hi + 1e-9; k++) {
    const x = lo + k * 0.05;
    points.push([x, f(x)]);
  }
  return {
    kind: 'curve',
    id,
    line: 0,
    label: id,
    color: '#0072B2',
    style: { dash: false, fill: false },
    segments: [points]
  };
}
