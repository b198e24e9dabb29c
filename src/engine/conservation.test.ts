/**
 * Conservation, over every scenario and template with random seeds and durations (fast-check;
 * the failing seed is printed): nothing is created or lost in the lifecycle.
 *   node    arrivals = completed + errors + rejected + dropped (down, hang) + in flight at the end
 *   source  requests = succeeded + failed + requests still in flight
 *   queue   messages enqueued = acked + dead-lettered + still stored, and ≤ arrivals − rejected
 * Counted over the whole run (warm-up included), from the per-bucket series.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { createSimulation, type Simulation } from './index.ts';
import { loadScenario } from './testing/replicate.ts';
import { queueStored } from '../kinds/queue/engine.ts';

const dir = new URL('../../scenarios/', import.meta.url);
const names = [
  ...readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5)),
  ...readdirSync(new URL('templates/', dir))
    .filter((f) => f.endsWith('.json'))
    .map((f) => `templates/${f.slice(0, -5)}`),
];
const docs = names.map((n) => loadScenario(n));

/** Pool slots in use (not on the free list). */
function liveSlots(pool: { free: Int32Array; top: number; cap: number }): Uint8Array {
  const live = new Uint8Array(pool.cap).fill(1);
  for (let k = 0; k < pool.top; k++) live[pool.free[k]!] = 0;
  return live;
}

function imbalancesOf(sim: Simulation): string[] {
  const M = sim.metrics,
    m = sim.model,
    B = M.buckets,
    d = m.doc,
    J = sim.job;
  const total = (a: Float64Array, i: number) => {
    let x = 0;
    for (let b = 0; b < B; b++) x += a[i * B + b]!;
    return x;
  };
  // A request is in flight while the job that answers its source is alive: the root job at the
  // source, or (fast path) the direct attempt.
  const openBySource = new Float64Array(m.sources.length);
  const liveJobs = liveSlots(J);
  for (let j = 0; j < J.cap; j++) {
    if (!liveJobs[j]) continue;
    if ((m.sourceOf[J.node[j]!]! >= 0 && J.call[j]! < 0 && J.msg[j]! < 0) || J.flags[j]! & 2) openBySource[sim.req.source[J.req[j]!]!]!++;
  }
  const bad: string[] = [];
  for (let i = 0; i < m.n; i++) {
    const kind = d.nodes[i]!.kind;
    if (kind === 'client' || kind === 'scheduler') {
      const s = m.sourceOf[i]!;
      const lhs = total(M.sSrcRequests, s),
        rhs = total(M.sSrcOk, s) + total(M.sSrcFail, s) + openBySource[s]! + M.srcStuck[s]!;
      if (lhs !== rhs) bad.push(`${m.ids[i]}: requests ${lhs} ≠ succeeded + failed + in flight ${rhs}`);
      continue;
    }
    const arrivals = total(M.sArrivals, i),
      errors = total(M.sErrors, i),
      rejected = total(M.sRejected, i);
    if (kind === 'queue') {
      // A message is stored before the producer's ack, so an ack that fails still leaves it stored.
      const enqueued = M.enqueued[i]!;
      const rhs = total(M.sCompleted, i) + total(M.sDlq, i) + queueStored(sim.state[i]);
      if (enqueued !== rhs) bad.push(`${m.ids[i]}: enqueued ${enqueued} ≠ acked + DLQ + stored ${rhs}`);
      if (enqueued > arrivals - rejected - M.dropped[i]!) bad.push(`${m.ids[i]}: enqueued ${enqueued} > arrivals − rejected − dropped`);
      continue;
    }
    const rhs = total(M.sCompleted, i) + errors + rejected + M.dropped[i]! + M.inSys[i]!;
    if (arrivals !== rhs) bad.push(`${m.ids[i]}: arrivals ${arrivals} ≠ completed + errors + rejected + dropped + in flight ${rhs}`);
  }
  return bad;
}

function imbalances(k: number, seed: number, durationS: number): string[] {
  const sim = createSimulation(docs[k]!, { seed, durationS, traces: false });
  sim.runUntil(Infinity);
  return imbalancesOf(sim);
}

describe('conservation', () => {
  it(`holds at every node of all ${names.length} scenarios and templates, for random seeds and run lengths`, () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: docs.length - 1 }),
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.integer({ min: 5, max: 90 }),
        (k, seed, durationS) => {
          expect(imbalances(k, seed, durationS), `${names[k]} seed ${seed} for ${durationS} s`).toEqual([]);
        },
      ),
      { numRuns: 40, seed: Number(process.env.FC_SEED ?? Date.now() % 2 ** 31) },
    );
  });
  it('work due at exactly the run’s end, after the last bucket closed, counts in the last bucket (burst: 20 lockstep completions at 11.000 s)', () => {
    const k = names.indexOf('burst');
    expect(k).toBeGreaterThanOrEqual(0);
    expect(imbalances(k, 1, 11)).toEqual([]);
    expect(imbalances(k, 1, 11.01)).toEqual([]);
  });
  it('the check can fail: one completion too many or one request lost is reported', () => {
    const sim = createSimulation(loadScenario('webhook-delivery'), { seed: 1, durationS: 20, traces: false });
    sim.runUntil(Infinity);
    expect(imbalancesOf(sim)).toEqual([]);
    sim.metrics.sCompleted[sim.model.nodeIndex.get('api')! * sim.metrics.buckets]! += 1;
    sim.metrics.sSrcOk[0]! -= 1;
    expect(imbalancesOf(sim)).toEqual([expect.stringMatching(/^producers: requests/), expect.stringMatching(/^api: arrivals/)]);
  });
});
