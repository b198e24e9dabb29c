/** Practice problem: async job submission with result retrieval. */
import type { Problem } from '../types.ts';
import start from '../../../scenarios/problems/async-jobs.start.json';
import reference from '../../../scenarios/problems/async-jobs.reference.json';

export const asyncJobs: Problem = {
  id: 'async-jobs',
  title: 'Async job API with result retrieval',
  summary: 'Submit a slow job, get an id at once, poll for the result; a slow farm must not slow submissions.',
  brief: {
    context:
      'Customers submit video-transcoding jobs and later fetch the result. The transcoding farm takes seconds per job (2 s typical, 8 s at p99) and has 400 slots. Design submission, execution and status retrieval.',
    functional: [
      'Submit a job and get a job id back at once (202 Accepted).',
      'Run every job exactly once as far as the farm can tell (it deduplicates by job id); retry failed runs.',
      'Get a job’s status and result by id.',
    ],
    nonFunctional: [
      'Submit p99 < 200 ms and ≥ 99.9 % accepted, even when the farm is slow.',
      'Status reads p99 < 100 ms, ≥ 99.9 % answered.',
      'Every job finishes; p99 completion within 60 s of submission during a farm brownout; none dead-lettered.',
    ],
    numbers: [
      { label: 'Submissions', value: '40 jobs/s (3.5 M/day)' },
      { label: 'Status polls', value: '200/s (about 5 per job)' },
      { label: 'Job run time', value: 'p50 2 s, p99 8 s; 1 % fail' },
      { label: 'Latency SLO', value: 'submit p99 < 200 ms, status p99 < 100 ms' },
      { label: 'Retention', value: 'job records 30 days, 1 KB each' },
    ],
  },
  given: [
    { id: 'submitters', kind: 'client', params: { arrival: 'poisson', rateRps: 40, schedule: [] }, role: 'customers submitting jobs' },
    { id: 'pollers', kind: 'client', params: { arrival: 'poisson', rateRps: 200, schedule: [] }, role: 'customers polling for status' },
    {
      id: 'transcoder',
      kind: 'external',
      params: { latency: { type: 'lognormal', p50Ms: 2000, p99Ms: 8000 }, errorRate: 0.01, concurrency: 400, dedupe: true },
      role: 'the transcoding farm (400 slots; deduplicates by job id)',
    },
  ],
  storage: { bytesPerRecord: 1_000, retentionDays: 30 },
  budgetUsdPerMonth: 2_500,
  drills: [
    {
      id: 'normal-day',
      name: 'Normal day',
      description: '40 submissions/s and 200 polls/s; jobs take 2 s typically.',
      durationS: 40,
      seed: 14,
      replications: 1,
      failures: [],
      requirements: [
        { target: 'submitters', metric: 'latencyP99Ms', op: '<', value: 200, text: 'submit p99 < 200 ms' },
        { target: 'submitters', metric: 'successRatio', op: '>=', value: 0.999, text: '≥ 99.9 % of jobs accepted' },
        { target: 'pollers', metric: 'latencyP99Ms', op: '<', value: 100, text: 'status p99 < 100 ms' },
        { target: 'pollers', metric: 'successRatio', op: '>=', value: 0.999, text: '≥ 99.9 % of polls answered' },
        { target: 'transcoder', metric: 'throughputRps', op: '>=', value: 34, text: 'jobs completed ≥ 34/s' },
      ],
    },
    {
      id: 'farm-brownout',
      name: 'Farm brownout',
      description: 'The farm runs 3× slower for 20 s at t = 10 s. Jobs back up; submissions and polls must not notice.',
      durationS: 60,
      seed: 24,
      replications: 2,
      failures: [{ target: 'transcoder', kind: 'slowdown', atS: 10, durationS: 20, factor: 3 }],
      requirements: [
        { target: 'submitters', metric: 'latencyP99Ms', op: '<', value: 200, text: 'submit p99 < 200 ms' },
        { target: 'submitters', metric: 'successRatio', op: '>=', value: 0.999, text: '≥ 99.9 % of jobs accepted' },
        { target: 'pollers', metric: 'successRatio', op: '>=', value: 0.999, text: '≥ 99.9 % of polls answered' },
        { target: 'kind:queue', metric: 'dlq', op: '==', value: 0, text: 'no job dead-lettered' },
        { target: 'kind:queue', metric: 'latencyP99Ms', op: '<', value: 60_000, text: 'p99 job done within 60 s' },
      ],
    },
  ],
  hints: [
    'Should the submit call wait for the job to finish? What does the customer need back right away?',
    'Record the job, enqueue it and answer 202 with the id; workers take jobs from the queue and call the farm.',
    'A job runs for seconds: the queue’s visibility timeout must be longer than a run plus its retries, or it is delivered twice.',
    'Polls outnumber submissions five to one: serve them from a replica (or a cache), not the database the workers write to.',
  ],
  start,
  reference,
  tradeoffs:
    'Submission is a write and an enqueue (milliseconds); execution is decoupled and paced by the workers, so a slow farm shows up as queue age, not as failed submissions. Polling is simple and cacheable but costs five reads per job; the replica may lag the primary by a moment, so a poll right after completion can still say “running”. Workers retry farm errors a few times; the farm’s dedupe makes a redelivered job safe.',
  v1Defers: [
    'Push results (a webhook or a long poll) instead of polling.',
    'Priorities and per-customer fairness in the queue.',
    'Cancelling a job.',
  ],
  naiveFails: [
    {
      drill: 'normal-day',
      requirement: 'submit p99 < 200 ms',
      finding: 'misnestedTimeouts',
      why: 'submit runs the job inside the request, so it answers in seconds, and the submitters’ 5 s timeout is shorter than a slow job',
    },
  ],
  envelope: [
    { label: 'Jobs running at once', value: '≈ 100 (≈ 300 in a 3× brownout)', how: '40/s × 2.5 s mean run time (Little’s law)' },
    { label: 'Backlog in a 20 s brownout', value: 'up to ≈ 800 jobs', how: '40/s × 20 s if the farm’s slots fill' },
    { label: 'Status reads', value: '200/s', how: '≈ 5 polls per job × 40 jobs/s' },
    { label: 'Job records', value: '≈ 104 GB', how: '40/s × 86,400 s × 30 days × 1 KB' },
  ],
};
