/**
 * simRunStart: run one simulation in wall-time slices, yielding to the event loop between
 * slices (a `setTimeout(0)`), so a `cancel` message is handled and, inline, the page stays
 * responsive. Posts progress at most 10 times a second, a snapshot at most 4 times a second
 * (series in the transfer list) and the final result. Shared by the worker and SimClient's
 * inline mode; holds the only value import of the engine outside the engine.
 */
import type { ArchDocument } from '../model/index.ts';
import { createSimulation, resultBuild, simulationProgress } from '../engine/index.ts';
import { resultTransferables, type FromWorker, type RunOptions } from './protocol.ts';

export type Post = (msg: FromWorker, transfer?: ArrayBuffer[]) => void;

const SLICE_WALL_MS = 40;
const PROGRESS_EVERY_MS = 100;
const SNAPSHOT_EVERY_MS = 250;

const wallNow = (): number => performance.now();

export function simRunStart(runId: number, doc: ArchDocument, options: RunOptions, post: Post): { cancel: () => void } {
  let cancelled = false;
  let sim: ReturnType<typeof createSimulation>;
  try {
    sim = createSimulation(doc, { seed: options.seed, durationS: options.durationS });
  } catch (e) {
    post({ type: 'error', runId, message: e instanceof Error ? e.message : String(e) });
    return { cancel: () => {} };
  }
  const end = sim.model.durationMs;
  // Start small (a heavy design can do millions of events per simulated minute) and grow.
  let sliceMs = Math.min(end, 50);
  let lastProgress = -Infinity;
  let lastSnapshot = -Infinity;

  const step = (): void => {
    if (cancelled) return;
    try {
      const t0 = wallNow();
      let finished = false;
      // Run sub-slices until this turn has used its wall-time budget.
      while (!finished && wallNow() - t0 < SLICE_WALL_MS) {
        const s0 = wallNow();
        finished = sim.runUntil(Math.min(end, sim.now + sliceMs));
        const took = wallNow() - s0;
        // Aim each sub-slice at about a quarter of the budget.
        sliceMs = Math.max(1, Math.min(end, sliceMs * Math.min(4, Math.max(0.25, SLICE_WALL_MS / 4 / (took || 0.01)))));
      }
      if (finished) {
        post({ type: 'progress', runId, progress: simulationProgress(sim) });
        const result = resultBuild(sim, true);
        post({ type: 'done', runId, result }, resultTransferables(result));
        return;
      }
      const now = wallNow();
      if (now - lastProgress >= PROGRESS_EVERY_MS) {
        lastProgress = now;
        post({ type: 'progress', runId, progress: simulationProgress(sim) });
      }
      if (now - lastSnapshot >= SNAPSHOT_EVERY_MS) {
        lastSnapshot = now;
        const result = resultBuild(sim, true);
        post({ type: 'snapshot', runId, result }, resultTransferables(result));
      }
      setTimeout(step, 0);
    } catch (e) {
      post({ type: 'error', runId, message: e instanceof Error ? e.message : String(e) });
    }
  };
  setTimeout(step, 0);

  return {
    cancel: () => {
      if (cancelled || sim.done) return;
      cancelled = true;
      const result = resultBuild(sim, true);
      post({ type: 'cancelled', runId, result }, resultTransferables(result));
    },
  };
}
