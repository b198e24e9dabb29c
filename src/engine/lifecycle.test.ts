/**
 * The request lifecycle as a machine: exact event traces of tiny runs (SimPy-style), the
 * runUntil/step contract, and chains deeper than any JavaScript call stack.
 */
import { describe, expect, it } from 'vitest';
import { parseDocument, type ArchDocument } from '../model/index.ts';
import { createSimulation, simulate } from './index.ts';
import { EV_BUCKET, EV_DELIVER, EV_DONE, EV_NODE, EV_RESPONSE } from './codes.ts';

function doc(nodes: unknown[], edges: unknown[], scenario: Record<string, unknown> = {}): ArchDocument {
  const p = parseDocument({ version: 1, nodes, edges, scenario: { durationS: 1, seed: 1, bucketS: 1, ...scenario } });
  if (!p.ok) throw new Error(p.errors.map((e) => `${e.where}: ${e.message}`).join('; '));
  return p.doc;
}

/** Three requests, 100 ms apart, 150 ms of work each on one worker (so the third waits). */
const threeRequests = () =>
  doc(
    [
      { id: 'c', kind: 'client', params: { arrival: 'constant', rateRps: 10 } },
      { id: 's', kind: 'service', params: { workers: 1, serviceTime: { type: 'constant', ms: 150 } } },
    ],
    [{ id: 'e', source: 'c', target: 's' }],
    { durationS: 0.35 },
  );

const NAMES: Record<number, string> = {
  [EV_NODE]: 'arrival',
  [EV_DONE]: 'done',
  [EV_BUCKET]: 'bucket',
  [EV_RESPONSE]: 'response',
  [EV_DELIVER]: 'deliver',
};

describe('lifecycle: exact traces', () => {
  it('three requests on one worker: the event sequence, times and queueing are exact', () => {
    const sim = createSimulation(threeRequests(), { traces: false });
    const log: string[] = [];
    for (let k = sim.step(); k !== 0; k = sim.step()) log.push(`${sim.now} ${NAMES[k] ?? k}`);
    // Arrivals at 100, 200, 300 ms; work 100–250, 250–400 (the second waited 50 ms), and the
    // third is still waiting when the run ends at 350 ms (its arrival event at 300 is the last).
    expect(log).toEqual(['100 arrival', '200 arrival', '250 done', '300 arrival', '350 bucket']);
    expect(sim.now).toBe(350);
    expect(sim.done).toBe(true);
    expect(sim.metrics.completed[1]).toBe(1);
    expect(sim.metrics.busy[1]).toBe(1);
    expect(sim.metrics.qLen[1]).toBe(1);
    expect(sim.metrics.waitSum[1]).toBe(50);
  });

  it('a response crossing an edge with latency arrives half the round trip later', () => {
    const d = doc(
      [
        { id: 'c', kind: 'client', params: { arrival: 'constant', rateRps: 10 } },
        { id: 's', kind: 'service', params: { workers: 1, serviceTime: { type: 'constant', ms: 20 } } },
      ],
      [{ id: 'e', source: 'c', target: 's', params: { latencyMs: 10, timeoutMs: 1000 } }],
      { durationS: 0.15 },
    );
    const sim = createSimulation(d, { traces: false });
    const log: string[] = [];
    for (let k = sim.step(); k !== 0; k = sim.step()) log.push(`${sim.now} ${NAMES[k] ?? k}`);
    // Sent at 100, delivered at 105, done at 125, answered at 130.
    expect(log).toEqual(['100 arrival', '105 deliver', '125 done', '130 response', '150 bucket']);
  });
});

describe('lifecycle: runUntil and step', () => {
  it('runUntil(t) processes events at exactly t, and a second runUntil(t) does nothing', () => {
    const sim = createSimulation(threeRequests(), { traces: false });
    sim.runUntil(200);
    expect(sim.now).toBe(200);
    expect(sim.metrics.sSrcRequests[0]).toBe(2); // arrivals at 100 and 200
    const events = sim.events;
    sim.runUntil(200);
    expect(sim.events).toBe(events);
    sim.runUntil(249.999);
    expect(sim.metrics.completed[1]).toBe(0);
    sim.runUntil(250);
    expect(sim.metrics.completed[1]).toBe(1);
  });

  it('stepping one event at a time gives the same result as one runUntil', () => {
    const d = threeRequests();
    const a = createSimulation(d, { traces: false });
    while (a.step() !== 0);
    const b = createSimulation(d, { traces: false });
    b.runUntil(Infinity);
    expect(a.events).toBe(b.events);
    expect(Array.from(a.metrics.sCompleted)).toEqual(Array.from(b.metrics.sCompleted));
  });
});

describe('lifecycle: deep chains', () => {
  const chain = (n: number, kind: 'service' | 'loadBalancer') => {
    const nodes: unknown[] = [{ id: 'c', kind: 'client', params: { rateRps: 20 } }];
    const edges: unknown[] = [];
    for (let k = 0; k < n; k++) {
      nodes.push(
        kind === 'service'
          ? { id: `n${k}`, kind: 'service', params: { workers: 4, serviceTime: { type: 'constant', ms: 0.01 } } }
          : { id: `n${k}`, kind: 'loadBalancer' },
      );
      edges.push({ id: `e${k}`, source: k === 0 ? 'c' : `n${k - 1}`, target: `n${k}`, params: { timeoutMs: 60_000 } });
    }
    nodes.push({ id: 'end', kind: 'service', params: { workers: 4, serviceTime: { type: 'constant', ms: 1 } } });
    edges.push({ id: 'last', source: `n${n - 1}`, target: 'end' });
    return doc(nodes, edges, { durationS: 2 });
  };

  it('a chain of 2,000 nodes (1,999 services) runs to completion (responses climb 1,999 hops without recursion)', () => {
    const r = simulate(chain(1998, 'service'), { traces: false });
    expect(r.sources.c!.requests).toBeGreaterThan(20);
    expect(r.sources.c!.failed).toBe(0);
    // Every request that had time to cross the chain came back.
    expect(r.nodes.end!.completed).toBeGreaterThan(0);
    expect(r.sources.c!.succeeded).toBeGreaterThanOrEqual(r.sources.c!.requests - 2);
  });

  it('a chain of 1,998 zero-overhead load balancers: every hop happens at the same instant, without recursion', () => {
    const r = simulate(chain(1998, 'loadBalancer'), { traces: false });
    expect(r.sources.c!.failed).toBe(0);
    expect(r.nodes.end!.arrivals).toBe(r.sources.c!.requests);
    expect(r.sources.c!.latencyMs.max).toBeLessThan(1.01);
  });
});

describe('lifecycle: designs that cannot run', () => {
  it('a cycle is refused with a message naming it (not an endless hop loop)', () => {
    const d = doc(
      [
        { id: 'c', kind: 'client' },
        { id: 'a', kind: 'service' },
        { id: 'b', kind: 'service' },
      ],
      [
        { id: 'c-a', source: 'c', target: 'a' },
        { id: 'a-b', source: 'a', target: 'b' },
      ],
    );
    // parseDocument refuses cycles too; the engine must not rely on its callers for that.
    const cyclic = { ...d, edges: [...d.edges, { ...d.edges[1]!, id: 'b-a', source: 'b', target: 'a' }] };
    expect(() => simulate(cyclic)).toThrow(/the design cannot run: node "a": cycle "a" → "b" → "a"/);
  });
  it('an edge to a missing node is refused', () => {
    const d = doc(
      [
        { id: 'c', kind: 'client' },
        { id: 'a', kind: 'service' },
      ],
      [{ id: 'e', source: 'c', target: 'a' }],
    );
    const broken = { ...d, edges: [{ ...d.edges[0]!, target: 'nowhere' }] };
    expect(() => createSimulation(broken)).toThrow(/no node "nowhere"/);
  });
});

describe('lifecycle: runaway instants', () => {
  it('closed-loop users with zero think time whose requests fail at once still let time move on', () => {
    const d = doc(
      [
        { id: 'c', kind: 'client', params: { arrival: 'closed', users: 10, thinkTimeMs: 0 } },
        { id: 's', kind: 'service', params: { workers: 4, queueCapacity: 0 } },
      ],
      [{ id: 'e', source: 'c', target: 's' }],
      { durationS: 0.01 },
    );
    const r = simulate(d, { traces: false });
    expect(r.simulatedS).toBe(0.01);
    expect(r.sources.c!.failed).toBeGreaterThan(0);
  });
});

describe('lifecycle: large batches', () => {
  it('a scheduler batch of 25,000 jobs starts in chunks, and runUntil with an event budget can stop between them', () => {
    const d = doc(
      [
        { id: 'cron', kind: 'scheduler', params: { intervalS: 10, batchSize: 25_000 } },
        { id: 'w', kind: 'service', params: { workers: 100, serviceTime: { type: 'constant', ms: 1 } } },
      ],
      [{ id: 'e', source: 'cron', target: 'w' }],
      { durationS: 1 },
    );
    const sim = createSimulation(d, { traces: false });
    expect(sim.runUntil(0, 1)).toBe(false); // the tick: 10,000 jobs
    expect(sim.now).toBe(0);
    expect(sim.metrics.sSrcRequests[0]).toBe(10_000);
    sim.runUntil(0, 1);
    expect(sim.metrics.sSrcRequests[0]).toBe(20_000);
    sim.runUntil(0);
    expect(sim.metrics.sSrcRequests[0]).toBe(25_000);
    const whole = simulate(d, { traces: false });
    sim.runUntil(Infinity);
    expect(sim.events).toBe(whole.events);
  });
});
