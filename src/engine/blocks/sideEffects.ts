/**
 * Side effects, duplicate counting by operation and cause, and idempotency-key stores (service
 * store, database unique key, receiver dedupe).
 * Functions over the Simulation's state; no DOM, no allocation per event on the hot paths.
 */
import type { Simulation } from '../Simulation.ts';
import { CAUSE_NONE, CAUSE_RETRY_TIMEOUT } from '../stats/Metrics.ts';
import { F_CLAIM, ST_CONFLICT, ST_OK } from '../constants.ts';

/** One execution of a side effect at node i for the job's logical operation. */
export function sideEffectApply(sim: Simulation, j: number, i: number): void {
  const J = sim.job, M = sim.metrics, m = sim.model, R = sim.req;
  const r = J.req[j]!;
  if (m.dedupe[i]) {
    // Unique constraint / receiver dedupe on (idempotency key, operation): applied once.
    // The edge is part of the key, so two different writes of one request do not collide.
    const key = J.key[j]! * 16384 + J.edgeIn[j]! + 1;
    if (sim.applied[i]!.has(key)) return;
    sim.applied[i]!.set(key, r);
  }
  R.se[r] = 1;
  const op = R.serial[r]! * 16384 + (J.edgeIn[j]! + 1);
  const map = sim.opCounts[i]!;
  const n = (map.get(op) ?? 0) + 1;
  map.set(op, n);
  const B = M.buckets;
  M.sSideEffects[i * B + sim.bucket]!++;
  if (sim.measuring) M.sideEffects[i]!++;
  if (J.span[j]! >= 0) {
    if (n > 1) sim.tracer!.duplicate(R.trace[r]!);
    sim.traceEvent(j, n > 1 ? 'duplicate' : 'sideEffect', n > 1 ? `DUPLICATE side effect (#${n} for this operation)` : 'side effect applied');
  }
  if (n > 1) {
    let cause = J.cause[j]!;
    if (cause === CAUSE_NONE) cause = R.cause[r]! || CAUSE_RETRY_TIMEOUT;
    M.sDuplicates[i * B + sim.bucket]!++;
    if (sim.measuring) { M.duplicates[i]!++; M.dupCause[i * 6 + cause]!++; }
  }
}

/** Drop the per-operation bookkeeping of a finished request. */
export function requestForget(sim: Simulation, r: number): void {
  const m = sim.model, serial = sim.req.serial[r]!, key = sim.req.key[r]!;
  for (let i = 0; i < m.n; i++) {
    const map = sim.opCounts[i]!;
    if (map.size === 0) continue;
    for (let s = m.inStart[i]!; s < m.inStart[i + 1]!; s++) map.delete(serial * 16384 + m.inEdges[s]! + 1);
    for (let s = m.inStart[i]!; s < m.inStart[i + 1]!; s++) {
      const k = key * 16384 + m.inEdges[s]! + 1;
      if (m.dedupe[i]) sim.applied[i]!.delete(k);
      if (m.idemMode[i]) sim.idem[i]!.delete(k);
    }
  }
}

/**
 * Service idempotency-key store, checked when the attempt arrives. Returns true when the
 * attempt was answered from the store (replay or conflict) with no work done.
 * Entry values: -1 in progress, else the completion time.
 */
export function idempotencyCheck(sim: Simulation, j: number, i: number): boolean {
  const mode = sim.model.idemMode[i]!;
  if (mode === 0) return false;
  const store = sim.idem[i]!;
  const key = sim.job.key[j]! * 16384 + sim.job.edgeIn[j]! + 1;
  const v = store.get(key);
  if (v !== undefined && v >= 0 && sim.now - v > sim.model.idemRetentionMs[i]!) store.delete(key);
  const cur = store.get(key);
  if (cur !== undefined && cur >= 0) { sim.finishJob(j, ST_OK); return true; }
  if (mode === 1) {
    if (cur === -1) { sim.finishJob(j, ST_CONFLICT); return true; }
    store.set(key, -1);
    sim.job.flags[j]! |= F_CLAIM;
  }
  return false;
}

export function idempotencyRecord(sim: Simulation, j: number, i: number, status: number): void {
  const store = sim.idem[i]!;
  const key = sim.job.key[j]! * 16384 + sim.job.edgeIn[j]! + 1;
  if (status === ST_OK) store.set(key, sim.now);
  else if (sim.job.flags[j]! & F_CLAIM) store.delete(key); // release the claim so a retry can run
}

export function idempotencyPrune(sim: Simulation): void {
  const m = sim.model;
  for (let i = 0; i < m.n; i++) {
    if (!m.idemMode[i]) continue;
    const ret = m.idemRetentionMs[i]!;
    for (const [k, v] of sim.idem[i]!) if (v >= 0 && sim.now - v > ret) sim.idem[i]!.delete(k);
  }
}
