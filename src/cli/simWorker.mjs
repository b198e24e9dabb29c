// A worker thread that runs simulations for the CLI's replications and sweeps, each bounded by
// the run's event limit. Errors go back as one-line messages (never a stack trace).
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { simulateBounded } = await import('./boundedRun.ts');
parentPort.on('message', ({ id, doc, opts, maxEvents }) => {
  try {
    const r = simulateBounded(doc, opts, maxEvents ?? Infinity);
    if (r.ok) parentPort.postMessage({ id, result: r.result });
    else parentPort.postMessage({ id, refused: r.message });
  } catch (e) {
    parentPort.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
  }
});
parentPort.postMessage({ ready: true });
