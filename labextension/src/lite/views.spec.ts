import { Outputs } from './outputs';
import type { IStored } from './outputs';
import { ViewScheduler, readRequest } from './views';
import type { IViewReply } from './views';

const STORED: IStored = {
  program: {
    version: 1,
    statements: [],
    definitions: [],
    window: { x: null, y: null }
  },
  lines: ['y = a x'],
  size: [600, 400],
  x: [-10, 10],
  y: [-3, 7]
};

function outputs(): Outputs {
  const kept = new Outputs();
  kept.add('d1', STORED);
  return kept;
}

function message(read: ReturnType<typeof readRequest>): string {
  return read.answer?.diagnostics?.[0]?.message ?? '';
}

describe('readRequest', () => {
  it('makes a job from a view request, with the output size by default', () => {
    const read = readRequest(
      {
        request: 'view',
        seq: 4,
        display_id: 'd1',
        view: { x: [-2, 2], y: null },
        params: { a: 2.5 }
      },
      outputs()
    );
    expect(read.seq).toBe(4);
    expect(read.job).toEqual({
      request: 'view',
      program: STORED.program,
      lines: STORED.lines,
      view: { x: [-2, 2], y: null, width: 600, height: 400 },
      params: { a: 2.5 },
      shownY: [-3, 7]
    });
  });

  it('looks for features in the shown x range when the request gives none', () => {
    const read = readRequest(
      { request: 'features', seq: 1, display_id: 'd1', view: { width: 99999 } },
      outputs()
    );
    expect(read.job?.view).toEqual({
      x: [-10, 10],
      y: null,
      width: 4000,
      height: 400
    });
  });

  it.each([
    [[], 'A request must be a JSON object.'],
    [
      { request: 'zoom', display_id: 'd1' },
      "The request must be 'view' or 'features'."
    ],
    [
      { request: 'view', display_id: 'gone' },
      'This plot is no longer known to the kernel; run its cell again.'
    ],
    [
      { request: 'view', display_id: 'd1', view: [1] },
      'The view must be a JSON object.'
    ],
    [
      { request: 'view', display_id: 'd1', view: { x: [1, 'a'] } },
      "The view's x must be two numbers."
    ],
    [
      { request: 'view', display_id: 'd1', view: { y: [2, 1] } },
      "The view's y must go from a smaller to a larger number."
    ],
    [
      { request: 'view', display_id: 'd1', view: { width: 'big' } },
      "The view's width and height must be numbers of pixels."
    ],
    [
      { request: 'view', display_id: 'd1', params: { a: '2' } },
      'params must map parameter names to numbers.'
    ]
  ])('answers a bad request %j with a diagnostic', (data, expected) => {
    const read = readRequest(data, outputs());
    expect(read.job).toBeUndefined();
    expect(message(read)).toBe(expected);
    expect(read.answer?.diagnostics?.[0]?.code).toBe('bad-request');
  });

  it.each([
    [Infinity],
    [NaN],
    [2 ** 60],
    [1.5],
    [true],
    [[1]],
    ['s'.repeat(101)]
  ])('refuses a seq of %p and never echoes it', seq => {
    const read = readRequest(
      { request: 'view', seq, display_id: 'd1' },
      outputs()
    );
    expect(read.job).toBeUndefined();
    expect(read.seq).toBeNull();
    expect(read.answer?.seq).toBeNull();
    expect(message(read)).toBe(
      'seq must be a whole number, a short text or null.'
    );
  });

  it.each([[7], ['r-7'], [null]])('echoes a seq of %p', seq => {
    const read = readRequest(
      { request: 'view', seq, display_id: 'd1' },
      outputs()
    );
    expect(read.seq).toBe(seq);
    expect(read.job).toBeDefined();
  });
});

describe('Outputs', () => {
  it('forgets the oldest output beyond its bound', () => {
    const kept = new Outputs(2);
    kept.add('a', STORED);
    kept.add('b', STORED);
    kept.add('a', STORED); // seen again: now the newest
    kept.add('c', STORED);
    expect(kept.get('b')).toBeUndefined();
    expect(kept.get('a')).toBe(STORED);
    expect(kept.size).toBe(2);
  });
});

describe('ViewScheduler', () => {
  /** A scheduler whose answers finish when the test says so. */
  function scheduler() {
    const sent: IViewReply[] = [];
    const pending: Array<() => void> = [];
    const views = new ViewScheduler<string>(
      data =>
        new Promise<IViewReply>(resolve => {
          const seq = (data as { seq: number }).seq;
          pending.push(() => resolve({ seq, diagnostics: [] }));
        }),
      reply => sent.push(reply)
    );
    const finishNext = async () => {
      pending.shift()!();
      await new Promise(resolve => setTimeout(resolve, 0));
    };
    return { views, sent, pending, finishNext };
  }

  it('answers a waiting request superseded at once, a running one with its answer', async () => {
    const { views, sent, finishNext } = scheduler();
    views.submit({ seq: 1, request: 'view', display_id: 'p' }, 'c');
    views.submit({ seq: 2, request: 'view', display_id: 'p' }, 'c'); // 1 runs on
    views.submit({ seq: 3, request: 'view', display_id: 'p' }, 'c'); // 2 waits: dropped
    expect(sent).toEqual([{ seq: 2, superseded: true }]);
    await finishNext();
    expect(sent[1]).toEqual({ seq: 1, diagnostics: [] });
    await finishNext();
    expect(sent[2]).toEqual({ seq: 3, diagnostics: [] });
    expect(views.idle).toBe(true);
  });

  it('lets features and views of one display wait side by side', async () => {
    const { views, sent, finishNext } = scheduler();
    views.submit({ seq: 1, request: 'view', display_id: 'p' }, 'c');
    views.submit({ seq: 2, request: 'view', display_id: 'p' }, 'c');
    views.submit({ seq: 3, request: 'features', display_id: 'p' }, 'c');
    await finishNext();
    await finishNext();
    await finishNext();
    expect(sent.map(r => r.seq)).toEqual([1, 2, 3]);
    expect(sent.every(r => !r.superseded)).toBe(true);
  });

  it('keeps requests for other displays, in order of arrival', async () => {
    const { views, sent, finishNext } = scheduler();
    views.submit({ seq: 1, display_id: 'p' }, 'c');
    views.submit({ seq: 2, display_id: 'q' }, 'c');
    views.submit({ seq: 3, display_id: 'r' }, 'c');
    await finishNext();
    await finishNext();
    await finishNext();
    expect(sent.map(r => r.seq)).toEqual([1, 2, 3]);
    expect(sent.every(r => !r.superseded)).toBe(true);
  });
});
