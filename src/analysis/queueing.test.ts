import { describe, expect, it } from 'vitest';
import { allenCunneenWaitMs, erlangB, erlangC, mg1WaitMs, mm1kBlocking, mmcResponseMs, mmcWaitMs, mmckMetrics } from './queueing.ts';

const close = (actual: number, expected: number, tol = 1e-9) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected)));

describe('Erlang formulas', () => {
  it('erlangC(2, 1) is the textbook 1/3', () => close(erlangC(2, 1), 1 / 3));
  it('erlangB(2, 1) = (1/2)/(1 + 1 + 1/2) = 0.2', () => close(erlangB(2, 1), 0.2));
  it('erlangB(5, 3) = 2.025/18.4 (terms 1, 3, 4.5, 4.5, 3.375, 2.025)', () => close(erlangB(5, 3), 2.025 / 18.4));
  it('erlangC(1, ρ) equals ρ (M/M/1 waits with probability ρ)', () => close(erlangC(1, 0.7), 0.7));
  it('erlangC is 1 at or above saturation', () => expect(erlangC(4, 4)).toBe(1));
  it('stays finite for thousands of servers', () => {
    const c = erlangC(5000, 4900);
    expect(c).toBeGreaterThan(0);
    expect(c).toBeLessThan(1);
  });
});

describe('M/M/c waits', () => {
  it('M/M/1 at ρ = 0.5 with E[S] = 10 ms waits ρ/(1−ρ)·E[S] = 10 ms and responds in 1/(μ−λ) = 20 ms', () => {
    close(mmcWaitMs(1, 50, 10), 10);
    close(mmcResponseMs(1, 50, 10), 20);
  });
  it('M/M/2 with a = 1 (λ = 1 rps, E[S] = 1 s) waits C/(cμ−λ) = (1/3)/1 s = 333.33 ms', () => close(mmcWaitMs(2, 1, 1000), 1000 / 3));
  it('is infinite at ρ ≥ 1', () => expect(mmcWaitMs(2, 200, 10)).toBe(Infinity));
});

describe('M/G/1 and M/D/1', () => {
  it('M/D/1 waits exactly half as long as M/M/1', () => {
    close(allenCunneenWaitMs(1, 80, 10, 0), mmcWaitMs(1, 80, 10) / 2);
    close(mg1WaitMs(80, 10, 0), 20); // ρ = 0.8: 0.8/(2·0.2)·10 ms
  });
  it('Allen–Cunneen is exact Pollaczek–Khinchine for one server', () => close(allenCunneenWaitMs(1, 30, 20, 2.5), mg1WaitMs(30, 20, 2.5)));
});

describe('finite capacity', () => {
  it('M/M/1/K blocking: ρ = 0.5, K = 2 → 1/7; ρ = 1, K = 4 → 1/5; ρ = 2, K = 2 → 4/7', () => {
    close(mm1kBlocking(0.5, 2), 1 / 7);
    close(mm1kBlocking(1, 4), 0.2);
    close(mm1kBlocking(2, 2), 4 / 7);
  });
  it('M/M/1/K with huge K does not overflow above saturation (→ 1 − 1/ρ)', () => close(mm1kBlocking(2, 5000), 0.5));
  it('mmckMetrics(1, 2) at λ = 50, μ = 100: p = (4, 2, 1)/7, L = 4/7, W = L/X = 13.333 ms, Wq = 3.333 ms', () => {
    const m = mmckMetrics(1, 2, 50, 10);
    close(m.blocking, 1 / 7);
    close(m.throughputRps, (50 * 6) / 7);
    close(m.inSystem, 4 / 7);
    close(m.responseMs, 40 / 3);
    close(m.waitMs, 10 / 3);
  });
  it('M/M/c/c blocking equals Erlang B', () => close(mmckMetrics(5, 5, 300, 10).blocking, erlangB(5, 3)));
  it('M/M/c/K tends to M/M/c as K grows', () => {
    const m = mmckMetrics(4, 4 + 100_000, 300, 10);
    close(m.waitMs, mmcWaitMs(4, 300, 10), 1e-9);
    close(m.responseMs, mmcResponseMs(4, 300, 10), 1e-9);
  });
  it('handles 1,000 servers overloaded at 1,200 erlangs without overflow', () => {
    const m = mmckMetrics(1000, 2000, 120_000, 10);
    expect(Number.isFinite(m.responseMs)).toBe(true);
    // Almost surely full: accepted throughput ≈ capacity, so blocking ≈ 1 − 1000/1200.
    close(m.blocking, 1 - 1000 / 1200, 1e-6);
  });
});
