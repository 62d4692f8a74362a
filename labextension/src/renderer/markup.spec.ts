import type { Item } from '../core/types';
import {
  axesMarkup,
  escapeXml,
  itemsMarkup,
  legendMarkup,
  overlayMarkup,
  traceMarkup
} from './markup';
import { axesLayout, tickLabels } from './draw';
import { estimate, IBox, overlaps } from './labels';
import { IView } from './view';

/** Every box of `labels` clear of the others. */
function apart(boxes: IBox[]): boolean {
  return boxes.every((a, i) =>
    boxes.every((b, j) => i === j || !overlaps(a, b))
  );
}

const view: IView = { x0: -10, x1: 10, y0: -5, y1: 5, width: 600, height: 300 };

const base = { line: 0, style: { dash: false, fill: false } };

describe('itemsMarkup', () => {
  it('draws a curve as one path in its colour, a dashed one dashed', () => {
    const items: Item[] = [
      {
        ...base,
        kind: 'curve',
        id: 's0',
        label: 'y = x',
        color: '#D55E00',
        segments: [
          [
            [-10, -5],
            [10, 5]
          ]
        ]
      },
      {
        ...base,
        kind: 'curve',
        id: 's1',
        label: 'y = 1',
        color: '#009E73',
        style: { dash: true, fill: false },
        segments: [
          [
            [-10, 1],
            [10, 1]
          ]
        ]
      }
    ];
    const svg = itemsMarkup(items, view);
    expect(svg).toContain('data-item="s0" stroke="#D55E00"');
    expect(svg).toContain('d="M0 300L600 0"');
    expect(svg.match(/stroke-dasharray/g)).toHaveLength(1);
  });

  it('draws the palette black in the theme ink, so it shows on dark themes', () => {
    const svg = itemsMarkup(
      [
        {
          ...base,
          kind: 'curve',
          id: 's6',
          label: 'k',
          color: '#000000',
          segments: [
            [
              [0, 0],
              [1, 1]
            ]
          ]
        }
      ],
      view
    );
    expect(svg).toContain('class="jp-PlotterView-ink-stroke"');
    expect(svg).not.toContain('stroke="#000000"');
  });

  it('fills a region and outlines its boundary', () => {
    const svg = itemsMarkup(
      [
        {
          ...base,
          kind: 'region',
          id: 'r',
          label: 'y < 0',
          color: '#0072B2',
          style: { dash: true, fill: true },
          polygons: [
            [
              [0, 0],
              [1, 0],
              [1, -1]
            ]
          ],
          boundary: [
            [
              [0, 0],
              [1, 0]
            ]
          ]
        }
      ],
      view
    );
    expect(svg).toContain('fill-opacity="0.25"');
    expect(svg).toContain('Z"');
    expect(svg).toContain('stroke-dasharray="6 4"');
  });
});

describe('axes, legend and overlays', () => {
  it('labels the ticks with true minus signs and skips 0 where the axes cross', () => {
    const layout = axesLayout(view);
    const svg = axesMarkup(
      view,
      layout,
      tickLabels(layout, view, estimate, [])
    );
    expect(svg).toContain('>\u22124</text>');
    expect(svg).not.toContain('>0</text>');
  });

  it('escapes labels', () => {
    expect(escapeXml('y < 1 & "a"')).toBe('y &lt; 1 &amp; &quot;a&quot;');
    const legend = legendMarkup(
      [
        {
          ...base,
          kind: 'curve',
          id: 's0',
          label: 'y < x',
          color: '#0072B2',
          segments: []
        }
      ],
      estimate
    );
    expect(legend).toContain('y &lt; x');
  });

  it('writes each point of interest with its coordinates', () => {
    const svg = overlayMarkup(
      {
        points: [],
        features: [{ x: 1, y: 0, kind: 'zero', items: ['s0'] }],
        trace: null
      },
      view,
      estimate,
      []
    ).markup;
    expect(svg).toContain(
      'class="jp-PlotterView-feature" data-x="1" data-y="0"'
    );
    expect(svg).toContain('>(1, 0)</text>');
  });

  it('draws the trace dot with its coordinates, nothing when off the picture', () => {
    const trace = (x: number, y: number): string =>
      traceMarkup({ x, y, color: '#0072B2' }, view, estimate, []).markup;
    expect(trace(1.5, 2.25)).toContain('(1.5, 2.25)');
    expect(trace(50, 0)).toBe('');
  });

  it('keeps tick labels clear of each other and of the legend and toolbar', () => {
    const legend: IBox = { left: 8, top: 8, right: 120, bottom: 40 };
    const toolbar: IBox = { left: 400, top: 6, right: 594, bottom: 32 };
    for (const v of [
      view,
      { ...view, x0: 0, x1: 1e5 },
      { ...view, x0: -1234.5, x1: -1200, y0: 0, y1: 3 },
      { ...view, width: 200, height: 150 }
    ]) {
      const layout = axesLayout(v);
      const labels = tickLabels(layout, v, estimate, [legend, toolbar]);
      const boxes = labels.map(l => l.box);
      expect(apart([...boxes, legend, toolbar])).toBe(true);
      for (const b of boxes) {
        expect(b.left).toBeGreaterThanOrEqual(0);
        expect(b.top).toBeGreaterThanOrEqual(0);
        expect(b.right).toBeLessThanOrEqual(v.width);
        expect(b.bottom).toBeLessThanOrEqual(v.height);
      }
    }
  });

  it('places point labels clear of each other, the ticks and the furniture', () => {
    // The points of interest of y = sin(x) over [0, 10]: two sit near the right edge
    // and one under the toolbar's corner.
    const v: IView = {
      x0: 0,
      x1: 10,
      y0: -1.3,
      y1: 1.3,
      width: 500,
      height: 260
    };
    const toolbar: IBox = { left: 300, top: 6, right: 494, bottom: 32 };
    const features = [0, 1, 2].flatMap(k => [
      {
        x: Math.PI / 2 + k * Math.PI,
        y: k % 2 ? -1 : 1,
        kind: k % 2 ? ('minimum' as const) : ('maximum' as const),
        items: ['s0']
      },
      { x: (k + 1) * Math.PI, y: 0, kind: 'zero' as const, items: ['s0'] }
    ]);
    const layout = axesLayout(v);
    const ticks = tickLabels(layout, v, estimate, [toolbar]).map(l => l.box);
    const out = overlayMarkup(
      { points: [], features, trace: null },
      v,
      estimate,
      [toolbar, ...ticks]
    );
    const labels = out.labels;
    expect(labels.length).toBe(features.length);
    expect(apart([...labels, ...ticks, toolbar])).toBe(true);
    for (const b of labels) {
      expect(b.right).toBeLessThanOrEqual(v.width);
      expect(b.top).toBeGreaterThanOrEqual(0);
    }
    expect(out.markup).toContain('>(7.85, 1)</text>');
    // Labels and dots are told apart
    expect(labels.every(b => b.right - b.left > 12)).toBe(true);
    expect(out.dots.length).toBe(features.length);
    expect(out.dots.every(b => b.right - b.left <= 12)).toBe(true);
  });
});
