/** Load balancer: spreads calls over its backends. */
import type { KindDef } from '../types.ts';
import { loadBalancerParams } from './params.ts';
import { loadBalancerEngine } from './engine.ts';
import { loadBalancerAnalysis } from './analysis.ts';
import { loadBalancerCost } from './cost.ts';

export const loadBalancer = {
  kind: 'loadBalancer',
  params: loadBalancerParams,
  meta: {
    name: 'Load balancer',
    color: '#0d9488',
    blurb: 'Spreads calls over backends',
    doc: 'Sends each attempt to one backend (edge). Round robin is smooth weighted round robin (edge `weight`); random is weighted; least-outstanding picks the fewest in-flight calls per unit weight; p2c picks the less loaded of two random backends. Health checks eject a backend after N consecutive failed calls for `ejectS`.',
    icon: [
      { t: 'circle', cx: 5, cy: 12, r: 2.5 },
      { t: 'circle', cx: 19, cy: 5, r: 2 },
      { t: 'circle', cx: 19, cy: 12, r: 2 },
      { t: 'circle', cx: 19, cy: 19, r: 2 },
      { t: 'path', d: 'M7.5 12H17M7 10.5 17 5.8M7 13.5l10 4.7' },
    ],
  },
  summary: (p) =>
    `${p.policy === 'p2c' ? 'power of 2' : p.policy.replace(/([A-Z])/g, ' $1').toLowerCase()}${p.healthCheck.enabled ? ' · health checks' : ''}`,
  wiring: { noCallsError: 'load balancer has no backends' },
  engine: loadBalancerEngine,
  analysis: loadBalancerAnalysis,
  cost: loadBalancerCost,
} satisfies KindDef<'loadBalancer', typeof loadBalancerParams>;
