/**
 * Key-space caches (issue #11 item 7): warm start, the flush failure, and a retry looking up
 * the same key as its first attempt — against closed forms and exact counts.
 */
import { describe, expect, it } from 'vitest';
import { parseDocument, graphProblems, type ArchDocument } from '../model/index.ts';
import { createSimulation, simulate } from './index.ts';
import { loadScenario } from './testing/replicate.ts';

function makeDoc(opts: {
  cache: object;
  client?: object;
  edge?: object;
  dbMs?: number;
  durationS: number;
  failures?: object[];
  seed?: number;
}): ArchDocument {
  const p = parseDocument({
    version: 1,
    nodes: [
      { id: 'c', kind: 'client', params: { arrival: 'constant', rateRps: 100, ...opts.client } },
      { id: 'k', kind: 'cache', params: { mode: 'keyspace', hitTime: { type: 'constant', ms: 1 }, ...opts.cache } },
      { id: 'db', kind: 'database', params: { poolSize: 10_000, writeFraction: 0, readTime: { type: 'constant', ms: opts.dbMs ?? 1 } } },
    ],
    edges: [
      { id: 'e1', source: 'c', target: 'k', params: opts.edge ?? {} },
      { id: 'e2', source: 'k', target: 'db' },
    ],
    scenario: { durationS: opts.durationS, seed: opts.seed ?? 5, failures: opts.failures ?? [] },
  });
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  return p.doc;
}

const hitRatio = (r: ReturnType<typeof simulate>) => {
  const n = r.nodes.k!;
  return n.hits / (n.hits + n.misses);
};

describe('warm start', () => {
  // Uniform keys (zipfS 0) over K, LRU of C, no TTL: the steady-state hit ratio is exactly C/K
  // (every cached set of C keys is equally likely to be asked), min(1, C/K).
  const K = 10_000,
    C = 3000;
  const cache = { keys: K, capacity: C, zipfS: 0, ttlS: 0 };
  it('hit ratio from t = 0 equals the steady state C/K within a 4σ binomial CI', () => {
    const r = simulate(makeDoc({ cache: { ...cache, start: 'warm' }, client: { rateRps: 3000 }, durationS: 1 }));
    const n = r.nodes.k!.hits + r.nodes.k!.misses;
    expect(n).toBeGreaterThan(2990); // the last arrivals are looked up (1 ms later) after the end
    // ≈ 3,000 lookups: σ = √(0.3·0.7/2999) = 0.0084; 4σ = 0.033.
    expect(Math.abs(hitRatio(r) - C / K)).toBeLessThan(4 * Math.sqrt((0.3 * 0.7) / n));
  });
  it('a cold cache over the same first second is well below it (the test can tell them apart)', () => {
    const r = simulate(makeDoc({ cache: { ...cache, start: 'cold' }, client: { rateRps: 3000 }, durationS: 1 }));
    // Cold: the i-th lookup hits with probability ≈ (keys cached so far)/K, at most 0.26 by the
    // 3,000th lookup, mean ≈ 0.13; the warm test's band starts at 0.3 − 0.033 = 0.267.
    expect(hitRatio(r)).toBeLessThan(C / K - 4 * Math.sqrt((0.3 * 0.7) / 2999));
  });
  it('every key cached (C ≥ K, no TTL): a warm cache never misses', () => {
    const r = simulate(makeDoc({ cache: { keys: 50, capacity: 80, zipfS: 1, ttlS: 0, start: 'warm' }, durationS: 10 }));
    expect(r.nodes.k!.misses).toBe(0);
    expect(r.nodes.k!.hits).toBe(r.sources.c!.requests);
  });
  it('warm expiries are spread uniformly over the TTL: K = C keys expire one by one', () => {
    // 10 keys, TTL 10 s: the entry of rank k expires at (k + 1) s, so in [0, t) with t ≤ 10 s
    // exactly ⌊t⌋ keys (those ranks below t − 1) have expired; each misses once at its next
    // lookup and is refilled for another 10 s. Uniform keys at 100 rps: every key is asked
    // within a few hundred ms of expiring, so over 9.5 s exactly 9 misses (rank 9 expires at 10 s).
    const r = simulate(makeDoc({ cache: { keys: 10, capacity: 10, zipfS: 0, ttlS: 10, start: 'warm' }, durationS: 9.5 }));
    expect(r.nodes.k!.misses).toBe(9);
  });
});

describe('flush failure', () => {
  it('one key, warm: exactly one miss, right after the flush, then hits again', () => {
    // Constant 100 rps: arrivals every 10 ms, looked up 1 ms later; the flush at 5.005 s falls
    // between the lookups at 5.001 s and 5.011 s.
    const doc = makeDoc({
      cache: { keys: 1, capacity: 1, ttlS: 0, start: 'warm' },
      durationS: 10,
      failures: [{ target: 'k', kind: 'flush', atS: 5.005, durationS: 1 }],
    });
    const sim = createSimulation(doc);
    sim.runUntil(5004);
    expect(sim.metrics.cacheMisses[1]).toBe(0);
    const hitsBefore = sim.metrics.cacheHits[1]!;
    expect(hitsBefore).toBe(500);
    sim.runUntil(5011.5);
    // The first lookup after the flush misses: the hit ratio is 0 right after t.
    expect(sim.metrics.cacheMisses[1]).toBe(1);
    expect(sim.metrics.cacheHits[1]).toBe(hitsBefore);
    sim.runUntil(10_000);
    expect(sim.metrics.cacheMisses[1]).toBe(1);
  });
  it('50 keys, warm, no TTL: every key misses exactly once after the flush (then it is filled again)', () => {
    // A fill lands 2 ms after its lookup (1 ms lookup + 1 ms read), before the next lookup 10 ms
    // later, so a key misses only on its first lookup after the flush. 500 uniform draws over 50
    // keys ask every key (P(some key never asked) = 50·(49/50)^500 ≈ 0.2 %; with this seed they all are).
    const doc = makeDoc({
      cache: { keys: 50, capacity: 50, zipfS: 0, ttlS: 0, start: 'warm' },
      durationS: 10,
      failures: [{ target: 'k', kind: 'flush', atS: 5.005, durationS: 1 }],
    });
    const r = simulate(doc);
    expect(r.nodes.k!.misses).toBe(50);
    expect(r.nodes.db!.completed).toBe(50);
  });
  it('a flush on a hitRatio cache or on a non-cache is refused with a message naming it', () => {
    const base = makeDoc({ cache: {}, durationS: 1 });
    const onRatio = { ...base, nodes: base.nodes.map((n) => (n.id === 'k' ? { ...n, params: { ...n.params, mode: 'hitRatio' } } : n)) };
    const f = [
      {
        target: 'k',
        kind: 'flush',
        atS: 0.5,
        durationS: 1,
        mode: 'failFast',
        effect: 'stopAccepting',
        factor: 5,
        probability: 0.5,
        workers: 1,
        addedMs: 100,
      },
    ];
    const a = graphProblems({ ...onRatio, scenario: { ...base.scenario, failures: f } } as ArchDocument);
    expect(a.map((x) => x.message).join('\n')).toMatch(/flush empties a key-space cache; cache "k" is in hitRatio mode/);
    const b = graphProblems({ ...base, scenario: { ...base.scenario, failures: [{ ...f[0]!, target: 'db' }] } } as ArchDocument);
    expect(b.map((x) => x.message).join('\n')).toMatch(/flush empties a cache; "db" is a database/);
  });
});

describe('a retried request looks up the same key', () => {
  it('the retry after a timeout hits the entry its first attempt filled: misses = hits = requests', () => {
    // 1M keys, cold: a fresh draw would miss (P(hit) ≤ 50/1M). The read takes 100 ms, the
    // client's timeout is 50 ms and it retries once after 100 ms (no jitter): the retry reaches
    // the cache at ≈ 151 ms, after the fill at 102 ms, so it hits — if it asks the same key.
    const doc = makeDoc({
      cache: { keys: 1_000_000, capacity: 1_000_000, zipfS: 0, ttlS: 0 },
      client: { rateRps: 10, schedule: [{ atS: 5.05, rateRps: 0 }] },
      edge: { timeoutMs: 50, retry: { maxAttempts: 2, baseMs: 100, jitter: 'none' } },
      dbMs: 100,
      durationS: 10,
    });
    const r = simulate(doc);
    expect(r.sources.c!.requests).toBe(50);
    expect(r.nodes.k!.misses).toBe(50);
    expect(r.nodes.k!.hits).toBe(50);
    expect(r.sources.c!.succeeded).toBe(50);
  });
});

describe('scenario cache-flush', () => {
  it('warm from t = 0 (the first second’s misses are the steady state’s) and a burst of misses at the flush', () => {
    const r = simulate(loadScenario('cache-flush'));
    const a = r.series.nodes.db!.arrivals;
    const steady = a.slice(5, 20).reduce((x, y) => x + y, 0) / 15;
    // ≈ 470 misses/s (Poisson-like, sd ≈ 22 per second): the first second within ±15 %.
    expect(Math.abs(a[0]! - steady)).toBeLessThan(0.15 * steady);
    // The flush at 20 s: every key misses once more, ≈ +450 in that second (observed 913 vs 470).
    expect(a[20]!).toBeGreaterThan(1.5 * steady);
  });
});
