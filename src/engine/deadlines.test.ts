/**
 * Deadlines, cancellation and queue timeouts (issue #11 items 2 and 4), docs/SEMANTICS.md
 * "Overload". The deterministic cases are checked against a hand-written single-server FIFO
 * with the same drop rule (exact counts, no tolerance); the metastable case by its goodput.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from './index.ts';
import { parseDocument, type ArchDocument, type ArchDocumentInput } from '../model/index.ts';
import { loadScenario, nodeOf } from './testing/replicate.ts';
import type { SimResult } from './types.ts';

function doc(input: Omit<ArchDocumentInput, 'version'>): ArchDocument {
  const p = parseDocument({ version: 1, ...input });
  if (!p.ok) throw new Error(p.errors.map((e) => `${e.where}: ${e.message}`).join('; '));
  return p.doc;
}

/**
 * The reference: one worker, constant work S, FIFO; attempt k arrives at arrive[k] with deadline
 * deadline[k]. When it reaches the worker at time t it is dropped if t ≥ its deadline, else
 * served until t + S. Counts what has happened by `endMs` (events at exactly `endMs` included). Throws on a tie between a finish
 * and a deadline, whose order the engine decides by sequence number (the fixture avoids them).
 */
function fifoWithDrops(arrive: number[], deadline: number[], S: number, endMs: number) {
  let free = 0,
    served = 0,
    dropped = 0,
    inTime = 0,
    late = 0,
    // Callers whose deadline passed before the end without an answer in time.
    gaveUp = 0;
  for (let k = 0; k < arrive.length; k++) {
    const t = Math.max(arrive[k]!, free);
    let ok = false;
    if (t <= endMs && t >= deadline[k]!) dropped++;
    else if (t <= endMs) {
      free = t + S;
      if (Math.abs(free - deadline[k]!) < 1e-6) throw new Error('tie between a finish and a deadline');
      ok = free < deadline[k]!;
      if (free <= endMs) {
        served++;
        if (ok) inTime++;
        else late++;
      }
    }
    if (!ok && deadline[k]! <= endMs) gaveUp++; // an event at exactly the end still runs
  }
  return { served, dropped, inTime, late, gaveUp };
}

// A constant-rate client sends its k-th request (k ≥ 1) at k · 100 ms.
const RATE = 10,
  END_MS = 10_050;
const starts = Array.from({ length: 100 }, (_, k) => (k + 1) * 100);

describe('deadlines propagate downstream (gRPC)', () => {
  // client ─(deadline: budget 250 ms)→ front (100 ms of work, many workers) → back (1 worker,
  // 130.5 ms, dropExpired). The call front → back sets nothing: it inherits the deadline, so
  // back drops what reaches its worker after start + 250 ms, and front gives up at that time.
  const design = doc({
    nodes: [
      { id: 'c', kind: 'client', params: { arrival: 'constant', rateRps: RATE } },
      { id: 'front', kind: 'service', params: { workers: 1000, serviceTime: { type: 'constant', ms: 100 } } },
      {
        id: 'back',
        kind: 'service',
        params: { workers: 1, serviceTime: { type: 'constant', ms: 130.5 }, shedding: { dropExpired: true } },
      },
    ],
    edges: [
      { id: 'c-front', source: 'c', target: 'front', params: { deadline: { mode: 'budget', budgetMs: 250 } } },
      { id: 'front-back', source: 'front', target: 'back' },
    ],
    scenario: { durationS: END_MS / 1000 },
  });
  const ref = fifoWithDrops(
    starts.map((s) => s + 100),
    starts.map((s) => s + 250),
    130.5,
    END_MS,
  );

  it('the callee two hops down drops exactly the attempts whose inherited deadline passed in its queue', () => {
    const r = simulate(design);
    expect(ref.dropped).toBeGreaterThan(20); // the fixture overloads back (130.5 ms per 100 ms)
    expect(r.nodes.back!.shed).toEqual({ queueTimeout: 0, expired: ref.dropped, cancelled: 0, limited: 0 });
    expect(r.nodes.back!.completed).toBe(ref.served);
  });
  it('the caller of the propagated call gives up at the deadline too: only work finished before it succeeds', () => {
    const r = simulate(design);
    expect(r.sources.c!.succeeded).toBe(ref.inTime);
    expect(r.edges['front-back']!.timeouts).toBe(ref.gaveUp);
    expect(r.edges['c-front']!.timeouts).toBe(ref.gaveUp);
  });
  it('without dropExpired the deadline still ends the callers’ wait, but back serves every attempt', () => {
    const d = structuredClone(design);
    nodeOf(d, 'back', 'service').params.shedding.dropExpired = false;
    const r = simulate(d);
    expect(r.nodes.back!.shed).toBeUndefined();
    // Every attempt is served, ever later: back is never idle after 200 ms, so ⌊(END − 200)/130.5⌋ by the end.
    expect(r.nodes.back!.completed).toBe(Math.floor((END_MS - 200) / 130.5));
    expect(r.sources.c!.succeeded).toBeLessThanOrEqual(ref.inTime);
  });
});

describe('cancellation on timeout', () => {
  // client ─(timeout 250 ms, cancelOnTimeout)→ back (1 worker, 130.5 ms, a side effect).
  const design = (cancel: boolean) =>
    doc({
      nodes: [
        { id: 'c', kind: 'client', params: { arrival: 'constant', rateRps: RATE } },
        { id: 'back', kind: 'service', params: { workers: 1, serviceTime: { type: 'constant', ms: 130.5 }, sideEffect: true } },
      ],
      edges: [{ id: 'c-back', source: 'c', target: 'back', params: { timeoutMs: 250, deadline: { cancelOnTimeout: cancel } } }],
      scenario: { durationS: END_MS / 1000 },
    });
  const ref = fifoWithDrops(
    starts,
    starts.map((s) => s + 250),
    130.5,
    END_MS,
  );
  it('a cancelled attempt still waiting is dropped when it reaches the worker; one in service applies no side effect', () => {
    const r = simulate(design(true));
    // cancelled: those dropped before their work and those that stopped after it.
    expect(r.nodes.back!.shed).toEqual({ queueTimeout: 0, expired: 0, cancelled: ref.dropped + ref.late, limited: 0 });
    // Served in time: completed with its side effect. Served late: its caller cancelled it during
    // its work, so it stops before the side effect and is shed.
    expect(r.nodes.back!.sideEffects).toBe(ref.inTime);
    expect(r.nodes.back!.completed).toBe(ref.inTime);
    expect(r.nodes.back!.rejected).toBe(ref.dropped + ref.late);
    expect(r.sources.c!.succeeded).toBe(ref.inTime);
  });
  it('off (the default): the callee serves every abandoned attempt and applies its side effect', () => {
    const r = simulate(design(false));
    expect(r.nodes.back!.shed).toBeUndefined();
    expect(r.nodes.back!.sideEffects).toBe(Math.floor((END_MS - 100) / 130.5));
  });
});

describe('queue timeout', () => {
  // Poisson 200/s into one worker of U(5, 15) ms (ρ = 2): without a bound the wait grows by
  // about 1 s every second. A queue timeout of X = 50 ms keeps every served attempt's sojourn
  // ≤ X + its service time ≤ 65 ms: exact (the node's max latency is the exact maximum).
  const design = (timeoutMs: number) =>
    doc({
      nodes: [
        { id: 'c', kind: 'client', params: { rateRps: 200 } },
        {
          id: 'api',
          kind: 'service',
          params: { workers: 1, serviceTime: { type: 'uniform', minMs: 5, maxMs: 15 }, shedding: { queueTimeoutMs: timeoutMs } },
        },
      ],
      edges: [{ id: 'c-api', source: 'c', target: 'api' }],
      scenario: { durationS: 60 },
    });
  it('caps the sojourn of every served attempt at X + its service time', () => {
    const r = simulate(design(50));
    const api = r.nodes.api!;
    expect(api.latencyMs.max).toBeLessThanOrEqual(65);
    // The bound is nearly reached (≈ 6,000 served attempts waited close to X), so the check bites.
    expect(api.latencyMs.max).toBeGreaterThan(60);
    expect(api.shed!.queueTimeout).toBe(api.rejected);
    // The rest are still queued at the end: about λ·(X + S) ≈ 12 of them.
    expect(api.completed + api.rejected).toBeGreaterThan(api.arrivals - 40);
    // μ = 100/s, so about half of the 200/s are shed.
    expect(Math.abs(api.shed!.queueTimeout / api.arrivals - 0.5)).toBeLessThan(0.05);
  });
  it('without it the sojourn grows with the backlog (tens of seconds by the end)', () => {
    expect(simulate(design(0)).nodes.api!.latencyMs.max).toBeGreaterThan(20_000);
  });
});

describe('metastable retry storm fixed by dropping expired work (scenario deadline-drop)', () => {
  const goodput = (r: SimResult, from: number, to: number) =>
    r.series.sources.clients!.succeeded.slice(from, to).reduce((a, b) => a + b, 0) / (to - from);
  // Recovered: goodput over 80–120 s within 5 % of its level before the trigger (Poisson noise
  // over 40 s at 750/s is about 0.2 %). Collapsed: below 5 % of it. Three seeds each.
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: with dropExpired goodput comes back after the trigger; without it, it stays collapsed`, () => {
      const d = loadScenario('deadline-drop');
      const on = simulate(d, { seed });
      expect(goodput(on, 80, 120)).toBeGreaterThan(0.95 * goodput(on, 10, 30));
      expect(on.nodes.api!.shed!.expired).toBeGreaterThan(1000);
      nodeOf(d, 'api', 'service').params.shedding.dropExpired = false;
      const off = simulate(d, { seed });
      expect(goodput(off, 80, 120)).toBeLessThan(0.05 * goodput(off, 10, 30));
    });
  }
  it('cancelOnTimeout instead of dropExpired drops the same abandoned attempts and also recovers', () => {
    const d = loadScenario('deadline-drop');
    nodeOf(d, 'api', 'service').params.shedding.dropExpired = false;
    d.edges[0]!.params.deadline = { mode: 'none', budgetMs: 1000, cancelOnTimeout: true };
    const r = simulate(d);
    expect(goodput(r, 80, 120)).toBeGreaterThan(0.95 * goodput(r, 10, 30));
    expect(r.nodes.api!.shed!.cancelled).toBeGreaterThan(1000);
  });
  it('with 4 attempts a FIFO queue stays at the deadline’s edge (collapsed); lifo then recovers', () => {
    const d = loadScenario('deadline-drop');
    d.edges[0]!.params.retry.maxAttempts = 4;
    const fifo = simulate(d);
    expect(goodput(fifo, 80, 120)).toBeLessThan(0.5 * goodput(fifo, 10, 30));
    nodeOf(d, 'api', 'service').params.discipline = 'lifo';
    const lifo = simulate(d);
    expect(goodput(lifo, 80, 120)).toBeGreaterThan(0.95 * goodput(lifo, 10, 30));
  });
});

describe('bad input', () => {
  it('a deadline from the timeout without a timeout is refused, naming the edge and field', () => {
    const p = parseDocument({
      version: 1,
      nodes: [
        { id: 'c', kind: 'client' },
        { id: 's', kind: 'service' },
      ],
      edges: [{ id: 'c-s', source: 'c', target: 's', params: { deadline: { mode: 'timeout' } } }],
    });
    expect(p.ok).toBe(false);
    if (p.ok) return;
    expect(p.errors.map((e) => `${e.where}: ${e.message}`)).toEqual([
      'edge "c-s" › params.deadline.mode: a deadline from the timeout needs a timeoutMs above 0 (or use mode budget with budgetMs)',
    ]);
  });
});
