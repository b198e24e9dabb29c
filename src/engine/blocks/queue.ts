/**
 * Queue / broker, SQS-like and at-least-once: enqueue with capacity, delivery to consumers
 * with a free worker, visibility timeout and redelivery, ack by message id, dead-letter after
 * maxReceiveCount.
 * Functions over the Simulation's state; no DOM, no allocation per event on the hot paths.
 */
import type { Simulation } from '../Simulation.ts';
import { CAUSE_CRASH, CAUSE_REDELIVERY } from '../stats/Metrics.ts';
import { EV_VISIBILITY, OP_DISPATCH, ST_FULL, ST_OK, UP, fmtMs } from '../constants.ts';

export function queueEnqueue(sim: Simulation, j: number, q: number): void {
  const Q = sim.msg, m = sim.model;
  if (sim.stored[q]! >= m.queueCap[q]!) {
    sim.finishJob(j, ST_FULL);
    return;
  }
  const x = Q.get();
  const r = sim.job.req[j]!;
  Q.req[x] = r;
  Q.key[x] = sim.job.key[j]!;
  Q.receives[x] = 0;
  Q.enq[x] = sim.now;
  Q.serial[x] = sim.serialNext++;
  Q.inflight[x] = 0;
  Q.deleted[x] = 0;
  Q.cause[x] = sim.job.cause[j]!;
  Q.queue[x] = q;
  Q.crashed[x] = 0;
  Q.edgeIn[x] = -1;
  Q.span[x] = sim.job.span[j]!;
  if (Q.span[x]! >= 0) sim.traceEvent(j, 'enqueue', `message stored (${sim.metrics.qLen[q]! + 1} waiting)`);
  sim.req.refs[r]!++;
  sim.stored[q]!++;
  sim.metrics.enqueued[q]!++;
  queueMakeVisible(sim, x, q);
  if (sim.zeroWork[q]) {
    // The producer's ack is immediate and answers upstream first; dispatch after that hop.
    sim.work.push(OP_DISPATCH, q, 0, 0);
    sim.startOwnWork(j, q);
    return;
  }
  sim.startOwnWork(j, q); // the producer's ack after enqueueMs
  queueDispatch(sim, q);
}

/** Hand visible messages of queue q to consumers with a free worker. Returns true if any was delivered. */
export function queueDispatch(sim: Simulation, q: number): boolean {
  const m = sim.model, M = sim.metrics, vis = sim.visible[q]!;
  const s0 = m.outStart[q]!, s1 = m.outStart[q + 1]!;
  const nc = s1 - s0;
  if (nc === 0) return false;
  let any = false;
  while (vis.length > 0) {
    let consumer = -1, edge = -1;
    for (let k = 0; k < nc; k++) {
      const s = s0 + ((sim.consumerRR[q]! + k) % nc);
      const e = m.outEdges[s]!;
      const c = m.dst[e]!;
      if (M.busy[c]! < sim.effWorkers[c]! && sim.waitQ[c]!.length === 0 && sim.down[c] === UP) {
        consumer = c; edge = e;
        sim.consumerRR[q] = (s - s0 + 1) % nc;
        break;
      }
    }
    if (consumer < 0) return any;
    const x = vis.popFront();
    const Q = sim.msg;
    Q.listed[x] = 0;
    if (Q.deleted[x]) { Q.deleted[x] = 0; Q.give(x); continue; } // acked while it waited here
    M.touch(q, sim.now, sim.measuring);
    M.qLen[q]!--;
    queueDeliver(sim, x, q, consumer, edge);
    any = true;
  }
  return any;
}

export function queueDeliver(sim: Simulation, x: number, q: number, c: number, e: number): void {
  const Q = sim.msg, M = sim.metrics;
  Q.receives[x]!++;
  Q.inflight[x] = 1;
  M.deliveries[q]! += sim.measuring ? 1 : 0;
  const cause = Q.receives[x]! > 1 ? (Q.crashed[x] ? CAUSE_CRASH : CAUSE_REDELIVERY) : Q.cause[x]!;
  if (Q.receives[x]! > 1) sim.req.cause[Q.req[x]!] = cause;
  const vis = (sim.model.doc.nodes[q] as { params: { visibilityTimeoutS: number } }).params.visibilityTimeoutS * 1000;
  sim.timers.push(sim.model.m + q, sim.now + vis, EV_VISIBILITY, x, Q.serial[x]! % 0x7fffffff, Q.receives[x]!);
  const j = sim.newJob(c, Q.req[x]!, -1, Q.key[x]!, cause, e);
  sim.job.msg[j] = x;
  sim.job.msgSerial[j] = Q.serial[x]!;
  if (Q.span[x]! >= 0) {
    sim.traceSpan(j, Q.span[x]!, Q.receives[x]!);
    sim.traceEvent(j, 'receive', `received (receive #${Q.receives[x]}, message age ${fmtMs(sim.now - Q.enq[x]!)})`);
  }
  sim.metrics.eAttempts[e]!++;
  sim.arrive(j);
}

/** A consumer finished a message: ack (delete) on success, unless it crashed before the ack. */
export function queueConsumerDone(sim: Simulation, j: number, status: number): void {
  const Q = sim.msg, J = sim.job;
  const x = J.msg[j]!;
  if (Q.serial[x] !== J.msgSerial[j] || Q.req[x] === -1) return;
  const c = J.node[j]!;
  if (status !== ST_OK) {
    sim.metrics.eErrors[J.edgeIn[j]!]!++;
    if (J.span[j]! >= 0) sim.traceEvent(j, 'nack', 'failed: no ack, the message returns after the visibility timeout');
    return;
  }
  if (sim.crashP[c]! > 0 && sim.rng.next() < sim.crashP[c]!) {
    Q.crashed[x] = 1;
    if (J.span[j]! >= 0) sim.traceEvent(j, 'crash', 'consumer crashed after its work, before the ack');
    return;
  }
  if (J.span[j]! >= 0) sim.traceEvent(j, 'ack', `acked and deleted (age ${fmtMs(sim.now - Q.enq[x]!)})`);
  queueDelete(sim, x, true);
}

/** Put message x on queue q's visible list (the backlog that `queue` metrics count). */
export function queueMakeVisible(sim: Simulation, x: number, q: number): void {
  const M = sim.metrics;
  M.touch(q, sim.now, sim.measuring);
  M.qLen[q]!++;
  if (M.qLen[q]! > M.bqMax[q]!) M.bqMax[q] = M.qLen[q]!;
  if (sim.measuring && M.qLen[q]! > M.qMax[q]!) M.qMax[q] = M.qLen[q]!;
  sim.msg.listed[x] = 1;
  sim.visible[q]!.pushBack(x);
}

export function queueDelete(sim: Simulation, x: number, acked: boolean): void {
  const Q = sim.msg, M = sim.metrics;
  const q = Q.queue[x]!;
  sim.stored[q]!--;
  Q.inflight[x] = 0;
  if (Q.listed[x]) {
    // Redelivered copy still waiting in the visible list: drop it from the backlog now,
    // free the slot when dispatch pops it.
    M.touch(q, sim.now, sim.measuring);
    M.qLen[q]!--;
  }
  if (acked) {
    const age = sim.now - Q.enq[x]!;
    M.sCompleted[q * M.buckets + sim.bucket]!++;
    M.hist[q]!.add(age);
    if (sim.measuring) { M.completed[q]!++; if (age > M.latMax[q]!) M.latMax[q] = age; }
  }
  const r = Q.req[x]!;
  Q.req[x] = -1;
  Q.serial[x] = -1;
  if (Q.listed[x]) Q.deleted[x] = 1;
  else Q.give(x);
  sim.unref(r);
}

export function queueVisibilityExpired(sim: Simulation, x: number, serial: number, receives: number): void {
  const Q = sim.msg;
  if (Q.serial[x]! % 0x7fffffff !== serial || Q.receives[x] !== receives || !Q.inflight[x]) return;
  const q = Q.queue[x]!;
  Q.inflight[x] = 0;
  const sp = Q.span[x]!;
  if (sp >= 0) sim.tracer!.event(sim.req.trace[Q.req[x]!]!, sp, sim.now, 'visibility', `visibility timeout expired after receive #${receives}: message visible again`);
  const node = sim.model.doc.nodes[q]!;
  const maxRc = node.kind === 'queue' ? node.params.maxReceiveCount : 0;
  if (maxRc > 0 && receives >= maxRc) {
    const M = sim.metrics;
    M.sDlq[q * M.buckets + sim.bucket]!++;
    if (sim.measuring) M.dlq[q]!++;
    if (sp >= 0) sim.tracer!.event(sim.req.trace[Q.req[x]!]!, sp, sim.now, 'dlq', `moved to the dead-letter queue after ${receives} receives`);
    queueDelete(sim, x, false);
    return;
  }
  queueMakeVisible(sim, x, q);
  queueDispatch(sim, q);
}
