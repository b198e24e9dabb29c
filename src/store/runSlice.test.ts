import { describe, expect, it } from 'vitest';
import { parseDocument, formatErrors, type ArchDocument } from '../model/index.ts';
import { createAppStore, type AppStore } from './useAppStore.ts';
import { useRunLive } from './runLive.ts';
import { documentChanges, documentSummary, resultIsStale } from './runSummary.ts';

function makeDoc(workers = 2, durationS = 20): ArchDocument {
  const r = parseDocument({
    version: 1,
    title: 'Tiny',
    nodes: [
      { id: 'client', kind: 'client', label: 'Client', position: { x: 0, y: 0 }, params: { arrival: 'poisson', rateRps: 100 } },
      {
        id: 'svc',
        kind: 'service',
        label: 'Service',
        position: { x: 200, y: 0 },
        params: { workers, serviceTime: { type: 'exponential', meanMs: 10 } },
      },
    ],
    edges: [{ id: 'client-svc', source: 'client', target: 'svc' }],
    scenario: { durationS, seed: 9 },
  });
  if (!r.ok) throw new Error(formatErrors(r.errors));
  return r.doc;
}

const settled = (store: AppStore) =>
  new Promise<void>((resolve) => {
    const check = () => {
      if (store.getState().runStatus !== 'running') {
        unsub();
        resolve();
      }
    };
    const unsub = store.subscribe(check);
    check();
  });

describe('runSlice', () => {
  it('runs the document, keeps the run, and marks it stale after a simulation-relevant edit only', async () => {
    const store = createAppStore(makeDoc());
    store.getState().startRun();
    expect(store.getState().runStatus).toBe('running');
    expect(store.getState().dockTab).toBe('results');
    await settled(store);
    const s = store.getState();
    expect(s.runStatus).toBe('done');
    expect(s.runs).toHaveLength(1);
    expect(s.shownRunId).toBe(s.runs[0]!.id);
    expect(s.runs[0]!.result.simulatedS).toBe(20);
    expect(s.runs[0]!.summary).toBe('2 components · 20 s');
    expect(useRunLive.getState().progress?.simulatedS).toBe(20);
    // Moving a node does not change the outcome; changing workers does.
    s.moveNodes([{ id: 'svc', position: { x: 500, y: 40 } }]);
    expect(resultIsStale(s.runs[0]!.doc, store.getState().doc)).toBe(false);
    const svc = store.getState().doc.nodes[1]!;
    store.getState().replaceNode({ ...svc, params: { ...svc.params, workers: 1 } } as typeof svc);
    expect(resultIsStale(s.runs[0]!.doc, store.getState().doc)).toBe(true);
    // A second run is labelled with what changed and paired with the first for comparing.
    store.getState().startRun();
    await settled(store);
    const t = store.getState();
    expect(t.runs).toHaveLength(2);
    expect(t.runs[0]!.changes).toEqual(['Service: workers 2 → 1']);
    expect(t.compareIds).toEqual([t.runs[1]!.id, t.runs[0]!.id]);
  });

  it('cancel leaves the partial result in the live store and adds no run', async () => {
    const store = createAppStore(makeDoc(2, 86_400));
    store.getState().startRun();
    await new Promise<void>((resolve) => {
      const u = useRunLive.subscribe((l) => {
        if (l.progress) {
          u();
          resolve();
        }
      });
    });
    store.getState().cancelRun();
    await settled(store);
    expect(store.getState().runStatus).toBe('cancelled');
    expect(store.getState().runs).toHaveLength(0);
    expect(useRunLive.getState().live?.partial).toBe(true);
  });

  it('shows live snapshots (totals and series, no findings yet) while running, then the final result', async () => {
    const store = createAppStore(makeDoc(2, 3000));
    const seen: { partial: boolean; findings: number; traces: number; filled: number }[] = [];
    const unsub = useRunLive.subscribe((l, prev) => {
      if (l.live && l.live !== prev.live)
        seen.push({
          partial: l.live.partial,
          findings: l.live.findings.length,
          traces: l.live.traces.length,
          filled: l.live.series.filled,
        });
    });
    store.getState().startRun();
    await settled(store);
    unsub();
    expect(store.getState().runStatus).toBe('done');
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((s) => s.partial && s.findings === 0 && s.traces === 0)).toBe(true);
    // Live snapshots advance, and the finished run replaces them.
    expect(seen.map((s) => s.filled)).toEqual([...seen.map((s) => s.filled)].sort((a, b) => a - b));
    expect(useRunLive.getState().live).toBeNull();
    const final = store.getState().runs[0]!.result;
    expect(final.partial).toBe(false);
    expect(final.traces.length).toBeGreaterThan(0);
  });
});

describe('runSummary', () => {
  it('lists node, call and scenario changes', () => {
    const a = makeDoc();
    const b: ArchDocument = {
      ...a,
      edges: [{ ...a.edges[0]!, params: { ...a.edges[0]!.params, timeoutMs: 250 } }],
      scenario: { ...a.scenario, durationS: 60 },
    };
    expect(documentChanges(a, b)).toEqual([
      `Client → Service: timeoutMs ${a.edges[0]!.params.timeoutMs} → 250`,
      'scenario: durationS 20 → 60',
    ]);
    expect(documentChanges(a, { ...a, nodes: a.nodes.slice(0, 1), edges: [] })).toEqual(['− Service', '− call Client → Service']);
    expect(documentSummary(b)).toBe('2 components · 60 s');
  });
});
