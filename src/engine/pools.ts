/**
 * Struct-of-arrays pools with free lists for the three runtime entities. Indices are
 * recycled; anything that can outlive its referent (a timer, a late response) carries a
 * serial/token and checks it, so a recycled index is never mistaken for the old one.
 *
 *   Request  one logical operation from a source (its idempotency key, start, refcount)
 *   Job      one attempt being handled at one node (arrival, stage in its call plan …)
 *   Call     one logical call from a job over an edge, spanning its attempts
 * (A queue's messages are its kind's own pool: src/kinds/queue/engine.ts.)
 */
/** A copy of `a` with room for `n` entries (pools grow by doubling). */
export function growF64(a: Float64Array<ArrayBuffer>, n: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(n);
  b.set(a);
  return b;
}
/** A copy of `a` with room for `n` entries (pools grow by doubling). */
export function growI32(a: Int32Array<ArrayBuffer>, n: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(n);
  b.set(a);
  return b;
}
/** A copy of `a` with room for `n` entries (pools grow by doubling). */
export function growU8(a: Uint8Array<ArrayBuffer>, n: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(n);
  b.set(a);
  return b;
}

/**
 * A stack of free indices. Each pool repeats its own three-line `get()` rather than inheriting
 * one: a shared `get()` would see four pool classes at one call site (a polymorphic property
 * load on the engine's hottest path), and each pool's `alloc` grows its own arrays.
 */
export class FreeList {
  free: Int32Array;
  top = 0;
  cap: number;
  constructor(cap: number) {
    this.cap = cap;
    this.free = new Int32Array(cap);
    for (let i = 0; i < cap; i++) this.free[i] = cap - 1 - i;
    this.top = cap;
  }
  grown(n: number): void {
    const f = new Int32Array(n);
    for (let i = 0; i < n - this.cap; i++) f[i] = n - 1 - i;
    this.top = n - this.cap;
    this.cap = n;
    this.free = f;
  }
  give(i: number): void {
    this.free[this.top++] = i;
  }
}

export class RequestPool extends FreeList {
  source = new Int32Array(0);
  refs = new Int32Array(0);
  start = new Float64Array(0);
  serial = new Float64Array(0);
  key = new Float64Array(0);
  cause = new Uint8Array(0);
  user = new Int32Array(0);
  trace = new Int32Array(0);
  /** Head of the request's side-effect entries (SideEffects.ts), or −1. */
  effects = new Int32Array(0);
  constructor(cap = 1024) {
    super(cap);
    this.alloc(cap);
  }
  private alloc(n: number) {
    this.source = growI32(this.source, n);
    this.refs = growI32(this.refs, n);
    this.start = growF64(this.start, n);
    this.serial = growF64(this.serial, n);
    this.key = growF64(this.key, n);
    this.cause = growU8(this.cause, n);
    this.effects = growI32(this.effects, n);
    this.user = growI32(this.user, n);
    this.trace = growI32(this.trace, n);
  }
  get(): number {
    if (this.top === 0) {
      const g = this.cap * 2;
      this.alloc(g);
      this.grown(g);
    }
    return this.free[--this.top]!;
  }
}

export class JobPool extends FreeList {
  node = new Int32Array(0);
  req = new Int32Array(0);
  call = new Int32Array(0);
  token = new Int32Array(0);
  arrive = new Float64Array(0);
  stage = new Int32Array(0);
  pending = new Int32Array(0);
  failed = new Uint8Array(0);
  cause = new Uint8Array(0);
  key = new Float64Array(0);
  msg = new Int32Array(0);
  msgSerial = new Float64Array(0);
  flags = new Uint8Array(0);
  edgeIn = new Int32Array(0);
  /** For the node's kind: a key-space cache's key. */
  aux = new Float64Array(0);
  /** For the node's kind: the next job in a list (a cache's waiters on one fill). */
  link = new Int32Array(0);
  /** Span index in the request's trace, or −1. */
  span = new Int32Array(0);
  /** The attempt's deadline, absolute ms (Infinity: none). */
  deadline = new Float64Array(0);
  /** Attempts held at its node when its concurrency limiter admitted it (AIMD's inflight); −1 when the limiter refused it. */
  inflight = new Int32Array(0);
  constructor(cap = 1024) {
    super(cap);
    this.alloc(cap);
  }
  private alloc(n: number) {
    this.inflight = growI32(this.inflight, n);
    this.deadline = growF64(this.deadline, n);
    this.node = growI32(this.node, n);
    this.req = growI32(this.req, n);
    this.call = growI32(this.call, n);
    this.token = growI32(this.token, n);
    this.arrive = growF64(this.arrive, n);
    this.stage = growI32(this.stage, n);
    this.pending = growI32(this.pending, n);
    this.failed = growU8(this.failed, n);
    this.cause = growU8(this.cause, n);
    this.key = growF64(this.key, n);
    this.msg = growI32(this.msg, n);
    this.msgSerial = growF64(this.msgSerial, n);
    this.flags = growU8(this.flags, n);
    this.edgeIn = growI32(this.edgeIn, n);
    this.aux = growF64(this.aux, n);
    this.link = growI32(this.link, n);
    this.span = growI32(this.span, n);
  }
  get(): number {
    if (this.top === 0) {
      const g = this.cap * 2;
      this.alloc(g);
      this.grown(g);
    }
    return this.free[--this.top]!;
  }
}

export class CallPool extends FreeList {
  edge = new Int32Array(0);
  job = new Int32Array(0);
  attempt = new Int32Array(0);
  token = new Int32Array(0);
  prevSleep = new Float64Array(0);
  lastFail = new Uint8Array(0);
  retryAfter = new Float64Array(0);
  key = new Float64Array(0);
  cause = new Uint8Array(0);
  probe = new Uint8Array(0);
  /** The call's deadline, absolute ms (Infinity: none), and the job of its current attempt. */
  deadline = new Float64Array(0);
  child = new Int32Array(0);
  constructor(cap = 1024) {
    super(cap);
    this.alloc(cap);
  }
  private alloc(n: number) {
    this.deadline = growF64(this.deadline, n);
    this.child = growI32(this.child, n);
    this.edge = growI32(this.edge, n);
    this.job = growI32(this.job, n);
    this.attempt = growI32(this.attempt, n);
    this.token = growI32(this.token, n);
    this.prevSleep = growF64(this.prevSleep, n);
    this.lastFail = growU8(this.lastFail, n);
    this.retryAfter = growF64(this.retryAfter, n);
    this.key = growF64(this.key, n);
    this.cause = growU8(this.cause, n);
    this.probe = growU8(this.probe, n);
  }
  get(): number {
    if (this.top === 0) {
      const g = this.cap * 2;
      this.alloc(g);
      this.grown(g);
    }
    return this.free[--this.top]!;
  }
}

/** Growable ring-buffer deque of ints (a node's waiting line, a queue's visible messages). */
export class IntDeque {
  buf = new Int32Array(16);
  head = 0;
  length = 0;
  pushBack(v: number): void {
    if (this.length === this.buf.length) this.grow();
    this.buf[(this.head + this.length) & (this.buf.length - 1)] = v;
    this.length++;
  }
  popFront(): number {
    const v = this.buf[this.head]!;
    this.head = (this.head + 1) & (this.buf.length - 1);
    this.length--;
    return v;
  }
  popBack(): number {
    this.length--;
    return this.buf[(this.head + this.length) & (this.buf.length - 1)]!;
  }
  private grow(): void {
    const b = new Int32Array(this.buf.length * 2);
    for (let i = 0; i < this.length; i++) b[i] = this.buf[(this.head + i) & (this.buf.length - 1)]!;
    this.buf = b;
    this.head = 0;
  }
}
