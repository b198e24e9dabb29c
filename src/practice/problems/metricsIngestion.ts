/** Practice problem: a metrics ingestion pipeline that survives a slow time-series database. */
import type { Problem } from '../types.ts';
import start from '../../../scenarios/problems/metrics-ingestion.start.json';
import reference from '../../../scenarios/problems/metrics-ingestion.reference.json';

export const metricsIngestion: Problem = {
  id: 'metrics-ingestion',
  title: 'Metrics ingestion pipeline',
  summary: 'Agents push metric batches; a compaction must not drop points or slow the agents.',
  brief: {
    context:
      'Monitoring agents on every host push batches of metric points to your collectors, which must get them into a time-series database. The database compacts now and then and writes become ten times slower while it does.',
    functional: [
      'Accept a batch from an agent and acknowledge it.',
      'Write every accepted batch to the time-series database.',
      'Agents retry a refused push with backoff; they buffer a little locally, not much.',
    ],
    nonFunctional: [
      'Push p99 < 50 ms and ≥ 99.9 % accepted, including during a 20 s compaction.',
      'No accepted point is lost or dead-lettered; the backlog drains within a minute.',
      'Backpressure is explicit: a full buffer refuses pushes instead of growing without bound.',
    ],
    numbers: [
      { label: 'Batches', value: '500/s (100 points each: 50,000 points/s)' },
      { label: 'Database', value: '10 connections × 8 ms per batch write ≈ 1,250 batches/s; 125/s while compacting' },
      { label: 'Latency SLO', value: 'push p99 < 50 ms' },
      { label: 'Durability', value: 'no accepted point lost' },
      { label: 'Retention', value: '14 days raw, 10 KB per batch' },
    ],
  },
  given: [
    { id: 'agents', kind: 'client', params: { arrival: 'poisson', rateRps: 500, schedule: [] }, role: 'the monitoring agents' },
    {
      id: 'tsdb',
      kind: 'database',
      params: { poolSize: 10, queueCapacity: null, writeTime: { type: 'exponential', meanMs: 8 }, writeFraction: 1, errorRate: 0 },
      role: 'the time-series database, not yours to scale',
    },
  ],
  storage: { bytesPerRecord: 10_000, retentionDays: 14 },
  budgetUsdPerMonth: 3_000,
  drills: [
    {
      id: 'normal-day',
      name: 'Normal day',
      description: '500 batches/s, the database about 40 % busy.',
      durationS: 30,
      seed: 15,
      replications: 1,
      failures: [],
      requirements: [
        { target: 'agents', metric: 'latencyP99Ms', op: '<', value: 50, text: 'push p99 < 50 ms' },
        { target: 'agents', metric: 'successRatio', op: '>=', value: 0.999, text: '≥ 99.9 % of batches accepted' },
        { target: 'tsdb', metric: 'throughputRps', op: '>=', value: 480, text: 'batches written ≥ 480/s' },
      ],
    },
    {
      id: 'compaction',
      name: 'Compaction',
      description: 'At t = 10 s the database compacts for 20 s: writes 10× slower. The pipeline must absorb the difference and catch up.',
      durationS: 60,
      seed: 25,
      replications: 2,
      failures: [{ target: 'tsdb', kind: 'slowdown', atS: 10, durationS: 20, factor: 10 }],
      requirements: [
        { target: 'agents', metric: 'latencyP99Ms', op: '<', value: 50, text: 'push p99 < 50 ms' },
        { target: 'agents', metric: 'successRatio', op: '>=', value: 0.999, text: '≥ 99.9 % of batches accepted' },
        { target: 'kind:queue', metric: 'dlq', op: '==', value: 0, text: 'no batch dead-lettered' },
        { target: 'tsdb', metric: 'throughputRps', op: '>=', value: 480, text: 'every batch written (≥ 480/s over the run)' },
      ],
    },
  ],
  hints: [
    'The database can take 1,250 writes/s normally and 125/s while compacting. Where do the other 375/s go for those 20 s?',
    'Put a buffer (a queue) between collectors and the database: collectors enqueue and answer; writers drain the queue.',
    'Size the buffer for the worst backlog: (500 − 125)/s × 20 s = 7,500 batches, with room to spare; bound it so a longer outage refuses pushes instead of eating memory.',
    'Writers must out-drain the arrivals after the compaction: the backlog clears at (1,250 − 500)/s.',
  ],
  start,
  reference,
  tradeoffs:
    'A bounded buffer turns a slow database into queue age instead of failed pushes: points arrive in the database late (up to ~20 s during a compaction) but none are lost. The bound (60,000 batches, ~8 minutes at the compaction deficit) is the backpressure point; past it collectors refuse and agents back off, which is better than an unbounded queue that hides the problem until memory runs out. Writers are few because the database, not the writers, is the bottleneck.',
  v1Defers: [
    'Batching several agent batches into one database write.',
    'Partitioning the buffer by tenant or metric so one noisy tenant cannot fill it.',
    'Downsampling and tiered retention.',
  ],
  naiveFails: [
    {
      drill: 'compaction',
      requirement: '≥ 99.9 % of batches accepted',
      finding: 'errors',
      why: 'collectors write synchronously, so while the database compacts their writes time out and the agents’ pushes fail with them',
    },
  ],
  envelope: [
    { label: 'Database load', value: '40 % normally, 400 % while compacting', how: '500/s ÷ 1,250/s and ÷ 125/s' },
    { label: 'Backlog after 20 s of compaction', value: '7,500 batches (75 MB)', how: '(500 − 125)/s × 20 s × 10 KB' },
    { label: 'Drain time afterwards', value: '10 s', how: '7,500 ÷ (1,250 − 500)/s' },
    { label: 'Storage', value: '≈ 6 TB', how: '500/s × 86,400 s × 14 days × 10 KB' },
  ],
};
