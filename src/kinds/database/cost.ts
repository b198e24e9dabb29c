/**
 * Database cost model: $0.012 per connection-hour of its pool (instance size grows with the
 * connections it serves: a 20-connection pool ≈ $175/month), $0.20 per million queries (I/O), and
 * storage for what it keeps: each write stores one record of the problem's size for its retention,
 * at $0.115 per GB-month.
 */
import type { KindCost } from '../types.ts';
import { costPerGb, costPerHour, costPerMillion } from '../costUnits.ts';
import type { DatabaseParams } from './params.ts';

export const DB_USD_PER_CONNECTION_HOUR = 0.012;
export const DB_USD_PER_MILLION_QUERIES = 0.2;
export const DB_USD_PER_GB_MONTH = 0.115;

export const databaseCost: KindCost<DatabaseParams> = (p, u, env) => [
  costPerHour('connections', p.poolSize, DB_USD_PER_CONNECTION_HOUR),
  costPerMillion('queries', u.arrivalRps, DB_USD_PER_MILLION_QUERIES),
  costPerGb('storage', u.arrivalRps * p.writeFraction * env.retentionDays * 86_400 * env.bytesPerRecord, DB_USD_PER_GB_MONTH),
];
