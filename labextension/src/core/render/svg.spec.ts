/** The static SVG: well-formed, self-contained, with axes, ticks, items and a legend. */

import { sceneToSvg } from './svg';
import { fn1, fn2, sceneOf } from '../draw/scenes.testing';

/** Every element opened is closed, in order (a small well-formedness check). */
function balanced(svg: string): boolean {
  const stack: string[] = [];
  for (const m of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    const [, closing, name, self] = m;
    if (self) {
      continue;
    }
    if (closing) {
      if (stack.pop() !== name) {
        return false;
      }
    } else {
      stack.push(name);
    }
  }
  return stack.length === 0;
}

describe('sceneToSvg', () => {
  const scene = sceneOf([
    {
      kind: 'curve',
      line: 0,
      label: 'y = sin(x)',
      fn: fn1(Math.sin),
      along: 'x',
      domain: null
    },
    {
      kind: 'curve',
      line: 1,
      label: 'y = x & <x>',
      fn: fn1(x => x / 4),
      along: 'x',
      domain: null
    },
    { kind: 'points', line: 2, label: '(1, 2)', points: [[1, 2]] }
  ]);
  const svg = sceneToSvg(scene);

  it('is a balanced, self-contained document of the view size', () => {
    expect(
      svg.startsWith(
        '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="400"'
      )
    ).toBe(true);
    expect(balanced(svg)).toBe(true);
    expect(svg).not.toMatch(/href|@import|url\((?!#plot-area\))/);
    expect(svg).toContain(
      'role="img" aria-label="A graph of 2 curves (&quot;y = sin(x)&quot;'
    );
  });

  it('draws each item in its colour and escapes labels', () => {
    for (const item of scene.items) {
      expect(svg).toContain(item.color);
    }
    expect(svg).toContain('y = x &amp; &lt;x&gt;');
    expect(svg).toContain('<circle');
    expect(svg).toContain('paint-order="stroke"');
  });

  it('labels a window set in pi with multiples of pi', () => {
    const piScene = sceneOf(
      [
        {
          kind: 'curve',
          line: 0,
          label: 'sin(x)',
          fn: fn1(Math.sin),
          along: 'x',
          domain: null
        }
      ],
      [600, 400],
      { x: [-2 * Math.PI, 2 * Math.PI], y: [-3, 3] }
    );
    const text = sceneToSvg(piScene);
    expect(text).toContain('>π<');
    expect(text).toContain('>−2π<');
  });

  it('puts the legend in the corner it covers least', () => {
    const rising = sceneOf([
      {
        kind: 'curve',
        line: 0,
        label: 'y = x',
        fn: fn1(x => x),
        along: 'x',
        domain: null
      }
    ]);
    // y = x runs through the upper right and lower left: the legend goes upper left.
    expect(sceneToSvg(rising)).toMatch(
      /<rect x="30" y="20" width="[\d.]+" height="29" rx="3"/
    );
    const falling = sceneOf([
      {
        kind: 'curve',
        line: 0,
        label: 'y = 5 - x',
        fn: fn1(x => 5 - x),
        along: 'x',
        domain: null
      }
    ]);
    expect(sceneToSvg(falling)).not.toMatch(/<rect x="30" y="20" /);
    expect(sceneToSvg(falling, { legend: false })).not.toContain('rx="3"');
  });

  it('dashes the boundary of a strict region and fills it', () => {
    const region = sceneOf([
      {
        kind: 'region',
        line: 0,
        label: 'y < sin(x)',
        F: fn2((x, y) => y - Math.sin(x)),
        op: '<'
      }
    ]);
    const text = sceneToSvg(region);
    expect(text).toContain('stroke-dasharray');
    expect(text).toContain('fill-opacity="0.25"');
    expect(balanced(text)).toBe(true);
  });
});

describe('the static legend (SPEC §9)', () => {
  it('covers no tick label: it takes another corner, or the label is left out', () => {
    // Curves with long labels, whose legend in the top right corner (the first choice
    // on ties) would reach over the y axis's labels near the right edge.
    const long = Array(12).fill('y = x').join(' + 0');
    const specs = [0, 1, 2, 3, 4, 5].map(k => ({
      kind: 'curve' as const,
      line: k,
      label: `${long} + ${k}`,
      fn: fn1(() => k - 20),
      along: 'x' as const,
      domain: null
    }));
    const svg = sceneToSvg(
      sceneOf(specs, [600, 400], { x: [-10, 3], y: [-10, 10] })
    );
    const [, x, y, w, h] = svg
      .match(
        /<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" rx="3"/
      )!
      .map(Number);
    const ticks = [
      ...svg.matchAll(
        /<text x="([\d.]+)" y="([\d.]+)" text-anchor="(middle|end)"[^>]*>([^<]+)</g
      )
    ];
    expect(ticks.length).toBeGreaterThanOrEqual(6);
    for (const [, tx, ty, anchor, text] of ticks) {
      const width = text.length * 6.4;
      const left =
        anchor === 'end' ? Number(tx) - width : Number(tx) - width / 2;
      const top = anchor === 'end' ? Number(ty) - 7 : Number(ty);
      const apart =
        left + width <= x || x + w <= left || top + 13 <= y || y + h <= top;
      expect(apart).toBe(true);
    }
  });
});
