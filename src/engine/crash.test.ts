/**
 * Down failures: crash (the work a node holds is lost) vs stop accepting (it completes), and
 * poison messages. Exact counts: the attempts a node holds are read from the running
 * simulation just before the failure starts.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation, simulate } from './index.ts';
import { DONE_ANSWER, DONE_CALLS, DONE_CALLS_CHECKED } from './codes.ts';
import { resultBuild } from './result.ts';
import { loadScenario, nodeOf } from './testing/replicate.ts';
import { messagePoisoned } from '../kinds/queue/engine.ts';
import { parseDocument, type ArchDocument } from '../model/index.ts';

const sumRange = (a: Float64Array, from: number, to: number) => a.slice(from, to).reduce((x, y) => x + y, 0);

/** Run to just before the failure at 30 s, note what the API holds, run to the end. */
function runHeld(doc: ArchDocument) {
  const sim = createSimulation(doc);
  sim.runUntil(29_999.999);
  const api = sim.model.nodeIndex.get('api')!;
  const held = sim.metrics.inSys[api]!;
  sim.runUntil(Infinity);
  const r = resultBuild(sim);
  return { r, held, downArrivals: sumRange(r.series.nodes.api!.arrivals, 30, 35) };
}

describe('down: crash vs stop accepting', () => {
  it('crash, failFast: the API fails exactly the attempts it held at 30 s plus every arrival while down; its callers see each as an error', () => {
    const { r, held, downArrivals } = runHeld(loadScenario('crash-vs-drain'));
    expect(held).toBeGreaterThan(3);
    expect(r.nodes.api!.errors).toBe(held + downArrivals);
    expect(r.sources.orders!.failed).toBe(held + downArrivals);
    expect(r.edges['orders-api']!.timeouts).toBe(0);
  });
  it('stopAccepting: the attempts it held complete; only the arrivals while down fail', () => {
    const d = loadScenario('crash-vs-drain');
    d.scenario.failures[0]!.effect = 'stopAccepting';
    const { r, held, downArrivals } = runHeld(d);
    expect(held).toBeGreaterThan(3);
    expect(r.nodes.api!.errors).toBe(downArrivals);
    expect(r.sources.orders!.failed).toBe(downArrivals);
  });
  it('crash, hang: nobody is answered, so the clients time out on exactly those attempts, and no error is sent', () => {
    const d = loadScenario('crash-vs-drain');
    d.scenario.failures[0]!.mode = 'hang';
    const { r, held, downArrivals } = runHeld(d);
    expect(r.nodes.api!.errors).toBe(0);
    expect(r.edges['orders-api']!.timeouts).toBe(held + downArrivals);
    expect(r.sources.orders!.failed).toBe(held + downArrivals);
  });
  it('after the crash the API serves again from empty, and the database’s abandoned writes still happen', () => {
    const sim = createSimulation(loadScenario('crash-vs-drain'));
    sim.runUntil(Infinity);
    const r = resultBuild(sim);
    expect(sumRange(r.series.nodes.api!.completed, 40, 60) / 20).toBeGreaterThan(140);
    // Every API attempt that reached the database gets its write done, answered or not.
    expect(r.nodes.db!.errors).toBe(0);
    expect(r.nodes.db!.completed + sim.metrics.inSys[sim.model.nodeIndex.get('db')!]!).toBe(r.nodes.db!.arrivals);
  });
  it('a crashed consumer does not ack: the messages it held return after their visibility timeout', () => {
    const d = loadScenario('poison-messages');
    nodeOf(d, 'orders', 'queue').params.poisonFraction = 0;
    d.scenario.failures = [
      {
        target: 'fulfilment',
        kind: 'down',
        atS: 30,
        durationS: 1,
        mode: 'failFast',
        effect: 'crash',
        factor: 5,
        probability: 0.5,
        workers: 1,
        addedMs: 100,
      },
    ];
    nodeOf(d, 'fulfilment', 'service').params.serviceTime = { type: 'constant', ms: 200 }; // 50/s × 0.2 s: 10 held
    const sim = createSimulation(d);
    sim.runUntil(29_999.999);
    const held = sim.metrics.inSys[sim.model.nodeIndex.get('fulfilment')!]!;
    sim.runUntil(Infinity);
    const r = resultBuild(sim);
    expect(held).toBeGreaterThan(0);
    expect(r.nodes.fulfilment!.errors).toBe(held);
    // Each lost message is received once more; all are acked in the end.
    expect(r.nodes.orders!.deliveries).toBe(r.nodes.orders!.completed + held);
    expect(r.nodes.orders!.completed).toBe(r.sources.producers!.requests);
  });
  it('a queue cannot crash: the error names the failure and says why', () => {
    const d = loadScenario('poison-messages');
    d.scenario.failures = [
      {
        target: 'orders',
        kind: 'down',
        atS: 1,
        durationS: 1,
        mode: 'failFast',
        effect: 'crash',
        factor: 5,
        probability: 0.5,
        workers: 1,
        addedMs: 100,
      },
    ];
    expect(() => simulate(d)).toThrow(/scenario failure #1 › effect: .*"orders" is a queue \(a broker keeps its messages/);
  });
});

describe('poison messages', () => {
  it('every poison message id reaches the DLQ after exactly maxReceiveCount receives; the count is the ids’ own', () => {
    const d = loadScenario('poison-messages');
    const r = simulate(d);
    const q = r.nodes.orders!;
    const n = r.sources.producers!.requests;
    // Request keys are 1…n (no retries), and each message carries its request's key.
    let poisoned = 0;
    for (let k = 1; k <= n; k++) if (messagePoisoned(k, 0.02)) poisoned++;
    expect(q.dlq).toBe(poisoned);
    expect(q.completed).toBe(n - poisoned);
    expect(q.deliveries).toBe(q.completed + 3 * q.dlq);
    expect(r.nodes.fulfilment!.errors).toBe(3 * q.dlq);
    // The share is the fraction: Binomial(n, 0.02) has sd √(n·0.02·0.98) ≈ 7.6 at n ≈ 2,950; ±4 sd.
    expect(Math.abs(poisoned - 0.02 * n)).toBeLessThan(4 * Math.sqrt(n * 0.02 * 0.98));
  });
  it('the same ids are poison whatever the seed (the flag is a hash of the message id)', () => {
    const d = loadScenario('poison-messages');
    const dlq = (seed: number) => {
      const r = simulate(d, { seed });
      let p = 0;
      for (let k = 1; k <= r.sources.producers!.requests; k++) if (messagePoisoned(k, 0.02)) p++;
      return r.nodes.orders!.dlq - p;
    };
    expect([dlq(2), dlq(3)]).toEqual([0, 0]);
  });
  it('without a redrive policy (maxReceiveCount 0) poison messages come back every visibility timeout, never acked', () => {
    const d = loadScenario('poison-messages');
    nodeOf(d, 'orders', 'queue').params.maxReceiveCount = 0;
    const r = simulate(d);
    expect(r.nodes.orders!.dlq).toBe(0);
    expect(r.nodes.fulfilment!.errors).toBeGreaterThan(10 * 50);
  });
  it('a queue without poison leaves its consumers on the plain plan (no per-message check)', () => {
    const p = parseDocument({
      version: 1,
      nodes: [
        { id: 'c', kind: 'client' },
        { id: 'q', kind: 'queue' },
        { id: 's', kind: 'service' },
      ],
      edges: [
        { id: 'a', source: 'c', target: 'q' },
        { id: 'b', source: 'q', target: 's' },
      ],
    });
    if (!p.ok) throw new Error('invalid');
    const sim = createSimulation(p.doc);
    // The consumer calls nothing, so it answers once its work is done.
    expect(sim.model.donePlan[2]).toBe(DONE_ANSWER);
    p.doc.nodes[1]!.params = { ...p.doc.nodes[1]!.params, poisonFraction: 0.1 } as never;
    expect(createSimulation(p.doc).model.donePlan[2]).toBe(DONE_CALLS_CHECKED);
  });

  it('a node that calls nothing answers at once after its work (DONE_ANSWER); one with calls makes them', () => {
    const p = parseDocument({
      version: 1,
      nodes: [
        { id: 'c', kind: 'client' },
        { id: 'a', kind: 'service' },
        { id: 'b', kind: 'service' },
      ],
      edges: [
        { id: 'x', source: 'c', target: 'a' },
        { id: 'y', source: 'a', target: 'b' },
      ],
    });
    if (!p.ok) throw new Error('invalid');
    const plan = createSimulation(p.doc).model.donePlan;
    expect([plan[1], plan[2]]).toEqual([DONE_CALLS, DONE_ANSWER]);
  });
});
