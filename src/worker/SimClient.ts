/**
 * SimClient: runs simulations off the main thread. It wraps the Web Worker; where there is no
 * `Worker` (Node, vitest) it runs the same sliced loop inline, so tests exercise the same
 * code path. One run at a time: starting a run cancels the one in flight.
 *
 * @example
 *   const client = createSimClient();
 *   client.start(doc, {}, { onProgress: (p) => …, onDone: (result) => … });
 *   client.cancel();
 *   client.destroy();
 */
import type { ArchDocument } from '../model/index.ts';
import type { FromWorker, Progress, RunOptions, SimResult, ToWorker } from './protocol.ts';
import { liveSnapshotResult } from './liveSnapshot.ts';

export interface RunHandlers {
  onProgress?: (p: Progress) => void;
  /** The run so far (at most 4 Hz): totals and series; findings, requirements and traces are empty until `onDone`. */
  onSnapshot?: (result: SimResult) => void;
  onDone: (result: SimResult) => void;
  onCancelled?: (result: SimResult) => void;
  onError?: (message: string) => void;
}

export interface SimClient {
  /** Start a run (cancelling any run in flight); returns its runId. */
  start: (doc: ArchDocument, options: RunOptions, handlers: RunHandlers) => number;
  /** Cancel the run in flight, if any. Its handlers get `onCancelled` with the partial result. */
  cancel: () => void;
  /** Whether a run is in flight. */
  busy: () => boolean;
  destroy: () => void;
}

type Transport = { send: (msg: ToWorker) => void; destroy: () => void };

/** Inline transport: the engine in this thread, loaded on first use (keeps it out of the app bundle). */
function inlineTransport(receive: (msg: FromWorker) => void): Transport {
  const runs = new Map<number, { cancel: () => void }>();
  let mod: Promise<typeof import('./simRun.ts')> | null = null;
  return {
    // Messages are handled in order once the module has loaded, as a worker would.
    send: (msg) => {
      mod ??= import('./simRun.ts');
      void mod.then(({ simRunStart }) => {
        if (msg.type === 'start') {
          runs.set(msg.runId, simRunStart(msg.runId, msg.doc, msg.options, (m) => {
            if (m.type !== 'progress' && m.type !== 'snapshot') runs.delete(m.runId);
            receive(m);
          }));
        } else {
          runs.get(msg.runId)?.cancel();
          runs.delete(msg.runId);
        }
      });
    },
    destroy: () => { for (const r of runs.values()) r.cancel(); runs.clear(); },
  };
}

function workerTransport(receive: (msg: FromWorker) => void, onCrash: (message: string) => void): Transport {
  const worker = new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (e: MessageEvent<FromWorker>) => receive(e.data);
  worker.onerror = (e) => { e.preventDefault(); onCrash(e.message || 'The simulation worker failed to start.'); };
  return { send: (msg) => worker.postMessage(msg), destroy: () => worker.terminate() };
}

export function createSimClient(opts: { inline?: boolean } = {}): SimClient {
  let nextId = 1;
  let current: { runId: number; handlers: RunHandlers } | null = null;

  const receive = (msg: FromWorker): void => {
    if (!current || msg.runId !== current.runId) return; // a late message from an older run
    const h = current.handlers;
    switch (msg.type) {
      case 'progress': h.onProgress?.(msg.progress); break;
      case 'snapshot': h.onSnapshot?.(liveSnapshotResult(msg.snapshot)); break;
      case 'done': current = null; h.onDone(msg.result); break;
      case 'cancelled': current = null; h.onCancelled?.(msg.result); break;
      case 'error': current = null; h.onError?.(msg.message); break;
    }
  };
  const crash = (message: string): void => receive({ type: 'error', runId: current?.runId ?? 0, message });
  const inline = opts.inline ?? typeof Worker === 'undefined';
  let transport: Transport | null = null;
  const t = (): Transport => (transport ??= inline ? inlineTransport(receive) : workerTransport(receive, crash));

  const cancel = (): void => {
    if (!current) return;
    t().send({ type: 'cancel', runId: current.runId });
  };

  return {
    start: (doc, options, handlers) => {
      if (current) {
        // Drop the old run's remaining messages: its handlers must not see the new run's data.
        t().send({ type: 'cancel', runId: current.runId });
        current = null;
      }
      const runId = nextId++;
      current = { runId, handlers };
      t().send({ type: 'start', runId, doc, options });
      return runId;
    },
    cancel,
    busy: () => current !== null,
    destroy: () => { transport?.destroy(); transport = null; current = null; },
  };
}
