/**
 * The sweep slice: a what-if experiment that runs the design with one numeric parameter set
 * to each value of a range (optionally several seeds per value), on parallel workers, and
 * keeps the summary of every point. The worker resolves and validates the path (the engine's
 * `sweepPath`); every point uses the same seeds (common random numbers), so the curve shows
 * the parameter's effect rather than noise.
 */
import type { StateCreator } from 'zustand';
import type { ArchDocument } from '../model/index.ts';
import { createSimPool, type SimPool } from '../worker/SimPool.ts';
import type { ReplicationSummary } from '../worker/protocol.ts';
import type { AppState } from './useAppStore.ts';
import { useRunLive } from './runLive.ts';
import { sweepConfirmNeeded } from './runGuard.ts';

export interface SweepSpec {
  /** `nodes.<id>.params.…`, `edges.<id>.params.…`. */
  path: string;
  from: number;
  to: number;
  steps: number;
  /** Seeds per point (1 = a single run; ≥ 2 gives 95 % error bars). */
  replications: number;
}

export interface SweepOutcome {
  spec: SweepSpec;
  doc: ArchDocument;
  values: number[];
  /** One summary per value (mean ± 95 % CI over its replications). */
  points: ReplicationSummary[];
  workers: number;
  wallMs: number;
}

export type SweepStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

export interface SweepSlice {
  sweepStatus: SweepStatus;
  sweepError: string | null;
  sweep: SweepOutcome | null;
  /** Start a sweep; one expected to take more than RUN_CONFIRM_S asks first (runConfirm) unless `confirmed`. */
  startSweep: (spec: SweepSpec, opts?: { confirmed?: boolean }) => void;
  cancelSweep: () => void;
}

export const SWEEP_STEPS_MAX = 40;

export const createSweepSlice: StateCreator<AppState, [], [], SweepSlice> = (set, get) => {
  let pool: SimPool | null = null;
  let attempt = 0;
  return {
    sweepStatus: 'idle',
    sweepError: null,
    sweep: null,

    startSweep: (spec, opts) => {
      const doc = get().doc;
      const mine = ++attempt;
      pool?.cancel();
      pool ??= createSimPool();
      const p = pool;
      const fail = (e: Error) => {
        if (mine === attempt && e.message !== 'cancelled') set({ sweepStatus: 'error', sweepError: e.message });
      };
      set({ sweepStatus: 'running', sweepError: null });
      useRunLive.setState({ sweep: null });
      const steps = Math.max(2, Math.min(SWEEP_STEPS_MAX, Math.round(spec.steps)));
      const reps = Math.max(1, Math.min(50, Math.round(spec.replications)));
      p.plan(doc, spec.path, spec.from, spec.to, steps).then((plan) => {
        if (mine !== attempt) return;
        if (!plan.ok) {
          set({ sweepStatus: 'error', sweepError: plan.message });
          return;
        }
        const workers = get().batchWorkers ?? (typeof navigator === 'undefined' ? 1 : navigator.hardwareConcurrency || 1);
        const ask = opts?.confirmed === true ? null : sweepConfirmNeeded(doc, { ...spec, steps, replications: reps }, plan.values, workers);
        if (ask) {
          set({ sweepStatus: 'idle', runConfirm: ask });
          return;
        }
        const seed = doc.scenario.seed;
        const jobs = plan.values.flatMap((value) =>
          Array.from({ length: reps }, (_, k) => ({ doc, seed: seed + k, sweep: { path: spec.path, value } })),
        );
        p.run(
          jobs,
          {
            onProgress: (sweep) => useRunLive.setState({ sweep }),
            onDone: (results, wallMs) => {
              const groups = plan.values.map((_, i) => results.slice(i * reps, (i + 1) * reps));
              const workers = useRunLive.getState().sweep?.workers ?? 1;
              p.summarize(groups, false).then(({ summaries }) => {
                if (mine !== attempt) return;
                set({
                  sweepStatus: 'done',
                  sweep: { spec: { ...spec, steps, replications: reps }, doc, values: plan.values, points: summaries, workers, wallMs },
                });
              }, fail);
            },
            onError: (message) => fail(new Error(message)),
          },
          { workers: get().batchWorkers ?? undefined },
        );
      }, fail);
    },
    cancelSweep: () => {
      attempt++;
      pool?.cancel();
      set({ sweepStatus: 'cancelled' });
    },
  };
};
