/** Practice problem: a feature-flag service for internal and external applications. */
import type { Problem } from '../types.ts';
import start from '../../../scenarios/problems/feature-flags.start.json';
import reference from '../../../scenarios/problems/feature-flags.reference.json';

export const featureFlags: Problem = {
  id: 'feature-flags',
  title: 'Feature-flag service',
  summary: 'Flag evaluations for internal services and external SDKs; the admin database may fail, evaluations may not.',
  brief: {
    context:
      'Product teams change flags in an admin UI backed by the flag admin database. Internal services evaluate flags on hot paths; external client SDKs (mobile, web) fetch them too, and a mobile release can make them surge. Evaluation must keep working when the admin side is down.',
    functional: [
      'Evaluate a flag (or fetch a client’s flag set) for internal services and external SDKs.',
      'A flag change reaches evaluators within 30 s.',
      'External SDKs are limited per app so a surge cannot starve internal callers.',
    ],
    nonFunctional: [
      'Internal: p99 < 20 ms, ≥ 99.95 % succeed, including while the admin database is down.',
      'External: ≥ 99 % succeed on a normal day; during a surge, internal callers are unaffected.',
    ],
    numbers: [
      { label: 'Internal evaluations', value: '400/s' },
      { label: 'External SDK fetches', value: '100/s, surging to 2,000/s after a release' },
      { label: 'Admin database', value: '8 connections × 4 ms ≈ 2,000 reads/s' },
      { label: 'Latency SLO', value: 'internal p99 < 20 ms' },
      { label: 'Flag data', value: '5,000 flags × 2 KB = 10 MB; changes kept 90 days' },
    ],
  },
  given: [
    { id: 'internal', kind: 'client', params: { arrival: 'poisson', rateRps: 400, schedule: [] }, role: 'internal services' },
    { id: 'external', kind: 'client', params: { arrival: 'poisson', rateRps: 100, schedule: [] }, role: 'external client SDKs' },
    {
      id: 'flagdb',
      kind: 'database',
      params: { poolSize: 8, queueCapacity: null, readTime: { type: 'exponential', meanMs: 4 }, writeFraction: 0, errorRate: 0 },
      role: 'the flag admin database (the control plane)',
    },
  ],
  workload: { cache: { mode: 'hitRatio', hitRatio: 0.98 } },
  storage: { bytesPerRecord: 2_000, retentionDays: 90 },
  budgetUsdPerMonth: 1_500,
  drills: [
    {
      id: 'normal-day',
      name: 'Normal day',
      description: '400 internal evaluations/s and 100 SDK fetches/s.',
      durationS: 20,
      seed: 20,
      replications: 1,
      failures: [],
      requirements: [
        { target: 'internal', metric: 'latencyP99Ms', op: '<', value: 20, text: 'internal p99 < 20 ms' },
        { target: 'internal', metric: 'successRatio', op: '>=', value: 0.9995, text: 'internal ≥ 99.95 % succeed' },
        { target: 'external', metric: 'successRatio', op: '>=', value: 0.99, text: 'external ≥ 99 % succeed' },
      ],
    },
    {
      id: 'admin-db-down',
      name: 'Admin database down',
      description: 'The flag admin database is down for 20 s at t = 5 s (a failover). Evaluations must not depend on it.',
      durationS: 35,
      seed: 30,
      replications: 1,
      failures: [{ target: 'flagdb', kind: 'down', atS: 5, durationS: 20, mode: 'failFast' }],
      requirements: [
        { target: 'internal', metric: 'successRatio', op: '>=', value: 0.9995, text: 'internal ≥ 99.95 % succeed' },
        { target: 'internal', metric: 'latencyP99Ms', op: '<', value: 20, text: 'internal p99 < 20 ms' },
      ],
    },
    {
      id: 'sdk-surge',
      name: 'SDK surge',
      description: 'A mobile release makes the external SDKs jump to 2,000 fetches/s for 15 s at t = 5 s.',
      durationS: 30,
      seed: 40,
      replications: 2,
      sources: {
        external: {
          schedule: [
            { atS: 5, rateRps: 2000, shape: 'step' },
            { atS: 20, rateRps: 100, shape: 'step' },
          ],
        },
      },
      failures: [],
      requirements: [
        { target: 'internal', metric: 'latencyP99Ms', op: '<', value: 20, text: 'internal p99 < 20 ms' },
        { target: 'internal', metric: 'successRatio', op: '>=', value: 0.9995, text: 'internal ≥ 99.95 % succeed' },
      ],
    },
  ],
  hints: [
    'Does evaluating a flag need the database where flags are edited?',
    'Serve evaluations from a copy: a replicated snapshot of the flags (a read replica, or a file pushed to a store), with a cache in front.',
    'Give external SDKs their own entry point with a per-app rate limit, so their surge is refused at the edge instead of queueing in front of internal callers.',
    'A change reaches evaluators when the snapshot is refreshed and cached entries expire: keep both under the 30 s bound.',
  ],
  start,
  reference,
  tradeoffs:
    'The data plane (evaluation) reads a replicated snapshot through a cache and never touches the control plane (the admin database), so an admin outage only freezes flag changes. Snapshot refresh (every few seconds, outside this model) plus cache expiry bounds staleness at about 30 s: evaluators may briefly disagree after a change. External SDKs get a separate service behind a per-app limit; their surge is refused with 429 (SDKs keep their last flag set), which protects internal callers at the price of stale flags on some devices.',
  v1Defers: [
    'Streaming updates to SDKs (server-sent events) instead of polling.',
    'Local evaluation inside internal services (a sidecar with the snapshot).',
    'Targeting rules and percentage rollouts evaluated at the edge.',
  ],
  naiveFails: [
    {
      drill: 'admin-db-down',
      requirement: 'internal ≥ 99.95 % succeed',
      finding: 'errors',
      why: 'every evaluation reads the admin database, so its outage fails internal callers',
    },
    {
      drill: 'sdk-surge',
      requirement: 'internal p99 < 20 ms',
      finding: 'errors',
      why: 'the SDK surge shares the service and the admin database with internal callers, so internal evaluations queue behind it and time out',
    },
  ],
  envelope: [
    { label: 'Reads on the serving store', value: '10/s with a 98 % cache', how: '500/s × 2 % misses' },
    { label: 'Surge without limits', value: '2,400 reads/s (120 % of the admin DB)', how: '400 + 2,000' },
    { label: 'Flag data', value: '10 MB: fits in every cache', how: '5,000 × 2 KB' },
  ],
};
