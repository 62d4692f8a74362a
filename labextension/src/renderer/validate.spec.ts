/**
 * The live plot checks a saved scene before drawing it: scenes the kernel makes pass,
 * and broken, hostile or oversized ones are refused with a short reason.
 */

import Ajv2020 from 'ajv/dist/2020';
import { readFileSync } from 'fs';
import { join } from 'path';

import { drawProgram } from '../core/draw/sample';
import { Session } from '../core/lang/session';
import type { Scene } from '../core/types';
import { fallbackNote, fallbackPicture } from './fallback';
import { readScene } from './validate';

const LANGUAGE = join(__dirname, '..', '..', '..', 'language');
const load = (name: string): object =>
  JSON.parse(readFileSync(join(LANGUAGE, name), 'utf-8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
ajv.addSchema(load('program.schema.json'), 'program.schema.json');
const matchesSchema = ajv.compile(load('scene.schema.json'));

/** The scene the TS core draws for a cell, as the kernel would send it. */
function sceneOf(source: string): Scene {
  const [plan] = new Session().run(source);
  const drawn = drawProgram(plan.program!, { width: 600, height: 400 }, {}, {});
  return JSON.parse(JSON.stringify(drawn.scene)) as Scene;
}

const SOURCES = [
  'y = sin(x)',
  'a = 2\ny = a x^2 {x > 0}',
  'x^2 + y^2 < 4',
  '(1, 2), (3, -1)',
  '(cos(t), sin(t))',
  'r = 1 + cos(theta)',
  'histogram([1, 2, 2, 5], 1)',
  'boxplot([1...9])',
  'dotplot([2, 1, 2])',
  'a = 1\nb = 2\n(a, b), (a, a^2)'
];

type Path = Array<string | number>;
type Tree = Record<string | number, unknown>;

/** A copy of `scene` with the value at `path` replaced (deleted when undefined). */
function changed(scene: unknown, path: Path, value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(scene));
  let node = copy as Tree;
  for (const key of path.slice(0, -1)) {
    node = node[key] as Tree;
  }
  const last = path[path.length - 1];
  if (value === undefined) {
    delete node[last];
  } else {
    node[last] = value;
  }
  return copy;
}

describe('readScene', () => {
  const curve = sceneOf('y = sin(x)');

  it.each(SOURCES)('accepts the scene of %j', source => {
    const scene = sceneOf(source);
    expect(matchesSchema(scene)).toBe(true);
    expect(readScene(scene)).toEqual({ scene, problem: null });
  });

  it('refuses NaN, infinities and text where numbers belong', () => {
    const cases = [
      changed(curve, ['items', 0, 'segments', 0, 3], [NaN, 1]),
      changed(curve, ['items', 0, 'segments', 0, 3, 1], Infinity),
      changed(curve, ['items', 0, 'segments', 0, 3, 0], 'NaN'),
      changed(curve, ['items', 0, 'segments', 0, 3], [null, 2]),
      changed(curve, ['view', 'x'], [0, NaN]),
      changed(curve, ['view', 'width'], '600'),
      changed(sceneOf('(1, 2)'), ['items', 0, 'x'], 'one'),
      changed(sceneOf('a = 2\ny = a x'), ['params', 0, 'value'], NaN),
      changed(sceneOf('a = 2\ny = a x'), ['params', 0, 'step'], 0)
    ];
    for (const bad of cases) {
      const check = readScene(bad);
      expect(check.scene).toBeNull();
      expect(check.problem).toMatch(/number|range|pixels|step/);
    }
  });

  it('refuses a scene without a view, and says so', () => {
    const bad = changed(curve, ['view'], undefined);
    expect(readScene(bad)).toEqual({
      scene: null,
      problem: 'its view is missing'
    });
    expect(matchesSchema(bad)).toBe(false);
  });

  it('refuses items and segments of the wrong types', () => {
    const cases: Array<[unknown, RegExp]> = [
      [changed(curve, ['items'], {}), /items is not a list/],
      [changed(curve, ['items', 0], 'curve'), /items\[0\] is not/],
      [changed(curve, ['items', 0, 'kind'], 'blob'), /kind/],
      [changed(curve, ['items', 0, 'segments'], undefined), /segments/],
      [changed(curve, ['items', 0, 'segments'], 'M 0 0'), /segments/],
      [changed(curve, ['items', 0, 'segments'], [[1, 2]]), /segments\[0\]/],
      [changed(curve, ['items', 0, 'segments', 0], 5), /polyline/],
      [changed(curve, ['items', 0, 'segments', 0, 0], [1]), /point/],
      [changed(curve, ['items', 0, 'color'], 'red" onload="x'), /colour/],
      [changed(curve, ['items', 0, 'style'], null), /style/],
      [changed(curve, ['version'], 1), /version/],
      [
        changed(sceneOf('histogram([1, 2])'), ['items', 0, 'bars', 0], {
          from: 1,
          to: 2
        }),
        /bars\[0\]/
      ],
      [
        changed(sceneOf('boxplot([1, 2])'), ['items', 0, 'box', 'q1'], '1'),
        /box/
      ],
      [changed(sceneOf('dotplot([1])'), ['items', 0, 'count'], -1), /count/],
      [changed(sceneOf('b = 1\n(2, b)'), ['items', 0, 'drag'], {}), /drag/],
      [
        changed(sceneOf('b = 1\n(2, b)'), ['items', 0, 'drag'], { y: 3 }),
        /drag/
      ],
      [
        changed(sceneOf('b = 1\n(2, b)'), ['items', 0, 'drag', 'z'], 'b'),
        /drag/
      ],
      [changed(curve, ['program'], { statements: 3 }), /program/],
      ['a scene', /not a scene/],
      [null, /not a scene/]
    ];
    for (const [bad, reason] of cases) {
      expect(readScene(bad).problem).toMatch(reason);
      expect(matchesSchema(bad)).toBe(false);
    }
  });

  it('refuses a scene far larger than any output the kernel sends', () => {
    // Given a curve of 1.2 million points, about 50 MB as the kernel writes numbers,
    const points: Array<[number, number]> = [];
    for (let i = 0; i < 1_200_000; i++) {
      points.push([i / 1e5 - 6.123456789, Math.sin(i) * 0.987654321]);
    }
    const huge = changed(curve, ['items', 0, 'segments'], [points]);
    // then it is refused as too big, without being serialised again.
    const stringify = jest.spyOn(JSON, 'stringify');
    const check = readScene(huge);
    expect(stringify).not.toHaveBeenCalled();
    stringify.mockRestore();
    expect(check.scene).toBeNull();
    expect(check.problem).toMatch(/more data than .* \(5 MB\)/);
  });

  it('refuses huge text as well as huge arrays', () => {
    const huge = changed(curve, ['description'], 'x'.repeat(6_000_000));
    expect(readScene(huge).problem).toMatch(/more data/);
  });

  it('does not overflow on deeply nested data', () => {
    let deep: unknown = [];
    for (let i = 0; i < 200_000; i++) {
      deep = [deep];
    }
    const bad = changed(curve, ['program'], { statements: [], nested: deep });
    expect(() => readScene(bad)).not.toThrow();
    expect(readScene({ ...curve, items: deep }).scene).toBeNull();
  });
});

describe('the size bound', () => {
  it('never refuses a scene within the size the kernel may send', () => {
    for (const source of SOURCES) {
      const scene = sceneOf(source);
      const exact = JSON.stringify(scene).length;
      expect(readScene(scene, exact).problem).toBeNull();
      expect(readScene(scene, exact / 10).problem).toMatch(/more data/);
    }
  });

  it('refuses an oversized polyline before reading its points', () => {
    const points: unknown[] = Array.from({ length: 1_000_000 }, () => [0, 0]);
    points.push(['not', 'read']);
    const huge = changed(sceneOf('y = x'), ['items', 0, 'segments'], [points]);
    expect(readScene(huge).problem).toMatch(/more data/);
    expect(readScene(huge, Infinity).problem).toMatch(/not a point/);
  });
});

describe('fallbackPicture', () => {
  it('prefers the PNG, as a data URL', () => {
    const url = fallbackPicture({
      'image/png': 'iVBORw0KGgo=\n',
      'image/svg+xml': '<svg/>'
    });
    expect(url).toBe('data:image/png;base64,iVBORw0KGgo=');
  });

  it('takes the SVG (a string or its lines) when there is no PNG', () => {
    const url = fallbackPicture({ 'image/svg+xml': ['<svg>', '</svg>'] });
    expect(url).toBe(
      'data:image/svg+xml;charset=utf-8,' + encodeURIComponent('<svg></svg>')
    );
  });

  it('gives null without a usable picture', () => {
    expect(fallbackPicture({ 'text/plain': 'a plot' })).toBeNull();
    expect(fallbackPicture({ 'image/png': 'not base64!' })).toBeNull();
    expect(fallbackPicture({ 'image/png': 'A'.repeat(200) }, 100)).toBeNull();
    expect(fallbackPicture({ 'image/svg+xml': 42 })).toBeNull();
  });

  it('has a short note saying what to do', () => {
    expect(fallbackNote('its view is missing')).toBe(
      'This saved plot cannot be drawn live: its view is missing. ' +
        'Re-run the cell to draw it again.'
    );
  });
});
