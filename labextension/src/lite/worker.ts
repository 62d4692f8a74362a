/**
 * The evaluation worker: holds the language session and answers the kernel's
 * requests one at a time (see `protocol.ts`).
 */

import { Engine } from './engine';
import { loadedFiles } from './offline';
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
// The files this worker's code came in, for the page to keep for offline use.
scope.postMessage({ ready: true, loaded: loadedFiles(self) });
