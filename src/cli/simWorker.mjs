// A worker thread that runs simulations for the CLI's replications and sweeps.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { simulate } = await import('../engine/index.ts');
parentPort.on('message', ({ id, doc, opts }) => {
  try {
    parentPort.postMessage({ id, result: simulate(doc, opts) });
  } catch (e) {
    parentPort.postMessage({ id, error: String(e && e.stack ? e.stack : e) });
  }
});
parentPort.postMessage({ ready: true });
