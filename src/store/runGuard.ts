/**
 * The app's work guard: before a run or a set of replications, the expected wall time from the
 * traffic equations (analysis/workEstimate.ts); a run expected to take longer than RUN_CONFIRM_S,
 * or one that may never finish, waits for the user to confirm. Pure: no React, no DOM.
 */
import type { ArchDocument } from '../model/index.ts';
import { documentWork } from './derived.ts';
import { sweepPath } from '../model/sweepPath.ts';
import type { SweepSpec } from './sweepSlice.ts';

/** Runs expected to take longer than this many seconds ask first. */
export const RUN_CONFIRM_S = 30;

export interface RunConfirm {
  kind: 'run' | 'replications' | 'sweep';
  /** Expected wall time of the whole batch, seconds. */
  seconds: number;
  /** Expected events and requests of one run. */
  events: number;
  requests: number;
  /** Runs and parallel workers (1 and 1 for a single run). */
  runs: number;
  workers: number;
  /** Set when the run may never finish, with the reason. */
  unbounded?: string;
  /** A held sweep: what to start when confirmed, and its number of points. */
  sweep?: { spec: SweepSpec; points: number };
}

/** What to ask before running `runs` runs of `doc` on `workers` workers, or null to run at once. */
export function runConfirmNeeded(doc: ArchDocument, kind: RunConfirm['kind'], runs = 1, workers = 1): RunConfirm | null {
  const w = documentWork(doc);
  const seconds = (w.seconds * runs) / Math.max(1, Math.min(workers, runs));
  if (!w.unbounded && seconds <= RUN_CONFIRM_S) return null;
  const out: RunConfirm = { kind, seconds, events: w.events, requests: w.requests, runs, workers: Math.min(workers, runs) };
  if (w.unbounded) out.unbounded = w.unbounded;
  return out;
}

/**
 * What to ask before a sweep: every point's own expected work (the swept parameter can change
 * it by orders of magnitude, e.g. a client's rate), times the seeds per point, over the workers.
 * Events and requests in the question are those of the heaviest point.
 */
export function sweepConfirmNeeded(doc: ArchDocument, spec: SweepSpec, values: readonly number[], workers = 1): RunConfirm | null {
  const path = sweepPath(doc, spec.path);
  if (!path.ok) return null; // the sweep itself reports the bad path
  const runs = values.length * spec.replications;
  let seconds = 0;
  let heaviest = { seconds: -1, events: 0, requests: 0 };
  let unbounded: string | undefined;
  for (const v of values) {
    const w = documentWork(path.set(doc, v));
    seconds += w.seconds * spec.replications;
    if (w.seconds > heaviest.seconds) heaviest = w;
    unbounded ??= w.unbounded;
  }
  seconds /= Math.max(1, Math.min(workers, runs));
  if (!unbounded && seconds <= RUN_CONFIRM_S) return null;
  const out: RunConfirm = {
    kind: 'sweep',
    seconds,
    events: heaviest.events,
    requests: heaviest.requests,
    runs,
    workers: Math.min(workers, runs),
    sweep: { spec, points: values.length },
  };
  if (unbounded) out.unbounded = unbounded;
  return out;
}
