/** Practice problem: a rate limiter for a public API, with per-key and global limits. */
import type { Problem } from '../types.ts';
import start from '../../../scenarios/problems/rate-limiter.start.json';
import reference from '../../../scenarios/problems/rate-limiter.reference.json';

export const rateLimiter: Problem = {
  id: 'rate-limiter',
  title: 'Rate limiter for a public API',
  summary: 'Per-key and global limits, so one abusive key cannot take the API down for everyone.',
  brief: {
    context:
      'A public REST API is called with API keys: a mobile app, a partner integration and, lately, a scraper. Every request reads the shared database, which tops out near 600 queries/s. Design the limits.',
    functional: [
      'Each API key may make at most 200 requests/s (bursts of 200 allowed); beyond that it gets 429 with Retry-After.',
      'A global limit keeps the total below what the database can serve.',
      'Well-behaved keys are unaffected by a misbehaving one.',
    ],
    nonFunctional: [
      'Mobile and partner: ≥ 99.9 % success, mobile p99 < 250 ms, even while the scraper floods.',
      'The scraper is held to its quota: at most 210 requests/s served.',
      'The shared database stays below 85 % busy.',
    ],
    numbers: [
      { label: 'Mobile app key', value: '150 req/s' },
      { label: 'Partner key', value: '100 req/s' },
      { label: 'Scraper key', value: '30 req/s, bursting to 800 req/s' },
      { label: 'Database', value: '12 connections × 20 ms per query ≈ 600 queries/s' },
      { label: 'Latency SLO', value: 'mobile p99 < 250 ms' },
      { label: 'Limiter state', value: 'one bucket per key; 10 k keys × 100 B' },
    ],
  },
  given: [
    { id: 'mobile', kind: 'client', params: { arrival: 'poisson', rateRps: 150, schedule: [] }, role: 'the mobile app’s key' },
    { id: 'partner', kind: 'client', params: { arrival: 'poisson', rateRps: 100, schedule: [] }, role: 'the partner’s key' },
    { id: 'scraper', kind: 'client', params: { arrival: 'poisson', rateRps: 30, schedule: [] }, role: 'the scraper’s key' },
    {
      id: 'db',
      kind: 'database',
      params: { poolSize: 12, queueCapacity: null, readTime: { type: 'exponential', meanMs: 20 }, writeFraction: 0, errorRate: 0 },
      role: 'the shared database, not yours to scale',
    },
  ],
  storage: { bytesPerRecord: 1_000, retentionDays: 30 },
  budgetUsdPerMonth: 2_500,
  drills: [
    {
      id: 'normal-day',
      name: 'Normal day',
      description: 'Every key at its usual rate: 280 requests/s in all.',
      durationS: 30,
      seed: 12,
      replications: 1,
      failures: [],
      requirements: [
        { target: 'mobile', metric: 'successRatio', op: '>=', value: 0.999, text: 'mobile: ≥ 99.9 % succeed' },
        { target: 'partner', metric: 'successRatio', op: '>=', value: 0.999, text: 'partner: ≥ 99.9 % succeed' },
        { target: 'mobile', metric: 'latencyP99Ms', op: '<', value: 250, text: 'mobile p99 < 250 ms' },
      ],
    },
    {
      id: 'scraper-flood',
      name: 'Scraper flood',
      description:
        'At t = 10 s the scraper jumps to 800 requests/s for 30 s. Its excess must be refused, not served at everyone’s expense.',
      durationS: 50,
      seed: 22,
      replications: 2,
      sources: {
        scraper: {
          schedule: [
            { atS: 10, rateRps: 800, shape: 'step' },
            { atS: 40, rateRps: 30, shape: 'step' },
          ],
        },
      },
      failures: [],
      requirements: [
        { target: 'mobile', metric: 'successRatio', op: '>=', value: 0.999, text: 'mobile: ≥ 99.9 % succeed' },
        { target: 'partner', metric: 'successRatio', op: '>=', value: 0.999, text: 'partner: ≥ 99.9 % succeed' },
        { target: 'mobile', metric: 'latencyP99Ms', op: '<', value: 250, text: 'mobile p99 < 250 ms' },
        { target: 'scraper', metric: 'throughputRps', op: '<=', value: 210, text: 'scraper served ≤ 210 req/s' },
        { target: 'db', metric: 'utilization', op: '<', value: 0.85, text: 'database < 85 % busy' },
      ],
    },
  ],
  hints: [
    'Without a limit, who decides how much of the database the scraper gets?',
    'A token bucket per key (an API gateway with scope perClient) refuses a key’s excess with 429 before it costs anything downstream.',
    'Per-key limits alone do not bound the total: many keys at their quota can still overload the database. Add a global bucket below its capacity.',
    'Order matters: the per-key limiter first, so one key’s flood does not use up the global tokens everyone shares.',
  ],
  start,
  reference,
  tradeoffs:
    'Two token buckets in series: per key (200/s, burst 200) and global (480/s, about 80 % of the database). Token buckets allow bursts, which is kind to bursty clients and still bounds the long-run rate; the global bucket sacrifices some legitimate traffic when many keys peak at once, which is the price of protecting the database. Limits are enforced at the edge, so a refused request costs almost nothing.',
  v1Defers: [
    'A distributed limiter across gateway instances (a shared counter in Redis, or local buckets with a split quota).',
    'Tiers and per-endpoint costs (a search counts more than a read).',
    'Adaptive global limits from the database’s latency instead of a fixed number.',
  ],
  naiveFails: [
    {
      drill: 'scraper-flood',
      requirement: 'mobile: ≥ 99.9 % succeed',
      finding: 'queueGrowth',
      why: 'nothing limits the scraper, so its 800 req/s overload the shared database, whose queue grows until everyone’s requests time out',
    },
  ],
  envelope: [
    { label: 'Normal load', value: '280 req/s → 280 queries/s', how: '150 + 100 + 30; one query per request' },
    { label: 'Database capacity', value: '600 queries/s', how: '12 connections / 20 ms' },
    { label: 'Flood without limits', value: '1,050 queries/s (175 % of capacity)', how: '150 + 100 + 800' },
    { label: 'Flood with limits', value: '≤ 450 queries/s', how: '150 + 100 + 200 (the scraper’s quota)' },
  ],
};
