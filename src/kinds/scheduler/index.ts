/** Scheduler: the cron front of a job system, a batch of jobs every N seconds. */
import type { KindDef } from '../types.ts';
import { schedulerParams } from './params.ts';
import { schedulerEngine } from './engine.ts';
import { schedulerAnalysis } from './analysis.ts';
import { schedulerCost } from './cost.ts';
import { num } from '../summary.ts';

export const scheduler = {
  kind: 'scheduler',
  params: schedulerParams,
  meta: {
    name: 'Scheduler',
    color: '#7c3aed',
    blurb: 'Cron: a batch of jobs every N s',
    doc: 'Emits a batch of jobs at t = 0, interval, 2·interval, …; each job starts U(0, jitter) after the tick.',
    icon: [
      { t: 'circle', cx: 12, cy: 13, r: 8 },
      { t: 'path', d: 'M12 9v4l3 2M9 2h6M12 2v3' },
    ],
  },
  summary: (p) => `${num(p.batchSize)} jobs every ${num(p.intervalS)} s`,
  wiring: { source: true, noCallsWarning: () => 'this scheduler calls nothing: connect it to a service' },
  engine: schedulerEngine,
  analysis: schedulerAnalysis,
  cost: schedulerCost,
} satisfies KindDef<'scheduler', typeof schedulerParams>;
