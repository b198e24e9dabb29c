/**
 * Compiled distributions: a (type, p1, p2) triple sampled without allocation.
 *   constant: p1 = ms · exponential: p1 = mean ms · uniform: [p1, p2) ms
 *   lognormal: p1 = μ, p2 = σ of ln X (from p50/p99, see model/distributionMoments.ts)
 */
import type { Distribution } from '../../model/schema.ts';
import { lognormalParams } from '../../model/distributionMoments.ts';
import type { Rng } from './rng.ts';

/** The per-node work arrays a kind fills (the svc and alt fields of CompiledNodes). */
export interface WorkArrays {
  svcType: Uint8Array;
  svcP1: Float64Array;
  svcP2: Float64Array;
  altType: Uint8Array;
  altP1: Float64Array;
  altP2: Float64Array;
}

export const D_CONSTANT = 0,
  D_EXPONENTIAL = 1,
  D_UNIFORM = 2,
  D_LOGNORMAL = 3;

export interface CompiledDist {
  type: number;
  p1: number;
  p2: number;
}

export function distributionCompile(d: Distribution): CompiledDist {
  switch (d.type) {
    case 'constant':
      return { type: D_CONSTANT, p1: d.ms, p2: 0 };
    case 'exponential':
      return { type: D_EXPONENTIAL, p1: d.meanMs, p2: 0 };
    case 'uniform':
      return { type: D_UNIFORM, p1: d.minMs, p2: d.maxMs };
    case 'lognormal': {
      const { mu, sigma } = lognormalParams(d.p50Ms, d.p99Ms);
      return { type: D_LOGNORMAL, p1: mu, p2: sigma };
    }
  }
}

/** One sample in ms. */
export function distributionSample(rng: Rng, type: number, p1: number, p2: number): number {
  switch (type) {
    case D_CONSTANT:
      return p1;
    case D_EXPONENTIAL:
      return rng.exp(p1);
    case D_UNIFORM:
      return p1 + (p2 - p1) * rng.next();
    default:
      return Math.exp(p1 + p2 * rng.normal());
  }
}

/** Set node i's own work (0) or alternative work (1) from a distribution. */
export function workSet(c: WorkArrays, i: number, which: 0 | 1, d: Distribution): void {
  const x = distributionCompile(d);
  if (which === 0) {
    c.svcType[i] = x.type;
    c.svcP1[i] = x.p1;
    c.svcP2[i] = x.p2;
  } else {
    c.altType[i] = x.type;
    c.altP1[i] = x.p1;
    c.altP2[i] = x.p2;
  }
}
