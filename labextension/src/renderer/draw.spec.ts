import {
  axesLayout,
  FAR,
  labelledAxes,
  pathData,
  pointsInView,
  tickLabels
} from './draw';
import { estimate, IBox, IPlaced, overlaps } from './labels';
import { IView } from './view';

const view: IView = { x0: -10, x1: 10, y0: -5, y1: 5, width: 600, height: 300 };

describe('pathData', () => {
  it('moves to the start of each polyline and draws to the rest, in pixels', () => {
    const d = pathData(
      [
        [
          [-10, 5],
          [0, 0]
        ],
        [
          [5, 0],
          [10, -5]
        ]
      ],
      view
    );
    expect(d).toBe('M0 0L300 150M450 150L600 300');
  });

  it('closes polygons and marks a lone point so it still shows', () => {
    expect(pathData([[[0, 0]]], view)).toBe('M300 150l0 0');
    expect(
      pathData(
        [
          [
            [0, 0],
            [1, 0],
            [1, 1]
          ]
        ],
        view,
        true
      )
    ).toBe('M300 150L330 150L330 120Z');
  });

  it('clamps points far off the picture (a pole) instead of writing huge numbers', () => {
    const d = pathData(
      [
        [
          [0, 1e300],
          [0, -1e300]
        ]
      ],
      view
    );
    expect(d).toBe(`M300 ${-FAR}L300 ${FAR}`);
  });

  it('skips empty polylines', () => {
    expect(pathData([[], []], view)).toBe('');
  });
});

describe('axesLayout', () => {
  it('puts the axes through the origin and grid lines on round ticks', () => {
    const layout = axesLayout(view);
    expect(layout.xAxis).toBe(150);
    expect(layout.yAxis).toBe(300);
    expect(layout.xLines.map(l => l.value)).toEqual([-10, -5, 0, 5, 10]);
    expect(layout.xLines[1].at).toBe(150);
    expect(layout.yLines.find(l => l.value === 0)?.at).toBe(150);
  });

  it('keeps the labels on the picture when an axis is off it', () => {
    const off: IView = { ...view, x0: 5, x1: 25, y0: 3, y1: 13 };
    const layout = axesLayout(off);
    expect(layout.xAxis).toBeNull();
    expect(layout.yAxis).toBeNull();
    expect(layout.xLabelsAt).toBeLessThanOrEqual(off.height - 20);
    expect(layout.yLabelsAt).toBeGreaterThanOrEqual(6);
  });
});

describe('labelledAxes', () => {
  it('asks a finer step when the legend hides labels, so four still show', () => {
    // The y axis runs down the left edge, where a wide legend covers its top labels.
    const v: IView = { x0: 0, x1: 10, y0: 0, y1: 4, width: 600, height: 300 };
    const legend: IBox = { left: 8, top: 8, right: 300, bottom: 70 };
    const plain = tickLabels(axesLayout(v), v, estimate, [legend]);
    const { labels } = labelledAxes(v, estimate, [legend]);
    const ys = (list: IPlaced[]) => list.filter(l => l.anchor !== 'middle');
    expect(ys(plain).length).toBeLessThan(4);
    expect(ys(labels).length).toBeGreaterThanOrEqual(4);
    expect(labels.every(l => !overlaps(l.box, legend))).toBe(true);
  });
});

describe('pointsInView', () => {
  it('counts the vertices inside the window only', () => {
    expect(
      pointsInView(
        [
          [
            [0, 0],
            [20, 0],
            [1, 4]
          ]
        ],
        view
      )
    ).toBe(2);
  });
});
