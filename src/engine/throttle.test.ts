/**
 * gRPC retry throttling (grpc/proposal A6): tokens start at maxTokens, a retryable failure
 * takes 1, a success gives back tokenRatio, retries only while tokens > maxTokens/2.
 * Every check is an exact count (the outage fails every attempt, so nothing is random in
 * the token arithmetic).
 */
import { describe, expect, it } from 'vitest';
import { simulate } from './index.ts';
import { loadScenario, nodeOf } from './testing/replicate.ts';
import type { ArchDocument } from '../model/index.ts';
import type { SimResult } from './types.ts';

const sumRange = (a: Float64Array, from: number, to: number) => a.slice(from, to).reduce((x, y) => x + y, 0);

/** The scenario with nothing in flight when an outage starts (0 ms work), so no success lands inside an outage. */
function instant(): ArchDocument {
  const d = loadScenario('retry-throttling');
  nodeOf(d, 'payments', 'service').params.serviceTime = { type: 'constant', ms: 0 };
  return d;
}

describe('gRPC retry throttling', () => {
  it('a total outage from a full bucket lets exactly ⌈maxTokens/2⌉ − 1 = 4 retries through (tokens 9, 8, 7, 6), per outage: 8 for two', () => {
    const r = simulate(instant());
    const e = r.edges['checkout-payments']!;
    expect(e.retries).toBe(8);
    // Every other failure was throttled, and each throttled failure is one failed request.
    expect(e.throttled).toBe(e.errors - 8);
    expect(r.sources.checkout!.failed).toBe(e.throttled);
    expect(e.attempts).toBe(r.sources.checkout!.requests + 8);
  });
  it('maxTokens 7 (threshold 3.5): exactly 3 retries per outage (tokens 6, 5, 4)', () => {
    const d = instant();
    d.edges[0]!.params.throttle.maxTokens = 7;
    expect(simulate(d).edges['checkout-payments']!.retries).toBe(6);
  });
  it('the last attempt’s failure takes a token too: maxAttempts 2 gives 2 retries per outage (failures 1 and 3 retry, 2 and 4 are last attempts)', () => {
    // Which failures are last attempts depends on how retries interleave with new requests, so pin
    // it: constant arrivals every 5 ms and a fixed 1 ms backoff put each retry before the next request.
    const d = instant();
    d.edges[0]!.params.retry = { ...d.edges[0]!.params.retry, maxAttempts: 2, baseMs: 1, jitter: 'none' };
    const c = nodeOf(d, 'checkout', 'client');
    c.params.arrival = 'constant';
    c.params.rateRps = 200;
    const e = simulate(d).edges['checkout-payments']!;
    expect(e.retries).toBe(4);
  });
  it('without throttling every failed request sends all 5 attempts', () => {
    const d = instant();
    d.edges[0]!.params.throttle.enabled = false;
    const r = simulate(d);
    const e = r.edges['checkout-payments']!;
    expect(e.throttled).toBe(0);
    // Requests failing near an outage's end may succeed on a retry; all others send 5 attempts.
    expect(e.retries).toBeGreaterThan(4 * r.sources.checkout!.failed - 40);
  });
  it('the scenario as shipped: successes of requests still in service when payments goes down give back 0.1 each, so a retry or two more get through', () => {
    const r = simulate(loadScenario('retry-throttling'));
    const e = r.edges['checkout-payments']!;
    expect(e.retries).toBeGreaterThanOrEqual(8);
    expect(e.retries).toBeLessThanOrEqual(12);
    expect(r.sources.checkout!.failed).toBe(e.throttled);
    // During the first outage payments sees the first attempts (≈ 200/s) plus the few retries.
    const during = sumRange(r.series.nodes.payments!.arrivals, 20, 40);
    const requests = sumRange(r.series.sources.checkout!.requests, 20, 40);
    expect(during - requests).toBeLessThanOrEqual(6);
  });
  it('throttling stops the metastable retry storm as the Finagle budget does: goodput returns to ≥ 95 %', () => {
    const d = loadScenario('metastable-retries');
    d.edges[0]!.params.throttle.enabled = true;
    const r: SimResult = simulate(d);
    const goodput = (from: number, to: number) => sumRange(r.series.sources.clients!.succeeded, from, to) / (to - from);
    expect(goodput(80, 120)).toBeGreaterThan(0.95 * goodput(10, 30));
    expect(r.findings.map((f) => f.kind)).not.toContain('metastableFailure');
  });
});
