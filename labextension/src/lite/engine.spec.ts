/**
 * The worker's engine on the real TypeScript core: cells, and view requests answered
 * from a stored program without touching the session.
 */

import { SCENE_MIME } from '../core/render/display';
import type { Scene } from '../core/types';
import { Engine } from './engine';
import type { IExecuted, IRunSettings, IViewJob } from './protocol';

const SETTINGS: IRunSettings = { width: 600, height: 400, limits: {} };

/** The printed text of a cell, or null. */
function printed(done: IExecuted): unknown {
  const result = done.messages.find(([type]) => type === 'execute_result');
  return result
    ? (result[1].data as Record<string, unknown>)['text/plain']
    : null;
}

/** The scene of a cell's drawing output. */
function drawn(done: IExecuted): Scene {
  const output = done.messages.find(([type]) => type === 'display_data');
  return (output![1].data as Record<string, unknown>)[SCENE_MIME] as Scene;
}

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
  it('reads the table files the kernel fetched for the cell', () => {
    const engine = new Engine();
    const files = { 'd.csv': 'time (s),v\n1,2\n3,4\n' };
    const done = engine.execute('table("d.csv")', SETTINGS, 1, false, files);
    const result = done.messages.find(([type]) => type === 'execute_result');
    const data = result![1].data as Record<string, string>;
    expect(data['text/plain']).toBe('time = [1, 3]\nv = [2, 4]');
    expect(data['text/html']).toContain('<th>time</th><th>v</th>');
    expect(printed(engine.execute('mean(v)', SETTINGS, 2))).toBe('3');
  });

  it('says tables are not available when no file was fetched', () => {
    const done = new Engine().execute('table("d.csv")', SETTINGS, 1);
    expect(done.reply.evalue).toContain(
      'not available in this version of the in-browser calculator'
    );
  });

  it('draws a cell as scene v2 and SVG, with the parameters it uses', () => {
    const engine = new Engine();
    expect(printed(engine.execute('a = 2', SETTINGS, 1))).toBe('a = 2');
    const done = engine.execute('y = a x^2 - 1', SETTINGS, 2);
    expect(done.reply.status).toBe('ok');
    expect(done.messages.map(([type]) => type)).toEqual(['display_data']);
    const scene = drawn(done);
    expect(scene.version).toBe(2);
    expect(scene.items.map(i => i.kind)).toEqual(['curve']);
    expect(scene.params.map(p => [p.name, p.value])).toEqual([['a', 2]]);
    const data = done.messages[0][1].data as Record<string, unknown>;
    expect(data['image/svg+xml']).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
  });

  it('hands the kernel the drawing outputs to store, under their display ids', () => {
    const done = new Engine().execute('y = x', SETTINGS, 1);
    const metadata = done.messages[0][1].metadata as Record<string, unknown>;
    const [[displayId, stored]] = done.stored;
    expect(metadata[SCENE_MIME]).toEqual({ display_id: displayId });
    expect(stored.program).toEqual(drawn(done).program);
    expect(stored.lines).toEqual(['y = x']);
    expect(stored.size).toEqual([600, 400]);
  });

  it('answers a silent cell with its reply only', () => {
    const done = new Engine().execute('y = x\nson(1)', SETTINGS, 3, true);
    expect(done.messages).toEqual([]);
    expect(done.stored).toEqual([]);
    expect(done.reply).toMatchObject({ status: 'error', execution_count: 3 });
  });

  it('redraws a stored program for a new view and parameter value, session untouched', () => {
    const engine = new Engine();
    engine.execute('a = 2', SETTINGS, 1);
    const scene = drawn(engine.execute('y = a x^2 - 1', SETTINGS, 2));
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
    expect(printed(engine.execute('a', SETTINGS, 3))).toBe('2');
  });

  it('finds the zeros of a stored curve', () => {
    const engine = new Engine();
    const scene = drawn(engine.execute('y = x^2 - 1', SETTINGS, 1));
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
