/** Practice problem: distributed cache invalidation (freshness bound, no stampede on expiry). */
import type { Problem } from '../types.ts';
import start from '../../../scenarios/problems/cache-invalidation.start.json';
import reference from '../../../scenarios/problems/cache-invalidation.reference.json';

const FRESH_S = 10;

export const cacheInvalidation: Problem = {
  id: 'cache-invalidation',
  title: 'Distributed cache invalidation',
  summary: 'Product data fresh within 10 s, without a stampede on the database each time a hot key expires.',
  brief: {
    context:
      'A product API serves 800 reads/s through a shared cache in front of the products database. A product query is expensive (100 ms typical, 300 ms p99) and the database has 20 connections: about 170 queries/s. A price change must be visible within 10 s, so entries cannot live long. Popularity is skewed: a few products take most reads.',
    functional: [
      'Read a product by id through the cache.',
      'A change to a product is visible to every reader within 10 s (entries expire or are invalidated within that bound).',
    ],
    nonFunctional: [
      'Reads p99 < 250 ms, ≥ 99.9 % succeed.',
      'The database never has more than 40 queries waiting, also at the moment hot keys expire, and while it is slowed down.',
      'Freshness: no cache holds an entry longer than 10 s.',
    ],
    numbers: [
      { label: 'Reads', value: '800/s over 2,000 products (Zipf 1.1)' },
      { label: 'Database', value: '20 connections × 100 ms (p99 300 ms) ≈ 170 queries/s' },
      { label: 'Latency SLO', value: 'p99 < 250 ms' },
      { label: 'Freshness', value: 'stale for at most 10 s' },
      { label: 'Cache size', value: '2,000 products × 5 KB = 10 MB' },
    ],
  },
  given: [
    { id: 'readers', kind: 'client', params: { arrival: 'poisson', rateRps: 800, schedule: [] }, role: 'the shoppers' },
    {
      id: 'db',
      kind: 'database',
      params: {
        poolSize: 20,
        queueCapacity: null,
        readTime: { type: 'lognormal', p50Ms: 100, p99Ms: 300 },
        writeFraction: 0,
        errorRate: 0,
      },
      role: 'the products database, not yours to scale',
    },
  ],
  workload: { cache: { keys: 2_000, zipfS: 1.1 } },
  storage: { bytesPerRecord: 5_000, retentionDays: 30 },
  budgetUsdPerMonth: 1_200,
  drills: [
    {
      id: 'normal-day',
      name: 'Normal day',
      description: '800 reads/s; hot products expire every 10 s.',
      durationS: 40,
      warmupS: 5,
      seed: 17,
      replications: 2,
      failures: [],
      requirements: [
        { target: 'readers', metric: 'latencyP99Ms', op: '<', value: 250, text: 'read p99 < 250 ms' },
        { target: 'readers', metric: 'successRatio', op: '>=', value: 0.999, text: '≥ 99.9 % of reads succeed' },
        { target: 'db', metric: 'queueMax', op: '<', value: 40, text: 'at most 40 queries waiting' },
      ],
    },
    {
      id: 'slow-database',
      name: 'Slow database',
      description:
        'The database runs 1.5× slower for 15 s at t = 15 s (a backup). Refills take longer, so more readers miss during each one.',
      durationS: 45,
      warmupS: 5,
      seed: 27,
      replications: 2,
      failures: [{ target: 'db', kind: 'slowdown', atS: 15, durationS: 15, factor: 1.5 }],
      requirements: [
        { target: 'readers', metric: 'successRatio', op: '>=', value: 0.999, text: '≥ 99.9 % of reads succeed' },
        { target: 'db', metric: 'queueMax', op: '<', value: 40, text: 'at most 40 queries waiting' },
      ],
    },
  ],
  designChecks: [
    {
      text: `every cache entry expires within ${FRESH_S} s`,
      grade: (doc) => {
        const caches = doc.nodes.flatMap((n) => (n.kind === 'cache' ? [n] : []));
        const worst = Math.max(0, ...caches.map((c) => (c.params.mode === 'keyspace' ? c.params.ttlS : Infinity)));
        if (!caches.length) return { pass: true, measured: 'no cache' };
        return {
          pass: worst <= FRESH_S,
          measured: Number.isFinite(worst) ? `longest TTL ${worst} s` : 'a hit-ratio cache has no TTL: use the keyspace model',
        };
      },
    },
  ],
  hints: [
    'Watch the database’s queue in the charts: it jumps every time a hot product expires. Why?',
    'When a hot key expires, every reader that misses during the 100 ms refill sends its own query: 800/s × 0.1 s × its share of traffic. That is a stampede.',
    'Coalesce concurrent misses on one key (singleflight): one query refills the entry, the other readers wait for it.',
    'A longer TTL would also cut the stampedes, but the brief’s freshness bound is 10 s. Invalidation on write (delete the key when a product changes) keeps freshness without expiring hot keys blindly.',
  ],
  start,
  reference,
  tradeoffs:
    'TTL expiry at 10 s meets the freshness bound with no coordination between writers and the cache; coalescing (singleflight) makes each expiry cost one query instead of a burst, at the price of readers waiting for the refill instead of failing fast. Invalidate-on-write would make fresh data visible sooner, but needs every writer to publish invalidations reliably (a lost one leaves stale data until the TTL anyway).',
  v1Defers: [
    'Invalidation events on write (a change stream), with the TTL as the safety net.',
    'Refresh-ahead of hot keys before they expire, and jittered TTLs.',
    'Multi-region caches and their invalidation fan-out.',
  ],
  naiveFails: [
    {
      drill: 'normal-day',
      requirement: 'at most 40 queries waiting',
      finding: 'cacheStampede',
      why: 'every reader that misses an expired hot key queries the database at once (a stampede), so its waiting line spikes at each expiry',
    },
  ],
  envelope: [
    { label: 'Steady misses', value: '≈ 2,000 keys / 10 s ≈ 200 queries/s at most', how: 'each key refills at most once per TTL' },
    { label: 'Database capacity', value: '≈ 170 queries/s', how: '20 connections / 0.12 s mean query' },
    { label: 'Stampede per hot key', value: '≈ 80 × its share extra queries', how: '800 reads/s × 0.1 s refill' },
    { label: 'Cache memory', value: '10 MB', how: '2,000 × 5 KB' },
  ],
};
