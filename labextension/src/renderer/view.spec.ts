import {
  covers,
  fromPixel,
  IView,
  MIN_SPAN,
  MOST_PIXELS,
  padded,
  panBy,
  home,
  resized,
  toPixel,
  transformBetween,
  zoomAbout
} from './view';

const view: IView = { x0: -10, x1: 10, y0: -5, y1: 5, width: 600, height: 300 };
/** The implicit demo cell: x in [-3, 3] set, y following at the kernel's 600 x 400. */
const demo: IView = { x0: -3, x1: 3, y0: -2, y1: 2, width: 600, height: 400 };

describe('pixels and data', () => {
  it('puts the corners and the origin where they belong', () => {
    expect(toPixel(view, -10, 5)).toEqual([0, 0]);
    expect(toPixel(view, 10, -5)).toEqual([600, 300]);
    expect(toPixel(view, 0, 0)).toEqual([300, 150]);
  });

  it('round-trips a point', () => {
    const [px, py] = toPixel(view, 3.25, -1.5);
    const [x, y] = fromPixel(view, px, py);
    expect(x).toBeCloseTo(3.25, 12);
    expect(y).toBeCloseTo(-1.5, 12);
  });
});

describe('zoomAbout', () => {
  it('keeps the point under the pointer still and halves the spans', () => {
    const zoomed = zoomAbout(view, 450, 75, 2);
    const under = fromPixel(view, 450, 75);
    const after = fromPixel(zoomed, 450, 75);
    expect(after[0]).toBeCloseTo(under[0], 12);
    expect(after[1]).toBeCloseTo(under[1], 12);
    expect(zoomed.x1 - zoomed.x0).toBeCloseTo(10, 12);
    expect(zoomed.y1 - zoomed.y0).toBeCloseTo(5, 12);
  });

  it('zooms out and back in to the same view', () => {
    const back = zoomAbout(zoomAbout(view, 100, 200, 0.5), 100, 200, 2);
    expect(back.x0).toBeCloseTo(view.x0, 10);
    expect(back.y1).toBeCloseTo(view.y1, 10);
  });

  it('never zooms in below the smallest span', () => {
    let v = view;
    for (let i = 0; i < 200; i++) {
      v = zoomAbout(v, 300, 150, 10);
    }
    expect(v.x1 - v.x0).toBeGreaterThanOrEqual(MIN_SPAN * 0.999);
    expect(v.x1).toBeGreaterThan(v.x0);
  });
});

describe('panBy', () => {
  it('moves the plane with the pointer', () => {
    const moved = panBy(view, 30, -15);
    // The data point that was at (300, 150) is now under (330, 135).
    const [x, y] = fromPixel(moved, 330, 135);
    expect(x).toBeCloseTo(0, 12);
    expect(y).toBeCloseTo(0, 12);
    expect(moved.x1 - moved.x0).toBeCloseTo(20, 12);
  });
});

describe('transformBetween', () => {
  it('maps the drawn picture onto the new view', () => {
    const shown = zoomAbout(panBy(view, 40, 10), 200, 100, 1.5);
    const t = transformBetween(view, shown);
    // A data point drawn at p in the old picture must land where the new view puts it.
    for (const [x, y] of [
      [0, 0],
      [7, -3],
      [-9, 4]
    ]) {
      const [ox, oy] = toPixel(view, x, y);
      const [nx, ny] = toPixel(shown, x, y);
      expect(t.translateX + t.scaleX * ox).toBeCloseTo(nx, 9);
      expect(t.translateY + t.scaleY * oy).toBeCloseTo(ny, 9);
    }
  });
});

describe('resized', () => {
  it('keeps units per pixel and the centre for an equal-scale view', () => {
    const wider = resized(demo, 900, 400, true);
    expect((wider.x1 - wider.x0) / wider.width).toBeCloseTo(0.01, 12);
    expect((wider.y1 - wider.y0) / wider.height).toBeCloseTo(0.01, 12);
    expect(wider.x0 + wider.x1).toBeCloseTo(0, 12);
  });

  it('stretches the same window otherwise', () => {
    expect(resized(view, 900, 300, false)).toEqual({ ...view, width: 900 });
  });
});

describe('home', () => {
  it('shows a given x as given and widens y on a wider or taller plot', () => {
    for (const [w, h] of [
      [900, 400],
      [300, 400],
      [600, 600]
    ]) {
      const v = home(demo, { x: true, y: false }, w, h, true);
      expect([v.x0, v.x1]).toEqual([-3, 3]);
      expect((v.y1 - v.y0) / h).toBeCloseTo(6 / w, 12);
    }
  });

  it('shows a given y as given and widens x', () => {
    const v = home(demo, { x: false, y: true }, 900, 400, true);
    expect([v.y0, v.y1]).toEqual([-2, 2]);
    expect(v.x1 - v.x0).toBeCloseTo(9, 12);
  });

  it('keeps the whole window in view when both or neither are set', () => {
    for (const set of [
      { x: true, y: true },
      { x: false, y: false }
    ]) {
      const v = home(demo, set, 300, 400, true);
      expect(v.x0).toBeLessThanOrEqual(-3);
      expect(v.x1).toBeGreaterThanOrEqual(3);
      expect(v.y0).toBeLessThanOrEqual(-2);
      expect(v.y1).toBeGreaterThanOrEqual(2);
      expect((v.x1 - v.x0) / 300).toBeCloseTo((v.y1 - v.y0) / 400, 12);
    }
  });

  it('stretches a window without equal scale', () => {
    expect(home(demo, { x: true, y: false }, 900, 300, false)).toEqual({
      ...demo,
      width: 900,
      height: 300
    });
  });
});

describe('padded and covers', () => {
  it('widens the view by the margin and keeps units per pixel', () => {
    const wide = padded(view, 0.25);
    expect([wide.width, wide.height]).toEqual([900, 450]);
    expect([wide.x0, wide.x1, wide.y0, wide.y1]).toEqual([-15, 15, -7.5, 7.5]);
    expect((wide.x1 - wide.x0) / wide.width).toBeCloseTo(20 / 600, 15);
  });

  it('gives whole pixels, and no more than the kernel samples', () => {
    const odd = padded({ ...view, width: 601, height: 301 }, 0.25);
    expect(Number.isInteger(odd.width) && Number.isInteger(odd.height)).toBe(
      true
    );
    const full = padded({ ...view, width: MOST_PIXELS, height: 300 }, 0.25);
    expect(full.width).toBe(MOST_PIXELS);
    expect([full.x0, full.x1]).toEqual([view.x0, view.x1]);
    const capped = padded({ ...view, width: 3600, height: 300 }, 0.25);
    expect(capped.width).toBe(MOST_PIXELS);
  });

  it('says a pan within the margin is shown exactly, and one past it is not', () => {
    const drawn = padded(view, 0.25);
    expect(covers(drawn, view)).toBe(true);
    expect(covers(drawn, panBy(view, -150, 75))).toBe(true);
    expect(covers(drawn, panBy(view, -151, 0))).toBe(false);
    expect(covers(drawn, panBy(view, 0, 76))).toBe(false);
    // with room to spare on every side
    expect(covers(drawn, panBy(view, -70, 0), 75)).toBe(true);
    expect(covers(drawn, panBy(view, -80, 0), 75)).toBe(false);
  });

  it('says a zoom is never shown exactly by the old picture', () => {
    const drawn = padded(view, 0.25);
    expect(covers(drawn, zoomAbout(view, 300, 150, 1.01))).toBe(false);
    expect(covers(drawn, zoomAbout(view, 300, 150, 1 / 1.01))).toBe(false);
    expect(covers(view, view)).toBe(true);
  });
});
