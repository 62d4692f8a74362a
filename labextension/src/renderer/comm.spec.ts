/**
 * The view client never calls a live kernel gone: the comm opens where its requests
 * go, a busy kernel is waited for, and requests lost behind a failing cell are sent again.
 */
import type { Kernel, KernelMessage } from '@jupyterlab/services';
import { Signal } from '@lumino/signaling';

import { IViewQuery, IViewReply, NotLiveError, ViewClient } from './comm';

/** A comm that records what it was asked to send. */
class FakeComm {
  constructor(
    readonly log: string[],
    subshell: Promise<void>
  ) {
    this.subshellStarted = subshell;
    this.commId = `comm-${FakeComm.count++}`;
  }
  static count = 0;
  commId: string;
  subshellStarted: Promise<void>;
  isDisposed = false;
  onMsg: (msg: { content: { data: unknown } }) => void = () => undefined;
  onClose: () => void = () => undefined;
  sent: Array<{ seq: number }> = [];
  open(): void {
    this.log.push(`open ${this.commId}`);
  }
  send(data: { seq: number }): { dispose(): void } {
    this.log.push(`send ${this.commId} ${data.seq}`);
    this.sent.push(data);
    return { dispose: () => undefined };
  }
  close(): void {
    this.log.push(`close ${this.commId}`);
    this.isDisposed = true;
  }
  answer(reply: Partial<IViewReply> & { seq: number }): void {
    this.onMsg({ content: { data: reply } });
  }
}

/** Just what the client uses of a kernel connection. */
class FakeKernel {
  constructor(readonly supportsSubshells: boolean) {}
  log: string[] = [];
  comms: FakeComm[] = [];
  status: Kernel.Status = 'idle';
  info = Promise.resolve({});
  statusChanged = new Signal<this, Kernel.Status>(this);
  anyMessage = new Signal<this, Kernel.IAnyMessageArgs>(this);
  disposed = new Signal<this, void>(this);
  subshell = Private.deferred();
  createComm(): FakeComm {
    const comm = new FakeComm(this.log, this.subshell.promise);
    this.comms.push(comm);
    return comm;
  }
  setStatus(status: Kernel.Status): void {
    this.status = status;
    this.statusChanged.emit(status);
  }
  reply(status: 'ok' | 'error'): void {
    const msg = {
      header: { msg_type: 'execute_reply' },
      content: { status }
    } as unknown as KernelMessage.IMessage;
    this.anyMessage.emit({ msg, direction: 'recv' });
  }
}

namespace Private {
  export function deferred(): { promise: Promise<void>; resolve: () => void } {
    let resolve = (): void => undefined;
    const promise = new Promise<void>(r => (resolve = r));
    return { promise, resolve };
  }
}

const QUERY: IViewQuery = {
  request: 'view',
  display_id: 'd1',
  view: { x: [-10, 10], y: [-1, 1], width: 600, height: 400 },
  params: {}
};

function clientOf(kernel: FakeKernel): ViewClient {
  return new ViewClient(kernel as unknown as Kernel.IKernelConnection, 30);
}

/** Let every resolved promise run its callbacks. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) {
    await Promise.resolve();
  }
}

describe('ViewClient', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('opens the comm only once its subshell exists, then sends in order', async () => {
    const kernel = new FakeKernel(true);
    const client = clientOf(kernel);
    const first = client.request(QUERY);
    const second = client.request({ ...QUERY, display_id: 'd2' });
    await settle();
    expect(kernel.log).toEqual([]);
    kernel.subshell.resolve();
    await settle();
    const id = kernel.comms[0].commId;
    expect(kernel.log).toEqual([`open ${id}`, `send ${id} 1`, `send ${id} 2`]);
    kernel.comms[0].answer({ seq: 2, features: [] });
    kernel.comms[0].answer({ seq: 1, features: [] });
    await expect(first).resolves.toEqual({ seq: 1, features: [] });
    await expect(second).resolves.toEqual({ seq: 2, features: [] });
  });

  it('does not wait for a subshell where the kernel has none', async () => {
    const kernel = new FakeKernel(false);
    void clientOf(kernel).request(QUERY);
    await settle();
    expect(kernel.log).toEqual([
      `open ${kernel.comms[0].commId}`,
      `send ${kernel.comms[0].commId} 1`
    ]);
  });

  it('waits as long as the kernel is busy running cells', async () => {
    const kernel = new FakeKernel(false);
    const asked = clientOf(kernel).request(QUERY);
    let failed: unknown = null;
    asked.catch(reason => (failed = reason));
    kernel.setStatus('busy');
    await settle();
    jest.advanceTimersByTime(10 * 30 * 1000);
    await settle();
    expect(failed).toBeNull();
    expect(kernel.comms[0].sent.map(d => d.seq)).toEqual([1]);
    kernel.comms[0].answer({ seq: 1, features: [] });
    await expect(asked).resolves.toEqual({ seq: 1, features: [] });
  });

  it('asks again on a new comm before saying the kernel did not answer', async () => {
    const kernel = new FakeKernel(false);
    const asked = clientOf(kernel).request(QUERY);
    let failed: unknown = null;
    asked.catch(reason => (failed = reason));
    await settle();
    jest.advanceTimersByTime(30 * 1000);
    await settle();
    expect(failed).toBeNull();
    expect(kernel.comms).toHaveLength(2);
    expect(kernel.comms[0].isDisposed).toBe(true);
    expect(kernel.comms[1].sent.map(d => d.seq)).toEqual([2]);
    jest.advanceTimersByTime(30 * 1000);
    await settle();
    expect(failed).toBeInstanceOf(NotLiveError);
    expect((failed as Error).message).toBe(
      'The kernel did not answer in time.'
    );
  });

  it('sends again what a failing cell may have dropped; the copy answers', async () => {
    const kernel = new FakeKernel(false);
    const asked = clientOf(kernel).request(QUERY);
    await settle();
    kernel.reply('ok');
    await settle();
    expect(kernel.comms).toHaveLength(1);
    kernel.reply('error');
    await settle();
    expect(kernel.comms).toHaveLength(2);
    expect(kernel.comms[1].sent.map(d => d.seq)).toEqual([2]);
    // The first copy was not lost after all: the kernel drops it for the newer one.
    kernel.comms[0].answer({ seq: 1, superseded: true });
    kernel.comms[1].answer({ seq: 2, features: [] });
    await expect(asked).resolves.toEqual({ seq: 2, features: [] });
  });

  it('rejects what is on its way when the kernel restarts', async () => {
    const kernel = new FakeKernel(false);
    const asked = clientOf(kernel).request(QUERY);
    await settle();
    kernel.setStatus('restarting');
    await expect(asked).rejects.toThrow('The kernel restarted.');
  });
});
