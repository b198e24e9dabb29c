/**
 * SimPool: runs a batch of whole simulations (replications, sweep points) on several Web
 * Workers at once, one job per worker at a time, and hands back the results in job order.
 * Jobs are independent (own document and seed), so the results equal running them one after
 * another. Also asks a worker to plan a sweep and to summarise results (the engine's
 * statistics stay off the UI thread). Where there is no `Worker` (Node, vitest) the same
 * handlers run inline, one job after another.
 *
 * @example
 *   const pool = createSimPool();
 *   pool.run(jobs, { onProgress: (p) => …, onDone: (results, wallMs) => … }, { workers: 2 });
 *   const { summaries, bands } = await pool.summarize([results], true);
 *   pool.destroy();
 */
import type { ArchDocument } from '../model/index.ts';
import type { BatchJob, FromWorker, ReplicationSummary, ResultBands, SimResult, ToWorker } from './protocol.ts';

export interface BatchProgress {
  done: number;
  total: number;
  /** Finished jobs plus the simulated fraction of those running, over the total (0–1). */
  fraction: number;
  workers: number;
}

export interface BatchHandlers {
  onProgress?: (p: BatchProgress) => void;
  onDone: (results: SimResult[], wallMs: number) => void;
  onError?: (message: string) => void;
}

export type SweepPlan = { ok: true; values: number[] } | { ok: false; message: string };

export interface SimPool {
  /** Run `jobs` (cancelling any batch in flight) on up to `workers` workers; returns its runId. */
  run: (jobs: BatchJob[], handlers: BatchHandlers, opts?: { workers?: number }) => number;
  plan: (doc: ArchDocument, path: string, from: number, to: number, steps: number) => Promise<SweepPlan>;
  summarize: (groups: SimResult[][], bands: boolean) => Promise<{ summaries: ReplicationSummary[]; bands: ResultBands | null }>;
  /** Stop the batch in flight (its workers are terminated) and reject pending requests. */
  cancel: () => void;
  busy: () => boolean;
  destroy: () => void;
}

type Receive = (msg: FromWorker) => void;
interface Endpoint {
  send: (msg: ToWorker) => void;
  terminate: () => void;
}

/** The cores the browser reports (at least 1). */
export function defaultWorkers(): number {
  const n = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency : 1;
  return Math.max(1, Math.floor(n || 1));
}

function workerEndpoint(receive: Receive, crash: (message: string) => void): Endpoint {
  const worker = new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (e: MessageEvent<FromWorker>) => receive(e.data);
  worker.onerror = (e) => {
    e.preventDefault();
    crash(e.message || 'A simulation worker failed to start.');
  };
  return { send: (msg) => worker.postMessage(msg), terminate: () => worker.terminate() };
}

/** Inline endpoint: handles messages in order on this thread, yielding between them. */
function inlineEndpoint(receive: Receive): Endpoint {
  let dead = false;
  let queue: Promise<unknown> = Promise.resolve();
  const mod = import('./batch.ts');
  return {
    send: (msg) => {
      queue = queue
        .then(() => new Promise((r) => setTimeout(r, 0)))
        .then(() => mod)
        .then(({ batchHandle }) => {
          if (!dead)
            batchHandle(msg, (m) => {
              if (!dead) receive(m);
            });
        });
    },
    terminate: () => {
      dead = true;
    },
  };
}

const PROGRESS_EVERY_MS = 100;

export function createSimPool(opts: { inline?: boolean } = {}): SimPool {
  const inline = opts.inline ?? typeof Worker === 'undefined';
  let endpoints: Endpoint[] = [];
  let nextId = 1;
  let batch: {
    runId: number;
    jobs: BatchJob[];
    handlers: BatchHandlers;
    results: SimResult[];
    running: Map<number, number>;
    next: number;
    done: number;
    workers: number;
    t0: number;
    lastProgress: number;
  } | null = null;
  const requests = new Map<number, { resolve: (m: FromWorker) => void; reject: (e: Error) => void }>();

  const progress = (force: boolean): void => {
    if (!batch) return;
    const now = performance.now();
    if (!force && now - batch.lastProgress < PROGRESS_EVERY_MS) return;
    batch.lastProgress = now;
    let partial = 0;
    for (const f of batch.running.values()) partial += f;
    const total = batch.jobs.length;
    batch.handlers.onProgress?.({ done: batch.done, total, fraction: total ? (batch.done + partial) / total : 1, workers: batch.workers });
  };

  const fail = (message: string): void => {
    const b = batch;
    stop();
    b?.handlers.onError?.(message);
  };

  const feed = (slot: number): void => {
    if (!batch || batch.next >= batch.jobs.length) return;
    const job = batch.next++;
    batch.running.set(job, 0);
    endpoint(slot).send({ type: 'job', runId: batch.runId, job, spec: batch.jobs[job]! });
  };

  const receive =
    (slot: number) =>
    (msg: FromWorker): void => {
      const req = requests.get(msg.runId);
      if (req) {
        requests.delete(msg.runId);
        if (msg.type === 'error') req.reject(new Error(msg.message));
        else req.resolve(msg);
        return;
      }
      if (!batch || msg.runId !== batch.runId) return; // a late message from a cancelled batch
      switch (msg.type) {
        case 'jobProgress':
          batch.running.set(msg.job, msg.fraction);
          progress(false);
          break;
        case 'jobDone': {
          batch.running.delete(msg.job);
          batch.results[msg.job] = msg.result;
          batch.done++;
          progress(true);
          if (batch.done === batch.jobs.length) {
            const b = batch;
            batch = null;
            b.handlers.onDone(b.results, performance.now() - b.t0);
          } else feed(slot);
          break;
        }
        case 'jobError':
          fail(`run ${msg.job + 1}: ${msg.message}`);
          break;
        case 'error':
          fail(msg.message);
          break;
        default:
          break;
      }
    };

  function endpoint(slot: number): Endpoint {
    let e = endpoints[slot];
    if (!e) {
      e = inline ? inlineEndpoint(receive(slot)) : workerEndpoint(receive(slot), (m) => fail(m));
      endpoints[slot] = e;
    }
    return e;
  }

  /** Terminate every worker (a synchronous job cannot be interrupted otherwise). */
  function stop(): void {
    batch = null;
    for (const e of endpoints) e.terminate();
    endpoints = [];
    for (const r of requests.values()) r.reject(new Error('cancelled'));
    requests.clear();
  }

  const request = <T extends FromWorker['type']>(msg: ToWorker): Promise<Extract<FromWorker, { type: T }>> =>
    new Promise((resolve, reject) => {
      requests.set(msg.runId, { resolve: resolve as (m: FromWorker) => void, reject });
      endpoint(0).send(msg);
    });

  return {
    run: (jobs, handlers, o = {}) => {
      if (batch) stop();
      const runId = nextId++;
      const workers = Math.max(1, Math.min(o.workers ?? defaultWorkers(), jobs.length || 1));
      batch = {
        runId,
        jobs,
        handlers,
        results: new Array(jobs.length),
        running: new Map(),
        next: 0,
        done: 0,
        workers,
        t0: performance.now(),
        lastProgress: -Infinity,
      };
      progress(true);
      if (!jobs.length) {
        batch = null;
        handlers.onDone([], 0);
        return runId;
      }
      for (let slot = 0; slot < workers; slot++) feed(slot);
      return runId;
    },
    plan: async (doc, path, from, to, steps) => {
      const reply = await request<'sweepPlan'>({ type: 'sweepPlan', runId: nextId++, doc, path, from, to, steps });
      return reply.plan;
    },
    summarize: async (groups, bands) => {
      const reply = await request<'summary'>({ type: 'summarize', runId: nextId++, groups, bands });
      return { summaries: reply.summaries, bands: reply.bands };
    },
    cancel: () => stop(),
    busy: () => batch !== null,
    destroy: () => stop(),
  };
}
