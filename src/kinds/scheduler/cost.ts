/** Scheduler cost model: a managed cron trigger, $1.00 per million jobs emitted (EventBridge Scheduler's list price). */
import type { KindCost } from '../types.ts';
import { costPerMillion } from '../costUnits.ts';
import type { SchedulerParams } from './params.ts';

export const SCHEDULER_USD_PER_MILLION_JOBS = 1;

export const schedulerCost: KindCost<SchedulerParams> = (p) => [
  costPerMillion('jobs', p.batchSize / p.intervalS, SCHEDULER_USD_PER_MILLION_JOBS),
];
