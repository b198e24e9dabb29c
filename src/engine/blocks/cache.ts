/**
 * Key-space cache: Zipf(s) key popularity over `keys` keys, LRU with `capacity` entries,
 * TTL set when an entry is filled (not refreshed on hits), optional request coalescing.
 *
 *   entries: Map<key, slot>; per slot: key, expiresAt, prev/next (LRU list, head = most recent)
 *   filling: Map<key, waiting job ids> while a miss for that key is being fetched downstream
 * Without coalescing every request that misses during a fill goes downstream too — the
 * stampede. With coalescing the first miss fetches and the others wait for its answer.
 */
import type { Rng } from '../core/rng.ts';
import { ZipfSampler } from '../core/zipf.ts';

export class KeyspaceCache {
  private readonly zipf: ZipfSampler;
  private readonly capacity: number;
  private readonly ttlMs: number;
  readonly coalesce: boolean;
  private readonly slotOf = new Map<number, number>();
  private readonly keyAt: Float64Array;
  private readonly expires: Float64Array;
  private readonly prev: Int32Array;
  private readonly next: Int32Array;
  private head = -1;
  private tail = -1;
  private used = 0;
  /** Jobs waiting on an in-flight fill, by key (coalescing only). */
  readonly filling = new Map<number, number[]>();

  constructor(p: { keys: number; zipfS: number; capacity: number; ttlS: number; coalesce: boolean }) {
    this.zipf = new ZipfSampler(p.keys, p.zipfS);
    this.capacity = Math.min(p.capacity, p.keys);
    this.ttlMs = p.ttlS > 0 ? p.ttlS * 1000 : Infinity;
    this.coalesce = p.coalesce;
    const n = this.capacity;
    this.keyAt = new Float64Array(n);
    this.expires = new Float64Array(n);
    this.prev = new Int32Array(n);
    this.next = new Int32Array(n);
  }

  sampleKey(rng: Rng): number {
    return this.zipf.sample(rng);
  }

  /** True on a fresh hit (and marks the entry most recently used). */
  lookup(key: number, now: number): boolean {
    const s = this.slotOf.get(key);
    if (s === undefined) return false;
    if (now >= this.expires[s]!) return false;
    this.toFront(s);
    return true;
  }

  /** Store a fetched value, evicting the least recently used entry when full. */
  fill(key: number, now: number): void {
    let s = this.slotOf.get(key);
    if (s === undefined) {
      if (this.used < this.capacity) s = this.used++;
      else {
        s = this.tail;
        this.unlink(s);
        this.slotOf.delete(this.keyAt[s]!);
      }
      this.keyAt[s] = key;
      this.slotOf.set(key, s);
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
    const p = this.prev[s]!, n = this.next[s]!;
    if (p >= 0) this.next[p] = n; else this.head = n;
    if (n >= 0) this.prev[n] = p; else this.tail = p;
  }

  private pushFront(s: number): void {
    this.prev[s] = -1;
    this.next[s] = this.head;
    if (this.head >= 0) this.prev[this.head] = s;
    this.head = s;
    if (this.tail < 0) this.tail = s;
  }
}
