/**
 * SimClient: runs simulations off the main thread. It wraps the Web Worker; where there is no
 * `Worker` (Node, vitest) it runs the same sliced loop inline, so tests exercise the same
 * code path. One run at a time: starting a run cancels the one in flight.
 *
 * Cancel works at any moment: a worker that has not confirmed a cancel within CANCEL_GRACE_MS
 * (it is inside one long step of the engine, e.g. a huge scheduler batch, or a loop that never
 * advances simulated time) is terminated, and the run ends as cancelled with its last snapshot.
 * The next run starts a fresh worker.
 *
 * @example
 *   const client = createSimClient();
 *   client.start(doc, {}, { onProgress: (p) => …, onDone: (result) => … });
 *   client.cancel();
 *   client.destroy();
 */
import type { ArchDocument } from '../model/index.ts';
import type { FromWorker, LiveClock, LivePace, Progress, RunOptions, SimResult, ToWorker } from './protocol.ts';
import type { SimRun } from './simRun.ts';
import { liveSnapshotResult } from './liveSnapshot.ts';

export interface RunHandlers {
  onProgress?: (p: Progress, clock: LiveClock) => void;
  /** The run so far (at most 4 Hz): totals and series; findings, requirements and traces are empty until `onDone`. */
  onSnapshot?: (result: SimResult) => void;
  onDone: (result: SimResult) => void;
  /** The run stopped on request, with its partial result (null if the worker had to be stopped before it sent one). */
  onCancelled?: (result: SimResult | null) => void;
  onError?: (message: string) => void;
}

export interface SimClient {
  /** Start a run (cancelling any run in flight); returns its runId. */
  start: (doc: ArchDocument, options: RunOptions, handlers: RunHandlers) => number;
  /** Cancel the run in flight, if any. Its handlers get `onCancelled` with the partial result. */
  cancel: () => void;
  /** Whether a run is in flight. */
  busy: () => boolean;
  /** Live playback of the run in flight: its speed, pause / resume. */
  pace: (pace: LivePace) => void;
  /** While paused: advance the run in flight by one event or one simulated second. */
  step: (by: 'event' | 'second') => void;
  /** Re-run the edited document from the start (same seed) up to `atMs` (default: where the run is), and go on. */
  restart: (doc: ArchDocument, atMs?: number) => void;
  destroy: () => void;
}

type Transport = { send: (msg: ToWorker) => void; destroy: () => void };

/** How long a worker has to confirm a cancel before it is terminated, ms. */
export const CANCEL_GRACE_MS = 1500;

/** What the client needs of a Worker (a stand-in in tests). */
export interface WorkerLike {
  postMessage: (msg: ToWorker) => void;
  terminate: () => void;
  onmessage: ((e: MessageEvent<FromWorker>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
}

/** Inline transport: the engine in this thread, loaded on first use (keeps it out of the app bundle). */
function inlineTransport(receive: (msg: FromWorker) => void): Transport {
  const runs = new Map<number, SimRun>();
  let mod: Promise<typeof import('./simRun.ts')> | null = null;
  return {
    // Messages are handled in order once the module has loaded, as a worker would.
    send: (msg) => {
      mod ??= import('./simRun.ts');
      void mod.then(({ simRunStart }) => {
        if (msg.type === 'start') {
          runs.set(
            msg.runId,
            simRunStart(msg.runId, msg.doc, msg.options, (m) => {
              if (m.type !== 'progress' && m.type !== 'snapshot') runs.delete(m.runId);
              receive(m);
            }),
          );
        } else if (msg.type === 'cancel') {
          runs.get(msg.runId)?.cancel();
          runs.delete(msg.runId);
        } else if (msg.type === 'pace') runs.get(msg.runId)?.pace(msg.pace);
        else if (msg.type === 'step') runs.get(msg.runId)?.step(msg.by);
        else if (msg.type === 'restart') runs.get(msg.runId)?.restart(msg.doc, msg.atMs);
      });
    },
    destroy: () => {
      for (const r of runs.values()) r.cancel();
      runs.clear();
    },
  };
}

const newWorker = (): WorkerLike => new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike;

function workerTransport(receive: (msg: FromWorker) => void, onCrash: (message: string) => void, make: () => WorkerLike): Transport {
  const worker = make();
  worker.onmessage = (e: MessageEvent<FromWorker>) => receive(e.data);
  worker.onerror = (e) => {
    e.preventDefault();
    onCrash(e.message || 'The simulation worker failed to start.');
  };
  return { send: (msg) => worker.postMessage(msg), destroy: () => worker.terminate() };
}

export function createSimClient(opts: { inline?: boolean; createWorker?: () => WorkerLike; cancelGraceMs?: number } = {}): SimClient {
  let nextId = 1;
  let current: { runId: number; handlers: RunHandlers; last: SimResult | null } | null = null;
  let watchdog: ReturnType<typeof setTimeout> | null = null;
  const clearWatchdog = () => {
    if (watchdog !== null) {
      clearTimeout(watchdog);
      watchdog = null;
    }
  };

  const receive = (msg: FromWorker): void => {
    if (!current || msg.runId !== current.runId) return; // a late message from an older run
    const h = current.handlers;
    if (msg.type === 'done' || msg.type === 'cancelled' || msg.type === 'error') clearWatchdog();
    switch (msg.type) {
      case 'progress':
        h.onProgress?.(msg.progress, msg.clock);
        break;
      case 'snapshot': {
        const r = liveSnapshotResult(msg.snapshot);
        current.last = r;
        h.onSnapshot?.(r);
        break;
      }
      case 'done':
        current = null;
        h.onDone(msg.result);
        break;
      case 'cancelled':
        current = null;
        h.onCancelled?.(msg.result);
        break;
      case 'error':
        current = null;
        h.onError?.(msg.message);
        break;
    }
  };
  const crash = (message: string): void => receive({ type: 'error', runId: current?.runId ?? 0, message });
  const inline = opts.inline ?? typeof Worker === 'undefined';
  let transport: Transport | null = null;
  const t = (): Transport =>
    (transport ??= inline ? inlineTransport(receive) : workerTransport(receive, crash, opts.createWorker ?? newWorker));

  const cancel = (): void => {
    if (!current) return;
    const run = current;
    t().send({ type: 'cancel', runId: run.runId });
    // Inline runs yield between slices and always answer; a worker may be stuck in one step.
    if (inline || watchdog !== null) return;
    watchdog = setTimeout(() => {
      watchdog = null;
      if (current !== run) return;
      transport?.destroy();
      transport = null;
      current = null;
      run.handlers.onCancelled?.(run.last);
    }, opts.cancelGraceMs ?? CANCEL_GRACE_MS);
  };

  return {
    start: (doc, options, handlers) => {
      if (current) {
        // Drop the old run's remaining messages: its handlers must not see the new run's data.
        t().send({ type: 'cancel', runId: current.runId });
        current = null;
      }
      clearWatchdog();
      const runId = nextId++;
      current = { runId, handlers, last: null };
      t().send({ type: 'start', runId, doc, options });
      return runId;
    },
    cancel,
    busy: () => current !== null,
    pace: (pace) => {
      if (current) t().send({ type: 'pace', runId: current.runId, pace });
    },
    step: (by) => {
      if (current) t().send({ type: 'step', runId: current.runId, by });
    },
    restart: (doc, atMs) => {
      if (current) t().send({ type: 'restart', runId: current.runId, doc, atMs });
    },
    destroy: () => {
      clearWatchdog();
      transport?.destroy();
      transport = null;
      current = null;
    },
  };
}
