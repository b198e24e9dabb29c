/** The analysis' station for an external endpoint: unlimited (M/G/∞), or a loss system when it caps concurrency. */
import { distributionMean, distributionScv } from '../../model/distributionMoments.ts';
import { distributionShape, type Station } from '../../analysis/stationLoad.ts';
import type { ExternalParams } from './params.ts';

export function externalStation(p: ExternalParams): Station {
  const d = p.latency;
  const c = p.concurrency;
  // Calls beyond `concurrency` are refused, not queued: a loss system.
  return {
    servers: c,
    meanMs: distributionMean(d),
    scv: distributionScv(d),
    shape: distributionShape(d),
    queueCapacity: c === null ? null : 0,
  };
}
