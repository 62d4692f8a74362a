/**
 * The audio trace's mapping from a curve to sound: pitch follows y, stereo follows x,
 * a soft noise while y < 0, silence in gaps. Pure numbers; the Web Audio graph that
 * plays them lives with the view.
 */

/** Lowest and highest pitch in Hz: the bottom and top of the view. */
export const LOW_HZ = 220;
export const HIGH_HZ = 880;
/** Loudness of the tone, and of the noise that marks y below zero. */
export const TONE_GAIN = 0.25;
export const NOISE_GAIN = 0.06;

/** What the listener hears at one moment of the trace. */
export interface ITone {
  /** Seconds from the start. */
  time: number;
  frequency: number;
  /** -1 (left) to 1 (right). */
  pan: number;
  gain: number;
  noise: number;
}

/** Pitch for `y` in a view from y0 to y1: two octaves, equal steps per unit, clamped. */
export function pitch(y: number, y0: number, y1: number): number {
  const f = Math.min(1, Math.max(0, (y - y0) / (y1 - y0)));
  return LOW_HZ * Math.pow(HIGH_HZ / LOW_HZ, f);
}

/** Stereo position for `x` in a view from x0 to x1. */
export function stereo(x: number, x0: number, x1: number): number {
  const f = Math.min(1, Math.max(0, (x - x0) / (x1 - x0)));
  return 2 * f - 1;
}

/**
 * The tones of a trace over `seconds`: one per sample of y(x) at evenly spaced x
 * (NaN where the curve has a gap, which is silent).
 */
export function toneTrack(
  xs: number[],
  ys: number[],
  view: { x0: number; x1: number; y0: number; y1: number },
  seconds: number
): ITone[] {
  const n = xs.length;
  return xs.map((x, i) => {
    const y = ys[i];
    const time = n > 1 ? (i / (n - 1)) * seconds : 0;
    const defined = Number.isFinite(y);
    return {
      time,
      frequency: defined ? pitch(y, view.y0, view.y1) : LOW_HZ,
      pan: stereo(x, view.x0, view.x1),
      gain: defined ? TONE_GAIN : 0,
      noise: defined && y < 0 ? NOISE_GAIN : 0
    };
  });
}

/**
 * y at `x` on a polyline curve made of segments (the scene's shape), by linear
 * interpolation; NaN where no segment covers `x` (a gap).
 */
export function valueAt(segments: number[][][], x: number): number {
  for (const segment of segments) {
    for (let i = 1; i < segment.length; i++) {
      const [ax, ay] = segment[i - 1];
      const [bx, by] = segment[i];
      if ((ax <= x && x <= bx) || (bx <= x && x <= ax)) {
        return ax === bx ? ay : ay + ((by - ay) * (x - ax)) / (bx - ax);
      }
    }
  }
  return NaN;
}
