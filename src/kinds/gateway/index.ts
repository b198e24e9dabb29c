/** API gateway / rate limiter: a token bucket in front of the services. */
import type { KindDef } from '../types.ts';
import { gatewayParams } from './params.ts';
import { gatewayEngine } from './engine.ts';
import { gatewayAnalysis } from './analysis.ts';
import { gatewayCost } from './cost.ts';

import { num } from '../summary.ts';

export const gateway = {
  kind: 'gateway',
  params: gatewayParams,
  meta: {
    name: 'API gateway',
    color: '#ea580c',
    blurb: 'Token-bucket rate limiter',
    doc: 'Token-bucket rate limiter, then forwards like a service with no work.',
    icon: [
      { t: 'path', d: 'M12 2 4 5v6c0 5 3.4 9.4 8 11 4.6-1.6 8-6 8-11V5l-8-3Z' },
      { t: 'path', d: 'M9 12h6M12 9v6' },
    ],
  },
  summary: (p) => `${num(p.rateRps)} req/s · burst ${num(p.burst)}`,
  wiring: {},
  engine: gatewayEngine,
  analysis: gatewayAnalysis,
  cost: gatewayCost,
  findings: {
    rejectWhy: 'the rate limit',
    rejectAdvice:
      'Expected if the limit protects the backend; make callers honour Retry-After, or raise the rate/burst if the backend has headroom.',
  },
} satisfies KindDef<'gateway', typeof gatewayParams>;
