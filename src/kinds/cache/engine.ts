/**
 * Cache engine. Hit-ratio mode: each lookup hits with probability h. Key-space mode: Zipf(s)
 * popularity over `keys` keys, LRU with `capacity` entries, TTL set when an entry is filled
 * (not refreshed on hits), optional request coalescing. A miss goes to the cache's backends
 * (its calls) and fills the entry when it answers.
 *
 * Without coalescing, every request that misses during a fill goes downstream too: the
 * stampede. With coalescing the first miss fetches and the others wait for its answer.
 *
 * Warm start: the cache begins in an LRU steady state (see `warm`), its expiries spread
 * uniformly over (0, TTL]. A flush (scenario failure) empties it.
 *
 * A request looks up one key: every attempt of the same request at this cache (a retry at any
 * level) looks up the key its first attempt drew (reqKey/reqSerial, indexed by the request's pool
 * index and checked against its serial, so a recycled index draws afresh).
 *
 * Key-space state (typed arrays, no Maps):
 *   slotOf[key]     LRU slot holding the key, −1 if none
 *   per slot        keyAt, expires, prev/next (LRU list, head = most recent)
 *   fillHead[key]   −2 no fill in flight; −1 a fill, no waiters; ≥ 0 the last waiter to arrive
 *                   (waiters are linked newest first through JobPool.link)
 */
import type { KindContext, KindEngine } from '../types.ts';
import { F_MISS, OP_FINISH, OP_LEAVE, ST_OK } from '../../engine/codes.ts';
import { workSet } from '../../engine/core/distributions.ts';
import { ZipfSampler } from '../../engine/core/zipf.ts';
import type { CacheParams } from './params.ts';

const NO_FILL = -2,
  FILLING = -1;

class KeyspaceCache {
  readonly zipf: ZipfSampler;
  private readonly capacity: number;
  private readonly ttlMs: number;
  readonly coalesce: boolean;
  private readonly slotOf: Int32Array;
  private readonly keyAt: Float64Array;
  private readonly expires: Float64Array;
  private readonly prev: Int32Array;
  private readonly next: Int32Array;
  readonly fillHead: Int32Array;
  private head = -1;
  private tail = -1;
  private used = 0;

  /** Per request pool index: the key its first lookup drew, and that request's serial. */
  reqKey = new Float64Array(0);
  reqSerial = new Float64Array(0);

  constructor(p: CacheParams) {
    this.zipf = new ZipfSampler(p.keys, p.zipfS);
    this.capacity = Math.min(p.capacity, p.keys);
    this.ttlMs = p.ttlS > 0 ? p.ttlS * 1000 : Infinity;
    this.coalesce = p.coalesce;
    this.slotOf = new Int32Array(p.keys).fill(-1);
    this.fillHead = p.coalesce ? new Int32Array(p.keys).fill(NO_FILL) : new Int32Array(0);
    const n = this.capacity;
    this.keyAt = new Float64Array(n);
    this.expires = new Float64Array(n);
    this.prev = new Int32Array(n);
    this.next = new Int32Array(n);
    this.pendingWarm = p.start === 'warm';
  }

  /** True until the first lookup of a warm cache, which fills it first (warm). */
  pendingWarm = false;

  /**
   * Fill the cache in its steady state (under independent requests, an LRU's content is the C
   * most recently requested distinct keys, most recent first): draw keys from the popularity
   * until C = min(capacity, keys) distinct keys are drawn — as if read backwards from t = 0 — and
   * list them in draw order, the first drawn the most recently used. The draws stop at 50·C; the
   * rest is then filled with the most popular keys missing. Expiries: the entry at position p
   * expires at TTL·(1 + (p·a mod C))/C, a the stride nearest 0.618·C coprime to C, so the
   * expiries are exactly spread over (0, TTL] and not tied to popularity.
   */
  warm(rng: KindContext['rng'], now: number): void {
    this.pendingWarm = false;
    const C = this.capacity;
    const order: number[] = [];
    const seen = new Uint8Array(this.slotOf.length);
    for (let d = 0; d < 50 * C && order.length < C; d++) {
      const k = this.zipf.sample(rng);
      if (!seen[k]) {
        seen[k] = 1;
        order.push(k);
      }
    }
    for (let k = 0; order.length < C; k++) if (!seen[k]) order.push(k);
    let a = Math.max(1, Math.round(0.618 * C));
    while (gcd(a, C) !== 1) a++;
    for (let p = C - 1; p >= 0; p--) {
      const k = order[p]!;
      this.fill(k, now);
      if (this.ttlMs !== Infinity) this.expires[this.slotOf[k]!] = (this.ttlMs * (1 + ((p * a) % C))) / C;
    }
  }

  /** Forget every entry (a flush): each key misses until it is filled again. */
  flush(): void {
    this.pendingWarm = false;
    for (let s = 0; s < this.used; s++) this.slotOf[this.keyAt[s]!] = -1;
    this.used = 0;
    this.head = -1;
    this.tail = -1;
  }

  /** The key request r looks up: the one its first attempt here drew, else a fresh draw. */
  keyFor(r: number, serial: number, rng: KindContext['rng']): number {
    if (r < this.reqKey.length) {
      if (this.reqSerial[r] === serial) return this.reqKey[r]!;
    } else {
      let n = Math.max(1024, this.reqKey.length * 2);
      while (n <= r) n *= 2;
      const k = new Float64Array(n),
        sr = new Float64Array(n).fill(-1);
      k.set(this.reqKey);
      sr.set(this.reqSerial);
      this.reqKey = k;
      this.reqSerial = sr;
    }
    const key = this.zipf.sample(rng);
    this.reqKey[r] = key;
    this.reqSerial[r] = serial;
    return key;
  }

  /** True on a fresh hit (and marks the entry most recently used). */
  lookup(key: number, now: number): boolean {
    const s = this.slotOf[key]!;
    if (s < 0) return false;
    if (now >= this.expires[s]!) return false;
    this.toFront(s);
    return true;
  }

  /** Store a fetched value, evicting the least recently used entry when full. */
  fill(key: number, now: number): void {
    let s = this.slotOf[key]!;
    if (s < 0) {
      if (this.used < this.capacity) s = this.used++;
      else {
        s = this.tail;
        this.unlink(s);
        this.slotOf[this.keyAt[s]!] = -1;
      }
      this.keyAt[s] = key;
      this.slotOf[key] = s;
      this.pushFront(s);
    } else this.toFront(s);
    this.expires[s] = now + this.ttlMs;
  }

  private toFront(s: number): void {
    if (this.head === s) return;
    this.unlink(s);
    this.pushFront(s);
  }

  private unlink(s: number): void {
    const p = this.prev[s]!,
      n = this.next[s]!;
    if (p >= 0) this.next[p] = n;
    else this.head = n;
    if (n >= 0) this.prev[n] = p;
    else this.tail = p;
  }

  private pushFront(s: number): void {
    this.prev[s] = -1;
    this.next[s] = this.head;
    if (this.head >= 0) this.prev[this.head] = s;
    this.head = s;
    if (this.tail < 0) this.tail = s;
  }
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

interface CacheState {
  hitRatio: number;
  ks: KeyspaceCache | null;
}

function hit(ctx: KindContext, j: number, i: number): false {
  if (ctx.measuring) ctx.metrics.cacheHits[i]!++;
  ctx.finishJob(j, ST_OK);
  return false;
}

export const cacheEngine: KindEngine<CacheState, CacheParams> = {
  compile(p, i, c) {
    workSet(c, i, 0, p.hitTime);
  },
  init(p) {
    return { hitRatio: p.hitRatio, ks: p.mode === 'keyspace' ? new KeyspaceCache(p) : null };
  },
  /** The lookup, after the hit time: answer a hit, park behind a fill, or go downstream (true). */
  workDone(ctx, j, i, st) {
    const m = ctx.model,
      M = ctx.metrics;
    const noBackend = m.outStart[i + 1]! === m.outStart[i]!;
    const cache = st.ks;
    if (!cache) {
      if (noBackend || ctx.rng.next() < st.hitRatio) return hit(ctx, j, i);
      if (ctx.measuring) M.cacheMisses[i]!++;
      return true;
    }
    if (cache.pendingWarm) cache.warm(ctx.rng, 0);
    const r = ctx.job.req[j]!;
    const key = cache.keyFor(r, ctx.req.serial[r]!, ctx.rng);
    ctx.job.aux[j] = key;
    if (cache.lookup(key, ctx.now) || noBackend) {
      if (noBackend) cache.fill(key, ctx.now);
      return hit(ctx, j, i);
    }
    if (ctx.measuring) M.cacheMisses[i]!++;
    if (cache.coalesce) {
      const h = cache.fillHead[key]!;
      if (h !== NO_FILL) {
        ctx.job.link[j] = h;
        cache.fillHead[key] = j;
        return false;
      }
      cache.fillHead[key] = FILLING;
    }
    ctx.job.flags[j]! |= F_MISS;
    return true;
  },
  /**
   * A miss came back from downstream: fill the entry and answer the requests that waited on it.
   * Returns true when it queued waiters: they finish first (in arrival order), then the filling
   * job leaves (OP_LEAVE), as direct calls would have done.
   */
  /** A flush failure: the key-space cache forgets every entry (fills in flight still land). */
  flush(_ctx, _i, st) {
    st.ks?.flush();
  },
  needsJobDone: (st) => st.ks !== null,
  jobDone(ctx, j, _i, status, st) {
    const cache = st.ks;
    if (!cache || !(ctx.job.flags[j]! & F_MISS)) return false;
    const key = ctx.job.aux[j]!;
    if (status === ST_OK) cache.fill(key, ctx.now);
    if (!cache.coalesce) return false;
    const h = cache.fillHead[key]!;
    cache.fillHead[key] = NO_FILL;
    if (h < 0) return false;
    ctx.work.push(OP_LEAVE, j, status, 0);
    // Newest first onto the stack, so the oldest waiter runs first.
    for (let w = h; w >= 0; w = ctx.job.link[w]!) ctx.work.push(OP_FINISH, w, status, 0);
    return true;
  },
};
