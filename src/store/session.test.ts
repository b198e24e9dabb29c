import { describe, expect, it } from 'vitest';
import { documentSchema } from '../model/index.ts';
import { createMemoryStorage, DESIGN_PREFIX } from '../share/library.ts';
import { createAppStore } from './useAppStore.ts';
import { createSession } from './session.ts';

const sample = documentSchema.parse({ version: 1, title: 'Sample', nodes: [{ id: 'c', kind: 'client' }] });

describe('session', () => {
  it('stores the sample on first start and restores the edited design on the next start', () => {
    const storage = createMemoryStorage();
    const a = createAppStore();
    createSession({ store: a, storage, sample }).start();
    expect(a.getState().doc.title).toBe('Sample');
    a.getState().addNode('service', { x: 1, y: 2 });
    const b = createAppStore();
    createSession({ store: b, storage, sample }).start();
    expect(b.getState().doc.nodes.map((n) => n.id)).toEqual(['c', 'service']);
    expect(b.temporal.getState().pastStates).toHaveLength(0);
  });

  it('keeps the in-memory design and shows a banner when storage is full', () => {
    const storage = createMemoryStorage(6000);
    const store = createAppStore();
    createSession({ store, storage, sample }).start();
    store.getState().setMeta({ description: 'x'.repeat(10_000) });
    expect(store.getState().doc.description).toHaveLength(10_000);
    expect(store.getState().banners.map((b) => b.id)).toEqual(['autosave']);
    store.getState().setMeta({ description: 'short' });
    expect(store.getState().banners).toEqual([]);
  });

  it('leaves a damaged design untouched and opens the sample as a new design', () => {
    const storage = createMemoryStorage();
    const first = createAppStore();
    createSession({ store: first, storage, sample }).start();
    const id = first.getState().designId;
    storage.setItem(DESIGN_PREFIX + id, '{broken');
    const store = createAppStore();
    createSession({ store, storage, sample }).start();
    expect(store.getState().banners[0]?.message).toMatch(/could not be opened/);
    expect(storage.getItem(DESIGN_PREFIX + id)).toBe('{broken');
    expect(store.getState().designId).not.toBe(id);
  });

  it('deleting the open design switches to another one', () => {
    const storage = createMemoryStorage();
    const store = createAppStore();
    const session = createSession({ store, storage, sample });
    session.start();
    const first = store.getState().designId;
    session.createNew();
    const second = store.getState().designId;
    expect(second).not.toBe(first);
    session.remove(second);
    expect(store.getState().designId).toBe(first);
    expect(session.list().map((e) => e.id)).toEqual([first]);
  });
});
