import {
  formatValue,
  IParam,
  parseBound,
  PLAY_STEPS,
  playStep,
  snap,
  withRange
} from './sliders';

const a: IParam = {
  name: 'a',
  value: 2,
  min: -10,
  max: 10,
  step: 0.1,
  line: 0
};

describe('parseBound', () => {
  it.each([
    ['3', 3],
    [' -2.5 ', -2.5],
    ['\u22124', -4],
    ['1e3', 1000],
    ['.5', 0.5]
  ])('reads %p', (text, value) => {
    expect(parseBound(text)).toBe(value);
  });

  it.each(['', 'abc', '1/2', '2pi', '1e999', '--1'])('refuses %p', text => {
    expect(parseBound(text)).toBeNull();
  });
});

describe('withRange', () => {
  it('moves the value inside a new range and keeps ten positions', () => {
    const narrowed = withRange(a, 3, 3.5)!;
    expect(narrowed.value).toBe(3);
    expect(narrowed.step).toBeCloseTo(0.05, 12);
    expect(withRange(a, 0, 100)!.step).toBe(0.1);
  });

  it('refuses an empty or reversed range', () => {
    expect(withRange(a, 5, 5)).toBeNull();
    expect(withRange(a, 5, -5)).toBeNull();
    expect(withRange(a, NaN, 5)).toBeNull();
  });
});

describe('snap', () => {
  it('lands on the grid of steps, without float noise, inside the range', () => {
    expect(snap(a, 0.30000000000000004)).toBe(0.3);
    expect(snap(a, 2.349)).toBe(2.3);
    expect(snap(a, 99)).toBe(10);
    expect(snap(a, -99)).toBe(-10);
  });
});

describe('formatValue', () => {
  it('shows the digits of the step with a true minus', () => {
    expect(formatValue(-2.5, 0.1)).toBe('\u22122.5');
    expect(formatValue(3, 1)).toBe('3');
    expect(formatValue(0.125, 0.001)).toBe('0.125');
  });
});

describe('playStep', () => {
  it('sweeps to the end, turns back and returns to the start', () => {
    let state = { value: a.min, direction: 1 as 1 | -1 };
    const seen: number[] = [];
    for (let i = 0; i < 2 * PLAY_STEPS; i++) {
      state = playStep(a, state);
      seen.push(state.value);
    }
    expect(Math.max(...seen)).toBe(a.max);
    expect(state.value).toBeCloseTo(a.min, 9);
    expect(seen.every(v => v >= a.min && v <= a.max)).toBe(true);
  });
});
