/** The static analysis' view of a scheduler: batches of jobs every interval. */
import { fmt } from '../../analysis/fmt.ts';
import type { KindAnalysis } from '../types.ts';
import type { SchedulerParams } from './params.ts';

/** Ticks at 0, I, 2I, … < D. */
const ticks = (p: SchedulerParams, durationS: number) => Math.ceil(durationS / p.intervalS - 1e-9);

export const schedulerAnalysis: KindAnalysis<SchedulerParams> = {
  sourceRate: (p) => ({
    rps: p.batchSize / p.intervalS,
    note: `Average of ${p.batchSize} jobs every ${fmt(p.intervalS)} s; each batch arrives at once${p.jitterMs > 0 ? ` (spread over ${fmt(p.jitterMs)} ms)` : ''}, so short-term load is far higher.`,
  }),
  arrivalNote: (p, id) => `batches of ${p.batchSize} from scheduler "${id}"`,
  requestsOver: (p, durationS) => p.batchSize * ticks(p, durationS),
  // Analysis only (never validated): an infinite interval is a silent scheduler.
  unitRate: (p, emit) => ({ ...p, intervalS: emit ? p.batchSize : Infinity }),
  // Its mean rate over this run is batch · ⌈D/I⌉ / D.
  averagedOver: (p, durationS) => ({ ...p, intervalS: durationS / ticks(p, durationS) }),
  fixedEvents: ticks,
  // A batch without jitter starts its jobs in the tick's event; with jitter each job has its own.
  eventsPerVisit: (p) => (p.jitterMs > 0 ? 1 : 0),
};
