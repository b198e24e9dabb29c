/**
 * Cache lookups in front of a backend: hit-ratio mode and the key-space cache, with coalescing
 * of concurrent misses.
 * Functions over the Simulation's state; no DOM, no allocation per event on the hot paths.
 */
import type { Simulation } from '../Simulation.ts';
import { F_HIT, F_MISS, OP_FINISH, OP_LEAVE, ST_OK } from '../constants.ts';

/**
 * Look the request up. Returns true when it missed and must go downstream; false when it
 * was answered (hit) or parked behind an in-flight fill of the same key (coalescing).
 */
export function cacheLookup(sim: Simulation, j: number, i: number): boolean {
  const J = sim.job, M = sim.metrics, m = sim.model;
  const cache = sim.caches[i];
  const noBackend = m.outStart[i + 1]! === m.outStart[i]!;
  if (!cache) {
    if (noBackend || sim.rng.next() < m.hitRatio[i]!) {
      if (sim.measuring) M.cacheHits[i]!++;
      J.flags[j]! |= F_HIT;
      sim.finishJob(j, ST_OK);
      return false;
    }
    if (sim.measuring) M.cacheMisses[i]!++;
    return true;
  }
  const key = cache.sampleKey(sim.rng);
  J.aux[j] = key;
  if (cache.lookup(key, sim.now) || noBackend) {
    if (noBackend) cache.fill(key, sim.now);
    if (sim.measuring) M.cacheHits[i]!++;
    J.flags[j]! |= F_HIT;
    sim.finishJob(j, ST_OK);
    return false;
  }
  if (sim.measuring) M.cacheMisses[i]!++;
  if (cache.coalesce) {
    const waiting = cache.filling.get(key);
    if (waiting) { waiting.push(j); return false; }
    cache.filling.set(key, []);
  }
  J.flags[j]! |= F_MISS;
  return true;
}

/**
 * A miss came back from downstream: fill the entry and answer the requests that waited on it.
 * Returns true when it queued waiters: they finish first (in arrival order), then the filling
 * job leaves (OP_LEAVE), as when the waiters were answered by direct calls.
 */
export function cacheFilled(sim: Simulation, j: number, i: number, status: number): boolean {
  const cache = sim.caches[i];
  if (!cache) return false;
  const key = sim.job.aux[j]!;
  if (status === ST_OK) cache.fill(key, sim.now);
  if (!cache.coalesce) return false;
  const waiting = cache.filling.get(key);
  cache.filling.delete(key);
  if (!waiting || waiting.length === 0) return false;
  sim.work.push(OP_LEAVE, j, status, 0);
  for (let k = waiting.length - 1; k >= 0; k--) sim.work.push(OP_FINISH, waiting[k]!, status, 0);
  return true;
}
