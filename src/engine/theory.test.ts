/**
 * The engine against queueing theory. Each check runs N independent replications (seeded,
 * so the test is deterministic) and asserts |mean − theory| ≤ 4·SE, where SE is the standard
 * error across replications: with t(9 d.f.), a correct engine fails such a check with
 * probability ≈ 0.3 %. Each check also asserts SE is small (≤ 2 % of the theory value) so
 * the tolerance cannot silently become loose. Histogram percentiles add ≤ 0.8 % bias,
 * which is why percentile checks allow an extra 1 %.
 */
import { describe, expect, it } from 'vitest';
import { erlangC, mm1kBlocking } from '../analysis/index.ts';
import { loadScenario, replicate, type Estimate, nodeOf } from './testing/replicate.ts';

function expectTheory(e: Estimate, theory: number, extraRel = 0): void {
  expect(e.se / theory, `standard error ${e.se} is too large for a meaningful check`).toBeLessThan(0.02);
  const tol = 4 * e.se + extraRel * theory;
  expect(Math.abs(e.mean - theory), `mean ${e.mean.toFixed(4)} vs theory ${theory.toFixed(4)} (±${tol.toFixed(4)})`).toBeLessThanOrEqual(
    tol,
  );
}

const SEEDS = 10;

describe('M/M/1 (λ = 80/s, μ = 100/s)', () => {
  const doc = loadScenario('mm1');
  const opts = { durationS: 500 };
  it('mean response time is 1/(μ−λ) = 50 ms', () => {
    expectTheory(
      replicate(doc, SEEDS, (r) => r.nodes.server!.latencyMs.mean, opts),
      50,
    );
  });
  it('p99 response time is ln(100)/(μ−λ) = 230.26 ms (T ~ Exp(μ−λ))', () => {
    // The tail at ρ = 0.8 is strongly autocorrelated (one 1,000 s run varies ±8 %): 20 replications.
    expectTheory(
      replicate(doc, 20, (r) => r.nodes.server!.latencyMs.p99, { durationS: 1000 }),
      Math.log(100) / 0.02,
      0.01,
    );
  });
  it('mean number in system is ρ/(1−ρ) = 4 and utilization is ρ = 0.8', () => {
    expectTheory(
      replicate(doc, SEEDS, (r) => r.nodes.server!.inSystemMean, opts),
      4,
    );
    expectTheory(
      replicate(doc, SEEDS, (r) => r.nodes.server!.utilization, opts),
      0.8,
    );
  });
});

describe('M/M/c (c = 4, λ = 320/s, μ = 100/s)', () => {
  const doc = loadScenario('mmc');
  it('mean wait is Erlang C / (cμ − λ) = 7.455 ms', () => {
    const wq = erlangC(4, 3.2) / (0.4 - 0.32);
    expect(wq).toBeCloseTo(7.455, 2);
    expectTheory(
      replicate(doc, SEEDS, (r) => r.nodes.pool!.latencyMs.mean - 10, { durationS: 500 }),
      wq,
    );
  });
});

describe('M/M/1/K (K = 5, ρ = 0.9)', () => {
  const doc = loadScenario('mm1k');
  it('blocking probability is ρ^K(1−ρ)/(1−ρ^(K+1)) = 0.1260', () => {
    const pk = mm1kBlocking(0.9, 5);
    expect(pk).toBeCloseTo(0.126, 3);
    expectTheory(
      replicate(doc, SEEDS, (r) => r.nodes.server!.rejected / r.nodes.server!.arrivals, { durationS: 400 }),
      pk,
    );
  });
  it('never holds more than K attempts', () => {
    const r = replicate(doc, 2, (x) => x.nodes.server!.queue.max, { durationS: 100 });
    expect(Math.max(...r.values)).toBe(4);
  });
});

describe('M/D/1 (λ = 80/s, D = 10 ms)', () => {
  const doc = loadScenario('md1');
  it('mean wait is ρ/(2μ(1−ρ)) = 20 ms, half of M/M/1', () => {
    expectTheory(
      replicate(doc, SEEDS, (r) => r.nodes.server!.latencyMs.mean - 10, { durationS: 400 }),
      20,
    );
  });
});

describe('two M/M/1 in tandem (λ = 50/s, μ = 100/s then 80/s)', () => {
  const doc = loadScenario('tandem');
  it('B alone is M/M/1: 1/(80−50) = 33.33 ms', () => {
    expectTheory(
      replicate(doc, SEEDS, (r) => r.nodes.B!.latencyMs.mean, { durationS: 400 }),
      1000 / 30,
    );
  });
  it('end to end is W_A + W_B = 53.33 ms, and its p99 is the hypoexponential 183.5 ms', () => {
    expectTheory(
      replicate(doc, SEEDS, (r) => r.sources.client!.latencyMs.mean, { durationS: 400 }),
      20 + 1000 / 30,
    );
    // P(T > t) = 2.5·e^(−30t) − 1.5·e^(−50t) = 0.01 → t = 0.18350 s
    const f = (t: number) => 2.5 * Math.exp(-30 * t) - 1.5 * Math.exp(-50 * t) - 0.01;
    let lo = 0.1,
      hi = 0.3;
    for (let k = 0; k < 60; k++) {
      const mid = (lo + hi) / 2;
      if (f(mid) > 0) lo = mid;
      else hi = mid;
    }
    expectTheory(
      replicate(doc, SEEDS, (r) => r.sources.client!.latencyMs.p99, { durationS: 800 }),
      lo * 1000,
      0.01,
    );
  });
});

describe('probabilistic split (random LB, 30 % / 70 %)', () => {
  const doc = loadScenario('split');
  it('each branch sees its share of λ and the mean is Σ pᵢWᵢ = 27.62 ms', () => {
    expectTheory(
      replicate(doc, SEEDS, (r) => r.nodes.S1!.arrivals / (r.nodes.S1!.arrivals + r.nodes.S2!.arrivals), { durationS: 300 }),
      0.3,
    );
    expectTheory(
      replicate(doc, SEEDS, (r) => r.sources.client!.latencyMs.mean, { durationS: 300 }),
      0.3 * (1000 / 70) + 0.7 * (1000 / 30),
    );
  });
});

describe("Little's law", () => {
  it('L = λW holds on the M/M/4 pool within 1 % (a sample-path identity)', () => {
    const doc = loadScenario('mmc');
    const e = replicate(
      doc,
      3,
      (r) => {
        const n = r.nodes.pool!;
        const lambda = n.completed / (r.simulatedS - r.warmupS) / 1000;
        return n.inSystemMean / (lambda * n.latencyMs.mean);
      },
      { durationS: 200 },
    );
    for (const v of e.values) expect(v).toBeCloseTo(1, 2);
  });
});

describe('closed loop (10 users, think 100 ms, one exponential 10 ms server)', () => {
  it('throughput and response time match exact MVA (Reiser & Lavenberg 1980)', () => {
    let q = 0,
      r = 0,
      x = 0;
    for (let n = 1; n <= 10; n++) {
      r = 10 * (1 + q);
      x = n / (100 + r);
      q = x * r;
    }
    const doc = loadScenario('closed-loop');
    expectTheory(
      replicate(doc, SEEDS, (res) => res.sources.users!.goodputRps, { durationS: 300 }),
      x * 1000,
    );
    expectTheory(
      replicate(doc, SEEDS, (res) => res.nodes.server!.latencyMs.mean, { durationS: 300 }),
      r,
    );
  });
});

describe('round robin over two M/M/1 backends (λ = 160/s, μ = 100/s)', () => {
  it('each backend is E2/M/1: W = 1/(μ(1−σ)), σ = (λ/(λ+μ(1−σ)))², less than the random split', () => {
    let s = 0.5;
    for (let k = 0; k < 500; k++) s = (0.16 / (0.16 + 0.1 * (1 - s))) ** 2;
    const w = 1 / (0.1 * (1 - s));
    expect(w).toBeCloseTo(38.44, 1);
    const doc = loadScenario('round-robin');
    expectTheory(
      replicate(doc, SEEDS, (r) => r.sources.client!.latencyMs.mean, { durationS: 400 }),
      w,
    );
    const random = structuredClone(doc);
    const lb = nodeOf(random, 'lb', 'loadBalancer');
    lb.params.policy = 'random';
    expectTheory(
      replicate(random, SEEDS, (r) => r.sources.client!.latencyMs.mean, { durationS: 400 }),
      50,
    );
  });
});
