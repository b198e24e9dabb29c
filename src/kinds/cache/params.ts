/** Cache parameters: a fixed hit ratio, or a key space with Zipf popularity, LRU and TTL. */
import { z } from 'zod';
import { dist, int, prob } from '../../model/params.ts';

export const cacheParams = z.strictObject({
  mode: z
    .enum(['hitRatio', 'keyspace'])
    .default('hitRatio')
    .describe(
      'hitRatio: each request hits with a fixed probability; keyspace: real keys, so hit ratio follows from popularity, capacity and TTL, and expiries can stampede',
    ),
  hitRatio: prob(0.8).describe(
    'Share of requests answered by the cache; the backend sees (1 − hit ratio) of the traffic, so a small drop can overload it',
  ),
  hitTime: dist({ type: 'constant', ms: 1 }).describe('Time to answer a lookup'),
  keys: int(10_000, 1, 10_000_000).describe('Distinct keys requested'),
  zipfS: z
    .number()
    .min(0)
    .max(5)
    .default(1)
    .describe('Popularity skew (Zipf exponent): 0 = all keys equally popular; 1 = a few hot keys take most traffic'),
  capacity: int(1_000, 1, 10_000_000).describe('Entries kept; the least recently used is evicted'),
  ttlS: z
    .number()
    .min(0)
    .max(30 * 86_400)
    .default(60)
    .describe(
      'Entries expire this long after they were filled (hits do not extend them); 0 = never. A hot key’s expiry sends every request arriving during the refill to the backend: a stampede',
    ),
  start: z
    .enum(['cold', 'warm'])
    .default('cold')
    .describe(
      'Key-space mode. cold: the run starts with an empty cache (every first lookup misses, as after a deploy or a flush); warm: it starts holding the min(capacity, keys) most popular keys, their expiries spread uniformly over the TTL, so hit ratios are at steady state from t = 0',
    ),
  coalesce: z
    .boolean()
    .default(false)
    .describe('Concurrent misses on one key wait for a single fill (singleflight): one backend query per expiry instead of a stampede'),
});
export type CacheParams = z.output<typeof cacheParams>;
