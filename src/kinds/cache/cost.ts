/**
 * Cache cost model: a node at $0.03 per hour, plus memory for `capacity` entries of the problem's
 * record size at $10 per GB-month (a managed in-memory cache's price per GB).
 */
import type { KindCost } from '../types.ts';
import { costPerGb, costPerHour } from '../costUnits.ts';
import type { CacheParams } from './params.ts';

export const CACHE_USD_PER_NODE_HOUR = 0.03;
export const CACHE_USD_PER_GB_MONTH = 10;

export const cacheCost: KindCost<CacheParams> = (p, _u, env) => [
  costPerHour('cache node', 1, CACHE_USD_PER_NODE_HOUR),
  costPerGb('memory', p.capacity * env.bytesPerRecord, CACHE_USD_PER_GB_MONTH),
];
