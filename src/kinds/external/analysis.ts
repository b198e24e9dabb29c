/** The static analysis' view of an external endpoint: unlimited (M/G/∞), or a loss system when it caps concurrency. */
import { distributionIsZero, distributionMean, distributionScv } from '../../model/distributionMoments.ts';
import { distributionShape } from '../../analysis/stationLoad.ts';
import type { KindAnalysis } from '../types.ts';
import type { ExternalParams } from './params.ts';

export const externalAnalysis: KindAnalysis<ExternalParams> = {
  station(p) {
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
  },
  errorRate: (p) => p.errorRate,
  eventsPerVisit: (p) => (distributionIsZero(p.latency) ? 0 : 1),
};
