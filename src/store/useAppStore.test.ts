import { describe, expect, it } from 'vitest';
import { createAppStore } from './useAppStore.ts';

const setup = () => {
  const store = createAppStore();
  const undo = () => store.temporal.getState().undo();
  const redo = () => store.temporal.getState().redo();
  const past = () => store.temporal.getState().pastStates.length;
  return { store, undo, redo, past };
};

describe('useAppStore undo/redo', () => {
  it('undoes and redoes adding a node', () => {
    const { store, undo, redo } = setup();
    const id = store.getState().addNode('service', { x: 10, y: 20 });
    expect(store.getState().doc.nodes.map((n) => n.id)).toEqual([id]);
    undo();
    expect(store.getState().doc.nodes).toEqual([]);
    redo();
    expect(store.getState().doc.nodes[0]).toMatchObject({ id, kind: 'service', label: 'Service', position: { x: 10, y: 20 } });
  });

  it('records a drag as one step: in-progress positions stay out of the document and the history', () => {
    const { store, undo, past } = setup();
    const id = store.getState().addNode('cache', { x: 0, y: 0 });
    const before = past();
    for (let x = 1; x <= 50; x++) store.getState().setDragPositions({ [id]: { x, y: x } });
    expect(past()).toBe(before);
    expect(store.getState().doc.nodes[0]?.position).toEqual({ x: 0, y: 0 });
    store.getState().setDragPositions(null);
    store.getState().moveNodes([{ id, position: { x: 50, y: 50 } }]);
    expect(past()).toBe(before + 1);
    undo();
    expect(store.getState().doc.nodes[0]?.position).toEqual({ x: 0, y: 0 });
  });

  it('records nothing for a move that ends where it started, or for selection changes', () => {
    const { store, past } = setup();
    const id = store.getState().addNode('cache', { x: 5, y: 5 });
    const before = past();
    store.getState().moveNodes([{ id, position: { x: 5, y: 5 } }]);
    store.getState().select([id], []);
    store.getState().setInspectorTab('scenario');
    expect(past()).toBe(before);
  });

  it('removes a node with its edges and scenario references in one undoable step', () => {
    const { store, undo } = setup();
    const s = store.getState();
    const c = s.addNode('client', { x: 0, y: 0 });
    const a = s.addNode('service', { x: 200, y: 0 });
    const e = s.addEdge(c, a);
    expect(e).toBe('client-service');
    s.replaceScenario({
      ...store.getState().doc.scenario,
      failures: [
        {
          target: a,
          kind: 'down',
          atS: 1,
          durationS: 2,
          mode: 'failFast',
          effect: 'stopAccepting',
          factor: 5,
          probability: 0.5,
          workers: 1,
          addedMs: 100,
        },
      ],
    });
    const snapshot = store.getState().doc;
    store.getState().removeElements([a], []);
    expect(store.getState().doc.edges).toEqual([]);
    expect(store.getState().doc.scenario.failures).toEqual([]);
    undo();
    expect(store.getState().doc).toBe(snapshot);
  });

  it('refuses self edges and duplicate edges', () => {
    const { store } = setup();
    const s = store.getState();
    const a = s.addNode('service', { x: 0, y: 0 });
    const b = s.addNode('database', { x: 0, y: 0 });
    expect(s.addEdge(a, a)).toBeNull();
    expect(s.addEdge(a, b)).not.toBeNull();
    expect(s.addEdge(a, b)).toBeNull();
    expect(store.getState().doc.edges).toHaveLength(1);
  });

  it('gives new nodes unique ids and numbered labels', () => {
    const { store } = setup();
    const s = store.getState();
    s.addNode('service', { x: 0, y: 0 });
    s.addNode('service', { x: 0, y: 0 });
    expect(store.getState().doc.nodes.map((n) => [n.id, n.label])).toEqual([
      ['service', 'Service'],
      ['service-2', 'Service 2'],
    ]);
  });
});
