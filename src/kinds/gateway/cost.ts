/** API gateway cost model: $1.00 per million requests (a managed HTTP API's list price), rejected ones included. */
import type { KindCost } from '../types.ts';
import { costPerMillion } from '../costUnits.ts';
import type { GatewayParams } from './params.ts';

export const GATEWAY_USD_PER_MILLION_REQUESTS = 1;

export const gatewayCost: KindCost<GatewayParams> = (_p, u) => [costPerMillion('requests', u.arrivalRps, GATEWAY_USD_PER_MILLION_REQUESTS)];
