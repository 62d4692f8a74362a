import {
  finerStep,
  inPi,
  MIN_LABELLED,
  niceStep,
  piLabel,
  readable,
  tickLabel,
  ticks
} from './ticks';

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

describe('at least four labels (SPEC §9)', () => {
  /** An x label's room: about 7 px a character and a gap. */
  const room = (label: string): number => 7 * label.length + 4;

  it('refine 5, 2, 1, 0.5 times a power of ten', () => {
    expect([5, 2, 1, 0.5].map(finerStep)).toEqual([2, 1, 0.5, 0.2]);
  });

  it.each([
    // The window y = 2cos(x) + 1 gets, a panned sin, the default x window, and narrow
    // plots: each shows four readable labels.
    [-1.6, 3.6, 260],
    [-1.5, 3.5, 150],
    [-0.6, 1.9, 400],
    [-10, 10, 600],
    [-10, 10, 200],
    [0.2, 0.9, 300],
    [-3.7, 4.1, 380],
    [1e6, 1.0004e6, 500]
  ])('in [%p, %p] over %p px', (lo, hi, pixels) => {
    const list = ticks(lo, hi, pixels, room);
    expect(readable(list)).toBeGreaterThanOrEqual(MIN_LABELLED);
    // Neighbouring labels still keep their width apart.
    const spacing = ((list[1].value - list[0].value) / (hi - lo)) * pixels;
    expect(spacing).toBeGreaterThan(Math.max(...list.map(t => room(t.label))));
  });

  it('keep multiples of pi while they give enough labels', () => {
    const list = ticks(-2 * Math.PI, 2 * Math.PI, 556, room);
    expect(list.every(t => t.label === '0' || t.label.includes('\u03c0'))).toBe(
      true
    );
    expect(readable(list)).toBeGreaterThanOrEqual(MIN_LABELLED);
  });

  it('do not crowd a plot too small for four', () => {
    // 40 px hold 0, 0.5 and 1; a finer step would put labels closer than their width.
    expect(ticks(0, 1, 40, room).map(t => t.value)).toEqual([0, 0.5, 1]);
  });
});
