/** Practice problem: a high-volume API with strict latency goals, through a gray failure. */
import type { Problem } from '../types.ts';
import start from '../../../scenarios/problems/high-volume-api.start.json';
import reference from '../../../scenarios/problems/high-volume-api.reference.json';

export const highVolumeApi: Problem = {
  id: 'high-volume-api',
  title: 'High-volume API with strict latency goals',
  summary: '1,500 requests/s at p99 < 40 ms, even while one instance is eight times slower.',
  brief: {
    context:
      'A profile API answers 1,500 requests/s for other services. Each request takes 4 ms of CPU (20 ms at p99) and reads a profile through a cache (95 % hits) in front of the profiles database. Callers have tight latency budgets. Instances sometimes turn slow without failing: a noisy neighbour, a long GC pause.',
    functional: ['Return a profile by id.', 'Survive the loss or slowdown of one instance without a visible incident.'],
    nonFunctional: [
      'p99 < 40 ms and p99.9 < 150 ms end to end.',
      '≥ 99.99 % of requests succeed (callers retry at most once).',
      'A gray failure (one instance 8× slower, for good) must not break those goals.',
    ],
    numbers: [
      { label: 'Requests', value: '1,500/s (130 M/day)' },
      { label: 'Work per request', value: '4 ms CPU (p99 20 ms) + a cache read (95 % hits, 0.5 ms)' },
      { label: 'Database', value: '40 connections, 3 ms reads (p99 15 ms)' },
      { label: 'Latency SLO', value: 'p99 < 40 ms, p99.9 < 150 ms' },
      { label: 'Availability', value: '99.99 %' },
    ],
  },
  given: [
    { id: 'clients', kind: 'client', params: { arrival: 'poisson', rateRps: 1500, schedule: [] }, role: 'the calling services' },
    {
      id: 'db',
      kind: 'database',
      params: { poolSize: 40, queueCapacity: null, readTime: { type: 'lognormal', p50Ms: 3, p99Ms: 15 }, writeFraction: 0, errorRate: 0 },
      role: 'the profiles database',
    },
  ],
  workload: {
    service: { serviceTime: { type: 'lognormal', p50Ms: 4, p99Ms: 20 } },
    cache: { mode: 'hitRatio', hitRatio: 0.95 },
  },
  storage: { bytesPerRecord: 2_000, retentionDays: 30 },
  budgetUsdPerMonth: 3_000,
  drills: [
    {
      id: 'normal-day',
      name: 'Normal day',
      description: '1,500 requests/s on healthy instances.',
      durationS: 20,
      warmupS: 2,
      seed: 18,
      replications: 1,
      failures: [],
      requirements: [
        { target: 'clients', metric: 'latencyP99Ms', op: '<', value: 40, text: 'p99 < 40 ms' },
        { target: 'clients', metric: 'latencyP999Ms', op: '<', value: 150, text: 'p99.9 < 150 ms' },
        { target: 'clients', metric: 'successRatio', op: '>=', value: 0.9999, text: '≥ 99.99 % succeed' },
      ],
    },
    {
      id: 'gray-failure',
      name: 'Gray failure',
      description: 'From t = 5 s one API instance runs 8× slower until the end: slow, not failing, so health checks alone do not notice.',
      durationS: 30,
      warmupS: 2,
      seed: 28,
      replications: 2,
      failures: [{ target: 'one:service', kind: 'slowdown', atS: 5, durationS: 25, factor: 8 }],
      requirements: [
        { target: 'clients', metric: 'latencyP99Ms', op: '<', value: 40, text: 'p99 < 40 ms' },
        { target: 'clients', metric: 'latencyP999Ms', op: '<', value: 150, text: 'p99.9 < 150 ms' },
        { target: 'clients', metric: 'successRatio', op: '>=', value: 0.9999, text: '≥ 99.99 % succeed' },
      ],
    },
  ],
  hints: [
    'The gray-failure drill slows the first API instance in your design. What happens if that is the only one?',
    'Spread the load over several instances behind a load balancer; then one slow instance is a fraction of the traffic.',
    'Round robin keeps sending a slow instance its full share. Power-of-two-choices or least-outstanding sends it less, because its queue is longer.',
    'Bound each instance’s queue, and give the call a timeout just above the normal p99.9 (30 ms) with a retry under a retry budget: a request stuck on the slow instance is retried on a healthy one in time.',
  ],
  start,
  reference,
  tradeoffs:
    'Four medium instances behind a p2c balancer: a slow instance sees a longer queue and gets less traffic, with no health-check delay. The caller gives each attempt 30 ms (just above the normal p99.9) and retries under a 10 % budget, so a request stuck on the slow instance is answered by a healthy one in time, and retries can never storm. Timeouts shrink down the chain (30 → 28 → 25 → 20 ms). The price: about 0.1 % of requests are sent twice, instances run half idle, and at this request rate the balancer costs more than the instances.',
  v1Defers: ['Autoscaling on latency, not CPU.', 'Hedged requests for the p99.9.', 'Zone-aware balancing.'],
  naiveFails: [
    {
      drill: 'gray-failure',
      requirement: 'p99 < 40 ms',
      finding: 'queueGrowth',
      why: 'there is only one instance, so its slowdown slows every request, and its queue grows without bound',
    },
  ],
  envelope: [
    { label: 'Busy workers', value: '≈ 9', how: '1,500/s × (5 ms work + 0.5 ms cache + 5 % × 4 ms DB), blocking calls (Little’s law)' },
    {
      label: 'Workers for ≤ 60 % busy',
      value: '≈ 15; with one instance 8× slower, ≈ 25',
      how: '9 / 0.6; a slowed quarter needs 8× its share',
    },
    { label: 'Database reads', value: '75/s', how: '1,500/s × 5 % misses' },
  ],
};
