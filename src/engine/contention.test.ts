/**
 * Load-dependent service time (issue #11 item 1): each job's work × 1 + α·x^β, x read when the
 * job gets its worker (docs/SEMANTICS.md "Overload").
 *
 * Closed loop, derived: N users with (almost) no think time, c workers, constant service S0.
 * A job starts either on arrival at a free worker, while the N − 1 others are in service, or
 * when a finishing job hands over its worker, before the finished job has left. Either way it
 * sees every user's attempt at the node and min(N, c) busy workers, so every job has the same
 * service time and
 *   busy:      X(N) = min(N, c) / (S0 · (1 + α·(min(N, c)/c)^β))
 *   inSystem:  X(N) = min(N, c) / (S0 · (1 + α·(N/c)^β))
 * The second falls as N grows past c: the retrograde throughput of a contended system.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from './index.ts';
import { parseDocument, type ArchDocument } from '../model/index.ts';
import { analyzeDocument } from '../analysis/index.ts';
import { loadScenario } from './testing/replicate.ts';
import type { SimResult } from './types.ts';

function closedLoop(users: number, basis: 'busy' | 'inSystem'): ArchDocument {
  const p = parseDocument({
    version: 1,
    nodes: [
      // Think time 0.001 ms against 10 ms of work: another user is thinking at a job's start with
      // probability ≈ N·1e-4, which moves X by less than 0.05 %.
      { id: 'users', kind: 'client', params: { arrival: 'closed', users, thinkTimeMs: 0.001 } },
      {
        id: 'api',
        kind: 'service',
        params: {
          workers: 4,
          serviceTime: { type: 'constant', ms: 10 },
          contention: { enabled: true, basis, alpha: 1, beta: 2 },
        },
      },
    ],
    edges: [{ id: 'users-api', source: 'users', target: 'api' }],
    scenario: { durationS: 21, warmupS: 1 },
  });
  if (!p.ok) throw new Error(p.errors.map((e) => e.message).join('; '));
  return p.doc;
}

describe('load-dependent service time', () => {
  // Tolerance 0.5 %: the work is constant, so the only noise is where the 20 s window cuts the
  // cycles (≤ c jobs of ≥ 4,000) plus the think time above.
  const S0 = 0.01,
    c = 4,
    alpha = 1,
    beta = 2;
  for (const N of [2, 4, 8, 16]) {
    it(`closed loop, inSystem basis, ${N} users: X = min(N,c)/(S0·(1+α(N/c)^β)) = ${(Math.min(N, c) / (S0 * (1 + alpha * (N / c) ** beta))).toFixed(2)}/s`, () => {
      const r = simulate(closedLoop(N, 'inSystem'));
      const X = Math.min(N, c) / (S0 * (1 + alpha * (N / c) ** beta));
      expect(Math.abs(r.sources.users!.goodputRps / X - 1)).toBeLessThan(0.005);
    });
    it(`closed loop, busy basis, ${N} users: X = min(N,c)/(S0·(1+α(min(N,c)/c)^β))`, () => {
      const r = simulate(closedLoop(N, 'busy'));
      const k = Math.min(N, c);
      const X = k / (S0 * (1 + alpha * (k / c) ** beta));
      expect(Math.abs(r.sources.users!.goodputRps / X - 1)).toBeLessThan(0.005);
    });
  }
  it('throughput falls as load rises past the workers (inSystem): 16 users get less than a ninth of what 4 get', () => {
    const x4 = simulate(closedLoop(4, 'inSystem')).sources.users!.goodputRps;
    const x16 = simulate(closedLoop(16, 'inSystem')).sources.users!.goodputRps;
    // 200/s vs 23.5/s by the formula above.
    expect(x16).toBeLessThan(x4 / 8);
  });
  it('off by default: the same design without the curve runs at c/S0 = 400/s exactly as before', () => {
    const d = closedLoop(16, 'inSystem');
    const api = d.nodes[1]!;
    if (api.kind !== 'service') throw new Error('fixture');
    api.params.contention.enabled = false;
    expect(Math.abs(simulate(d).sources.users!.goodputRps / 400 - 1)).toBeLessThan(0.005);
  });
});

describe('load-dependent service time in the analysis', () => {
  it('gives the mean-value fixed point and the peak, and no queueing formula', () => {
    // c = 4, S = 10 ms, α = 1, β = 2 (busy): u = λ·S·(1+u²)/c. At λ = 100/s: u² − 4u + 1 = 0,
    // u = 2 − √3 = 0.2679 (grid step 1/2000 → tolerance 5e-4). Peak c·u/(S(1+u²)) is at u = 1: 200/s.
    const d = closedLoop(4, 'busy');
    d.nodes[0] = {
      ...d.nodes[0]!,
      kind: 'client',
      params: { ...(d.nodes[0]!.params as object), arrival: 'poisson', rateRps: 100 },
    } as never;
    const load = analyzeDocument(d).nodes.api!;
    expect(load.expected).toBeUndefined();
    expect(Math.abs(load.utilization! - (2 - Math.sqrt(3)))).toBeLessThan(5e-4);
    expect(load.capacityRps).toBeCloseTo(200, 6);
    expect(load.note).toMatch(/queueing formulas do not apply/);
  });
});

describe('contention-collapse scenario', () => {
  const ok = (r: SimResult, from: number, to: number) =>
    r.series.sources.users!.succeeded.slice(from, to).reduce((a, b) => a + b, 0) / (to - from);
  it('inSystem contention: after a 5 s spike the backlog slows every job and goodput never comes back (no retries)', () => {
    const r = simulate(loadScenario('contention-collapse'));
    expect(ok(r, 5, 20)).toBeGreaterThan(550); // 600/s offered, Poisson noise over 15 s ≪ 50/s
    expect(ok(r, 60, 90)).toBeLessThan(0.25 * ok(r, 5, 20));
    expect(r.findings.some((f) => f.kind === 'queueGrowth' && f.nodes.includes('api'))).toBe(true);
  });
  it('busy contention (at most × 1.2 = 833/s) drains the backlog and is back at 600/s by 60 s', () => {
    const d = loadScenario('contention-collapse');
    const api = d.nodes.find((n) => n.id === 'api')!;
    if (api.kind !== 'service') throw new Error('fixture');
    api.params.contention.basis = 'busy';
    const r = simulate(d);
    expect(ok(r, 60, 90)).toBeGreaterThan(0.95 * ok(r, 5, 20));
  });
});
