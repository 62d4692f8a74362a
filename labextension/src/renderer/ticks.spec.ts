import { inPi, niceStep, piLabel, tickLabel, ticks } from './ticks';

describe('ticks', () => {
  it('are round, evenly spaced and inside the window', () => {
    const t = ticks(-10, 10, 600).map(k => k.value);
    expect(t[0]).toBeGreaterThanOrEqual(-10);
    expect(t[t.length - 1]).toBeLessThanOrEqual(10);
    const steps = t.slice(1).map((v, i) => v - t[i]);
    expect(new Set(steps.map(s => s.toFixed(9))).size).toBe(1);
    expect([1, 2, 5]).toContain(steps[0]);
  });

  it('keep about 75 px apart at any zoom', () => {
    for (const span of [1e-6, 0.003, 1, 42, 1e5, 3e9]) {
      const step = niceStep(span, 600);
      const px = (step / span) * 600;
      expect(px).toBeGreaterThan(30);
      expect(px).toBeLessThan(200);
      const mantissa = step / Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
      expect([1, 2, 5].some(m => Math.abs(mantissa - m) < 1e-9)).toBe(true);
    }
  });

  it('have none for an empty or broken window', () => {
    expect(ticks(1, 1, 600)).toEqual([]);
    expect(ticks(0, NaN, 600)).toEqual([]);
  });
});

describe('labels', () => {
  it.each([
    [0, 2, '0'],
    [-8, 2, '\u22128'],
    [0.25, 0.05, '0.25'],
    [1e-7, 1e-7, '0.0000001'],
    [123456.5, 0.5, '123456.5'],
    [2e6, 1e6, '2e+6']
  ])('%p with step %p reads %p', (value, step, text) => {
    expect(tickLabel(value, step)).toBe(text);
  });

  it('write multiples of pi for a window set in pi', () => {
    expect(inPi(-2 * Math.PI, 2 * Math.PI)).toBe(true);
    expect(inPi(-10, 10)).toBe(false);
    expect(inPi(0, 0)).toBe(false);
    expect(ticks(0, 2 * Math.PI, 556).map(t => t.label)).toEqual([
      '0',
      '\u03c0/2',
      '\u03c0',
      '3\u03c0/2',
      '2\u03c0'
    ]);
    expect(piLabel(-Math.PI)).toBe('\u2212\u03c0');
    expect(piLabel(-Math.PI / 4)).toBe('\u2212\u03c0/4');
  });
});
