import { RequestKind, RequestQueue } from './queue';

/** A request the test answers by hand. */
interface IOpen {
  kind: RequestKind;
  request: number;
  resolve: (value: string) => void;
  reject: (reason: unknown) => void;
}

function makeQueue() {
  const open: IOpen[] = [];
  const delivered: Array<[RequestKind, string, number]> = [];
  const failed: Array<[RequestKind, number]> = [];
  const queue = new RequestQueue<number, string>({
    send: (kind, request) =>
      new Promise<string>((resolve, reject) =>
        open.push({ kind, request, resolve, reject })
      ),
    deliver: (kind, response, request) =>
      delivered.push([kind, response, request]),
    fail: (kind, _reason, request) => failed.push([kind, request]),
    superseded: response => response === 'superseded'
  });
  return { queue, open, delivered, failed };
}

const tick = () => new Promise(resolve => setTimeout(resolve, 0));

describe('RequestQueue', () => {
  it('sends the first request at once and only the latest of those that wait', async () => {
    const { queue, open, delivered } = makeQueue();
    queue.push('view', 1);
    queue.push('view', 2);
    queue.push('view', 3);
    expect(open.map(o => o.request)).toEqual([1]);
    expect(queue.waiting).toBe(1);
    open[0].resolve('one');
    await tick();
    expect(open.map(o => o.request)).toEqual([1, 3]);
    open[1].resolve('three');
    await tick();
    expect(delivered).toEqual([
      ['view', 'one', 1],
      ['view', 'three', 3]
    ]);
    expect(queue.busy).toBe(false);
  });

  it('sends a waiting view before waiting features', async () => {
    const { queue, open } = makeQueue();
    queue.push('view', 1);
    queue.push('features', 2);
    queue.push('view', 3);
    open[0].resolve('a');
    await tick();
    expect(open.map(o => [o.kind, o.request])).toEqual([
      ['view', 1],
      ['view', 3]
    ]);
    open[1].resolve('b');
    await tick();
    expect(open[2].kind).toBe('features');
  });

  it('asks again when the kernel drops a request for another one', async () => {
    const { queue, open, delivered } = makeQueue();
    queue.push('view', 1);
    open[0].resolve('superseded');
    await tick();
    expect(open.map(o => o.request)).toEqual([1, 1]);
    open[1].resolve('drawn');
    await tick();
    expect(delivered).toEqual([['view', 'drawn', 1]]);
  });

  it('reports failures and carries on with the next request', async () => {
    const { queue, open, failed, delivered } = makeQueue();
    queue.push('view', 1);
    queue.push('view', 2);
    open[0].reject(new Error('no kernel'));
    await tick();
    expect(failed).toEqual([['view', 1]]);
    open[1].resolve('ok');
    await tick();
    expect(delivered).toEqual([['view', 'ok', 2]]);
  });

  it('treats a send that throws as a failure', async () => {
    const failed: number[] = [];
    const queue = new RequestQueue<number, string>({
      send: () => {
        throw new Error('closed');
      },
      deliver: () => undefined,
      fail: (_kind, _reason, request) => failed.push(request)
    });
    queue.push('view', 7);
    await tick();
    expect(failed).toEqual([7]);
    expect(queue.busy).toBe(false);
  });

  it('delivers nothing once disposed', async () => {
    const { queue, open, delivered } = makeQueue();
    queue.push('view', 1);
    queue.dispose();
    open[0].resolve('late');
    queue.push('view', 2);
    await tick();
    expect(delivered).toEqual([]);
    expect(open).toHaveLength(1);
  });
});
