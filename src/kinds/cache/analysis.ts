/** The static analysis' view of a cache: hits answer at once, misses go downstream. */
import { distributionIsZero, distributionMean } from '../../model/distributionMoments.ts';
import { cacheHitRatio } from '../../analysis/cacheHitRatio.ts';
import { fmt, pct } from '../../analysis/fmt.ts';
import type { KindAnalysis } from '../types.ts';
import type { CacheParams } from './params.ts';

export const cacheAnalysis: KindAnalysis<CacheParams> = {
  // A key-space cache's hit ratio depends on the request rate (how many keys are fresh).
  nonLinear: (p) => p.mode === 'keyspace',
  filter(p, _id, inflow, fwd) {
    const h = cacheHitRatio(
      p,
      inflow.reduce((a, x) => a + x, 0),
    );
    for (let s = 0; s < fwd.length; s++) fwd[s]! *= 1 - h;
    return { forwardedFraction: 1 - h, hitRatio: h };
  },
  load(p, x) {
    const h = x.hitRatio;
    const how = p.mode === 'keyspace' ? ' (estimated: Zipf popularity, LRU by the Che approximation, TTL)' : '';
    return {
      arrivalRps: x.lambda,
      capacityRps: null,
      utilization: null,
      workers: 0,
      hitRatio: h,
      note: `Hit ratio ${pct(h)}${how}: ${fmt(x.lambda * (1 - h))} rps of misses go downstream.`,
    };
  },
  response: (p, x) => ({ ownMs: distributionMean(p.hitTime), downstreamFactor: 1 - x.hitRatio }),
  eventsPerVisit: (p) => (distributionIsZero(p.hitTime) ? 0 : 1),
};
