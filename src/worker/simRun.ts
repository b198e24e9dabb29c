/**
 * simRunStart: run one simulation in wall-time slices, yielding to the event loop between
 * slices so `cancel`, `pace`, `step` and `restart` messages are handled and, inline, the page
 * stays responsive. Posts progress (with the live clock) at most 10 times a second, a live
 * snapshot at most 4 times a second (totals and the series packed in one transferred buffer; no
 * findings, requirements or traces) and, once, the final result (`resultBuild`: findings,
 * requirements and traces included).
 *
 * Live playback. A run goes as fast as it can (speed Infinity) or at `speed` simulated seconds
 * per wall second: simulated time = anchor + wall time since the anchor × speed, and between
 * turns the loop sleeps (PACED_TICK_MS), so a paced run costs only the events it simulates.
 * Paused, it does nothing until a message comes; `step` advances one event or one second.
 *
 * Interventions are never injected into the running simulation. `restart` builds a new
 * simulation from the edited document (same seed) and fast-forwards it to where the run was,
 * so the live run is always, by construction, the run `archsim run` gives for that document.
 *
 * Shared by the worker and SimClient's inline mode; with batch.ts, the app's only modules that
 * import the engine as values (the CLI runs it directly).
 */
import type { ArchDocument } from '../model/index.ts';
import { createSimulation, resultBuild, resultLive, simulationProgress } from '../engine/index.ts';
import { liveSnapshotPack } from './liveSnapshot.ts';
import { resultTransferables, type FromWorker, type LiveClock, type LivePace, type RunOptions } from './protocol.ts';

export type Post = (msg: FromWorker, transfer?: ArrayBuffer[]) => void;

/** What the worker (or the inline transport) can do with a run in flight. */
export interface SimRun {
  cancel: () => void;
  pace: (pace: LivePace) => void;
  step: (by: 'event' | 'second') => void;
  restart: (doc: ArchDocument, atMs?: number) => void;
}

const SLICE_WALL_MS = 40;
const PROGRESS_EVERY_MS = 100;
const SNAPSHOT_EVERY_MS = 250;
/** A paced run whose buckets close slower than SNAPSHOT_EVERY_MS still sends a snapshot this often, ms. */
const PACED_SNAPSHOT_MAX_MS = 1000;
/** A paced run's sleep between turns, ms: 50 wake-ups a second, each a few hundred events at ×1. */
const PACED_TICK_MS = 20;
/** A paced run more than this far behind its clock (wall ms) is too heavy for its speed: it re-anchors instead of lurching. */
const PACED_LAG_MS = 500;

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

const NOOP_RUN: SimRun = { cancel: () => {}, pace: () => {}, step: () => {}, restart: () => {} };

export function simRunStart(runId: number, doc: ArchDocument, options: RunOptions, post: Post): SimRun {
  let cancelled = false;
  const build = (d: ArchDocument) => createSimulation(d, { seed: options.seed, durationS: options.durationS });
  let sim: ReturnType<typeof createSimulation>;
  try {
    sim = build(doc);
  } catch (e) {
    post({ type: 'error', runId, message: e instanceof Error ? e.message : String(e) });
    return NOOP_RUN;
  }
  const turn = createYield();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending = false;
  let pace: LivePace = options.pace ?? { speed: Infinity, paused: false };
  // Fast-forward target (ms): after a restart (snapshots held back until it is reached) or a one-second step.
  let catchUpTo: number | null = null;
  let catchUpRestart = false;
  // A step asked for while a restart catches up: taken once it has.
  let stepAfter: 'event' | 'second' | null = null;
  // Paced runs: simulated time = anchor.sim + (wall − anchor.wall) × speed.
  let anchor: { wall: number; sim: number } | null = null;
  // Wall time spent playing.
  let playMs = 0;
  let playSince: number | null = null;
  // Start small (a heavy design can do millions of events per simulated minute) and grow.
  let sliceMs = Math.min(sim.model.durationMs, 50);
  let lastProgress = -Infinity;
  let lastSnapshot = -Infinity;
  let lastSnapshotBucket = -1;

  const playing = () => !pace.paused && catchUpTo === null;
  const clockUpdate = (now: number): void => {
    if (playSince !== null) playMs += now - playSince;
    playSince = playing() ? now : null;
  };
  const clock = (now: number): LiveClock => ({
    wallS: (playMs + (playSince !== null ? Math.max(0, now - playSince) : 0)) / 1000,
    speed: pace.speed,
    paused: pace.paused,
    catchingUp: catchUpTo !== null && catchUpRestart,
    lastEventS: sim.now / 1000,
  });

  const stop = (): void => {
    cancelled = true;
    turn.destroy();
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  const fail = (e: unknown): void => {
    stop();
    post({ type: 'error', runId, message: e instanceof Error ? e.message : String(e) });
  };

  /** Run sub-slices towards `targetMs` until this turn has used its wall-time budget; true when the run is over. */
  const advance = (targetMs: number, t0: number): boolean => {
    const end = sim.model.durationMs;
    const target = Math.min(targetMs, end);
    while (wallNow() - t0 < SLICE_WALL_MS && !sim.done) {
      if (sim.now >= target && target < end) break;
      const s0 = wallNow();
      // The event budget keeps a sub-slice short even inside a busy instant (a scheduler's huge batch).
      if (sim.runUntil(Math.min(target, sim.now + sliceMs), SLICE_EVENT_BUDGET)) break;
      const took = wallNow() - s0;
      // Aim each sub-slice at about a quarter of the budget.
      sliceMs = Math.max(1, Math.min(end, sliceMs * Math.min(4, Math.max(0.25, SLICE_WALL_MS / 4 / (took || 0.01)))));
    }
    return sim.done;
  };

  /** `at`: the wall time the simulated position belongs to (a paced turn's start: its target was computed then). */
  const report = (force: boolean, at?: number): void => {
    const now = wallNow();
    if (force || now - lastProgress >= PROGRESS_EVERY_MS) {
      lastProgress = now;
      const progress = simulationProgress(sim);
      // A restart replays up to where the run was: the clock stays there meanwhile.
      if (catchUpTo !== null && catchUpRestart) progress.simulatedS = catchUpTo / 1000;
      post({ type: 'progress', runId, progress, clock: clock(at ?? now) });
    }
    // The charts would rewind and refill while a restart catches up: they wait for where the run was.
    // A run paced slower than its buckets close (×1) sends a snapshot when a bucket has closed, or each second.
    const due =
      now - lastSnapshot >= SNAPSHOT_EVERY_MS &&
      (pace.speed === Infinity || sim.filledBuckets !== lastSnapshotBucket || now - lastSnapshot >= PACED_SNAPSHOT_MAX_MS);
    if ((force || due) && !(catchUpTo !== null && catchUpRestart)) {
      lastSnapshot = now;
      lastSnapshotBucket = sim.filledBuckets;
      const snapshot = liveSnapshotPack(resultLive(sim));
      post({ type: 'snapshot', runId, snapshot }, [snapshot.series.data.buffer as ArrayBuffer]);
    }
  };

  const finish = (): void => {
    stop();
    clockUpdate(wallNow());
    post({ type: 'progress', runId, progress: simulationProgress(sim), clock: clock(wallNow()) });
    const result = resultBuild(sim, true);
    post({ type: 'done', runId, result }, resultTransferables(result));
  };

  /** Queue the next turn: at once when there is catching up or a flat-out run, after a tick when paced, never when paused. */
  const schedule = (): void => {
    if (cancelled || pending) return;
    if (catchUpTo !== null || (!pace.paused && pace.speed === Infinity)) {
      pending = true;
      turn.next(tick);
    } else if (!pace.paused) {
      pending = true;
      timer = setTimeout(tick, PACED_TICK_MS);
    }
  };

  const tick = (): void => {
    pending = false;
    timer = null;
    if (cancelled) return;
    try {
      const t0 = wallNow();
      let finished: boolean;
      let paced = false,
        caughtUp = false;
      if (catchUpTo !== null) {
        finished = advance(catchUpTo, t0);
        if (sim.now >= catchUpTo) {
          const restarted = catchUpRestart;
          catchUpTo = null;
          catchUpRestart = false;
          anchor = null;
          clockUpdate(wallNow());
          if (restarted || pace.paused) report(true);
          if (stepAfter !== null) {
            const by = stepAfter;
            stepAfter = null;
            api.step(by);
          }
        }
      } else if (pace.paused) {
        return;
      } else if (pace.speed === Infinity) {
        finished = advance(Infinity, t0);
      } else {
        anchor ??= { wall: t0, sim: sim.now };
        const target = anchor.sim + (t0 - anchor.wall) * pace.speed;
        finished = advance(target, t0);
        paced = true;
        caughtUp = sim.now >= Math.min(target, sim.model.durationMs);
        // Too heavy for this speed: run at the speed it can rather than build a backlog.
        if (sim.now < target - PACED_LAG_MS * pace.speed) anchor = { wall: wallNow(), sim: sim.now };
      }
      if (finished) {
        finish();
        return;
      }
      // A paced turn that caught up reached exactly the time its start asked for.
      report(false, paced && caughtUp ? t0 : undefined);
      schedule();
    } catch (e) {
      fail(e);
    }
  };
  clockUpdate(wallNow());
  schedule();
  if (pace.paused) report(true);

  const idle = () => cancelled || sim.done;
  const api: SimRun = {
    cancel: () => {
      if (idle()) return;
      stop();
      const result = resultBuild(sim, true);
      post({ type: 'cancelled', runId, result }, resultTransferables(result));
    },
    pace: (next) => {
      if (idle()) return;
      const speedChanged = next.speed !== pace.speed;
      pace = { speed: next.speed > 0 ? next.speed : Infinity, paused: next.paused };
      if (speedChanged || pace.paused) anchor = null;
      clockUpdate(wallNow());
      if (timer !== null && (pace.paused || pace.speed === Infinity)) {
        clearTimeout(timer);
        timer = null;
        pending = false;
      }
      report(true);
      schedule();
    },
    step: (by) => {
      if (idle() || !pace.paused) return;
      if (catchUpTo !== null) {
        if (catchUpRestart) stepAfter = by;
        return;
      }
      try {
        if (by === 'event') {
          sim.step();
          if (sim.done) {
            finish();
            return;
          }
          report(true);
        } else {
          catchUpTo = Math.min(sim.model.durationMs, sim.now + 1000);
          catchUpRestart = false;
          schedule();
        }
      } catch (e) {
        fail(e);
      }
    },
    restart: (nextDoc, atMs) => {
      if (idle()) return;
      // Where the run was: a restart during another's catch-up goes to where that one was going.
      const at = atMs ?? (catchUpTo !== null && catchUpRestart ? Math.max(catchUpTo, sim.now) : sim.now);
      try {
        sim = build(nextDoc);
      } catch (e) {
        fail(e);
        return;
      }
      sliceMs = Math.min(sim.model.durationMs, 50);
      catchUpTo = Math.min(at, sim.model.durationMs);
      catchUpRestart = true;
      anchor = null;
      clockUpdate(wallNow());
      if (timer !== null) {
        clearTimeout(timer);
        timer = null;
        pending = false;
      }
      report(true);
      schedule();
    },
  };
  return api;
}
