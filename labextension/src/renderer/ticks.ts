/**
 * Tick values and labels for the live plot, the same rules as the static picture:
 * round steps about 75 px apart, multiples of pi for a window set in pi, true minus
 * signs, and no scientific notation below a million.
 */

/** Roughly the CSS pixels between grid lines. */
export const TICK_SPACING = 75;
/** Tick steps, in multiples of pi, for a window set in pi. */
const PI_STEPS = [0.25, 0.5, 1, 2, 5, 10, 20, 50];
const MINUS = '\u2212';

/** A labelled tick. */
export interface ITick {
  value: number;
  label: string;
}

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

/** Labelled ticks inside [lo, hi] for an axis `pixels` long. */
export function ticks(lo: number, hi: number, pixels: number): ITick[] {
  if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) {
    return [];
  }
  const pi = inPi(lo, hi);
  const step = pi ? Private.piStep(hi - lo, pixels) : niceStep(hi - lo, pixels);
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  const out: ITick[] = [];
  for (let k = first; k <= last && out.length < 1000; k++) {
    const value = k * step;
    out.push({ value, label: pi ? piLabel(value) : tickLabel(value, step) });
  }
  return out;
}

namespace Private {
  /** The multiple of pi that puts ticks ~75 px apart. */
  export function piStep(span: number, pixels: number): number {
    const wanted = span / Math.max(2, pixels / TICK_SPACING);
    const m = PI_STEPS.find(s => s * Math.PI >= wanted);
    return (m ?? PI_STEPS[PI_STEPS.length - 1]) * Math.PI;
  }
}
