/**
 * The samplers against their distributions. n = 10⁶ draws per check, so a Kolmogorov–Smirnov
 * distance under 1.63/√n = 0.00163 holds at α = 0.01, and each count of a tail region with
 * expectation μ is held to μ ± 4√μ (Poisson, about 1 in 16,000 to fail by chance). Means are held
 * to 4 standard errors.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from './rng.ts';

const N = 1_000_000;
const KS_01 = 1.63 / Math.sqrt(N);

/** Largest gap between the sorted samples' empirical CDF and cdf. */
function ksDistance(xs: Float64Array, cdf: (x: number) => number): number {
  xs.sort();
  let d = 0;
  for (let k = 0; k < xs.length; k++) {
    const f = cdf(xs[k]!);
    d = Math.max(d, Math.abs(f - k / xs.length), Math.abs(f - (k + 1) / xs.length));
  }
  return d;
}

/** Standard normal CDF, through erfc by the Chebyshev fit of Numerical Recipes (fractional error < 1.2e-7). */
function phi(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfc =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}

const count = (xs: Float64Array, f: (x: number) => boolean) => xs.reduce((c, x) => (f(x) ? c + 1 : c), 0);
const within = (got: number, mu: number, what = '') =>
  expect(Math.abs(got - mu), `${what} ${got} vs ${mu.toFixed(1)}`).toBeLessThan(4 * Math.sqrt(mu));

describe('Rng samplers', () => {
  it('exp(1) is exponential: KS distance, mean, and the tail past the ziggurat base (r ≈ 7.70)', () => {
    const rng = new Rng(1);
    const xs = Float64Array.from({ length: N }, () => rng.exp(1));
    const mean = xs.reduce((a, x) => a + x, 0) / N;
    expect(Math.abs(mean - 1)).toBeLessThan(4 / Math.sqrt(N));
    within(
      count(xs, (x) => x > 4),
      N * Math.exp(-4),
    );
    within(
      count(xs, (x) => x > 7.7),
      N * Math.exp(-7.7),
    );
    within(
      count(xs, (x) => x < 0.01),
      N * -Math.expm1(-0.01),
    ); // the top layers, next to the peak
    expect(xs.every((x) => x >= 0 && Number.isFinite(x))).toBe(true);
    expect(ksDistance(xs, (x) => -Math.expm1(-x))).toBeLessThan(KS_01);
  });

  it('exp(mean) scales: mean 250 gives mean 250 ± 4 standard errors', () => {
    const rng = new Rng(2);
    let s = 0;
    for (let k = 0; k < N; k++) s += rng.exp(250);
    expect(Math.abs(s / N - 250)).toBeLessThan((4 * 250) / Math.sqrt(N));
  });

  it('normal() is standard normal: KS distance, mean, variance, both tails, and past the base (r ≈ 3.44)', () => {
    const rng = new Rng(3);
    const xs = Float64Array.from({ length: N }, () => rng.normal());
    const mean = xs.reduce((a, x) => a + x, 0) / N;
    const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (N - 1);
    expect(Math.abs(mean)).toBeLessThan(4 / Math.sqrt(N));
    // Var of the sample variance is 2/(N−1) for a normal.
    expect(Math.abs(variance - 1)).toBeLessThan(4 * Math.sqrt(2 / (N - 1)));
    const regions: [string, (x: number) => boolean, number][] = [
      ['x > 2', (x) => x > 2, 1 - phi(2)],
      ['x < −2', (x) => x < -2, phi(-2)],
      ['x > 3.45 (the tail past r)', (x) => x > 3.45, 1 - phi(3.45)],
      ['x < −3.45', (x) => x < -3.45, phi(-3.45)],
      ['|x| < 0.01 (the top layers)', (x) => Math.abs(x) < 0.01, phi(0.01) - phi(-0.01)],
    ];
    for (const [what, inside, p] of regions) within(count(xs, inside), N * p, what);
    expect(ksDistance(xs, phi)).toBeLessThan(KS_01);
  });

  it('is a pure function of its seed', () => {
    const a = new Rng(99),
      b = new Rng(99);
    for (let k = 0; k < 1000; k++) {
      expect(a.exp(3)).toBe(b.exp(3));
      expect(a.normal()).toBe(b.normal());
      expect(a.next()).toBe(b.next());
    }
  });
});
