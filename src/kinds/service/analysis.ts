/** The static analysis' view of a service: its workers and waiting line in front of the service time. */
import { distributionMean, distributionScv } from '../../model/distributionMoments.ts';
import { distributionShape, type Station } from '../../analysis/stationLoad.ts';
import type { KindAnalysis } from '../types.ts';
import type { ServiceParams } from './params.ts';

export const serviceAnalysis: KindAnalysis<ServiceParams> = {
  station(p) {
    const d = p.serviceTime;
    const st: Station = {
      servers: p.workers,
      meanMs: distributionMean(d),
      scv: distributionScv(d),
      shape: distributionShape(d),
      queueCapacity: p.queueCapacity,
    };
    if (p.contention.enabled && p.contention.alpha > 0) st.contention = p.contention;
    return st;
  },
  errorRate: (p) => p.errorRate,
  consumerRps(p, effectiveMeanMs) {
    const mean = Number.isFinite(effectiveMeanMs) ? effectiveMeanMs : distributionMean(p.serviceTime);
    return mean > 0 ? (1000 * p.workers) / mean : Infinity;
  },
  holdsWorker: (p, consumer) => p.blockingCalls || consumer,
};
