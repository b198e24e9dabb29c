/**
 * EventQueue: a binary min-heap of pending events ordered by (time, seq).
 *
 * Memory layout (struct of arrays, grown by doubling):
 *   heap order:  time: Float64Array  slot: Int32Array                      (length = size)
 *   payload:     kind: Uint8Array    a, b, c: Int32Array  seq: Float64Array (indexed by slot)
 *   free slots:  freeSlots: Int32Array (stack)
 * `seq` increases monotonically, so events at the same time pop in the order they were
 * scheduled; the heap's own tie order is never relied on. `seq` lives with the payload and is
 * read only on time ties, so sifting moves two arrays, not three.
 */
export class EventQueue {
  size = 0;
  private seqNext = 0;
  private time: Float64Array;
  private seq: Float64Array;
  private slot: Int32Array;
  kind: Uint8Array;
  a: Int32Array;
  b: Int32Array;
  c: Int32Array;
  private freeSlots: Int32Array;
  private freeTop: number;

  constructor(capacity = 1024) {
    this.time = new Float64Array(capacity);
    this.seq = new Float64Array(capacity);
    this.slot = new Int32Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.a = new Int32Array(capacity);
    this.b = new Int32Array(capacity);
    this.c = new Int32Array(capacity);
    this.freeSlots = new Int32Array(capacity);
    for (let i = 0; i < capacity; i++) this.freeSlots[i] = capacity - 1 - i;
    this.freeTop = capacity;
  }

  private grow(): void {
    const cap = this.time.length;
    const n = cap * 2;
    const g64 = (x: Float64Array) => {
      const y = new Float64Array(n);
      y.set(x);
      return y;
    };
    const g32 = (x: Int32Array) => {
      const y = new Int32Array(n);
      y.set(x);
      return y;
    };
    this.time = g64(this.time);
    this.seq = g64(this.seq);
    this.slot = g32(this.slot);
    const k = new Uint8Array(n);
    k.set(this.kind);
    this.kind = k;
    this.a = g32(this.a);
    this.b = g32(this.b);
    this.c = g32(this.c);
    const f = new Int32Array(n);
    // All old slots are in use when we grow; the new ones are free.
    for (let i = 0; i < cap; i++) f[i] = n - 1 - i;
    this.freeSlots = f;
    this.freeTop = cap;
  }

  /** Schedule an event at absolute time `t` (ms). */
  push(t: number, kind: number, a: number, b: number, c: number): void {
    this.pushSeq(t, this.seqNext++, kind, a, b, c);
  }

  /** Take the next sequence number now, for an event that enters the heap later (a timer list). */
  reserveSeq(): number {
    return this.seqNext++;
  }

  /** Take `n` consecutive sequence numbers now (events scheduled up front but pushed one at a time); returns the first. */
  reserveSeqs(n: number): number {
    const first = this.seqNext;
    this.seqNext += n;
    return first;
  }

  /** Schedule an event with a sequence number taken earlier by reserveSeq(). */
  pushSeq(t: number, sq: number, kind: number, a: number, b: number, c: number): void {
    if (this.freeTop === 0) this.grow();
    const s = this.freeSlots[--this.freeTop]!;
    this.kind[s] = kind;
    this.a[s] = a;
    this.b[s] = b;
    this.c[s] = c;
    const time = this.time,
      seq = this.seq,
      slot = this.slot;
    seq[s] = sq;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = time[p]!;
      if (pt < t || (pt === t && seq[slot[p]!]! < sq)) break;
      time[i] = pt;
      slot[i] = slot[p]!;
      i = p;
    }
    time[i] = t;
    slot[i] = s;
  }

  /** Payload slot of the k-th pending event, 0 ≤ k < size, in heap order (for rare scans that void events). */
  slotAt(k: number): number {
    return this.slot[k]!;
  }

  /** Time of the next event, or Infinity when empty. */
  peekTime(): number {
    return this.size > 0 ? this.time[0]! : Infinity;
  }

  /**
   * Remove the next event and return its payload slot; read kind/a/b/c[slot] before the
   * next push (the slot is recycled by it).
   */
  pop(): number {
    const time = this.time,
      seq = this.seq,
      slot = this.slot;
    const top = slot[0]!;
    const n = --this.size;
    this.freeSlots[this.freeTop++] = top;
    if (n > 0) {
      const t = time[n]!,
        s = slot[n]!;
      let i = 0;
      const half = n >> 1;
      while (i < half) {
        let l = 2 * i + 1;
        const r = l + 1;
        let lt = time[l]!;
        if (r < n) {
          const rt = time[r]!;
          if (rt < lt || (rt === lt && seq[slot[r]!]! < seq[slot[l]!]!)) {
            l = r;
            lt = rt;
          }
        }
        if (t < lt || (t === lt && seq[s]! < seq[slot[l]!]!)) break;
        time[i] = lt;
        slot[i] = slot[l]!;
        i = l;
      }
      time[i] = t;
      slot[i] = s;
    }
    return top;
  }
}
