/**
 * Moments of the document's latency distributions (ms), shared by the engine and the analysis.
 * Lognormal is parameterised by its median and 99th percentile:
 *   μ = ln p50,  σ = (ln p99 − ln p50) / z₀.₉₉  with z₀.₉₉ = 2.326347874.
 */
import type { Distribution } from './schema.ts';

export const Z99 = 2.326347874040841;

/** Lognormal (μ, σ) of ln X from p50/p99 in ms. */
export function lognormalParams(p50Ms: number, p99Ms: number): { mu: number; sigma: number } {
  const mu = Math.log(p50Ms);
  return { mu, sigma: Math.max(0, (Math.log(p99Ms) - mu) / Z99) };
}

/** E[X] in ms. */
export function distributionMean(d: Distribution): number {
  switch (d.type) {
    case 'constant':
      return d.ms;
    case 'exponential':
      return d.meanMs;
    case 'uniform':
      return (d.minMs + d.maxMs) / 2;
    case 'lognormal': {
      const { mu, sigma } = lognormalParams(d.p50Ms, d.p99Ms);
      return Math.exp(mu + (sigma * sigma) / 2);
    }
  }
}

/** Squared coefficient of variation Var[X]/E[X]² (0 for constant, 1 for exponential). */
export function distributionScv(d: Distribution): number {
  switch (d.type) {
    case 'constant':
      return 0;
    case 'exponential':
      return 1;
    case 'uniform': {
      const m = (d.minMs + d.maxMs) / 2;
      return m > 0 ? (d.maxMs - d.minMs) ** 2 / 12 / (m * m) : 0;
    }
    case 'lognormal': {
      const { sigma } = lognormalParams(d.p50Ms, d.p99Ms);
      return Math.expm1(sigma * sigma);
    }
  }
}

/** True when every sample is 0 ms (the engine then schedules no event for the work). */
export function distributionIsZero(d: Distribution): boolean {
  return (d.type === 'constant' && d.ms === 0) || (d.type === 'uniform' && d.maxMs === 0);
}
