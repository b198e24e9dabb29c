/**
 * Load balancer cost model: a managed balancer, $0.0225 per hour plus $0.40 per million requests
 * (an application load balancer's hourly price and its capacity units, folded into requests).
 */
import type { KindCost } from '../types.ts';
import { costPerHour, costPerMillion } from '../costUnits.ts';
import type { LoadBalancerParams } from './params.ts';

export const LB_USD_PER_HOUR = 0.0225;
export const LB_USD_PER_MILLION_REQUESTS = 0.4;

export const loadBalancerCost: KindCost<LoadBalancerParams> = (_p, u) => [
  costPerHour('balancer', 1, LB_USD_PER_HOUR),
  costPerMillion('requests', u.arrivalRps, LB_USD_PER_MILLION_REQUESTS),
];
