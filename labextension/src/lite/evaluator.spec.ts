/**
 * The evaluator with the real engine behind a Node stand-in for the Web Worker (Node
 * has no `Worker` with `postMessage` to the same code); the browser test runs the real one.
 */

import { Engine } from './engine';
import { Evaluator, WorkerStopped } from './evaluator';
import type { IWorkerLike } from './evaluator';
import type {
  IExecuted,
  IRunSettings,
  WorkerReply,
  WorkerRequest
} from './protocol';

const SETTINGS: IRunSettings = { width: 600, height: 400, limits: {} };

/** An engine answering asynchronously, as a worker does; `hold` keeps it silent. */
class EngineWorker implements IWorkerLike {
  static started: EngineWorker[] = [];
  onmessage: ((event: { data: WorkerReply }) => void) | null = null;
  onerror: ((event: { message?: string }) => void) | null = null;
  hold = false;
  terminated = false;

  constructor() {
    EngineWorker.started.push(this);
    setTimeout(() => this.onmessage?.({ data: { ready: true } }), 0);
  }

  postMessage(message: WorkerRequest): void {
    if (this.hold) {
      return;
    }
    setTimeout(() => {
      if (!this.terminated) {
        this.onmessage?.({ data: this._engine.handle(message) });
      }
    }, 0);
  }

  terminate(): void {
    this.terminated = true;
  }

  private _engine = new Engine();
}

function evaluator(watchdogMs = 5000): Evaluator {
  EngineWorker.started = [];
  return new Evaluator(() => new EngineWorker(), watchdogMs);
}

async function run(kernel: Evaluator, code: string) {
  return kernel.request('execute', {
    code,
    settings: SETTINGS,
    count: 1,
    silent: false
  });
}

/** The printed text of a cell, or null. */
function printed(done: IExecuted): unknown {
  const result = done.messages.find(([type]) => type === 'execute_result');
  return result
    ? (result[1].data as Record<string, unknown>)['text/plain']
    : null;
}

describe('Evaluator', () => {
  it('keeps the session across cells in one worker', async () => {
    const kernel = evaluator();
    await run(kernel, 'f(x) = 3x^2 + 1');
    const result = await run(kernel, 'f(3)');
    expect(result.reply.status).toBe('ok');
    expect(printed(result)).toBe('28');
    expect(EngineWorker.started).toHaveLength(1);
    kernel.dispose();
  });

  it('answers completion, inspection and is_complete from the same session', async () => {
    const kernel = evaluator();
    await run(kernel, 'height = 3');
    const found = await kernel.request('complete', {
      code: 'y = hei',
      cursor: 7
    });
    expect(found).toEqual({
      matches: ['height'],
      cursor_start: 4,
      cursor_end: 7
    });
    expect(
      await kernel.request('inspect', { code: 'sqrt(2)', cursor: 2 })
    ).toContain('sqrt');
    expect(await kernel.request('isComplete', { code: 'sin(x' })).toBe(
      'incomplete'
    );
    kernel.dispose();
  });

  it('ends the worker on restart: the running cell fails, the next one starts afresh', async () => {
    const kernel = evaluator();
    await run(kernel, 'a = 2');
    EngineWorker.started[0].hold = true;
    const running = run(kernel, 'a + 1');
    const waiting = run(kernel, 'a + 2');
    kernel.restart('interrupted');
    await expect(running).rejects.toEqual(new WorkerStopped('interrupted'));
    expect(EngineWorker.started[0].terminated).toBe(true);
    // The waiting cell runs in a fresh worker, where `a` is no longer defined
    const after = await waiting;
    expect(EngineWorker.started).toHaveLength(2);
    expect(after.reply.ename).toBe('NameError');
    expect(kernel.restarts).toBe(1);
    kernel.dispose();
  });

  it('restarts a worker that does not answer within the watchdog time', async () => {
    const kernel = evaluator(50);
    await run(kernel, '1 + 1');
    EngineWorker.started[0].hold = true;
    await expect(run(kernel, '2 + 2')).rejects.toMatchObject({
      reason: 'timeout'
    });
    expect(printed(await run(kernel, '3 + 3'))).toBe('6');
    kernel.dispose();
  });

  it('fails every request once disposed', async () => {
    const kernel = evaluator();
    kernel.dispose();
    await expect(run(kernel, '1')).rejects.toMatchObject({
      reason: 'disposed'
    });
  });
});

describe('a worker whose code never loads', () => {
  /** A worker that fails as one whose script or chunk could not be fetched. */
  class UnloadedWorker implements IWorkerLike {
    onmessage: ((event: { data: WorkerReply }) => void) | null = null;
    onerror: ((event: { message?: string }) => void) | null = null;
    constructor() {
      setTimeout(() => this.onerror?.({ message: 'Failed to fetch' }), 0);
    }
    postMessage(): void {
      // nothing answers
    }
    terminate(): void {
      // nothing to end
    }
  }

  it('stops the cell as unavailable, not as a failure of the cell', async () => {
    const kernel = new Evaluator(() => new UnloadedWorker(), 5000);
    await expect(run(kernel, 'y = sin(x)')).rejects.toMatchObject({
      reason: 'unavailable'
    });
    kernel.dispose();
  });

  it('tries again with a new worker for the next cell', async () => {
    let made = 0;
    const kernel = new Evaluator(() => {
      made += 1;
      return made === 1 ? new UnloadedWorker() : new EngineWorker();
    }, 5000);
    await expect(run(kernel, '1 + 1')).rejects.toMatchObject({
      reason: 'unavailable'
    });
    const done = await run(kernel, '1 + 1');
    expect(JSON.stringify(done.messages)).toContain('2');
    kernel.dispose();
  });

  it('a worker failing after it was ready is a failure, not unavailable', async () => {
    const kernel = evaluator();
    await run(kernel, '1 + 1');
    const worker = EngineWorker.started[0];
    worker.hold = true;
    const running = run(kernel, '2 + 2');
    worker.onerror?.({ message: 'boom' });
    await expect(running).rejects.toMatchObject({ reason: 'failed' });
    kernel.dispose();
  });
});
