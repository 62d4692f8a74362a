/** drawProgram on real programs: views, params, the time limit, determinism, schema. */

import Ajv2020 from 'ajv/dist/2020';
import { readFileSync } from 'fs';
import { join } from 'path';

import { TimeLimit } from '../errors';
import { Program } from '../types';
import { IDrawRequest, drawProgram } from './sample';
import { sceneToSvg } from '../render/svg';
import { plotSize } from './view';

const LANGUAGE = join(__dirname, '..', '..', '..', '..', 'language');
const FIXTURE = JSON.parse(
  readFileSync(join(__dirname, 'programs.fixture.json'), 'utf-8')
) as { sources: Record<string, { program: Program }> };

const ajv = new Ajv2020({ allErrors: true, strict: false });
ajv.addSchema(
  JSON.parse(readFileSync(join(LANGUAGE, 'program.schema.json'), 'utf-8')),
  'program.schema.json'
);
const validScene = ajv.compile(
  JSON.parse(readFileSync(join(LANGUAGE, 'scene.schema.json'), 'utf-8'))
);

function programOf(source: string): Program {
  return structuredClone(FIXTURE.sources[source].program);
}

const num = (value: number) => ({ type: 'number' as const, value });
const x = { type: 'variable' as const, name: 'x' };
const a = { type: 'parameter' as const, name: 'a' };

/** `y = a x` with `a = 2` defined on line 0. */
function slope(): Program {
  return {
    version: 1,
    statements: [
      {
        id: 'line-1',
        kind: 'curve',
        line: 1,
        label: 'y = a x',
        domain: null,
        conditions: [],
        along: 'x',
        exprs: { value: { type: 'multiply', ops: ['*', '*'], factors: [a, x] } }
      }
    ],
    definitions: [
      { name: 'a', params: null, body: num(2), text: 'a = 2', line: 0 }
    ],
    window: { x: null, y: null }
  };
}

describe('drawProgram', () => {
  it('gives a schema-valid scene with ids, styles and a description', () => {
    const { scene, problems } = drawProgram(programOf('y = x^2 - 1\ny = 2x'), {
      width: 600,
      height: 400
    });
    expect(problems).toEqual([]);
    expect(validScene(scene)).toBe(true);
    expect(scene!.items.map(i => i.id)).toEqual(['line-0', 'line-1']);
    expect(scene!.items[0].style).toEqual({ dash: false, fill: false });
    expect(scene!.description).toMatch(
      /^A graph of 2 curves \("y = x\^2 - 1" and "y = 2x"\), for x from -10 to 10 and y from /
    );
  });

  it('keeps circles round at any figure size', () => {
    for (const source of [
      'x^2 + y^2 = 4',
      '(cos(t), sin(t)) for t in [0, 2pi]'
    ]) {
      for (const size of [
        [600, 400],
        [400, 400],
        [900, 300]
      ] as Array<[number, number]>) {
        const { scene } = drawProgram(programOf(source), {
          width: size[0],
          height: size[1]
        });
        expect(validScene(scene)).toBe(true);
        const { x: wx, y: wy, equal } = scene!.view;
        expect(equal).toBe(true);
        const [w, h] = plotSize(size);
        const perX = (wx[1] - wx[0]) / w;
        const perY = (wy[1] - wy[0]) / h;
        expect(perX / perY).toBeCloseTo(1, 9);
        const radii = scene!.items[0]
          .segments!.flat()
          .map(([px, py]) => Math.hypot(px, py));
        expect(Math.max(...radii) / Math.min(...radii)).toBeLessThan(1.001);
      }
    }
  });

  it('redraws for a requested view, y automatic', () => {
    const { scene } = drawProgram(programOf('y = x^2 - 1\ny = 2x'), {
      width: 600,
      height: 400,
      x: [0, 2],
      y: null
    });
    expect(scene!.view.x).toEqual([0, 2]);
    expect(scene!.view.y[0]).toBeGreaterThan(-3);
    expect(scene!.view.y[1]).toBeLessThan(6);
  });

  it('gives sliders, and a parameter override moves the curve but not the range', () => {
    const plain = drawProgram(slope()).scene!;
    expect(plain.params).toEqual([
      { name: 'a', value: 2, min: -10, max: 10, step: 0.1, line: 0 }
    ]);
    const moved = drawProgram(
      slope(),
      { x: [-10, 10], y: [-100, 100] },
      { a: 5 }
    ).scene!;
    expect(moved.params).toEqual([
      { name: 'a', value: 5, min: -10, max: 10, step: 0.1, line: 0 }
    ]);
    const piece = moved.items[0].segments![0];
    const end = piece[piece.length - 1];
    expect(end[1]).toBeCloseTo(5 * end[0], 9);
    expect(validScene(moved)).toBe(true);
    const large = drawProgram(slope(), {}, { a: 250 }).scene!;
    expect(large.params[0]).toMatchObject({ value: 250, min: -10, max: 250 });
  });

  it('is deterministic: the same input gives the same scene', () => {
    const source = 'y = tan(x)';
    const one = JSON.stringify(drawProgram(programOf(source)).scene);
    const two = JSON.stringify(drawProgram(programOf(source)).scene);
    expect(one).toBe(two);
  });

  it('keeps what is drawn when the time runs out, and never throws', () => {
    let calls = 0;
    const check = (): void => {
      calls += 1;
      if (calls > 40) {
        throw new TimeLimit(10);
      }
    };
    const { scene, problems } = drawProgram(
      programOf('(cos(t), sin(t))\nr = y\nx^2 + y^2 = 4\ny <= x\ny in [-3, 3]'),
      {},
      {},
      { check }
    );
    expect(
      problems.some(p => p.code === 'time-limit' && p.severity === 1)
    ).toBe(true);
    if (scene) {
      expect(validScene(scene)).toBe(true);
    }
    const early = drawProgram(
      programOf('x^2 + y^2 = 4'),
      {},
      {},
      {
        check: () => {
          throw new TimeLimit(10);
        }
      }
    );
    expect(early.scene).toBeNull();
    expect(early.problems.map(p => [p.code, p.ename, p.severity])).toEqual([
      ['time-limit', 'ResourceError', 1]
    ]);
  });

  it('turns a statement that cannot be worked out into a warning', () => {
    const program = slope();
    program.definitions = [];
    program.statements.push({
      ...programOf('y = x^2 - 1\ny = 2x').statements[1],
      line: 2,
      id: 'line-2'
    });
    const { scene, problems } = drawProgram(program);
    expect(scene!.items.map(i => i.line)).toEqual([2]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 1, severity: 2 });
  });

  it('gives finite, valid scenes for absurd views and sizes', () => {
    const views: Array<Partial<IDrawRequest>> = [
      { x: [-1e308, 1e308], y: null },
      { x: [0, 1e-300], y: null },
      { x: [5, 5], y: [5, 5] },
      { x: [NaN, 1], y: [0, NaN] },
      { x: [1e15, 1e15 + 1], y: null },
      { x: [-10, 10], y: null, width: 1, height: 1 }
    ];
    for (const source of [
      '1/x',
      'x^2 + y^2 = 4',
      '(cos(t), sin(t))',
      'x = y^2'
    ]) {
      for (const view of views) {
        const { scene } = drawProgram(programOf(source), {
          width: 600,
          height: 400,
          ...view
        });
        if (scene) {
          expect(JSON.stringify(scene.items)).not.toContain('null');
          expect(validScene(scene)).toBe(true);
        }
      }
    }
  });

  it('thins a drawing that would not fit in the output, with a warning', () => {
    const limits = { maxOutputBytes: 100_000 };
    const { scene, problems } = drawProgram(
      programOf('sin(1/x)'),
      {},
      {},
      { limits }
    );
    const points = scene!.items[0].segments!.reduce(
      (s, seg) => s + seg.length,
      0
    );
    // The scene's share is half the output at 42 bytes a point: 1190 points.
    expect(points).toBeLessThanOrEqual(1190);
    expect(problems.map(p => p.code)).toEqual(['output-too-big']);
  });

  it('draws a static SVG of a real program', () => {
    const { scene } = drawProgram(programOf('x^2 + y^2 <= 1'));
    const svg = sceneToSvg(scene!);
    expect(svg).toContain('fill="#0072B2" fill-opacity="0.25"');
    expect(svg).toContain('x^2 + y^2 &lt;= 1');
  });
});
