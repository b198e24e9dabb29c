import { describe, expect, it } from 'vitest';
import { cacheParamsSchema } from '../model/schema.ts';
import { cacheHitRatio } from './cacheHitRatio.ts';

const params = (p: Record<string, unknown>) => cacheParamsSchema.parse({ mode: 'keyspace', ...p });
const close = (actual: number, expected: number, tol = 1e-9) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol);

describe('cacheHitRatio', () => {
  it('returns the configured ratio in hitRatio mode', () =>
    expect(cacheHitRatio(cacheParamsSchema.parse({ hitRatio: 0.9 }), 1234)).toBe(0.9));

  it('TTL only: 1,000 equally popular keys at 1 rps each, TTL 9 s → λ·TTL/(1 + λ·TTL) = 0.9', () =>
    close(cacheHitRatio(params({ keys: 1000, zipfS: 0, capacity: 1000, ttlS: 9 }), 1000), 0.9));

  it('LRU only, uniform popularity: capacity 500 of 1,000 keys holds half of them → h = 0.5', () =>
    close(cacheHitRatio(params({ keys: 1000, zipfS: 0, capacity: 500, ttlS: 0 }), 1000), 0.5, 1e-9));

  it('everything fits and nothing expires: h = 1', () => close(cacheHitRatio(params({ keys: 100, capacity: 100, ttlS: 0 }), 10), 1));

  it('grouped ranks agree with an exact Che sum over 20,000 Zipf(1) keys', () => {
    const keys = 20_000;
    const capacity = 2_000;
    const lambda = 5_000;
    const w = Array.from({ length: keys }, (_, k) => 1 / (k + 1));
    const H = w.reduce((a, x) => a + x, 0);
    const occ = (t: number) => w.reduce((a, x) => a - Math.expm1((-lambda * x * t) / H), 0);
    let lo = 0;
    let hi = 1;
    while (occ(hi) < capacity) hi *= 2;
    for (let i = 0; i < 100; i++) {
      const m = (lo + hi) / 2;
      if (occ(m) < capacity) lo = m;
      else hi = m;
    }
    const exact = w.reduce((a, x) => a - (x / H) * Math.expm1((-lambda * x * lo) / H), 0);
    close(cacheHitRatio(params({ keys, zipfS: 1, capacity, ttlS: 0 }), lambda), exact, 1e-3);
  });

  it('grows with capacity and with traffic under a TTL', () => {
    const h = (capacity: number, lambda: number) => cacheHitRatio(params({ keys: 1_000_000, zipfS: 0.9, capacity, ttlS: 60 }), lambda);
    expect(h(10_000, 1000)).toBeLessThan(h(100_000, 1000));
    expect(h(10_000, 100)).toBeLessThan(h(10_000, 1000));
    expect(h(10_000, 1000)).toBeGreaterThan(0);
    expect(h(10_000, 1000)).toBeLessThan(1);
  });

  it('estimates 10 M keys quickly', () => {
    const t0 = performance.now();
    const h = cacheHitRatio(params({ keys: 10_000_000, zipfS: 1, capacity: 100_000, ttlS: 300 }), 20_000);
    expect(performance.now() - t0).toBeLessThan(1000); // generous for slow CI; 10–40 ms on a dev machine
    expect(h).toBeGreaterThan(0.3);
    expect(h).toBeLessThan(1);
  });
});
