import { describe, expect, it } from 'vitest';
import { parseDocument, formatErrors, type ArchDocument } from '../model/index.ts';
import { createAppStore } from './useAppStore.ts';
import { RUN_CONFIRM_S, runConfirmNeeded } from './runGuard.ts';
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
});
