/**
 * The worker's engine on the real TypeScript core: cells, and view requests answered
 * from a stored program without touching the session.
 */

import type { Scene } from '../core/types';
import { Engine } from './engine';
import type { IRunSettings, IViewJob } from './protocol';

const SETTINGS: IRunSettings = { width: 600, height: 400, limits: {} };

function viewJob(scene: Scene, patch: Partial<IViewJob>): IViewJob {
  return {
    request: 'view',
    program: scene.program,
    lines: ['y = a x^2 - 1'],
    view: { x: [-10, 10], y: null, width: 600, height: 400 },
    params: {},
    ...patch
  };
}

describe('Engine', () => {
  it('draws a cell as scene v2 and SVG, with the parameters it uses', () => {
    const engine = new Engine();
    expect(engine.execute('a = 2', SETTINGS).text).toBe('a = 2');
    const result = engine.execute('y = a x^2 - 1', SETTINGS);
    expect(result.error).toBeNull();
    expect(result.scene?.version).toBe(2);
    expect(result.scene?.items.map(i => i.kind)).toEqual(['curve']);
    expect(result.scene?.params.map(p => [p.name, p.value])).toEqual([
      ['a', 2]
    ]);
    expect(result.svg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
  });

  it('redraws a stored program for a new view and parameter value, session untouched', () => {
    const engine = new Engine();
    engine.execute('a = 2', SETTINGS);
    const scene = engine.execute('y = a x^2 - 1', SETTINGS).scene!;
    const answer = engine.view(
      viewJob(scene, {
        view: { x: [0, 1], y: null, width: 300, height: 200 },
        params: { a: -3 }
      }),
      SETTINGS
    );
    expect(answer.scene?.view.x).toEqual([0, 1]);
    expect(answer.scene?.view.width).toBe(300);
    const points = answer.scene!.items[0].segments!.flat();
    const [x, y] = points.reduce((best, p) =>
      Math.abs(p[0] - 0.5) < Math.abs(best[0] - 0.5) ? p : best
    );
    expect(y).toBeCloseTo(-3 * x * x - 1, 3); // a = -3 here, not the session's 2
    // The session still has a = 2
    expect(engine.execute('a', SETTINGS).text).toBe('2');
  });

  it('finds the zeros of a stored curve', () => {
    const engine = new Engine();
    const scene = engine.execute('y = x^2 - 1', SETTINGS).scene!;
    const answer = engine.view(
      viewJob(scene, { request: 'features', lines: ['y = x^2 - 1'] }),
      SETTINGS
    );
    const zeros = (answer.features ?? [])
      .filter(f => f.kind === 'zero')
      .map(f => f.x)
      .sort((a, b) => a - b);
    expect(zeros).toHaveLength(2);
    expect(zeros[0]).toBeCloseTo(-1);
    expect(zeros[1]).toBeCloseTo(1);
  });

  it('answers a failure of ours as a reply, never a throw', () => {
    const engine = new Engine();
    const reply = engine.handle({
      id: 7,
      kind: 'view',
      job: {
        request: 'view',
        program: null as unknown as Scene['program'],
        lines: [],
        view: { x: [0, 1], y: null, width: 10, height: 10 },
        params: {}
      },
      settings: SETTINGS
    });
    expect(reply.id).toBe(7);
    if (reply.ok) {
      expect(reply.result).toHaveProperty('diagnostics');
    } else {
      expect(reply.message).toBeTruthy();
    }
  });
});
