import type { Item } from '../core/types';
import {
  axesMarkup,
  escapeXml,
  itemsMarkup,
  legendMarkup,
  overlayMarkup,
  traceMarkup
} from './markup';
import { IView } from './view';

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
    const svg = axesMarkup(view);
    expect(svg).toContain('>\u22125</text>');
    expect(svg).not.toContain('>0</text>');
  });

  it('escapes labels', () => {
    expect(escapeXml('y < 1 & "a"')).toBe('y &lt; 1 &amp; &quot;a&quot;');
    const legend = legendMarkup([
      {
        ...base,
        kind: 'curve',
        id: 's0',
        label: 'y < x',
        color: '#0072B2',
        segments: []
      }
    ]);
    expect(legend).toContain('y &lt; x');
  });

  it('writes each point of interest with its coordinates', () => {
    const svg = overlayMarkup(
      {
        points: [],
        features: [{ x: 1, y: 0, kind: 'zero', items: ['s0'] }],
        trace: null
      },
      view
    );
    expect(svg).toContain(
      'class="jp-PlotterView-feature" data-x="1" data-y="0"'
    );
    expect(svg).toContain('>(1, 0)</text>');
  });

  it('draws the trace dot with its coordinates, nothing when off the picture', () => {
    expect(traceMarkup({ x: 1.5, y: 2.25, color: '#0072B2' }, view)).toContain(
      '(1.5, 2.25)'
    );
    expect(traceMarkup({ x: 50, y: 0, color: '#0072B2' }, view)).toBe('');
  });
});
