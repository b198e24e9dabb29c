/**
 * crashNode: a `down` failure with `effect: "crash"`. The process dies: every attempt it holds
 * (waiting for a worker, in its own work, or waiting on its downstream calls) is lost at once.
 * Its callers get an error now (mode failFast: the connection is reset) or nothing (mode hang:
 * they wait for their timeout). Messages its consumers held are not acked, so the queue
 * redelivers them after the visibility timeout. Attempts still on their way to it find it down.
 *
 * Runs once per crash, so it may scan: the heap for the node's pending own-work completions
 * and its calls' backoffs (voided as EV_CANCELLED), the call pool for the calls its attempts
 * made (dropped, so their late answers and timeouts match no token), and the job pool for its
 * attempts. Nothing on the per-event path changes. Kinds whose state holds jobs or messages
 * (caches' coalesced waiters, queues) cannot crash (model/graph.ts says so).
 */
import type { Simulation } from './Simulation.ts';
import { EV_CANCELLED, EV_DELIVER, EV_DONE, EV_RETRY } from './codes.ts';

/** Kill every attempt at node i with `status` (ST_ERROR or ST_HANG); returns how many were lost. */
export function crashNode(sim: Simulation, i: number, status: number): number {
  const J = sim.job,
    C = sim.call,
    eq = sim.eq,
    M = sim.metrics;
  const freeJob = new Uint8Array(J.cap);
  for (let k = 0; k < J.top; k++) freeJob[J.free[k]!] = 1;
  const freeCall = new Uint8Array(C.cap);
  for (let k = 0; k < C.top; k++) freeCall[C.free[k]!] = 1;
  const skip = new Uint8Array(J.cap);
  for (let k = 0; k < eq.size; k++) {
    const s = eq.slotAt(k);
    const kind = eq.kind[s]!,
      a = eq.a[s]!;
    if (kind === EV_DONE && J.node[a] === i) eq.kind[s] = EV_CANCELLED;
    else if (kind === EV_RETRY && J.node[C.job[a]!] === i) eq.kind[s] = EV_CANCELLED;
    else if (kind === EV_DELIVER && J.node[a] === i) skip[a] = 1; // not there yet: it will find the node down
  }
  for (let c = 0; c < C.cap; c++) {
    if (freeCall[c] || J.node[C.job[c]!] !== i) continue;
    if (C.token[c] !== 0) sim.outstanding[C.edge[c]!]!--;
    C.token[c] = 0;
    C.give(c);
  }
  let lost = 0;
  const q = sim.waitQ[i]!;
  while (q.length > 0) {
    const j = q.popFront();
    M.touch(i, sim.now);
    M.qLen[i]!--;
    skip[j] = 1;
    sim.finishJob(j, status);
    lost++;
  }
  // No job is created at node i meanwhile (it is down), so the free-list snapshot stays valid
  // for it: a slot freed or reused by this loop belongs to another node or is marked.
  for (let j = 0; j < J.cap; j++) {
    if (freeJob[j] || skip[j] || J.node[j] !== i) continue;
    skip[j] = 1;
    sim.finishJob(j, status);
    lost++;
  }
  return lost;
}
