import {
  HIGH_HZ,
  LOW_HZ,
  NOISE_GAIN,
  pitch,
  stereo,
  toneTrack,
  valueAt
} from './audio';

const view = { x0: -10, x1: 10, y0: -5, y1: 5 };

describe('pitch and stereo', () => {
  it('span two octaves from the bottom to the top of the view', () => {
    expect(pitch(-5, -5, 5)).toBeCloseTo(LOW_HZ, 9);
    expect(pitch(5, -5, 5)).toBeCloseTo(HIGH_HZ, 9);
    expect(pitch(0, -5, 5)).toBeCloseTo(Math.sqrt(LOW_HZ * HIGH_HZ), 9);
    expect(pitch(1e9, -5, 5)).toBe(HIGH_HZ);
  });

  it('rise with y and move left to right with x', () => {
    expect(pitch(1, -5, 5)).toBeGreaterThan(pitch(0.5, -5, 5));
    expect(stereo(-10, -10, 10)).toBe(-1);
    expect(stereo(10, -10, 10)).toBe(1);
    expect(stereo(0, -10, 10)).toBe(0);
  });
});

describe('toneTrack', () => {
  it('is silent in gaps and hisses softly below zero', () => {
    const xs = [-10, -5, 0, 5, 10];
    const ys = [2, -1, NaN, 3, -4];
    const track = toneTrack(xs, ys, view, 2);
    expect(track.map(t => t.time)).toEqual([0, 0.5, 1, 1.5, 2]);
    expect(track[2].gain).toBe(0);
    expect(track[2].noise).toBe(0);
    expect(track[0].gain).toBeGreaterThan(0);
    expect(track.map(t => t.noise)).toEqual([0, NOISE_GAIN, 0, 0, NOISE_GAIN]);
    expect(track[3].frequency).toBeGreaterThan(track[0].frequency);
  });
});

describe('valueAt', () => {
  const segments = [
    [
      [-2, 4],
      [0, 0]
    ],
    [
      [1, 1],
      [3, 9]
    ]
  ];

  it('interpolates along the segment that covers x', () => {
    expect(valueAt(segments, -1)).toBe(2);
    expect(valueAt(segments, 2)).toBe(5);
  });

  it('is NaN in a gap', () => {
    expect(valueAt(segments, 0.5)).toBeNaN();
    expect(valueAt(segments, 7)).toBeNaN();
  });
});
