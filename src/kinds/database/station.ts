/** The analysis' queueing station for a database: its pool in front of a read/write mixture. */
import { mixtureMoments, type Station } from '../../analysis/stationLoad.ts';
import type { DatabaseParams } from './params.ts';

export function databaseStation(p: DatabaseParams): Station {
  const m = mixtureMoments([
    { weight: p.writeFraction, dist: p.writeTime },
    { weight: 1 - p.writeFraction, dist: p.readTime },
  ]);
  const st: Station = { servers: p.poolSize, ...m, queueCapacity: p.queueCapacity };
  if (p.contention.enabled && p.contention.alpha > 0) st.contention = p.contention;
  return st;
}
