/** The static analysis' view of a database: its connection pool in front of a read/write mixture. */
import { distributionIsZero } from '../../model/distributionMoments.ts';
import { mixtureMoments, type Station } from '../../analysis/stationLoad.ts';
import type { KindAnalysis } from '../types.ts';
import type { DatabaseParams } from './params.ts';

export const databaseAnalysis: KindAnalysis<DatabaseParams> = {
  station(p) {
    const m = mixtureMoments([
      { weight: p.writeFraction, dist: p.writeTime },
      { weight: 1 - p.writeFraction, dist: p.readTime },
    ]);
    const st: Station = { servers: p.poolSize, ...m, queueCapacity: p.queueCapacity };
    if (p.contention.enabled && p.contention.alpha > 0) st.contention = p.contention;
    return st;
  },
  errorRate: (p) => p.errorRate,
  eventsPerVisit: (p) => (distributionIsZero(p.readTime) && distributionIsZero(p.writeTime) ? 0 : 1),
};
