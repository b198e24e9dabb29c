/** The analysis' queueing station for a service: its workers and its waiting line in front of the service time. */
import { distributionMean, distributionScv } from '../../model/distributionMoments.ts';
import { distributionShape, type Station } from '../../analysis/stationLoad.ts';
import type { ServiceParams } from './params.ts';

export function serviceStation(p: ServiceParams): Station {
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
}
