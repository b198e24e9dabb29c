/**
 * Failure injection and the smaller mechanisms: down (fail fast vs hang), capacity cut,
 * edge partition and added latency, Retry-After on 429, the scheduler.
 */
import { describe, expect, it } from 'vitest';
import { parseDocument, type ArchDocument } from '../model/index.ts';
import { simulate } from './index.ts';

/** A small document factory: client → api (→ db), with overrides. */
function makeDoc(
  over: {
    client?: object;
    api?: object;
    edge?: object;
    failures?: object[];
    durationS?: number;
    extraNodes?: object[];
    extraEdges?: object[];
  } = {},
): ArchDocument {
  const p = parseDocument({
    version: 1,
    nodes: [
      { id: 'client', kind: 'client', params: { rateRps: 100, ...over.client } },
      { id: 'api', kind: 'service', params: { workers: 10, serviceTime: { type: 'constant', ms: 10 }, ...over.api } },
      ...(over.extraNodes ?? []),
    ],
    edges: [{ id: 'client-api', source: 'client', target: 'api', params: { ...over.edge } }, ...(over.extraEdges ?? [])],
    scenario: { durationS: over.durationS ?? 30, seed: 5, bucketS: 1, failures: over.failures ?? [] },
  });
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  return p.doc;
}
const sum = (a: Float64Array, from: number, to: number) => a.slice(from, to).reduce((x, y) => x + y, 0);

describe('failure injection', () => {
  it('down, fail fast: calls fail at once (errors, no latency)', () => {
    const r = simulate(makeDoc({ failures: [{ target: 'api', kind: 'down', atS: 10, durationS: 10, mode: 'failFast' }] }));
    const s = r.series.sources.client!;
    expect(sum(s.failed, 10, 20) / sum(s.requests, 10, 20)).toBeGreaterThan(0.99);
    expect(sum(s.failed, 0, 10) + sum(s.failed, 21, 30)).toBe(0);
    expect(r.sources.client!.latencyMs.max).toBeLessThan(11);
  });
  it('down, hang: calls get no answer, so callers wait for their timeout', () => {
    const r = simulate(
      makeDoc({ edge: { timeoutMs: 500 }, failures: [{ target: 'api', kind: 'down', atS: 10, durationS: 10, mode: 'hang' }] }),
    );
    expect(r.nodes.api!.timeouts).toBeGreaterThan(900);
    expect(r.nodes.api!.errors).toBe(0);
    // ≈ 1,000 requests in the 10 s window fail, each only when its 500 ms timeout fires.
    expect(Math.abs(r.sources.client!.failed - 1000)).toBeLessThan(130);
    const failed = r.series.sources.client!.failed;
    expect(failed[10]!).toBeLessThan(0.6 * failed[11]!);
    expect(failed[20]!).toBeGreaterThan(20);
  });
  it('slowdown ×k multiplies service time', () => {
    const r = simulate(makeDoc({ failures: [{ target: 'api', kind: 'slowdown', atS: 0, durationS: 100, factor: 3 }] }));
    expect(r.nodes.api!.latencyMs.p50).toBeCloseTo(30, 0);
  });
  it('error rate p fails that fraction of attempts', () => {
    const r = simulate(
      makeDoc({ durationS: 60, failures: [{ target: 'api', kind: 'errorRate', atS: 0, durationS: 100, probability: 0.3 }] }),
    );
    // Binomial over ≈ 6,000 attempts: sd ≈ 0.006.
    expect(Math.abs(r.nodes.api!.errors / r.nodes.api!.arrivals - 0.3)).toBeLessThan(0.03);
  });
  it('capacity cut to n workers: 1 worker of 10 ms cannot carry 100/s, the queue grows during the cut and drains after', () => {
    const r = simulate(
      makeDoc({ client: { rateRps: 150 }, failures: [{ target: 'api', kind: 'capacity', atS: 5, durationS: 10, workers: 1 }] }),
    );
    const q = r.series.nodes.api!.queueMean;
    expect(q[14]!).toBeGreaterThan(200);
    expect(q[29]!).toBeLessThan(5);
  });
  it('edge partition (fail) errors every call on the edge; added latency delays each call', () => {
    const part = simulate(makeDoc({ failures: [{ target: 'client-api', kind: 'partition', atS: 0, durationS: 100, mode: 'failFast' }] }));
    expect(part.sources.client!.successRatio).toBe(0);
    expect(part.nodes.api!.arrivals).toBe(0);
    const slow = simulate(makeDoc({ failures: [{ target: 'client-api', kind: 'latency', atS: 0, durationS: 100, addedMs: 40 }] }));
    // 40 ms each way plus 10 ms of work.
    expect(slow.sources.client!.latencyMs.p50).toBeCloseTo(90, 0);
  });
  it('edge partition (hang) loses the calls: the caller times out', () => {
    const r = simulate(
      makeDoc({ edge: { timeoutMs: 200 }, failures: [{ target: 'client-api', kind: 'partition', atS: 0, durationS: 100, mode: 'hang' }] }),
    );
    expect(r.sources.client!.successRatio).toBe(0);
    expect(r.edges['client-api']!.timeouts).toBeGreaterThan(2500);
  });
});

describe('rate limiting with Retry-After', () => {
  it('a 429 retry waits at least the Retry-After the gateway returned', () => {
    const doc = makeDoc({
      client: { arrival: 'constant', rateRps: 50, schedule: [{ atS: 1, rateRps: 0 }] },
      edge: { retry: { maxAttempts: 3, baseMs: 1, jitter: 'none', onRejected: true } },
      extraNodes: [{ id: 'gw', kind: 'gateway', params: { rateRps: 1, burst: 1, retryAfterMs: 700 } }],
      extraEdges: [],
    });
    // Route client → gw → api instead of client → api.
    doc.edges[0]!.target = 'gw';
    doc.edges.push({
      ...structuredClone(doc.edges[0]!),
      id: 'gw-api',
      source: 'gw',
      target: 'api',
      params: { ...doc.edges[0]!.params, retry: { ...doc.edges[0]!.params.retry, maxAttempts: 1 } },
    });
    const r = simulate(doc, { traces: { sampleRate: 1 } });
    const retried = r.traces.filter((t) => t.retries > 0);
    expect(retried.length).toBeGreaterThan(10);
    for (const t of retried) {
      const sends = t.spans.filter((s) => s.node === 'gw').map((s) => s.startMs);
      for (let k = 1; k < sends.length; k++) expect(sends[k]! - sends[k - 1]!).toBeGreaterThanOrEqual(700);
    }
  });
});

describe('scheduler', () => {
  it('emits batchSize jobs every intervalS, spread by jitter', () => {
    const p = parseDocument({
      version: 1,
      nodes: [
        { id: 'cron', kind: 'scheduler', params: { intervalS: 10, batchSize: 50, jitterMs: 2000 } },
        { id: 'worker', kind: 'service', params: { workers: 5, serviceTime: { type: 'constant', ms: 20 } } },
      ],
      edges: [{ id: 'cron-worker', source: 'cron', target: 'worker' }],
      scenario: { durationS: 60, bucketS: 1, seed: 2 },
    });
    if (!p.ok) throw new Error('invalid');
    const r = simulate(p.doc);
    expect(r.sources.cron!.requests).toBe(6 * 50);
    const arr = r.series.nodes.worker!.arrivals;
    expect(sum(arr, 0, 3)).toBe(50);
    expect(sum(arr, 3, 10)).toBe(0);
    expect(arr[0]!).toBeLessThan(50);
  });
});
