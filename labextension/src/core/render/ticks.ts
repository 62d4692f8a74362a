/**
 * Twin of `render/ticks.py` (its `ticks`, `tick_label`, `in_pi`, `pi_label`).
 *
 * Tick values and labels, one rule for the live plot and the static pictures: round steps about 75 px apart, multiples of pi for a
 * window set in pi, true minus signs, no scientific notation below a million, and never
 * fewer than four labels where a finer round step still leaves room for them.
 */

/** Roughly the CSS pixels between grid lines. */
export const TICK_SPACING = 75;
/** Labels every axis shows at least, when a finer step leaves room for them (SPEC §9). */
export const MIN_LABELLED = 4;
/** Pixels kept free between two neighbouring labels. */
export const LABEL_GAP = 6;
/** Tick steps, in multiples of pi, for a window set in pi. */
const PI_STEPS = [0.25, 0.5, 1, 2, 5, 10, 20, 50];
/** Finer steps tried at most, past the ~75 px one. */
const MAX_REFINE = 12;
const MINUS = '\u2212';

/** A labelled tick. */
export interface ITick {
  value: number;
  label: string;
}

/**
 * The pixels a label needs along its axis: its width on the x axis, its height on the
 * y axis. The default says labels take no room (only the tick spacing counts).
 */
export type Room = (label: string) => number;

/** The round step (1, 2 or 5 times a power of ten) that puts ticks ~`spacing` px apart. */
export function niceStep(
  span: number,
  pixels: number,
  spacing = TICK_SPACING
): number {
  const wanted = span / Math.max(2, pixels / spacing);
  const power = Math.pow(10, Math.floor(Math.log10(wanted)));
  for (const m of [1, 2, 5, 10]) {
    if (m * power >= wanted * 0.999999) {
      return m * power;
    }
  }
  return 10 * power;
}

/** The next finer round step: 5 -> 2 -> 1 -> 0.5 times the same power of ten. */
export function finerStep(step: number): number {
  const power = Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
  const mantissa = Math.round(step / power);
  return mantissa === 5 ? 2 * power : mantissa === 2 ? power : 0.5 * power;
}

/** Whether both ends of a window are multiples of pi/4 (and not both zero). */
export function inPi(lo: number, hi: number): boolean {
  const quarter = Math.PI / 4;
  return (
    (lo !== 0 || hi !== 0) &&
    [lo, hi].every(v => Math.abs(v / quarter - Math.round(v / quarter)) < 1e-9)
  );
}

/** A tick label with just the digits its step needs. */
export function tickLabel(value: number, step: number): string {
  if (value === 0 || Math.abs(value) < step * 1e-9) {
    return '0';
  }
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const resolution = step > 0 ? Math.floor(Math.log10(step) + 1e-9) : magnitude;
  let text: string;
  if (Math.abs(value) >= 1e6) {
    text = value
      .toExponential(Math.max(0, magnitude - resolution))
      .replace(/\.?0+e/, 'e');
  } else {
    text = value.toFixed(Math.min(15, Math.max(0, -resolution)));
  }
  return text.replace('-', MINUS);
}

/** `value` as a reader writes a multiple of pi: pi, 2pi, 3pi/2, pi/4. */
export function piLabel(value: number): string {
  let num = Math.round(value / (Math.PI / 4));
  if (num === 0) {
    return '0';
  }
  let den = 4;
  while (den > 1 && num % 2 === 0) {
    num /= 2;
    den /= 2;
  }
  const sign = num < 0 ? MINUS : '';
  const digits = Math.abs(num) === 1 ? '' : String(Math.abs(num));
  return `${sign}${digits}\u03c0${den > 1 ? `/${den}` : ''}`;
}

/**
 * Labelled ticks inside [lo, hi] for an axis `pixels` long. Starts from the round step
 * ~75 px apart and takes finer ones while fewer than `wanted` labels could be read
 * (zero does not count), as long as neighbouring labels keep `room` apart.
 */
export function ticks(
  lo: number,
  hi: number,
  pixels: number,
  room: Room = () => 0,
  wanted = MIN_LABELLED
): ITick[] {
  if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) {
    return [];
  }
  let best: ITick[] = [];
  let seen = -1;
  for (const [step, pi] of Private.steps(lo, hi, pixels)) {
    const list = Private.at(lo, hi, step, pi);
    const widest = Math.max(0, ...list.map(t => room(t.label)));
    if (seen >= 0 && (step / (hi - lo)) * pixels < widest + LABEL_GAP) {
      break;
    }
    const count = readable(list);
    if (count > seen) {
      best = list;
      seen = count;
    }
    if (seen >= wanted) {
      break;
    }
  }
  return best;
}

/**
 * How many of `list` carry a label a reader sees: all but zero, which is left out
 * where the axes cross. (A label at an end of the axis is moved inside, not cut.)
 */
export function readable(list: readonly ITick[]): number {
  return list.filter(t => t.label !== '0').length;
}

namespace Private {
  /** Candidate steps, coarse to fine: multiples of pi first for a window set in pi. */
  export function* steps(
    lo: number,
    hi: number,
    pixels: number
  ): Generator<[number, boolean]> {
    const span = hi - lo;
    const wanted = span / Math.max(2, pixels / TICK_SPACING);
    if (inPi(lo, hi)) {
      const start = PI_STEPS.findIndex(s => s * Math.PI >= wanted);
      for (let k = start < 0 ? PI_STEPS.length - 1 : start; k >= 0; k--) {
        yield [PI_STEPS[k] * Math.PI, true];
      }
    }
    let step = niceStep(span, pixels);
    for (let k = 0; k <= MAX_REFINE; k++) {
      yield [step, false];
      step = finerStep(step);
    }
  }

  /** The multiples of `step` inside [lo, hi], labelled. */
  export function at(
    lo: number,
    hi: number,
    step: number,
    pi: boolean
  ): ITick[] {
    const first = Math.ceil(lo / step - 1e-9);
    const last = Math.floor(hi / step + 1e-9);
    const out: ITick[] = [];
    for (let k = first; k <= last && out.length < 1000; k++) {
      const value = k * step + 0; // + 0: no -0
      out.push({ value, label: pi ? piLabel(value) : tickLabel(value, step) });
    }
    return out;
  }
}
