/** Practice problem: a file/artifact metadata service with access control and audit logging. */
import type { Problem } from '../types.ts';
import start from '../../../scenarios/problems/file-metadata.start.json';
import reference from '../../../scenarios/problems/file-metadata.reference.json';

export const fileMetadata: Problem = {
  id: 'file-metadata',
  title: 'File metadata service with access control and audit',
  summary: 'Metadata reads behind an access check, every access audited, through authz and audit outages.',
  brief: {
    context:
      'An artifact store keeps files in object storage; your service owns their metadata (name, owner, size, checksum, ACL). Every request must be authorised by the company’s authorization service and leave an audit record in the compliance archive. Neither the authorization service nor the archive is yours.',
    functional: [
      'Get and update a file’s metadata (90 % reads).',
      'Check access for every request (fail closed: no decision, no access).',
      'Write an audit record for every request; the archive deduplicates by request id.',
    ],
    nonFunctional: [
      'p99 < 100 ms; ≥ 99.9 % succeed.',
      'An archive outage must not fail user requests, and must lose no audit record.',
      'A slow authorization service must not push p99 past 150 ms.',
    ],
    numbers: [
      { label: 'Requests', value: '300/s (10 % writes)' },
      { label: 'Authorization', value: 'p50 5 ms, p99 30 ms; decisions cacheable for 60 s (95 % hits)' },
      { label: 'Audit archive', value: 'p50 20 ms, p99 100 ms, 0.1 % errors' },
      { label: 'Latency SLO', value: 'p99 < 100 ms' },
      { label: 'Retention', value: 'metadata for the file’s life; audit 1 year in the archive; 1 KB per record' },
    ],
  },
  given: [
    { id: 'clients', kind: 'client', params: { arrival: 'poisson', rateRps: 300, schedule: [] }, role: 'users and build systems' },
    {
      id: 'authz',
      kind: 'external',
      params: { latency: { type: 'lognormal', p50Ms: 5, p99Ms: 30 }, errorRate: 0, concurrency: null, dedupe: false },
      role: 'the company’s authorization service',
    },
    {
      id: 'audit',
      kind: 'external',
      params: { latency: { type: 'lognormal', p50Ms: 20, p99Ms: 100 }, errorRate: 0.001, concurrency: null, dedupe: true },
      role: 'the compliance archive (deduplicates by request id)',
    },
  ],
  workload: { cache: { mode: 'hitRatio', hitRatio: 0.95 } },
  storage: { bytesPerRecord: 1_000, retentionDays: 365 },
  budgetUsdPerMonth: 2_500,
  drills: [
    {
      id: 'normal-day',
      name: 'Normal day',
      description: '300 requests/s; every one authorised and audited.',
      durationS: 30,
      seed: 19,
      replications: 1,
      failures: [],
      requirements: [
        { target: 'clients', metric: 'latencyP99Ms', op: '<', value: 100, text: 'p99 < 100 ms' },
        { target: 'clients', metric: 'successRatio', op: '>=', value: 0.999, text: '≥ 99.9 % succeed' },
        { target: 'audit', metric: 'throughputRps', op: '>=', value: 290, text: 'every request audited (≥ 290/s)' },
      ],
    },
    {
      id: 'archive-outage',
      name: 'Archive outage',
      description: 'The audit archive refuses every call for 20 s at t = 10 s. Users must not notice, and no audit record may be lost.',
      durationS: 60,
      seed: 29,
      replications: 2,
      failures: [{ target: 'audit', kind: 'down', atS: 10, durationS: 20, mode: 'failFast' }],
      requirements: [
        { target: 'clients', metric: 'successRatio', op: '>=', value: 0.999, text: '≥ 99.9 % succeed' },
        { target: 'kind:queue', metric: 'dlq', op: '==', value: 0, text: 'no audit record dead-lettered' },
        { target: 'audit', metric: 'throughputRps', op: '>=', value: 290, text: 'every request audited (≥ 290/s over the run)' },
      ],
    },
    {
      id: 'slow-authz',
      name: 'Slow authorization',
      description: 'The authorization service runs 4× slower for 20 s at t = 10 s.',
      durationS: 40,
      seed: 39,
      replications: 2,
      failures: [{ target: 'authz', kind: 'slowdown', atS: 10, durationS: 20, factor: 4 }],
      requirements: [
        { target: 'clients', metric: 'latencyP99Ms', op: '<', value: 150, text: 'p99 < 150 ms' },
        { target: 'clients', metric: 'successRatio', op: '>=', value: 0.999, text: '≥ 99.9 % succeed' },
      ],
    },
  ],
  hints: [
    'Which of the three calls must finish before the user gets an answer, and which only has to happen eventually?',
    'The audit record must not be lost, but it need not be written inside the request: append it to a durable queue and let writers deliver it with retries.',
    'Access decisions change rarely: cache them (for a bounded time) so most requests skip the authorization call, and a slow authz service touches only the misses.',
    'Put a timeout on every call; a cached decision with a short TTL is still fail-closed for a revoked user after the TTL.',
  ],
  start,
  reference,
  tradeoffs:
    'The request path is: cached access decision (95 % hits; misses ask authz with a 250 ms timeout), metadata read or write, and an enqueue of the audit record. Audit delivery is asynchronous and at-least-once, so the archive’s dedupe by request id makes retries safe; an archive outage becomes queue age instead of failed requests. Caching decisions for 60 s means a revoked permission can keep working for up to a minute: the tradeoff between authz load and revocation latency.',
  v1Defers: [
    'Push invalidation of cached decisions on revocation.',
    'Signed, hash-chained audit records (tamper evidence).',
    'Per-tenant metadata partitions and search.',
  ],
  naiveFails: [
    {
      drill: 'archive-outage',
      requirement: '≥ 99.9 % succeed',
      finding: 'errors',
      why: 'the audit record is written inside the request, so the archive’s outage fails the users’ requests',
    },
  ],
  envelope: [
    { label: 'Authorization calls', value: '15/s with a 95 % decision cache (300/s without)', how: '300/s × 5 % misses' },
    { label: 'Audit backlog in a 20 s outage', value: '6,000 records', how: '300/s × 20 s' },
    { label: 'Audit records per year', value: '≈ 9.5 TB', how: '300/s × 31.5 M s × 1 KB' },
  ],
};
