/**
 * The simulation worker: receives `start`/`cancel` (protocol.ts), runs the engine through
 * simRunStart and posts its messages back. No logic lives here.
 */
import type { ToWorker } from './protocol.ts';
import { simRunStart, type Post } from './simRun.ts';

interface WorkerScope {
  postMessage(message: unknown, transfer: ArrayBuffer[]): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
}
const scope = self as unknown as WorkerScope;
const post: Post = (msg, transfer = []) => scope.postMessage(msg, transfer);

const runs = new Map<number, { cancel: () => void }>();

scope.onmessage = (e) => {
  const msg = e.data;
  switch (msg.type) {
    case 'start':
      runs.set(msg.runId, simRunStart(msg.runId, msg.doc, msg.options, (m, t) => {
        if (m.type === 'done' || m.type === 'cancelled' || m.type === 'error') runs.delete(m.runId);
        post(m, t);
      }));
      break;
    case 'cancel':
      runs.get(msg.runId)?.cancel();
      runs.delete(msg.runId);
      break;
  }
};
