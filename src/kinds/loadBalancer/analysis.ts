/** The static analysis' view of a load balancer: it splits by weight (every policy does, in expectation). */
import type { KindAnalysis } from '../types.ts';
import type { LoadBalancerParams } from './params.ts';

const POLICY_NAMES = {
  roundRobin: 'round-robin split',
  leastOutstanding: 'least-outstanding routing',
  p2c: 'power-of-two-choices routing',
} as const;

export const loadBalancerAnalysis: KindAnalysis<LoadBalancerParams> = {
  shares(_p, edges) {
    const total = edges.reduce((acc, e) => acc + e.params.weight, 0);
    return edges.map((e) => (total > 0 ? e.params.weight / total : 0));
  },
  routingNote: (p, id) => (p.policy === 'random' ? null : `${POLICY_NAMES[p.policy]} at "${id}"`),
  load: (p, x) => ({
    arrivalRps: x.lambda,
    capacityRps: null,
    utilization: null,
    workers: 0,
    note:
      p.policy === 'random'
        ? 'Random split: each backend sees Poisson arrivals if the input is Poisson.'
        : `${POLICY_NAMES[p.policy]}: spreads by weight in expectation and smooths each backend's arrivals (less queueing than the Poisson formulas predict).`,
  }),
  response: (p) => ({ ownMs: p.overheadMs, downstreamFactor: 1 }),
  eventsPerVisit: (p) => (p.overheadMs > 0 ? 1 : 0),
};
