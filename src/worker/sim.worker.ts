/**
 * The simulation worker: receives `start`/`cancel`/`pace`/`step`/`restart` (one live run, through simRunStart) and the
 * batch messages `job`/`sweepPlan`/`summarize` (batchHandle), and posts their replies back.
 * No logic lives here.
 */
import type { ToWorker } from './protocol.ts';
import { simRunStart, type Post, type SimRun } from './simRun.ts';
import { batchHandle } from './batch.ts';

interface WorkerScope {
  postMessage(message: unknown, transfer: ArrayBuffer[]): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
}
const scope = self as unknown as WorkerScope;
const post: Post = (msg, transfer = []) => scope.postMessage(msg, transfer);

const runs = new Map<number, SimRun>();

scope.onmessage = (e) => {
  const msg = e.data;
  switch (msg.type) {
    case 'start':
      runs.set(
        msg.runId,
        simRunStart(msg.runId, msg.doc, msg.options, (m, t) => {
          if (m.type === 'done' || m.type === 'cancelled' || m.type === 'error') runs.delete(m.runId);
          post(m, t);
        }),
      );
      break;
    case 'cancel':
      runs.get(msg.runId)?.cancel();
      runs.delete(msg.runId);
      break;
    case 'pace':
      runs.get(msg.runId)?.pace(msg.pace);
      break;
    case 'step':
      runs.get(msg.runId)?.step(msg.by);
      break;
    case 'restart':
      runs.get(msg.runId)?.restart(msg.doc, msg.atMs);
      break;
    default:
      batchHandle(msg, post);
  }
};
