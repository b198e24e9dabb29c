/**
 * simRunStart: run one simulation in wall-time slices, yielding to the event loop between
 * slices so a `cancel` message is handled and, inline, the page stays responsive. Posts
 * progress at most 10 times a second, a live snapshot at most 4 times a second (totals and
 * the series packed in one transferred buffer; no findings, requirements or traces) and,
 * once, the final result (`resultBuild`: findings, requirements and traces included).
 * Shared by the worker and SimClient's inline mode; with batch.ts, the app's only modules that
 * import the engine as values (the CLI runs it directly).
 */
import type { ArchDocument } from '../model/index.ts';
import { createSimulation, resultBuild, resultLive, simulationProgress } from '../engine/index.ts';
import { liveSnapshotPack } from './liveSnapshot.ts';
import { resultTransferables, type FromWorker, type RunOptions } from './protocol.ts';

export type Post = (msg: FromWorker, transfer?: ArrayBuffer[]) => void;

const SLICE_WALL_MS = 40;
const PROGRESS_EVERY_MS = 100;
const SNAPSHOT_EVERY_MS = 250;

const wallNow = (): number => performance.now();

/**
 * A way to run `fn` on the next turn of the event loop. A MessageChannel message, not
 * `setTimeout(0)`: nested timers are clamped to ≥ 4 ms, which cost 10 % of a 40 ms slice.
 */
function createYield(): { next: (fn: () => void) => void; destroy: () => void } {
  if (typeof MessageChannel === 'undefined') return { next: (fn) => void setTimeout(fn, 0), destroy: () => {} };
  const channel = new MessageChannel();
  let pending: (() => void) | null = null;
  channel.port1.onmessage = () => {
    const fn = pending;
    pending = null;
    fn?.();
  };
  return {
    next: (fn) => {
      pending = fn;
      channel.port2.postMessage(null);
    },
    // An open port keeps Node (inline mode) alive.
    destroy: () => {
      channel.port1.close();
      pending = null;
    },
  };
}

/** Most events one sub-slice may process (about 40 ms of engine time here). */
const SLICE_EVENT_BUDGET = 200_000;

export function simRunStart(runId: number, doc: ArchDocument, options: RunOptions, post: Post): { cancel: () => void } {
  let cancelled = false;
  let sim: ReturnType<typeof createSimulation>;
  try {
    sim = createSimulation(doc, { seed: options.seed, durationS: options.durationS });
  } catch (e) {
    post({ type: 'error', runId, message: e instanceof Error ? e.message : String(e) });
    return { cancel: () => {} };
  }
  const turn = createYield();
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
        // The event budget keeps a sub-slice short even inside a busy instant (a scheduler's huge batch).
        finished = sim.runUntil(Math.min(end, sim.now + sliceMs), SLICE_EVENT_BUDGET);
        const took = wallNow() - s0;
        // Aim each sub-slice at about a quarter of the budget.
        sliceMs = Math.max(1, Math.min(end, sliceMs * Math.min(4, Math.max(0.25, SLICE_WALL_MS / 4 / (took || 0.01)))));
      }
      if (finished) {
        turn.destroy();
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
        const snapshot = liveSnapshotPack(resultLive(sim));
        post({ type: 'snapshot', runId, snapshot }, [snapshot.series.data.buffer as ArrayBuffer]);
      }
      turn.next(step);
    } catch (e) {
      turn.destroy();
      post({ type: 'error', runId, message: e instanceof Error ? e.message : String(e) });
    }
  };
  turn.next(step);

  return {
    cancel: () => {
      if (cancelled || sim.done) return;
      cancelled = true;
      turn.destroy();
      const result = resultBuild(sim, true);
      post({ type: 'cancelled', runId, result }, resultTransferables(result));
    },
  };
}
