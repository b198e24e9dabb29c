/**
 * Findings that do not mislead (issue #11 item 13): metastable failure only when something
 * sustains the overload, a slow drain otherwise; failed requests always reported; an
 * idempotency store's 409 "in progress" is not a critical error; a hang-mode outage names the
 * node that hung. Counts are exact where the design makes them deterministic.
 */
import { describe, expect, it } from 'vitest';
import { parseDocument, type ArchDocument } from '../model/index.ts';
import { failureSchema } from '../model/schema.ts';
import { simulate } from './index.ts';
import { loadScenario } from './testing/replicate.ts';
import type { SimResult } from './types.ts';

const kinds = (r: SimResult) => r.findings.map((f) => f.kind);

function makeDoc(over: { client?: object; api?: object; edge?: object; failures?: object[]; durationS?: number }): ArchDocument {
  const p = parseDocument({
    version: 1,
    nodes: [
      { id: 'client', kind: 'client', params: { rateRps: 100, ...over.client } },
      { id: 'api', kind: 'service', params: { workers: 10, serviceTime: { type: 'constant', ms: 10 }, ...over.api } },
    ],
    edges: [{ id: 'client-api', source: 'client', target: 'api', params: { ...over.edge } }],
    scenario: { durationS: over.durationS ?? 30, seed: 5, bucketS: 1, failures: over.failures ?? [] },
  });
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  return p.doc;
}

describe('metastable failure vs slow drain', () => {
  it('slow-drain: no retries, a backlog draining at about μ − λ = 50/s is a slow drain, not a metastable failure', () => {
    const r = simulate(loadScenario('slow-drain'));
    expect(kinds(r)).not.toContain('metastableFailure');
    const f = r.findings.find((x) => x.kind === 'slowDrain')!;
    expect(f.severity).toBe('warning');
    expect(f.message).toContain('no retries are being sent');
    // The drain rate is the queue's least-squares slope over the last 40 s. Departures minus
    // arrivals over 40 s have a standard deviation of about √((λ+μ)·40) ≈ 280, i.e. ≈ 7/s on
    // the slope: 50 ± 20 is about 3 standard deviations.
    const drain = Number(/shrinking by about ([\d.]+) per second/.exec(f.message)![1]);
    expect(Math.abs(drain - 50)).toBeLessThan(20);
  });
  it('slow-drain with 4 attempts per request: the retries now sustain the overload, a metastable failure', () => {
    const d = loadScenario('slow-drain');
    d.edges[0]!.params.retry.maxAttempts = 4;
    const r = simulate(d);
    expect(kinds(r)).toContain('metastableFailure');
    expect(kinds(r)).not.toContain('slowDrain');
    expect(r.findings.find((x) => x.kind === 'metastableFailure')!.message).toMatch(
      /retries\/s still being sent \([\d.]+ attempts per request\)/,
    );
  });
  it('no retries but service time that grows with the backlog (contention): metastable by capacity degradation', () => {
    const d = loadScenario('contention-collapse');
    d.nodes[0]!.params = { ...d.nodes[0]!.params, schedule: [] } as (typeof d.nodes)[0]['params'];
    d.scenario.failures = [failureSchema.parse({ target: 'api', kind: 'slowdown', atS: 20, durationS: 5, factor: 2 })];
    const r = simulate(d);
    const f = r.findings.find((x) => x.kind === 'metastableFailure')!;
    expect(f.message).toMatch(/No retries sustain it \(0\/s\), yet API receives/);
    expect(kinds(r)).not.toContain('slowDrain');
  });
  it('metastable-retries keeps its metastable finding, with the offered attempts against what the API completes', () => {
    const f = simulate(loadScenario('metastable-retries')).findings.find((x) => x.kind === 'metastableFailure')!;
    expect(f.message).toMatch(/API receives [\d,]+ attempts\/s and completes [\d.,]+\/s/);
  });
});

describe('failed requests are always reported', () => {
  it('0.5 % errors (under the per-node 1 % threshold) over 300 s: a requestsFailed finding with the exact count', () => {
    const r = simulate(makeDoc({ client: { rateRps: 1000 }, api: { errorRate: 0.005 }, durationS: 300 }));
    const failed = r.sources.client!.failed;
    expect(failed).toBeGreaterThan(1000);
    expect(kinds(r)).not.toContain('errors');
    const f = r.findings.find((x) => x.kind === 'requestsFailed')!;
    expect(f.severity).toBe('warning');
    expect(f.message).toContain(`${failed.toLocaleString('en-US')} of`);
  });
  it('a run with no failures gets no requestsFailed finding', () => {
    expect(kinds(simulate(makeDoc({})))).not.toContain('requestsFailed');
  });
});

describe('409 "in progress" from an atomic idempotency store is not a critical error', () => {
  // Each request's first attempt takes 300 ms; the caller gives up after 100 ms and retries at
  // once, twice: both retries find the key still claimed and get 409. Exactly 2 per request.
  const doc = () =>
    makeDoc({
      client: { arrival: 'constant', rateRps: 5 },
      api: { serviceTime: { type: 'constant', ms: 300 }, idempotency: { enabled: true, atomic: true } },
      edge: { timeoutMs: 100, retry: { maxAttempts: 3, baseMs: 0, jitter: 'none' } },
      durationS: 10,
    });
  it('conflicts = 2 × requests exactly; no errors finding, an info finding instead', () => {
    const r = simulate(doc());
    const requests = r.sources.client!.requests;
    expect(requests).toBe(49);
    expect(r.nodes.api!.conflicts).toBe(2 * requests);
    expect(r.nodes.api!.errors).toBe(2 * requests);
    expect(kinds(r)).not.toContain('errors');
    const f = r.findings.find((x) => x.kind === 'conflicts')!;
    expect(f.severity).toBe('info');
    expect(f.message).toContain('98 attempts with 409');
  });
  it('the payment-api template: the 409s no longer make a critical errors finding at the Payments API', () => {
    const r = simulate(loadScenario('templates/payment-api'));
    expect(r.nodes.payments!.conflicts).toBeGreaterThan(0);
    expect(r.findings.filter((x) => x.nodes[0] === 'payments' && x.kind === 'errors')).toEqual([]);
    expect(kinds(r)).toContain('conflicts');
  });
});

describe('a hang-mode outage names the node that hung', () => {
  const hang = [{ target: 'api', kind: 'down', atS: 10, durationS: 5, mode: 'hang' }];
  it('with a 500 ms timeout: the finding names the API and counts every timeout exactly', () => {
    const r = simulate(makeDoc({ edge: { timeoutMs: 500 }, failures: hang }));
    const f = r.findings.find((x) => x.kind === 'hang')!;
    expect(f.nodes[0]).toBe('api');
    expect(f.severity).toBe('critical');
    expect(f.message).toContain(`gave up ${r.edges['client-api']!.timeouts} times`);
    expect(r.edges['client-api']!.timeouts).toBeGreaterThan(400); // ≈ 100/s × 5 s
  });
  it('with no timeout: the finding says those requests wait forever', () => {
    const r = simulate(makeDoc({ failures: hang }));
    const f = r.findings.find((x) => x.kind === 'hang')!;
    expect(f.message).toMatch(/client calls it with no timeout, so those requests wait forever/);
  });
  it('a hang partition on an edge names the edge and its target', () => {
    const r = simulate(
      makeDoc({ edge: { timeoutMs: 200 }, failures: [{ target: 'client-api', kind: 'partition', atS: 10, durationS: 5, mode: 'hang' }] }),
    );
    const f = r.findings.find((x) => x.kind === 'hang')!;
    expect(f.nodes[0]).toBe('api');
    expect(f.message).toContain('(edge client-api)');
  });
});

describe('a node that sheds load says why it rejected', () => {
  const backpressure = (r: SimResult) => r.findings.find((f) => f.kind === 'backpressure' && f.nodes[0] === 'api')!;
  it('a fixed concurrency limit: the rejections are named as the limit, counted exactly, and not called a full queue', () => {
    const r = simulate(makeDoc({ client: { rateRps: 2000 }, api: { shedding: { concurrencyLimit: { mode: 'fixed', limit: 20 } } } }));
    const api = r.nodes.api!;
    expect(api.rejected).toBeGreaterThan(1000);
    expect(api.shed!.limited).toBe(api.rejected);
    const f = backpressure(r);
    expect(f.message).toContain(`because of its concurrency limit (${api.rejected.toLocaleString('en-US')} refused at once)`);
    expect(f.message).not.toContain('full queue');
    expect(f.suggestion).toMatch(/^This is load shedding doing its job/);
  });
  it('a queue timeout behind a bounded queue: both causes, each with its count, which add up to the rejections', () => {
    const r = simulate(makeDoc({ client: { rateRps: 2000 }, api: { queueCapacity: 50, shedding: { queueTimeoutMs: 20 } } }));
    const api = r.nodes.api!;
    const full = api.rejected - api.shed!.queueTimeout;
    expect(api.shed!.queueTimeout).toBeGreaterThan(0);
    expect(full).toBeGreaterThan(0);
    const f = backpressure(r);
    expect(f.message).toContain(`its queue timeout (${api.shed!.queueTimeout.toLocaleString('en-US')} waited too long)`);
    expect(f.message).toContain(`a full queue (capacity K reached) (${full.toLocaleString('en-US')})`);
    expect(f.suggestion).not.toMatch(/^This is load shedding/);
  });
  it('deadline-drop with cancelOnTimeout instead of dropExpired: every rejection at the API is a cancellation, counted once', () => {
    const doc = loadScenario('deadline-drop');
    for (const e of doc.edges) if (e.target === 'api') e.params.deadline.cancelOnTimeout = true;
    (doc.nodes.find((n) => n.id === 'api')!.params as { shedding: { dropExpired: boolean } }).shedding.dropExpired = false;
    const api = simulate(doc, { traces: false }).nodes.api!;
    expect(api.shed!.cancelled).toBeGreaterThan(1000);
    expect(api.rejected).toBe(api.shed!.cancelled);
  });
});
