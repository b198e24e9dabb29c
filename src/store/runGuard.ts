/**
 * The app's work guard: before a run or a set of replications, the expected wall time from the
 * traffic equations (analysis/workEstimate.ts); a run expected to take longer than RUN_CONFIRM_S,
 * or one that may never finish, waits for the user to confirm. Pure: no React, no DOM.
 */
import type { ArchDocument } from '../model/index.ts';
import { documentWork } from './derived.ts';

/** Runs expected to take longer than this many seconds ask first. */
export const RUN_CONFIRM_S = 30;

export interface RunConfirm {
  kind: 'run' | 'replications';
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
