/**
 * The model behind one parameter slider: its range as the student edits it, values
 * snapped to the step, and the play button's back-and-forth animation.
 */

/** A parameter of a scene (SPEC section 5): its value and slider range. */
export interface IParam {
  name: string;
  value: number;
  min: number;
  max: number;
  step: number;
  /** The 0-based line that defines it in this cell, or null for an earlier cell. */
  line: number | null;
}

/** The number a student typed into a range box, or null when it is not one. */
export function parseBound(text: string): number | null {
  const cleaned = text.trim().replace('\u2212', '-');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned)) {
    return null;
  }
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : null;
}

/**
 * The parameter with a new range, or null when the range is empty. The value moves
 * inside the range, and the step shrinks so the slider keeps at least 10 positions.
 */
export function withRange(
  param: IParam,
  min: number,
  max: number
): IParam | null {
  if (!(max > min) || !Number.isFinite(min) || !Number.isFinite(max)) {
    return null;
  }
  const step = Math.min(param.step, (max - min) / 10);
  const value = Math.min(max, Math.max(min, param.value));
  return { ...param, min, max, step, value };
}

/** `value` on the slider's grid of steps from `min`, inside the range. */
export function snap(param: IParam, value: number): number {
  const k = Math.round((value - param.min) / param.step);
  const snapped = param.min + k * param.step;
  return Math.min(
    param.max,
    Math.max(param.min, Private.tidy(snapped, param.step))
  );
}

/** The value shown beside a slider: the digits its step needs, a true minus sign. */
export function formatValue(value: number, step: number): string {
  const decimals = Math.max(
    0,
    Math.min(12, -Math.floor(Math.log10(step) + 1e-9))
  );
  return value.toFixed(decimals).replace('-', '\u2212');
}

/** One frame of the play animation. */
export interface IPlayState {
  value: number;
  direction: 1 | -1;
}

/** Steps of one sweep from `min` to `max` while playing. */
export const PLAY_STEPS = 100;

/** The next frame: a hundredth of the range on, turning back at either end. */
export function playStep(param: IParam, state: IPlayState): IPlayState {
  const delta = (param.max - param.min) / PLAY_STEPS;
  const k = Math.round((state.value - param.min) / delta) + state.direction;
  if (k >= PLAY_STEPS) {
    return { value: param.max, direction: -1 };
  }
  if (k <= 0) {
    return { value: param.min, direction: 1 };
  }
  return { value: param.min + k * delta, direction: state.direction };
}

namespace Private {
  /** Round away float noise (0.30000000000000004) to the step's digits. */
  export function tidy(value: number, step: number): number {
    const decimals = Math.max(
      0,
      Math.min(12, -Math.floor(Math.log10(step)) + 2)
    );
    return Number(value.toFixed(decimals));
  }
}
