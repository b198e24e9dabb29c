/** The static analysis' view of a gateway: a token bucket, global or per client, forwards what it admits. */
import { fmt } from '../../analysis/fmt.ts';
import type { KindAnalysis } from '../types.ts';
import type { GatewayParams } from './params.ts';

export const gatewayAnalysis: KindAnalysis<GatewayParams> = {
  nonLinear: () => true,
  filter(p, id, inflow, fwd) {
    const lambda = inflow.reduce((a, x) => a + x, 0);
    const r = p.rateRps;
    if (p.scope === 'global') {
      const f = lambda > r ? r / lambda : 1;
      for (let s = 0; s < fwd.length; s++) fwd[s]! *= f;
    } else {
      for (let s = 0; s < fwd.length; s++) fwd[s] = Math.min(fwd[s]!, r);
    }
    const passed = fwd.reduce((a, x) => a + x, 0);
    return { forwardedFraction: lambda > 0 ? passed / lambda : 1, ...(passed < lambda ? { reason: `rate limiting at "${id}"` } : {}) };
  },
  load(p, x) {
    const r = p.rateRps;
    const lambda = x.lambda;
    const passed = lambda * x.forwardedFraction;
    const perClient = p.scope === 'perClient';
    const active = x.inflow.filter((v) => v > 0).length;
    const capacityRps = perClient ? r * Math.max(1, active) : r;
    const busiest = perClient ? Math.max(0, ...x.inflow) : lambda;
    const utilization = r > 0 ? busiest / r : lambda > 0 ? Infinity : 0;
    const scope = perClient ? `per client (utilization is the busiest client's share of its bucket)` : 'global';
    return {
      arrivalRps: lambda,
      capacityRps,
      utilization,
      workers: 0,
      note: `Token bucket ${fmt(r)} rps, burst ${fmt(p.burst)}, ${scope}: forwards ${fmt(passed)} rps, rejects ${fmt(lambda - passed)} rps with 429 (retries of 429s not counted).`,
    };
  },
  response: (p, x) => ({ ownMs: p.overheadMs, downstreamFactor: x.forwardedFraction }),
  eventsPerVisit: (p) => (p.overheadMs > 0 ? 1 : 0),
};
