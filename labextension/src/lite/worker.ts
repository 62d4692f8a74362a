/**
 * The evaluation worker: holds the language session and answers the kernel's
 * requests one at a time (see `protocol.ts`).
 */

import { Engine } from './engine';
import type { WorkerReply, WorkerRequest } from './protocol';

interface IWorkerScope {
  onmessage: ((event: { data: WorkerRequest }) => void) | null;
  postMessage(message: WorkerReply): void;
}

const scope = self as unknown as IWorkerScope;
const engine = new Engine();

scope.onmessage = event => {
  scope.postMessage(engine.handle(event.data));
};
scope.postMessage({ ready: true });
