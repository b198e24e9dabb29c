/**
 * Expected steady-state hit ratio of a cache node (SEMANTICS §7). Pure: no DOM, no store.
 *
 * hitRatio mode: h is the configured ratio.
 * keyspace mode — an estimate, not an exact check:
 *  - popularity: Zipf(s) over `keys` keys, key k requested at λ_k = λ·k^{−s}/H;
 *  - TTL (expiry set at write, not refreshed on hits): h_k^TTL = λ_k·TTL/(1 + λ_k·TTL), exact for a
 *    lone key with Poisson requests; with ttlS = 0 entries never expire (h_k^TTL = 1);
 *  - capacity (LRU), Che approximation: a key stays cached for a characteristic time T_C after its
 *    last request, so h_k^LRU = 1 − e^{−λ_k·T_C}, with T_C solving Σ_k occupancy_k = capacity;
 *  - both together: h_k ≈ h_k^LRU·h_k^TTL (the entry must be neither evicted nor expired; the two
 *    are treated as independent), and occupancy_k = h_k^LRU·h_k^TTL (the time fraction a key is
 *    present). When Σ h_k^TTL ≤ capacity the capacity never binds and h_k = h_k^TTL.
 *  Cold-start misses, stampedes and request coalescing are ignored.
 * Ranks above 1,000 are grouped in buckets 2 % wide whose Zipf mass comes from the integral
 * ∫x^{−s}dx, so 10 M keys cost about 1,800 terms.
 */
import type { NodeOf } from '../model/schema.ts';

type CacheParams = NodeOf<'cache'>['params'];

/** @internal ranks grouped for the sums: `count` keys, each with popularity share `share`. */
interface RankBucket {
  count: number;
  share: number;
}

const EXACT_RANKS = 1000;
const BUCKET_GROWTH = 1.02;

/** @internal Zipf(s) popularity over n keys, grouped in rank buckets. */
function zipfBuckets(n: number, s: number): RankBucket[] {
  const buckets: { count: number; mass: number }[] = [];
  const exact = Math.min(n, EXACT_RANKS);
  for (let k = 1; k <= exact; k++) buckets.push({ count: 1, mass: Math.pow(k, -s) });
  let a = exact + 1;
  while (a <= n) {
    const b = Math.min(n + 1, Math.max(a + 1, Math.ceil(a * BUCKET_GROWTH)));
    const lo = a - 0.5;
    const hi = b - 0.5;
    const mass = Math.abs(s - 1) < 1e-12 ? Math.log(hi / lo) : (Math.pow(hi, 1 - s) - Math.pow(lo, 1 - s)) / (1 - s);
    buckets.push({ count: b - a, mass });
    a = b;
  }
  const total = buckets.reduce((acc, x) => acc + x.mass, 0);
  return buckets.map((x) => ({ count: x.count, share: x.mass / x.count / total }));
}

/**
 * Expected hit ratio h ∈ [0, 1] of a cache receiving `lambdaRps` Poisson requests.
 * @example cacheHitRatio({ ...params, mode: 'hitRatio', hitRatio: 0.9 }, 1000) // 0.9
 */
export function cacheHitRatio(params: CacheParams, lambdaRps: number): number {
  if (params.mode === 'hitRatio') return params.hitRatio;
  if (lambdaRps <= 0) return 0;
  const buckets = zipfBuckets(params.keys, params.zipfS);
  const ttl = params.ttlS;
  const ttlHit = buckets.map((b) => {
    if (ttl <= 0) return 1;
    const x = lambdaRps * b.share * ttl;
    return x / (1 + x);
  });
  const occupancyAt = (tc: number) =>
    buckets.reduce((acc, b, i) => acc - b.count * Math.expm1(-lambdaRps * b.share * tc) * (ttlHit[i] ?? 0), 0);
  const unbounded = buckets.reduce((acc, b, i) => acc + b.count * (ttlHit[i] ?? 0), 0);
  let lruHit: (share: number) => number = () => 1;
  if (unbounded > params.capacity) {
    let lo = 0;
    let hi = 1;
    for (let i = 0; i < 2000 && occupancyAt(hi) < params.capacity; i++) hi *= 2;
    for (let i = 0; i < 100; i++) {
      const mid = (lo + hi) / 2;
      if (occupancyAt(mid) < params.capacity) lo = mid;
      else hi = mid;
    }
    const tc = (lo + hi) / 2;
    lruHit = (share) => -Math.expm1(-lambdaRps * share * tc);
  }
  return buckets.reduce((acc, b, i) => acc + b.count * b.share * lruHit(b.share) * (ttlHit[i] ?? 0), 0);
}
