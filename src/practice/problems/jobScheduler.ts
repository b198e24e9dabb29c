/** Practice problem: a scheduler for long-running jobs, with status tracking and retries. */
import type { Problem } from '../types.ts';
import start from '../../../scenarios/problems/job-scheduler.start.json';
import reference from '../../../scenarios/problems/job-scheduler.reference.json';

export const jobScheduler: Problem = {
  id: 'job-scheduler',
  title: 'Scheduler for long-running jobs',
  summary: 'Run scheduled reports that take up to a minute, once each, with retries and a status record.',
  brief: {
    context:
      'Every 20 s a scheduler releases a batch of 100 report jobs. Each job runs on a report engine for 8 s typically and 40 s at p99; 2 % fail and must be retried. Users look at each job’s status. The report engine does not deduplicate: running a job twice builds (and bills) the report twice.',
    functional: [
      'Run each scheduled job, retrying failures with backoff.',
      'Record each job’s status (done, failed) once.',
      'A job that keeps failing is parked for a human, not retried forever.',
    ],
    nonFunctional: [
      'No report built twice; no status recorded twice.',
      'No job dead-lettered under the normal 2 % failure rate; p99 job done within 3 minutes of release.',
      'The schedule’s burst (100 jobs at once) must not overload the report engine’s callers.',
    ],
    numbers: [
      { label: 'Jobs', value: '100 every 20 s (5/s average, bursts of 100)' },
      { label: 'Run time', value: 'p50 8 s, p99 40 s; 2 % fail' },
      { label: 'Latency goal', value: 'p99 done within 3 min of release' },
      { label: 'Durability', value: 'each job runs to completion exactly once' },
      { label: 'Retention', value: 'status rows 90 days, 500 B each' },
    ],
  },
  given: [
    { id: 'cron', kind: 'scheduler', params: { intervalS: 20, batchSize: 100, jitterMs: 2000 }, role: 'the schedule' },
    {
      id: 'engine',
      kind: 'external',
      params: { latency: { type: 'lognormal', p50Ms: 8000, p99Ms: 40000 }, errorRate: 0.02, concurrency: null, dedupe: false },
      role: 'the report engine (no deduplication)',
    },
  ],
  storage: { bytesPerRecord: 500, retentionDays: 90 },
  budgetUsdPerMonth: 1_200,
  drills: [
    {
      id: 'normal-day',
      name: 'Normal day',
      description: 'Batches of 100 jobs every 20 s; runs take 8 s typically, 40 s at p99; 2 % fail.',
      durationS: 160,
      seed: 16,
      replications: 2,
      failures: [],
      requirements: [
        { target: 'engine', metric: 'duplicates', op: '==', value: 0, text: 'no report built twice' },
        { target: 'kind:database', metric: 'duplicates', op: '==', value: 0, text: 'no status recorded twice' },
        { target: 'kind:queue', metric: 'dlq', op: '==', value: 0, text: 'no job dead-lettered' },
        { target: 'kind:queue', metric: 'latencyP99Ms', op: '<', value: 180_000, text: 'p99 job done within 3 min' },
      ],
    },
    {
      id: 'engine-errors',
      name: 'Engine errors',
      description:
        'The report engine fails 30 % of runs for 30 s at t = 40 s. Retries must carry the jobs through without building any twice.',
      durationS: 160,
      seed: 26,
      replications: 2,
      failures: [{ target: 'engine', kind: 'errorRate', atS: 40, durationS: 30, probability: 0.3 }],
      requirements: [
        { target: 'engine', metric: 'duplicates', op: '==', value: 0, text: 'no report built twice' },
        { target: 'kind:database', metric: 'duplicates', op: '==', value: 0, text: 'no status recorded twice' },
        { target: 'kind:queue', metric: 'dlq', op: '==', value: 0, text: 'no job dead-lettered' },
      ],
    },
  ],
  hints: [
    'How long may a runner hold a job before the queue decides it died and hands the job to another runner?',
    'The visibility timeout must outlast the longest run plus its retries and backoff; otherwise a second runner starts the same job.',
    'Let runners claim the job id (an idempotency store) so a redelivery of a job still running is refused instead of run again.',
    'A retry after a timeout re-runs a job that may have finished: do not retry the engine on timeout; give the status table a unique key.',
  ],
  start,
  reference,
  tradeoffs:
    'Jobs ride an at-least-once queue; exactly-once execution comes from a long visibility timeout (300 s, above a 40 s p99 run with retries) plus an atomic claim of the job id by the runners, so a redelivery while a job runs is refused. A long visibility timeout delays recovery when a runner really dies (the job waits up to 5 minutes); a heartbeat that extends visibility would fix that. Runners are sized for a burst: 100 jobs at 8–40 s each.',
  v1Defers: [
    'Visibility heartbeats for runs longer than the timeout.',
    'Cancelling or rescheduling a job; priorities.',
    'Leader election for the scheduler itself (a missed tick).',
  ],
  naiveFails: [
    {
      drill: 'normal-day',
      requirement: 'no report built twice',
      finding: 'duplicateSideEffects',
      why: 'the visibility timeout (30 s) is shorter than the slowest runs, so the queue redelivers jobs that are still running',
    },
  ],
  envelope: [
    {
      label: 'Jobs running at once',
      value: '≈ 55 average; up to 100 after a tick',
      how: '5/s × 11 s mean run (Little’s law); a batch releases 100 at once',
    },
    { label: 'Visibility timeout', value: '> 40 s × 3 attempts + backoff ≈ 150 s', how: 'p99 run × attempts, plus backoff' },
    { label: 'Status rows', value: '≈ 19 GB', how: '5/s × 86,400 s × 90 days × 500 B' },
  ],
};
