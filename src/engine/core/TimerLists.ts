/**
 * TimerLists: timers with a fixed delay per list (an edge's timeout, a queue's visibility
 * timeout) kept in FIFO order outside the heap. A list's timers expire in the order they were
 * set, so only its head needs to be in the EventQueue: the heap holds one entry per busy list
 * instead of one per pending timer (a webhook design at 1,000 req/s keeps ~37,000 timers
 * pending and its heap drops to a few entries).
 *
 * Each timer takes its sequence number when it is set (EventQueue.reserveSeq) and enters the
 * heap with it, so events pop in exactly the (time, seq) order they would have had as plain
 * heap events: using timer lists changes no result.
 *
 * Memory layout, per list: a ring buffer (capacity a power of two, grown by doubling) of
 *   time: Float64Array  seq: Float64Array  kind: Uint8Array  a, b, c: Int32Array
 */
import type { EventQueue } from './EventQueue.ts';

export class Ring {
  head = 0;
  length = 0;
  time = new Float64Array(16);
  seq = new Float64Array(16);
  kind = new Uint8Array(16);
  a = new Int32Array(16);
  b = new Int32Array(16);
  c = new Int32Array(16);

  grow(): void {
    const n = this.time.length * 2,
      mask = this.time.length - 1;
    const time = new Float64Array(n),
      seq = new Float64Array(n),
      kind = new Uint8Array(n);
    const a = new Int32Array(n),
      b = new Int32Array(n),
      c = new Int32Array(n);
    for (let k = 0; k < this.length; k++) {
      const s = (this.head + k) & mask;
      time[k] = this.time[s]!;
      seq[k] = this.seq[s]!;
      kind[k] = this.kind[s]!;
      a[k] = this.a[s]!;
      b[k] = this.b[s]!;
      c[k] = this.c[s]!;
    }
    this.time = time;
    this.seq = seq;
    this.kind = kind;
    this.a = a;
    this.b = b;
    this.c = c;
    this.head = 0;
  }
}

export class TimerLists {
  private readonly lists: Ring[];
  private readonly eq: EventQueue;
  /** The event kind the heap entry of a list's head carries (payload a = list index). */
  private readonly headKind: number;
  /** The timer just taken by pop(): its kind and payload. */
  kind = 0;
  a = 0;
  b = 0;
  c = 0;

  constructor(eq: EventQueue, count: number, headKind: number) {
    this.eq = eq;
    this.headKind = headKind;
    this.lists = Array.from({ length: count }, () => new Ring());
  }

  /** Set a timer on list `l` at absolute time `t`; `t` must not be earlier than the list's last timer. */
  push(l: number, t: number, kind: number, a: number, b: number, c: number): void {
    const r = this.lists[l]!;
    const sq = this.eq.reserveSeq();
    if (r.length === r.time.length) r.grow();
    const s = (r.head + r.length) & (r.time.length - 1);
    r.time[s] = t;
    r.seq[s] = sq;
    r.kind[s] = kind;
    r.a[s] = a;
    r.b[s] = b;
    r.c[s] = c;
    if (r.length++ === 0) this.eq.pushSeq(t, sq, this.headKind, l, 0, 0);
  }

  /** The head of list `l` expired (its heap entry popped): take it into kind/a/b/c. Call arm(l) next. */
  take(l: number): void {
    const r = this.lists[l]!;
    const s = r.head;
    this.kind = r.kind[s]!;
    this.a = r.a[s]!;
    this.b = r.b[s]!;
    this.c = r.c[s]!;
    r.head = (s + 1) & (r.time.length - 1);
    r.length--;
  }

  /**
   * Drop the list's leading timers that can no longer do anything (`stale` says which, from
   * their payload) and are due by `until`; returns how many. Staleness must be permanent (a
   * timer that is stale stays stale), so dropping one early changes no result.
   */
  dropStale(l: number, until: number, stale: TimerStale): number {
    const r = this.lists[l]!;
    let n = 0;
    while (r.length > 0) {
      const s = r.head;
      if (r.time[s]! > until || !stale.timerStale(r.kind[s]!, r.a[s]!, r.b[s]!, r.c[s]!)) break;
      r.head = (s + 1) & (r.time.length - 1);
      r.length--;
      n++;
    }
    return n;
  }

  /** Put list `l`'s head (if any) into the EventQueue, with its original (time, seq). */
  arm(l: number): void {
    const r = this.lists[l]!;
    if (r.length > 0) this.eq.pushSeq(r.time[r.head]!, r.seq[r.head]!, this.headKind, l, 0, 0);
  }
}

/** Decides whether a pending timer can still do anything. */
export interface TimerStale {
  timerStale(kind: number, a: number, b: number, c: number): boolean;
}
