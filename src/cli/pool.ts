/**
 * runParallel: run simulations on worker threads, one per core, and return the results in
 * job order. Each job is independent (its own document and seed), so the results are
 * identical to running them one after another.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { ArchDocument } from '../model/schema.ts';
import type { SimResult } from '../engine/types.ts';
import type { SimOptions } from '../engine/Simulation.ts';

export interface Job {
  doc: ArchDocument;
  opts: Omit<SimOptions, 'clock'>;
  maxEvents?: number;
}

/** A job stopped by its event limit (see boundedRun.ts); its message is for the user. */
export class WorkLimitError extends Error {}

export async function runParallel(
  jobs: Job[],
  onDone?: (done: number, total: number) => void,
  threads = availableParallelism(),
): Promise<SimResult[]> {
  const n = Math.max(1, Math.min(threads, jobs.length));
  const results: SimResult[] = new Array(jobs.length);
  let next = 0,
    done = 0;
  const workers: Worker[] = [];
  try {
    await Promise.all(
      Array.from(
        { length: n },
        () =>
          new Promise<void>((resolve, reject) => {
            const w = new Worker(new URL('./simWorker.mjs', import.meta.url));
            workers.push(w);
            const feed = () => {
              if (next >= jobs.length) {
                resolve();
                return;
              }
              const id = next++;
              w.postMessage({ id, doc: jobs[id]!.doc, opts: jobs[id]!.opts, maxEvents: jobs[id]!.maxEvents });
            };
            w.on('message', (m: { ready?: boolean; id?: number; result?: SimResult; error?: string; refused?: string }) => {
              if (m.ready) {
                feed();
                return;
              }
              if (m.refused) {
                reject(new WorkLimitError(m.refused));
                return;
              }
              if (m.error) {
                reject(new Error(m.error));
                return;
              }
              results[m.id!] = m.result!;
              onDone?.(++done, jobs.length);
              feed();
            });
            w.on('error', reject);
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
