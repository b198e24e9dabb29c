import { describe, expect, it } from 'vitest';
import { documentSchema, type DocNode } from '../model/index.ts';
import { createAppStore } from './useAppStore.ts';
import { createFieldEditSession } from './fieldEditSession.ts';

const doc = documentSchema.parse({ version: 1, nodes: [{ id: 'svc', kind: 'service', params: { workers: 32 } }] });
const workers = (n: number) => (s: ReturnType<typeof createAppStore>) => {
  const svc = s.getState().doc.nodes[0] as DocNode & { kind: 'service' };
  s.getState().replaceNode({ ...svc, params: { ...svc.params, workers: n } });
};
const current = (s: ReturnType<typeof createAppStore>) => (s.getState().doc.nodes[0] as DocNode & { kind: 'service' }).params.workers;

describe('field edit session', () => {
  it('typing 32 → 5 → 50 in one field is one undo step, and redo returns to 50', () => {
    const store = createAppStore(doc);
    const session = createFieldEditSession(store);
    session.begin();
    session.commit(() => workers(5)(store));
    session.commit(() => workers(50)(store));
    session.end();
    expect(store.temporal.getState().pastStates).toHaveLength(1);
    store.temporal.getState().undo();
    expect(current(store)).toBe(32);
    store.temporal.getState().redo();
    expect(current(store)).toBe(50);
  });

  it('a change between two commits (an undo) starts a new step', () => {
    const store = createAppStore(doc);
    const session = createFieldEditSession(store);
    session.begin();
    session.commit(() => workers(5)(store));
    store.temporal.getState().undo();
    session.commit(() => workers(7)(store));
    expect(store.temporal.getState().pastStates).toHaveLength(1);
    store.temporal.getState().undo();
    expect(current(store)).toBe(32);
  });

  it('without a session every commit is its own step', () => {
    const store = createAppStore(doc);
    const session = createFieldEditSession(store);
    session.commit(() => workers(5)(store));
    session.commit(() => workers(50)(store));
    expect(store.temporal.getState().pastStates).toHaveLength(2);
  });
});
