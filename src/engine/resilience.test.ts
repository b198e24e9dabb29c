/**
 * Failure semantics (issue: retries, breakers, limiters, at-least-once queues, caches).
 * Each case is a scenario in scenarios/; a "fix" variant flips the one parameter its
 * description suggests. Tolerances are stated per check.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from './index.ts';
import { loadScenario, replicate, nodeOf } from './testing/replicate.ts';
import type { SimResult } from './types.ts';

const kinds = (r: SimResult) => r.findings.map((f) => f.kind);
const sumRange = (a: Float64Array, from: number, to: number) => a.slice(from, to).reduce((x, y) => x + y, 0);

describe('retry amplification', () => {
  it('three layers × (1 + 3 retries) against a dead backend: exactly 4³ = 64 attempts per logical request', () => {
    const r = simulate(loadScenario('retry-amplification'));
    const requests = r.sources.client!.requests;
    expect(requests).toBeGreaterThan(50);
    expect(r.sources.client!.failed).toBe(requests);
    expect(r.nodes.backend!.arrivals).toBe(64 * requests);
    expect(r.nodes.orders!.arrivals).toBe(16 * requests);
    expect(kinds(r)).toContain('retryAmplification');
    expect(r.findings.find((f) => f.kind === 'retryAmplification' && f.nodes.includes('backend'))!.message).toContain('64.00 attempts');
  });
  it('retrying at one layer only: 4 attempts per request', () => {
    const doc = loadScenario('retry-amplification');
    for (const e of doc.edges.slice(1)) e.params.retry.maxAttempts = 1;
    const r = simulate(doc);
    expect(r.nodes.backend!.arrivals).toBe(4 * r.sources.client!.requests);
  });
});

describe('metastable failure', () => {
  const doc = loadScenario('metastable-retries');
  const goodput = (r: SimResult, from: number, to: number) => sumRange(r.series.sources.clients!.succeeded, from, to) / (to - from);
  it('immediate retries after timeouts keep goodput collapsed long after the 5 s trigger, and a finding names it', () => {
    const r = simulate(doc);
    const before = goodput(r, 10, 30);
    expect(before).toBeGreaterThan(700);
    expect(goodput(r, 80, 120)).toBeLessThan(0.05 * before);
    const f = r.findings.find((x) => x.kind === 'metastableFailure');
    expect(f?.severity).toBe('critical');
    expect(f?.nodes).toContain('api');
  });
  it('with a retry budget (10 % + 10/s) the same trigger is survived: goodput returns to ≥ 95 % of its level', () => {
    const d = loadScenario('metastable-retries');
    d.edges[0]!.params.budget.enabled = true;
    const r = simulate(d);
    expect(goodput(r, 80, 120)).toBeGreaterThan(0.95 * goodput(r, 10, 30));
    expect(kinds(r)).not.toContain('metastableFailure');
  });
  it('backoff with jitter alone does not save an open system (retries are delayed, not reduced)', () => {
    const d = loadScenario('metastable-retries');
    d.edges[0]!.params.retry.baseMs = 100;
    d.edges[0]!.params.retry.jitter = 'full';
    const r = simulate(d);
    expect(kinds(r)).toContain('metastableFailure');
  });
});

describe('at-least-once queues', () => {
  it('visibility timeout (15 s) < processing (20 s): every message is processed twice, duplicates caused by redelivery', () => {
    const r = simulate(loadScenario('visibility-timeout'));
    const m = r.nodes.mailer!;
    const msgs = r.nodes.jobs!.completed;
    expect(msgs).toBeGreaterThan(900);
    expect(m.duplicates).toBe(msgs);
    expect(m.duplicatesByCause.redelivery).toBe(m.duplicates);
    expect(r.requirements[0]!.pass).toBe(false);
    expect(kinds(r)).toContain('duplicateSideEffects');
  });
  it('visibility timeout (30 s) > processing (20 s): no duplicates', () => {
    const d = loadScenario('visibility-timeout');
    const q = nodeOf(d, 'jobs', 'queue');
    q.params.visibilityTimeoutS = 30;
    const r = simulate(d);
    expect(r.nodes.mailer!.duplicates).toBe(0);
    expect(r.requirements[0]!.pass).toBe(true);
  });
  it('exponential processing (mean 20 s), V = 30 s: receives per message = 1 + Σ exp(−V·j(j+1)/(2m)) = 1.23436 (SEMANTICS §4.1)', () => {
    const d = loadScenario('visibility-timeout');
    const q = nodeOf(d, 'jobs', 'queue');
    const s = nodeOf(d, 'mailer', 'service');
    q.params.visibilityTimeoutS = 30;
    s.params.serviceTime = { type: 'exponential', meanMs: 20_000 };
    d.scenario.durationS = 700;
    const n = nodeOf(d, 'producer', 'client');
    n.params.schedule = [{ atS: 500, rateRps: 0, shape: 'step' }];
    // Per message the receive count has sd ≈ 0.5; with ≈ 2,500 messages per run and 4 runs, SE ≈ 0.005.
    const e = replicate(d, 4, (r) => r.nodes.jobs!.deliveries / r.nodes.jobs!.completed);
    expect(Math.abs(e.mean - 1.23436)).toBeLessThan(Math.max(4 * e.se, 0.01));
  });
  it('a consumer that always fails: every message goes to the DLQ after exactly maxReceiveCount = 3 deliveries', () => {
    const r = simulate(loadScenario('dead-letter'));
    const q = r.nodes.orders!;
    expect(q.dlq).toBeGreaterThan(500);
    expect(q.deliveries).toBe(3 * q.dlq);
    expect(r.nodes.consumer!.arrivals).toBe(3 * q.dlq);
    expect(kinds(r)).toContain('deadLettered');
  });
  it('a consumer crashing after the side effect and before the ack duplicates with cause crashBeforeAck', () => {
    const d = loadScenario('visibility-timeout');
    const q = nodeOf(d, 'jobs', 'queue');
    q.params.visibilityTimeoutS = 30;
    d.scenario.failures = [
      {
        target: 'mailer',
        kind: 'consumerCrash',
        atS: 0,
        durationS: 300,
        probability: 0.2,
        mode: 'failFast',
        effect: 'stopAccepting',
        factor: 5,
        workers: 1,
        addedMs: 100,
      },
    ];
    const r = simulate(d);
    const m = r.nodes.mailer!;
    // Each delivery crashes with p = 0.2, so duplicates per message ≈ p/(1−p) = 0.25 (binomial, ±0.05 at 1,000 messages).
    expect(m.duplicates / r.nodes.jobs!.completed).toBeGreaterThan(0.2);
    expect(m.duplicates / r.nodes.jobs!.completed).toBeLessThan(0.3);
    expect(m.duplicatesByCause.crashBeforeAck).toBe(m.duplicates);
  });
});

describe('idempotency', () => {
  it('retries after timeout without an idempotency key duplicate database writes (cause: retry after timeout)', () => {
    const r = simulate(loadScenario('idempotency-key'));
    const db = r.nodes.db!;
    expect(db.duplicates).toBeGreaterThan(500);
    expect(db.duplicatesByCause.retryAfterTimeout).toBe(db.duplicates);
    expect(r.requirements[0]!.pass).toBe(false);
  });
  it('with an atomic idempotency-key store at the API: 0 duplicates', () => {
    const d = loadScenario('idempotency-key');
    const api = nodeOf(d, 'payments', 'service');
    api.params.idempotency.enabled = true;
    const r = simulate(d);
    expect(r.nodes.db!.duplicates).toBe(0);
    expect(r.nodes.db!.sideEffects).toBeGreaterThan(20_000);
    expect(r.requirements[0]!.pass).toBe(true);
  });
  it('a check-then-record store (not atomic) still lets overlapping attempts through', () => {
    const d = loadScenario('idempotency-key');
    const api = nodeOf(d, 'payments', 'service');
    api.params.idempotency = { enabled: true, atomic: false, retentionS: 86_400 };
    expect(simulate(d).nodes.db!.duplicates).toBeGreaterThan(100);
  });
  it('a unique constraint on the key at the database: 0 duplicates', () => {
    const d = loadScenario('idempotency-key');
    const db = nodeOf(d, 'db', 'database');
    db.params.uniqueKey = true;
    expect(simulate(d).nodes.db!.duplicates).toBe(0);
  });
  it('retries that send a new key defeat the store (cause: new key)', () => {
    const d = loadScenario('idempotency-key');
    const api = nodeOf(d, 'payments', 'service');
    api.params.idempotency.enabled = true;
    d.edges[0]!.params.reuseIdempotencyKey = false;
    const db = simulate(d).nodes.db!;
    expect(db.duplicates).toBeGreaterThan(100);
    expect(db.duplicatesByCause.newKey).toBe(db.duplicates);
  });
});

describe('circuit breaker', () => {
  it('cuts calls to a dead dependency to the probe rate while open: ≈ 5 + 60 s / 5 s probes instead of 6,000', () => {
    const r = simulate(loadScenario('circuit-breaker'));
    const during = sumRange(r.series.nodes.fraud!.arrivals, 10, 70);
    // 5 failures to open, then one probe per 5 s open window: 5 + 12 = 17, ±2 for window alignment.
    expect(during).toBeGreaterThanOrEqual(15);
    expect(during).toBeLessThanOrEqual(19);
    expect(r.edges['checkout-fraud']!.breakerRejected).toBeGreaterThan(5500);
    // It closes again after the outage: traffic is back to ≈ 100/s.
    expect(sumRange(r.series.nodes.fraud!.arrivals, 80, 90) / 10).toBeGreaterThan(90);
  });
  it('without the breaker the dead dependency takes every call', () => {
    const d = loadScenario('circuit-breaker');
    d.edges[1]!.params.breaker.enabled = false;
    const r = simulate(d);
    expect(sumRange(r.series.nodes.fraud!.arrivals, 10, 70)).toBeGreaterThan(5500);
  });
});

describe('token-bucket rate limiter (continuous refill)', () => {
  const accepted = (r: SimResult) => (r.nodes.limiter!.arrivals - r.nodes.limiter!.rejected) / (r.simulatedS - r.warmupS);
  it('λ = 100/s, r = 80/s, b = 10: accepted ≈ 79.8/s (SEMANTICS §6 table), never above r', () => {
    // Poisson counts over 295 s: SE of the rate ≈ √80/√295 ≈ 0.5/s; 4 runs → ≈ 0.26.
    const e = replicate(loadScenario('token-bucket'), 4, accepted);
    expect(Math.abs(e.mean - 79.78)).toBeLessThan(Math.max(4 * e.se, 0.6));
    expect(e.mean).toBeLessThanOrEqual(80.05);
  });
  it('b = 1: accepted = 1/(1/r + 1/λ) = 44.44/s exactly in expectation', () => {
    const d = loadScenario('token-bucket');
    const g = nodeOf(d, 'limiter', 'gateway');
    g.params.burst = 1;
    const e = replicate(d, 4, accepted);
    expect(Math.abs(e.mean - 400 / 9)).toBeLessThan(Math.max(4 * e.se, 0.5));
  });
  it('a burst is honoured: 200 requests in 0.2 s against r = 10/s, b = 50 → the 50-token burst plus ⌊10·0.15⌋ = 51 accepted', () => {
    // The bucket starts full, so refill during the first 50 ms (while it is still full) is lost.
    const d = loadScenario('token-bucket');
    const g = nodeOf(d, 'limiter', 'gateway');
    g.params.rateRps = 10;
    g.params.burst = 50;
    const c = nodeOf(d, 'users', 'client');
    c.params.arrival = 'constant';
    c.params.rateRps = 1000;
    c.params.schedule = [{ atS: 0.2, rateRps: 0, shape: 'step' }];
    d.scenario.warmupS = 0;
    d.scenario.durationS = 5;
    const r = simulate(d);
    expect(r.nodes.limiter!.arrivals).toBe(200);
    expect(r.nodes.limiter!.arrivals - r.nodes.limiter!.rejected).toBe(51);
  });
  it('per-client scope gives each client its own bucket', () => {
    const d = loadScenario('token-bucket');
    const g = nodeOf(d, 'limiter', 'gateway');
    g.params.scope = 'perClient';
    const users = d.nodes.find((n) => n.id === 'users')!;
    d.nodes.push({ ...structuredClone(users), id: 'users2' });
    d.edges.push({ id: 'users2-limiter', source: 'users2', target: 'limiter', label: '', params: d.edges[0]!.params });
    d.scenario.durationS = 100;
    const r = simulate(d);
    // Two clients × ≈ 79.8/s each, instead of ≈ 80/s shared.
    expect(accepted(r)).toBeGreaterThan(150);
  });
});

describe('caches', () => {
  it('hit ratio h = 0.9 reduces database arrivals to (1 − h)·λ = 100/s', () => {
    const r = simulate(loadScenario('cache-hit-ratio'));
    const dbRate = r.nodes.db!.arrivals / (r.simulatedS - r.warmupS);
    // Binomial thinning of ≈ 115k Poisson arrivals: sd of the rate ≈ 0.9/s; ±4 sd.
    expect(Math.abs(dbRate - 100)).toBeLessThan(4);
    expect(r.nodes.cache!.hits / (r.nodes.cache!.hits + r.nodes.cache!.misses)).toBeCloseTo(0.9, 2);
  });
  const bursts = (a: Float64Array) => {
    const out: number[] = [];
    let cur = 0;
    for (const x of a) {
      if (x > 0) cur += x;
      else if (cur > 0) {
        out.push(cur);
        cur = 0;
      }
    }
    if (cur > 0) out.push(cur);
    return out;
  };
  it('a hot key expiring without coalescing: a burst of ≈ 1 + λd = 201 database queries per expiry', () => {
    const r = simulate(loadScenario('cache-stampede'));
    const b = bursts(r.series.nodes.db!.arrivals).slice(1); // the first is the cold start
    expect(b.length).toBeGreaterThanOrEqual(9);
    const mean = b.reduce((x, y) => x + y, 0) / b.length;
    // Poisson(200) misses per expiry: sd ≈ 14 per burst, ≈ 5 over 9+ bursts; ±15.
    expect(Math.abs(mean - 201)).toBeLessThan(15);
  });
  it('with coalescing: exactly one query per expiry', () => {
    const d = loadScenario('cache-stampede');
    const c = nodeOf(d, 'cache', 'cache');
    c.params.coalesce = true;
    const r = simulate(d);
    const b = bursts(r.series.nodes.db!.arrivals);
    expect(b.every((x) => x === 1)).toBe(true);
    expect(b.length).toBeGreaterThanOrEqual(10);
  });
});

describe('overload', () => {
  it('a bounded queue (K = 10) at ρ = 2 rejects P_K = 1024/2047 of arrivals', () => {
    const d = loadScenario('overload');
    const api = nodeOf(d, 'api', 'service');
    api.params.queueCapacity = 9;
    d.scenario.warmupS = 5;
    const e = replicate(d, 4, (r) => r.nodes.api!.rejected / r.nodes.api!.arrivals);
    expect(Math.abs(e.mean - 1024 / 2047)).toBeLessThan(Math.max(4 * e.se, 0.01));
  });
  it('an unbounded queue grows at λ − μ = 100/s, latency rises linearly with time, and a finding says so', () => {
    const r = simulate(loadScenario('overload'));
    const q = r.series.nodes.api!.queueMean;
    const n = r.series.filled;
    // Backlog slope per second over the second half (bucket 5 s): ≈ 100/s ± 10 %.
    const slope = (q[n - 1]! - q[Math.floor(n / 2)]!) / ((n - 1 - Math.floor(n / 2)) * r.series.bucketS);
    expect(Math.abs(slope - 100)).toBeLessThan(10);
    const p50 = r.series.nodes.api!.p50;
    expect(p50[n - 1]!).toBeGreaterThan(1.6 * p50[Math.floor(n / 2)]!);
    const f = r.findings.find((x) => x.kind === 'queueGrowth');
    expect(f?.nodes).toEqual(['api']);
    expect(f?.message).toMatch(/grows without bound/);
  });
});

describe('queue bookkeeping under redelivery', () => {
  it('a message acked while its redelivered copy waits for a consumer is dropped cleanly (no crash, no double count)', () => {
    const d = loadScenario('visibility-timeout');
    const s = nodeOf(d, 'mailer', 'service');
    s.params.workers = 3; // far fewer consumers than messages: copies wait
    d.scenario.durationS = 400;
    const r = simulate(d);
    const q = r.nodes.jobs!;
    expect(q.completed).toBeGreaterThan(50);
    // Every ack deletes one distinct message: never more acks than messages produced.
    expect(q.completed).toBeLessThanOrEqual(r.sources.producer!.requests);
    expect(q.queue.max).toBeGreaterThan(100);
  });
  it('a latency requirement with no successful request fails (nothing to measure)', () => {
    const d = loadScenario('retry-amplification');
    d.scenario.requirements = [{ target: 'client', metric: 'latencyP99Ms', op: '<', value: 300 }];
    const r = simulate(d);
    expect(r.requirements[0]!.pass).toBe(false);
    expect(r.requirements[0]!.measured).toBeNaN();
  });
});
