import { describe, expect, it } from 'vitest';
import { parseDocument, formatErrors, type ArchDocument } from '../model/index.ts';
import { simulate } from '../engine/index.ts';
import { resultToJson } from '../cli/archsim.ts';
import type { SimResult } from '../worker/protocol.ts';
import { createAppStore, type AppStore } from './useAppStore.ts';
import { useRunLive } from './runLive.ts';
import {
  clientRateAt,
  clientRateOf,
  failureInForce,
  failureStart,
  failureStop,
  failuresStop,
  flushAt,
  interventionTime,
  workersAt,
  workersInForce,
} from './interventions.ts';

function makeDoc(durationS = 30): ArchDocument {
  const r = parseDocument({
    version: 1,
    nodes: [
      { id: 'client', kind: 'client', label: 'Client', params: { arrival: 'poisson', rateRps: 200, schedule: [{ atS: 20, rateRps: 50 }] } },
      { id: 'svc', kind: 'service', label: 'Service', params: { workers: 4, serviceTime: { type: 'exponential', meanMs: 10 } } },
    ],
    edges: [{ id: 'client-svc', source: 'client', target: 'svc', params: { timeoutMs: 200, retry: { maxAttempts: 3 } } }],
    scenario: { durationS, seed: 5 },
  });
  if (!r.ok) throw new Error(formatErrors(r.errors));
  return r.doc;
}

const canonical = (r: SimResult) => JSON.stringify(resultToJson(r, true, true), (k, v) => (k === 'wallMs' ? 0 : v));

describe('interventions', () => {
  it('a failure started live lasts until the end; stopping it cuts it at the stop time', () => {
    const doc = makeDoc();
    const on = failureStart(doc, { target: 'svc', kind: 'down', mode: 'hang' }, 12.5);
    const f = failureInForce(on, 'svc', 'down', 13)!;
    expect(f).toMatchObject({ id: 'live-1', target: 'svc', kind: 'down', mode: 'hang', atS: 12.5, durationS: 17.5 });
    expect(parseDocument(on).ok).toBe(true);
    const off = failureStop(on, f, 20);
    expect(off.scenario.failures[0]).toMatchObject({ atS: 12.5, durationS: 7.5 });
    expect(failureInForce(off, 'svc', 'down', 20)).toBeUndefined();
    // A second one gets its own id; at or after the end nothing starts.
    expect(failureStart(off, { target: 'svc', kind: 'slowdown' }, 21).scenario.failures[1]!.id).toBe('live-2');
    expect(failureStart(doc, { target: 'svc', kind: 'down' }, 30)).toBe(doc);
  });

  it('stopping ends every failure of that kind in force on the target (a live one over a scripted one)', () => {
    const scripted = {
      ...makeDoc(),
      scenario: { ...makeDoc().scenario, failures: [failureStart(makeDoc(), { target: 'svc', kind: 'down' }, 10).scenario.failures[0]!] },
    };
    const both = failureStart(scripted, { target: 'svc', kind: 'down' }, 12);
    const off = failuresStop(both, 'svc', 'down', 15);
    expect(off.scenario.failures.map((f) => [f.atS, f.durationS])).toEqual([
      [10, 5],
      [12, 3],
    ]);
    expect(failureInForce(off, 'svc', 'down', 15)).toBeUndefined();
    // A failure that started at that very instant is removed rather than left 1 ms long.
    expect(failuresStop(both, 'svc', 'down', 12).scenario.failures.map((f) => f.atS)).toEqual([10]);
  });

  it('a rate change is a step in the client schedule; the rate in force reads steps and ramps', () => {
    const doc = clientRateAt(makeDoc(), 'client', 10, 500);
    const client = doc.nodes[0]!;
    expect(client.kind === 'client' && client.params.schedule.map((p) => [p.atS, p.rateRps])).toEqual([
      [10, 500],
      [20, 50],
    ]);
    expect([clientRateOf(client, 5), clientRateOf(client, 10), clientRateOf(client, 25)]).toEqual([200, 500, 50]);
    // Moving the slider twice at one instant keeps one step.
    expect(clientRateAt(doc, 'client', 10, 300).nodes[0]!.params).toMatchObject({ schedule: [{ atS: 10, rateRps: 300 }, { atS: 20 }] });
    expect(clientRateOf(doc.nodes[1]!, 5)).toBeNull();
  });

  it('workers are cut by a capacity failure from the intervention on, and given back by ending it', () => {
    const cut = workersAt(makeDoc(), 'svc', 5, 1);
    expect(cut.scenario.failures).toMatchObject([{ kind: 'capacity', target: 'svc', workers: 1, atS: 5, durationS: 25 }]);
    expect(workersInForce(cut, cut.nodes[1]!, 6)).toBe(1);
    const back = workersAt(cut, 'svc', 8, 4);
    expect(back.scenario.failures).toMatchObject([{ kind: 'capacity', atS: 5, durationS: 3 }]);
    expect(workersInForce(back, back.nodes[1]!, 9)).toBe(4);
    // A second change at the same instant replaces the first.
    expect(workersAt(cut, 'svc', 5, 2).scenario.failures).toMatchObject([{ workers: 2, atS: 5 }]);
  });

  it('a crash is a down failure with effect crash, and runs as one: the work the node held is lost', () => {
    const doc = makeDoc();
    const on = failureStart(doc, { target: 'svc', kind: 'down', mode: 'failFast', effect: 'crash' }, 10);
    expect(failureInForce(on, 'svc', 'down', 11)).toMatchObject({ effect: 'crash', mode: 'failFast', atS: 10, durationS: 20 });
    expect(parseDocument(on).ok).toBe(true);
    const drain = failureStart(doc, { target: 'svc', kind: 'down', mode: 'failFast', effect: 'stopAccepting' }, 10);
    // Crashing kills what the 4 workers held at 10 s: those attempts fail instead of completing.
    expect(simulate(on, { traces: false }).nodes.svc!.completed).toBeLessThan(simulate(drain, { traces: false }).nodes.svc!.completed);
  });
  it('a flush is a point event: each click adds one at that time with a 1 s bar (less at the end), on a key-space cache', () => {
    const r = parseDocument({
      version: 1,
      nodes: [
        { id: 'c', kind: 'client', params: { rateRps: 100 } },
        { id: 'cache', kind: 'cache', params: { mode: 'keyspace' } },
        { id: 'db', kind: 'database' },
      ],
      edges: [
        { id: 'c-cache', source: 'c', target: 'cache' },
        { id: 'cache-db', source: 'cache', target: 'db' },
      ],
      scenario: { durationS: 30 },
    });
    if (!r.ok) throw new Error(formatErrors(r.errors));
    const once = flushAt(r.doc, 'cache', 12.5);
    const twice = flushAt(once, 'cache', 29.6);
    expect(twice.scenario.failures).toMatchObject([
      { id: 'live-1', kind: 'flush', target: 'cache', atS: 12.5, durationS: 1 },
      { id: 'live-2', kind: 'flush', target: 'cache', atS: 29.6, durationS: 0.4 },
    ]);
    expect(parseDocument(twice).ok).toBe(true);
    expect(flushAt(r.doc, 'cache', 30)).toBe(r.doc);
  });
  it('times are kept to the millisecond', () => {
    expect(interventionTime(61.23456)).toBe(61.234);
    expect(interventionTime(-1)).toBe(0);
  });
});

const until = (store: AppStore, test: () => boolean) =>
  new Promise<void>((resolve) => {
    const check = () => {
      if (test()) {
        a();
        b();
        resolve();
      }
    };
    const a = store.subscribe(check);
    const b = useRunLive.subscribe(check);
    check();
  });

describe('steering a live run (store, inline worker)', () => {
  it('an intervention, and the undo of another, leave a document whose headless run is the live run', async () => {
    const store = createAppStore(makeDoc());
    store.getState().setLivePaused(true);
    store.getState().startRun();
    const sim = () => useRunLive.getState().progress?.simulatedS ?? 0;
    for (let k = 0; k < 8; k++) {
      const before = sim();
      store.getState().stepRun('second');
      await until(store, () => sim() >= before + 1);
    }
    expect(sim()).toBe(8);
    store.getState().intervene((d, t) => failureStart(d, { target: 'svc', kind: 'down', mode: 'failFast' }, t));
    expect(store.getState().doc.scenario.failures).toMatchObject([{ id: 'live-1', atS: 8 }]);
    // Another intervention, taken back.
    store.getState().intervene((d, t) => clientRateAt(d, 'client', t, 900));
    store.temporal.getState().undo();
    expect(store.getState().doc.nodes[0]!.params).toMatchObject({ schedule: [{ atS: 20 }] });
    // The restarts are taken on the inline worker's next turns.
    await new Promise((r) => setTimeout(r, 20));
    await until(store, () => useRunLive.getState().clock?.catchingUp === false && sim() === 8);
    for (let k = 0; k < 3; k++) {
      const before = sim();
      store.getState().stepRun('second');
      await until(store, () => sim() >= before + 1);
    }
    store.getState().intervene((d, t) => failureStop(d, failureInForce(d, 'svc', 'down', t)!, t));
    store.getState().setLivePaused(false);
    await until(store, () => store.getState().runStatus === 'done');
    const record = store.getState().runs[0]!;
    expect(record.doc.scenario.failures).toMatchObject([{ id: 'live-1', atS: 8, durationS: 3 }]);
    expect(record.doc).toBe(store.getState().doc);
    expect(canonical(record.result)).toBe(canonical(simulate(record.doc)));
    expect(canonical(record.result)).not.toBe(canonical(simulate(makeDoc())));
  });

  it('"New seed" and "random seed for each run" change the document’s seed, which the run uses', async () => {
    const store = createAppStore(makeDoc(2));
    store.getState().newSeed();
    const seed = store.getState().doc.scenario.seed;
    expect(seed).not.toBe(5);
    store.getState().setRandomSeed(true);
    store.getState().startRun();
    await until(store, () => store.getState().runStatus === 'done');
    const run = store.getState().runs[0]!;
    expect(run.doc.scenario.seed).not.toBe(seed);
    expect(run.result.seed).toBe(run.doc.scenario.seed);
  });
});
