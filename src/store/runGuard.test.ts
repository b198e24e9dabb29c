import { describe, expect, it } from 'vitest';
import { parseDocument, formatErrors, type ArchDocument } from '../model/index.ts';
import { createAppStore } from './useAppStore.ts';
import { RUN_CONFIRM_S, runConfirmNeeded, sweepConfirmNeeded } from './runGuard.ts';
import { runConfirmText } from '../ui/results/RunConfirmDialog.tsx';

function makeDoc(rateRps: number, durationS: number, client: Record<string, unknown> = {}): ArchDocument {
  const r = parseDocument({
    version: 1,
    nodes: [
      { id: 'client', kind: 'client', params: { rateRps, ...client } },
      { id: 'svc', kind: 'service', params: { workers: 100, serviceTime: { type: 'exponential', meanMs: 1 } } },
    ],
    edges: [{ id: 'e', source: 'client', target: 'svc' }],
    scenario: { durationS },
  });
  if (!r.ok) throw new Error(formatErrors(r.errors));
  return r.doc;
}

describe('run guard', () => {
  it('lets a quick run start at once and holds one expected to take minutes', () => {
    expect(runConfirmNeeded(makeDoc(100, 60), 'run')).toBeNull();
    const held = runConfirmNeeded(makeDoc(1e7, 60), 'run');
    expect(held).toMatchObject({ kind: 'run', runs: 1, workers: 1 });
    expect(held!.seconds).toBeGreaterThan(RUN_CONFIRM_S);
    expect(runConfirmText(held!)).toMatch(
      /^This run is expected to take about \d+ min: 600M requests and 1\.\d+B engine events, from the traffic equations\./,
    );
  });

  it('counts replications over the parallel workers', () => {
    // About 8 s per run: one run goes ahead, 20 on 2 workers (about 80 s) ask first.
    const doc = makeDoc(20_000, 200);
    expect(runConfirmNeeded(doc, 'run')).toBeNull();
    const held = runConfirmNeeded(doc, 'replications', 20, 2);
    expect(held).toMatchObject({ kind: 'replications', runs: 20, workers: 2 });
    expect(runConfirmText(held!)).toMatch(
      /^These 20 replications \(on 2 workers\) are expected to take about 80 s: 4M requests and 8M engine events each/,
    );
    expect(runConfirmNeeded(doc, 'replications', 2, 8)).toBeNull();
  });

  it('asks before a run that may never finish, saying why', () => {
    const held = runConfirmNeeded(makeDoc(0, 60, { arrival: 'closed', users: 5, thinkTimeMs: 0 }), 'run');
    expect(held?.unbounded).toMatch(/closed loop with thinkTimeMs 0/);
    expect(runConfirmText(held!)).toMatch(/^This run may never finish: client "client" is a closed loop/);
  });

  it('the store holds the run until confirmed, and forgets it when dismissed', async () => {
    const store = createAppStore(makeDoc(1e7, 60));
    store.getState().startRun();
    expect(store.getState().runStatus).toBe('idle');
    expect(store.getState().runConfirm?.kind).toBe('run');
    store.getState().dismissRunConfirm();
    expect(store.getState().runConfirm).toBeNull();
    expect(store.getState().runStatus).toBe('idle');
    store.getState().startReplications();
    expect(store.getState().runConfirm?.kind).toBe('replications');
    store.getState().confirmRun();
    expect(store.getState().runConfirm).toBeNull();
    expect(store.getState().runStatus).toBe('running');
    store.getState().cancelRun();
    expect(store.getState().runStatus).toBe('cancelled');
  });

  it('a confirmed single run starts (and can be cancelled)', async () => {
    const store = createAppStore(makeDoc(1e7, 60));
    store.getState().startRun();
    store.getState().confirmRun();
    expect(store.getState().runStatus).toBe('running');
    store.getState().cancelRun();
    await new Promise<void>((resolve) => {
      const check = () => {
        if (store.getState().runStatus !== 'running') {
          unsub();
          resolve();
        }
      };
      const unsub = store.subscribe(check);
      check();
    });
    expect(store.getState().runStatus).toBe('cancelled');
  });

  it('a sweep sums the work of every point: sweeping the rate up to 10M rps asks, the same points at 100 rps do not', () => {
    const doc = makeDoc(100, 60);
    const spec = { path: 'nodes.client.params.rateRps', from: 100, to: 1e7, steps: 5, replications: 2 };
    const values = [100, 2_500_075, 5_000_050, 7_500_025, 1e7];
    const held = sweepConfirmNeeded(doc, spec, values, 2);
    expect(held).toMatchObject({ kind: 'sweep', runs: 10, workers: 2, sweep: { points: 5 } });
    // The heaviest point alone is the 10M rps run the first test holds; the sweep is about
    // (0 + 1/4 + 2/4 + 3/4 + 1) of it × 2 seeds over 2 workers = 2.5 × that run.
    const heaviest = runConfirmNeeded(makeDoc(1e7, 60), 'run')!;
    expect(held!.seconds / heaviest.seconds).toBeCloseTo(2.5, 1);
    expect(held!.events).toBe(heaviest.events);
    expect(runConfirmText(held!)).toMatch(
      /^This sweep of 5 points \(10 runs on 2 workers\) is expected to take about \d+ min: 600M requests and 1\.\d+B engine events for its heaviest point/,
    );
    expect(sweepConfirmNeeded(doc, { ...spec, to: 100 }, [100, 100, 100, 100, 100], 2)).toBeNull();
    expect(sweepConfirmNeeded(doc, { ...spec, path: 'nodes.nope.params.rateRps' }, values, 2)).toBeNull();
  });

  it('the store holds a long sweep until confirmed, then runs it', async () => {
    const store = createAppStore(makeDoc(100, 60));
    store.getState().startSweep({ path: 'nodes.client.params.rateRps', from: 100, to: 1e7, steps: 3, replications: 1 });
    await new Promise<void>((resolve) => {
      const check = () => {
        if (store.getState().runConfirm) {
          unsub();
          resolve();
        }
      };
      const unsub = store.subscribe(check);
      check();
    });
    expect(store.getState().runConfirm?.kind).toBe('sweep');
    expect(store.getState().sweepStatus).toBe('idle');
    store.getState().confirmRun();
    expect(store.getState().runConfirm).toBeNull();
    expect(store.getState().sweepStatus).toBe('running');
    store.getState().cancelSweep();
    expect(store.getState().sweepStatus).toBe('cancelled');
  });
});
