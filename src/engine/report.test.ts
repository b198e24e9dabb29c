/**
 * What a result reports beyond the node totals: edge counters over [warm-up, end] like the
 * node counters (exact counts on designs whose calls have no network latency, so a call and
 * its arrival happen at the same instant, on the same side of the warm-up); breaker state
 * transitions; peak concurrency and wait percentiles per node.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from './index.ts';
import { parseDocument, type ArchDocument } from '../model/index.ts';
import { loadScenario, replicate } from './testing/replicate.ts';
import { TransitionLog } from './stats/transitionLog.ts';
import { histogramBinValue, histogramIndex } from './stats/histogram.ts';

function design(warmupS: number): ArchDocument {
  const p = parseDocument({
    version: 1,
    nodes: [
      { id: 'c', kind: 'client', params: { rateRps: 200 } },
      { id: 'a', kind: 'service', params: { workers: 4, serviceTime: { type: 'exponential', meanMs: 10 }, errorRate: 0.3 } },
      { id: 'b', kind: 'service', params: { workers: 2, serviceTime: { type: 'constant', ms: 4 }, errorRate: 0.2 } },
    ],
    edges: [
      { id: 'c-a', source: 'c', target: 'a', params: { retry: { maxAttempts: 3, baseMs: 5 } } },
      { id: 'a-b', source: 'a', target: 'b', params: { retry: { maxAttempts: 2, baseMs: 5 } } },
    ],
    scenario: { durationS: 12, warmupS, seed: 3 },
  });
  if (!p.ok) throw new Error('invalid');
  return p.doc;
}

describe('edge counters exclude the warm-up, as node counters do', () => {
  const r = simulate(design(4));
  const sum = (a: Float64Array) => a.reduce((x, y) => x + y, 0);
  it("an edge's attempts equal its callee's arrivals after warm-up, exactly (one caller each, no network latency)", () => {
    expect(r.edges['c-a']!.attempts).toBe(r.nodes.a!.arrivals);
    expect(r.edges['a-b']!.attempts).toBe(r.nodes.b!.arrivals);
    // The whole run has more: the warm-up really is left out (about 4/12 of them).
    expect(sum(r.series.nodes.a!.arrivals)).toBeGreaterThan(r.edges['c-a']!.attempts * 1.4);
  });
  it("an edge's retries equal its caller's retries, and its errors the callee's errors, after warm-up, exactly", () => {
    expect(r.edges['c-a']!.retries).toBe(r.nodes.c!.retries);
    expect(r.edges['a-b']!.retries).toBe(r.nodes.a!.retries);
    expect(r.edges['a-b']!.errors).toBe(r.nodes.b!.errors);
    expect(r.edges['a-b']!.retries).toBeGreaterThan(0);
  });
  it('without a warm-up the edges count the whole run: attempts = the sum of the arrival series', () => {
    const w = simulate(design(0));
    expect(w.edges['c-a']!.attempts).toBe(sum(w.series.nodes.a!.arrivals));
    expect(w.edges['a-b']!.attempts).toBe(sum(w.series.nodes.b!.arrivals));
  });
});

describe('breaker state transitions', () => {
  // scenarios/circuit-breaker: fraud API down 10 s … 70 s (fail fast), 5 consecutive failures open
  // the breaker, 5 s open, one probe; the first probe after 70 s succeeds.
  const doc = loadScenario('circuit-breaker');
  it('one open, then a failed half-open probe every 5 s while the outage lasts (12 = 60 s / 5 s), then one close', () => {
    const t = simulate(doc).breakerTransitions!;
    expect(t.dropped).toBe(0);
    const to = t.list.map((x) => x.to);
    expect(to.filter((x) => x === 'open').length).toBe(12);
    expect(to.filter((x) => x === 'halfOpen').length).toBe(12);
    expect(to.at(-1)).toBe('closed');
    expect(t.list[0]!.atS).toBeGreaterThanOrEqual(10);
    // Each half-open comes at least openMs = 5 s after the open before it.
    for (let k = 1; k < t.list.length; k++)
      if (t.list[k]!.to === 'halfOpen') expect(t.list[k]!.atS - t.list[k - 1]!.atS).toBeGreaterThanOrEqual(5);
    expect(t.list.at(-1)!.atS).toBeGreaterThanOrEqual(70);
  });
  it('breakerOpenS equals the not-closed time the transitions give, clipped to [warm-up, end], to 1e-9 s', () => {
    for (const warmupS of [0, 12, 40]) {
      const r = simulate({ ...doc, scenario: { ...doc.scenario, warmupS } });
      let open = 0,
        since = -1;
      for (const x of r.breakerTransitions!.list) {
        if (x.to === 'open' && since < 0) since = x.atS;
        if (x.to === 'closed' && since >= 0) {
          open += Math.max(0, x.atS - Math.max(since, warmupS));
          since = -1;
        }
      }
      if (since >= 0) open += r.simulatedS - Math.max(since, warmupS);
      expect(r.edges['checkout-fraud']!.breakerOpenS).toBeCloseTo(open, 9);
      expect(open).toBeGreaterThan(0);
    }
  });
  it('the log keeps the first cap changes and counts the rest', () => {
    const log = new TransitionLog(3);
    for (let k = 0; k < 5; k++) log.add(k, 0, k % 3);
    expect([log.length, log.dropped, Array.from(log.atMs)]).toEqual([3, 2, [0, 1, 2]]);
  });
  it('a design without breakers has no breakerTransitions field', () => {
    expect(simulate(design(0)).breakerTransitions).toBeUndefined();
  });
});

describe('peak concurrency and wait percentiles per node', () => {
  it('constant arrivals every 10 ms, 35 ms of work each, 10 workers: peak concurrency ⌈35 / 10⌉ = 4, and nothing waits', () => {
    const p = parseDocument({
      version: 1,
      nodes: [
        { id: 'c', kind: 'client', params: { arrival: 'constant', rateRps: 100 } },
        { id: 's', kind: 'service', params: { workers: 10, serviceTime: { type: 'constant', ms: 35 } } },
      ],
      edges: [{ id: 'c-s', source: 'c', target: 's' }],
      scenario: { durationS: 5, warmupS: 1 },
    });
    if (!p.ok) throw new Error('invalid');
    const s = simulate(p.doc).nodes.s!;
    expect(s.peakConcurrency).toBe(4);
    expect(s.waitPercentilesMs).toEqual({ p50: 0, p95: 0, p99: 0 });
  });
  it('M/M/1 at ρ = 0.8 (scenarios/mm1): wait quantiles match w_q = ln(ρ / (1 − q)) / (μ − λ) within the 95 % CI over 5 seeds plus the 0.8 % bin width', () => {
    const doc = loadScenario('mm1');
    const lam = 0.08,
      mu = 0.1,
      rho = lam / mu;
    for (const [key, q] of [
      ['p50', 0.5],
      ['p95', 0.95],
      ['p99', 0.99],
    ] as const) {
      const est = replicate(doc, 5, (r) => r.nodes.server!.waitPercentilesMs[key], { durationS: 1000 });
      const exact = Math.log(rho / (1 - q)) / (mu - lam);
      expect(Math.abs(est.mean - exact)).toBeLessThan(2.776 * est.se + 0.008 * exact);
    }
  });
  it('a burst of 40 at one instant, one worker, 10 ms each: the waits are exactly 0, 10, …, 390 ms, and each percentile is its rank’s bin centre', () => {
    const p = parseDocument({
      version: 1,
      nodes: [
        { id: 'c', kind: 'client', params: { rateRps: 0, bursts: [{ atS: 1, count: 40 }] } },
        { id: 's', kind: 'service', params: { workers: 1, serviceTime: { type: 'constant', ms: 10 } } },
      ],
      edges: [{ id: 'c-s', source: 'c', target: 's' }],
      scenario: { durationS: 5, warmupS: 0 },
    });
    if (!p.ok) throw new Error('invalid');
    const s = simulate(p.doc).nodes.s!;
    expect(s.waitMs).toBeCloseTo(195, 9); // mean of 0, 10, …, 390
    // Rank ⌈q·40⌉ among the sorted waits; rank 1 is the zero wait.
    const at = (q: number) => {
      const w = (Math.ceil(q * 40) - 1) * 10;
      return w === 0 ? 0 : Math.min(histogramBinValue(histogramIndex(w)), 390);
    };
    expect(s.waitPercentilesMs).toEqual({ p50: at(0.5), p95: at(0.95), p99: at(0.99) });
  });
  it('one worker: the peak is the longest waiting line plus the one in service (queue max + 1)', () => {
    const r = simulate(loadScenario('mm1'), { durationS: 200 });
    const s = r.nodes.server!;
    expect(s.peakConcurrency).toBe(s.queue.max + 1);
  });
});
