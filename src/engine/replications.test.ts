import { describe, expect, it } from 'vitest';
import { interval, replicationsSummarize, tQuantile975, seriesBand } from './replications.ts';
import { sweepPath, sweepValues } from './sweep.ts';
import { simulate } from './index.ts';
import { Rng } from './core/rng.ts';
import { loadScenario } from './testing/replicate.ts';

describe('confidence intervals', () => {
  it('t quantiles match the table (df 1, 9, 30) and tend to 1.96', () => {
    expect(tQuantile975(1)).toBeCloseTo(12.706, 3);
    expect(tQuantile975(9)).toBeCloseTo(2.262, 3);
    expect(tQuantile975(30)).toBeCloseTo(2.042, 3);
    expect(tQuantile975(1000)).toBeCloseTo(1.962, 2);
  });
  it('the half-width shrinks like 1/√N (averaged over 400 sets of Exp(1) samples, seed 42)', () => {
    const rng = new Rng(42);
    const mean = (n: number) => {
      let s = 0;
      for (let k = 0; k < 400; k++) s += interval(Array.from({ length: n }, () => rng.exp(1))).ci95 / tQuantile975(n - 1);
      return s / 400;
    };
    // E[sample sd] ≈ σ for n ≥ 10, so (h/t) scales as 1/√n: ratio for 10 → 40 is 2 (±5 % sampling).
    expect(mean(10) / mean(40)).toBeGreaterThan(1.85);
    expect(mean(10) / mean(40)).toBeLessThan(2.2);
  });
  it('the 95 % interval of M/M/1 mean response time covers 1/(μ−λ) = 50 ms in ≥ 90 % of 50 replication sets (seeded)', () => {
    const doc = loadScenario('mm1');
    let covered = 0;
    for (let set = 0; set < 50; set++) {
      const runs = Array.from({ length: 4 }, (_, k) => simulate(doc, { seed: 10_000 + set * 4 + k, durationS: 150, traces: false }));
      const s = replicationsSummarize(runs);
      const lat = s.nodes.server!.latencyMs as Record<string, number>;
      if (Math.abs(lat.mean! - 50) <= lat.meanCi95!) covered++;
    }
    // Binomial(50, 0.95): P(covered < 45) ≈ 4 % for an exact 95 % interval; ≥ 45 is the 90 % bar.
    expect(covered, `covered ${covered} of 50`).toBeGreaterThanOrEqual(45);
  });
  it('bands are mean ± half-width per bucket', () => {
    const b = seriesBand([Float64Array.of(1, 2), Float64Array.of(3, 2)]);
    expect(Array.from(b.mean)).toEqual([2, 2]);
    expect(b.hi[0]! - b.mean[0]!).toBeCloseTo(12.706 * Math.sqrt(2 / 2), 3);
    expect(b.hi[1]).toBe(2);
  });
});

describe('sweeps', () => {
  const doc = loadScenario('mm1');
  it('a sweep point equals an independent single run of the modified document', () => {
    const p = sweepPath(doc, 'nodes.client.params.rateRps');
    if (!p.ok) throw new Error(p.message);
    const values = sweepValues(20, 60, 3);
    expect(values).toEqual([20, 40, 60]);
    const canon = (r: unknown) =>
      JSON.stringify(r, (k, v) => (k === 'wallMs' ? 0 : ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v));
    for (const v of values) {
      const swept = simulate(p.set(doc, v), { durationS: 60, seed: 3 });
      const manual = structuredClone(doc);
      const c = manual.nodes.find((n) => n.id === 'client')!;
      if (c.kind === 'client') c.params.rateRps = v;
      expect(canon(swept)).toBe(canon(simulate(manual, { durationS: 60, seed: 3 })));
    }
  });
  it('bad paths are named', () => {
    expect(sweepPath(doc, 'nodes.nope.params.workers')).toEqual({ ok: false, message: 'no node "nope" (path nodes.nope.params.workers)' });
    const q = sweepPath(doc, 'nodes.server.params.discipline');
    expect(q.ok).toBe(false);
    expect(sweepPath(doc, 'foo.bar').ok).toBe(false);
  });
});

describe('request traces', () => {
  it('a retried request shows every attempt, the timeouts and the duplicate side effect', () => {
    const r = simulate(loadScenario('idempotency-key'), { durationS: 60 });
    const found = r.traces.find((x) => x.duplicates > 0);
    expect(found, 'a sampled request with a duplicate side effect').toBeDefined();
    const t = found!;
    const attempts = t.spans.filter((s) => s.node === 'payments');
    expect(attempts.map((s) => s.attempt)).toEqual(attempts.map((_, i) => i + 1));
    expect(attempts.length).toBe(t.retries + 1);
    const root = t.spans.find((s) => s.parent === -1)!;
    expect(root.events.filter((e) => e.kind === 'timeout').length).toBeGreaterThanOrEqual(1);
    expect(root.events.filter((e) => e.kind === 'send').length).toBe(attempts.length);
    expect(t.spans.some((s) => s.node === 'db' && s.events.some((e) => e.kind === 'duplicate'))).toBe(true);
    const f = r.findings.find((x) => x.kind === 'duplicateSideEffects')!;
    expect(f.traceIds).toContain(t.id);
  });
  it('the fast path for plain source calls gives exactly the results of the full call machinery', () => {
    // Tracing every request forces the full path (root job + call record) for all of them.
    for (const name of ['mm1', 'split', 'cache-hit-ratio', 'visibility-timeout']) {
      const doc = loadScenario(name);
      const fast = simulate(doc, { durationS: 60, traces: false });
      const full = simulate(doc, { durationS: 60, traces: { sampleRate: 1, max: 4 } });
      expect(JSON.stringify([full.nodes, full.sources, full.edges]), name).toBe(JSON.stringify([fast.nodes, fast.sources, fast.edges]));
    }
  });
  it('tracing never changes the results', () => {
    const doc = loadScenario('webhook-delivery');
    const a = simulate(doc, { durationS: 60, traces: false });
    const b = simulate(doc, { durationS: 60, traces: { sampleRate: 0.2 } });
    expect(b.traces.length).toBeGreaterThan(0);
    expect(JSON.stringify(a.nodes)).toBe(JSON.stringify(b.nodes));
  });
});

describe('warm-up check', () => {
  it('warns when the halves of a run disagree (M/M/1 at ρ = 0.98 started empty, no warm-up), not on a settled run', () => {
    const d = loadScenario('mm1');
    d.scenario.warmupS = 0;
    const c = d.nodes.find((n) => n.id === 'client')!;
    if (c.kind === 'client') c.params.rateRps = 98;
    const r = simulate(d, { durationS: 300, seed: 1, traces: false });
    expect(r.findings.find((f) => f.kind === 'warmupTooShort')?.message).toMatch(/halves of the measured run disagree/);
    const settled = simulate(loadScenario('mm1'), { durationS: 1000, traces: false });
    expect(settled.findings.map((f) => f.kind)).not.toContain('warmupTooShort');
  });
});
