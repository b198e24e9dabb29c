/**
 * Queue / broker engine, SQS-like and at-least-once: producers get an ack after enqueueMs;
 * messages are delivered to consumers (services on its out-edges) with a free worker,
 * round robin; a received message is hidden for the visibility timeout and comes back unless
 * the consumer acks it; after maxReceiveCount receives it moves to the dead-letter queue.
 * Acks delete by message id while the message exists (SQS's rotating receipt handle is not
 * modelled). A poison message (a share `poisonFraction` of message ids, fixed per idempotency
 * key) is flagged F_POISON on every delivery, and its consumer fails it after its work
 * (DONE_CALLS_CHECKED), so it reaches the dead-letter queue after exactly maxReceiveCount receives.
 *
 *   EV_NODE payload (through the node's timer list, one fixed delay)
 *                    b = message slot, c = its delivery token   the visibility timeout expired
 *
 * State per queue: a message pool (struct of arrays with a free list), the visible list
 * (what the backlog metrics count), messages stored (visible + in flight, what capacity
 * limits), the round-robin position over consumers.
 */
import type { KindContext, KindEngine } from '../types.ts';
import { CAUSE_CRASH, CAUSE_REDELIVERY, DONE_ANSWER, EV_NODE, F_POISON, OP_RESUME, ST_FULL, ST_OK } from '../../engine/codes.ts';
import { workSet } from '../../engine/core/distributions.ts';
import { FreeList, IntDeque, growF64, growI32, growU8 } from '../../engine/pools.ts';
import { formatMs } from '../../lib/formatMs.ts';
import type { QueueParams } from './params.ts';

class MessagePool extends FreeList {
  req = new Int32Array(0);
  key = new Float64Array(0);
  receives = new Int32Array(0);
  enq = new Float64Array(0);
  serial = new Float64Array(0);
  cause = new Uint8Array(0);
  crashed = new Uint8Array(0);
  poison = new Uint8Array(0);
  span = new Int32Array(0);
  /** Delivery token of the receive in flight, 0 when none: a visibility timer checks it. */
  inflight = new Int32Array(0);
  /** In the visible list; deleted while still listed (its slot is freed when dispatch pops it). */
  listed = new Uint8Array(0);
  deleted = new Uint8Array(0);
  constructor(cap = 256) {
    super(cap);
    this.alloc(cap);
  }
  private alloc(n: number) {
    this.req = growI32(this.req, n);
    this.key = growF64(this.key, n);
    this.receives = growI32(this.receives, n);
    this.enq = growF64(this.enq, n);
    this.serial = growF64(this.serial, n);
    this.cause = growU8(this.cause, n);
    this.crashed = growU8(this.crashed, n);
    this.poison = growU8(this.poison, n);
    this.span = growI32(this.span, n);
    this.inflight = growI32(this.inflight, n);
    this.listed = growU8(this.listed, n);
    this.deleted = growU8(this.deleted, n);
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

interface QueueState {
  msg: MessagePool;
  visible: IntDeque;
  stored: number;
  rr: number;
  visibilityMs: number;
  maxReceives: number;
  poisonFraction: number;
  deliveryNext: number;
  /** Timer list for visibility timeouts. */
  timerList: number;
}

/**
 * Whether the message with idempotency key `key` is poison: hash(key) / 2³² < fraction, so the
 * same ids are poison in every run and a producer's retry of one is poison too. (Its own mix,
 * not the database's write hash, so poison and writes are not the same keys.)
 */
export function messagePoisoned(key: number, fraction: number): boolean {
  if (fraction <= 0) return false;
  if (fraction >= 1) return true;
  let h = Math.imul((key | 0) ^ 0x5bd1e995, 0xcc9e2d51) ^ Math.imul((key / 4294967296) | 0, 0x1b873593);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296 < fraction;
}

/** Put message x on the visible list (the backlog that queue metrics count). */
function makeVisible(ctx: KindContext, q: number, s: QueueState, x: number): void {
  const M = ctx.metrics;
  M.touch(q, ctx.now);
  M.qLen[q]!++;
  if (M.qLen[q]! > M.bqMax[q]!) M.bqMax[q] = M.qLen[q]!;
  if (ctx.measuring && M.qLen[q]! > M.qMax[q]!) M.qMax[q] = M.qLen[q]!;
  s.msg.listed[x] = 1;
  s.visible.pushBack(x);
}

/** Hand visible messages to consumers with a free worker, round robin. True if any was delivered. */
function dispatch(ctx: KindContext, q: number, s: QueueState): boolean {
  const m = ctx.model,
    M = ctx.metrics,
    vis = s.visible,
    Q = s.msg;
  const s0 = m.outStart[q]!,
    s1 = m.outStart[q + 1]!;
  const nc = s1 - s0;
  if (nc === 0) return false;
  let any = false;
  while (vis.length > 0) {
    let consumer = -1,
      edge = -1;
    for (let k = 0; k < nc; k++) {
      const pos = s0 + ((s.rr + k) % nc);
      const e = m.outEdges[pos]!;
      const c = m.dst[e]!;
      if (ctx.canTake(c)) {
        consumer = c;
        edge = e;
        s.rr = (pos - s0 + 1) % nc;
        break;
      }
    }
    if (consumer < 0) return any;
    const x = vis.popFront();
    Q.listed[x] = 0;
    if (Q.deleted[x]) {
      Q.deleted[x] = 0;
      Q.give(x);
      continue;
    } // acked while it waited here
    M.touch(q, ctx.now);
    M.qLen[q]!--;
    deliver(ctx, q, s, x, consumer, edge);
    any = true;
  }
  return any;
}

function deliver(ctx: KindContext, q: number, s: QueueState, x: number, c: number, e: number): void {
  const Q = s.msg,
    M = ctx.metrics;
  Q.receives[x]!++;
  const token = s.deliveryNext++;
  if (s.deliveryNext > 0x7ffffff0) s.deliveryNext = 1;
  Q.inflight[x] = token;
  M.deliveries[q]! += ctx.measuring ? 1 : 0;
  const cause = Q.receives[x]! > 1 ? (Q.crashed[x] ? CAUSE_CRASH : CAUSE_REDELIVERY) : Q.cause[x]!;
  if (Q.receives[x]! > 1) ctx.req.cause[Q.req[x]!] = cause;
  ctx.timers.push(s.timerList, ctx.now + s.visibilityMs, EV_NODE, q, x, token);
  const j = ctx.newJob(c, Q.req[x]!, -1, Q.key[x]!, cause, e);
  if (Q.poison[x]) ctx.job.flags[j] = F_POISON;
  ctx.job.msg[j] = x;
  ctx.job.msgSerial[j] = Q.serial[x]!;
  if (Q.span[x]! >= 0) {
    ctx.traceSpan(j, Q.span[x]!, Q.receives[x]!);
    ctx.traceEvent(j, 'receive', `received (receive #${Q.receives[x]}, message age ${formatMs(ctx.now - Q.enq[x]!)})`);
  }
  M.eAttempts[e]!++;
  ctx.arrive(j);
}

function remove(ctx: KindContext, q: number, s: QueueState, x: number, acked: boolean): void {
  const Q = s.msg,
    M = ctx.metrics;
  s.stored--;
  Q.inflight[x] = 0;
  if (Q.listed[x]) {
    // A redelivered copy still waits in the visible list: drop it from the backlog now, free
    // the slot when dispatch pops it.
    M.touch(q, ctx.now);
    M.qLen[q]!--;
  }
  if (acked) {
    const age = ctx.now - Q.enq[x]!;
    M.sCompleted[q * M.buckets + ctx.bucket]!++;
    M.hist[q]!.add(age);
    if (ctx.measuring) {
      M.completed[q]!++;
      if (age > M.latMax[q]!) M.latMax[q] = age;
    }
  }
  const r = Q.req[x]!;
  Q.req[x] = -1;
  Q.serial[x] = -1;
  if (Q.listed[x]) Q.deleted[x] = 1;
  else Q.give(x);
  ctx.unref(r);
}

export const queueEngine: KindEngine<QueueState, QueueParams> = {
  compile(p, i, c) {
    c.queueCap[i] = p.capacity ?? Infinity;
    workSet(c, i, 0, { type: 'constant', ms: p.enqueueMs });
    c.ownCompletions[i] = 1;
    c.pulled[i] = 1;
    c.donePlan[i] = DONE_ANSWER; // the producer's ack
    c.poison[i] = p.poisonFraction;
  },
  init(p, i, m) {
    return {
      msg: new MessagePool(),
      visible: new IntDeque(),
      stored: 0,
      rr: 0,
      visibilityMs: p.visibilityTimeoutS * 1000,
      maxReceives: p.maxReceiveCount,
      poisonFraction: p.poisonFraction,
      deliveryNext: 1,
      timerList: m.m + i,
    };
  },
  /** Enqueue: store the message (or reject when full), ack the producer after enqueueMs, dispatch. */
  arrive(ctx, j, q, s) {
    const Q = s.msg;
    if (s.stored >= ctx.model.queueCap[q]!) {
      ctx.finishJob(j, ST_FULL);
      return;
    }
    const x = Q.get();
    const r = ctx.job.req[j]!;
    Q.req[x] = r;
    Q.key[x] = ctx.job.key[j]!;
    Q.receives[x] = 0;
    Q.enq[x] = ctx.now;
    Q.serial[x] = ctx.nextSerial();
    Q.inflight[x] = 0;
    Q.deleted[x] = 0;
    Q.cause[x] = ctx.job.cause[j]!;
    Q.crashed[x] = 0;
    Q.poison[x] = s.poisonFraction > 0 && messagePoisoned(Q.key[x]!, s.poisonFraction) ? 1 : 0;
    Q.span[x] = ctx.job.span[j]!;
    if (Q.span[x]! >= 0) ctx.traceEvent(j, 'enqueue', `message stored (${ctx.metrics.qLen[q]! + 1} waiting)`);
    ctx.req.refs[r]!++;
    s.stored++;
    ctx.metrics.enqueued[q]!++;
    makeVisible(ctx, q, s, x);
    if (ctx.model.svcType[q] === 0 && ctx.model.svcP1[q] === 0) {
      // The producer's ack is immediate and answers upstream first; dispatch after that hop.
      ctx.work.push(OP_RESUME, q, 0, 0);
      ctx.startWork(j, q);
      return;
    }
    ctx.startWork(j, q); // the producer's ack after enqueueMs
    dispatch(ctx, q, s);
  },
  pull(ctx, q, s) {
    return dispatch(ctx, q, s);
  },
  resume(ctx, q, s) {
    dispatch(ctx, q, s);
  },
  /** A consumer finished a message: ack (delete) on success, unless it crashed before the ack. */
  consumerDone(ctx, j, q, status, s) {
    const Q = s.msg,
      J = ctx.job;
    const x = J.msg[j]!;
    if (Q.serial[x] !== J.msgSerial[j] || Q.req[x] === -1) return;
    const c = J.node[j]!;
    if (status !== ST_OK) {
      ctx.metrics.eErrors[J.edgeIn[j]!]!++;
      if (J.span[j]! >= 0) ctx.traceEvent(j, 'nack', 'failed: no ack, the message returns after the visibility timeout');
      return;
    }
    if (ctx.crashP[c]! > 0 && ctx.rng.next() < ctx.crashP[c]!) {
      Q.crashed[x] = 1;
      if (J.span[j]! >= 0) ctx.traceEvent(j, 'crash', 'consumer crashed after its work, before the ack');
      return;
    }
    if (J.span[j]! >= 0) ctx.traceEvent(j, 'ack', `acked and deleted (age ${formatMs(ctx.now - Q.enq[x]!)})`);
    remove(ctx, q, s, x, true);
  },
  timerStale(s, x, token) {
    return s.msg.inflight[x] !== token;
  },
  /** The visibility timeout of a receive expired: visible again, or dead-lettered. */
  event(ctx, q, s, x, token) {
    const Q = s.msg;
    if (Q.inflight[x] !== token) return;
    const receives = Q.receives[x]!;
    Q.inflight[x] = 0;
    const sp = Q.span[x]!;
    const r = Q.req[x]!;
    if (sp >= 0) ctx.traceRequestEvent(r, sp, 'visibility', `visibility timeout expired after receive #${receives}: message visible again`);
    if (s.maxReceives > 0 && receives >= s.maxReceives) {
      const M = ctx.metrics;
      M.sDlq[q * M.buckets + ctx.bucket]!++;
      if (ctx.measuring) M.dlq[q]!++;
      if (sp >= 0) ctx.traceRequestEvent(r, sp, 'dlq', `moved to the dead-letter queue after ${receives} receives`);
      remove(ctx, q, s, x, false);
      return;
    }
    makeVisible(ctx, q, s, x);
    dispatch(ctx, q, s);
  },
};

/** Messages stored (visible + in flight) at queue node state `s` (for conservation checks). */
export function queueStored(s: unknown): number {
  return (s as QueueState).stored;
}
