/**
 * What a result reports beyond the node totals: edge counters over [warm-up, end] like the
 * node counters. Exact counts on designs whose calls have no network latency, so a call and
 * its arrival happen at the same instant (on the same side of the warm-up).
 */
import { describe, expect, it } from 'vitest';
import { simulate } from './index.ts';
import { parseDocument, type ArchDocument } from '../model/index.ts';

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
