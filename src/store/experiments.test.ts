import { describe, expect, it } from 'vitest';
import { parseDocument, formatErrors, type ArchDocument } from '../model/index.ts';
import { createAppStore, type AppStore } from './useAppStore.ts';
import { useRunLive } from './runLive.ts';

function makeDoc(rateRps = 60, durationS = 15): ArchDocument {
  const r = parseDocument({
    version: 1,
    title: 'Tiny',
    nodes: [
      { id: 'client', kind: 'client', label: 'Client', position: { x: 0, y: 0 }, params: { arrival: 'poisson', rateRps } },
      {
        id: 'svc',
        kind: 'service',
        label: 'Service',
        position: { x: 200, y: 0 },
        params: { workers: 1, serviceTime: { type: 'exponential', meanMs: 10 } },
      },
    ],
    edges: [{ id: 'client-svc', source: 'client', target: 'svc' }],
    scenario: { durationS, seed: 5, bucketS: 1 },
  });
  if (!r.ok) throw new Error(formatErrors(r.errors));
  return r.doc;
}

const until = (store: AppStore, done: (s: ReturnType<AppStore['getState']>) => boolean) =>
  new Promise<void>((resolve) => {
    const check = () => {
      if (done(store.getState())) {
        unsub();
        resolve();
      }
    };
    const unsub = store.subscribe(check);
    check();
  });

describe('replications in the store', () => {
  it("runs N seeds and keeps one record with mean ± CI, bands and the first seed's result", async () => {
    const store = createAppStore(makeDoc());
    store.getState().setReplications(4);
    store.getState().startReplications();
    expect(store.getState().runStatus).toBe('running');
    await until(store, (s) => s.runStatus !== 'running');
    const s = store.getState();
    expect(s.runStatus).toBe('done');
    expect(s.runs).toHaveLength(1);
    const rec = s.runs[0]!;
    expect(rec.label).toMatch(/^Run 1 · 4 seeds/);
    expect(rec.replication!.seeds).toEqual([5, 6, 7, 8]);
    expect(rec.result.seed).toBe(5);
    expect(rec.replication!.summary.replications).toBe(4);
    expect(rec.replication!.summary.nodes.svc!.utilizationCi95).toBeGreaterThan(0);
    expect(rec.replication!.bands.sources.client!.p99.mean.length).toBe(15);
    expect(useRunLive.getState().batch).toMatchObject({ done: 4, total: 4 });
  });

  it('clamps the replication count to 2…200', () => {
    const store = createAppStore(makeDoc());
    store.getState().setReplications(1);
    expect(store.getState().replications).toBe(2);
    store.getState().setReplications(5000);
    expect(store.getState().replications).toBe(200);
  });

  it('cancel stops the batch and keeps no record', async () => {
    const store = createAppStore(makeDoc(80, 3000));
    store.getState().startReplications();
    store.getState().cancelRun();
    expect(store.getState().runStatus).toBe('cancelled');
    await new Promise((r) => setTimeout(r, 50));
    expect(store.getState().runs).toHaveLength(0);
  });
});

describe('sweep in the store', () => {
  it('sweeps the arrival rate: one point per value, latency rising with load', async () => {
    const store = createAppStore(makeDoc());
    store.getState().startSweep({ path: 'nodes.client.params.rateRps', from: 20, to: 80, steps: 4, replications: 2 });
    await until(store, (s) => s.sweepStatus !== 'running');
    const s = store.getState();
    expect(s.sweepError).toBeNull();
    expect(s.sweep!.values).toEqual([20, 40, 60, 80]);
    expect(s.sweep!.points).toHaveLength(4);
    const p99 = s.sweep!.points.map((p) => (p.sources.client!.latencyMs as Record<string, number>).p99!);
    expect(p99[3]!).toBeGreaterThan(p99[0]! * 2);
    expect(s.sweep!.points[0]!.replications).toBe(2);
  });

  it('reports a path the design does not have', async () => {
    const store = createAppStore(makeDoc());
    store.getState().startSweep({ path: 'nodes.ghost.params.workers', from: 1, to: 3, steps: 3, replications: 1 });
    await until(store, (s) => s.sweepStatus !== 'running');
    expect(store.getState().sweepStatus).toBe('error');
    expect(store.getState().sweepError).toMatch(/ghost/);
  });
});
