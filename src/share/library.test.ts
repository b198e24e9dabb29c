import { describe, expect, it } from 'vitest';
import { documentSchema } from '../model/index.ts';
import { createLibrary, createMemoryStorage, DESIGN_PREFIX, INDEX_KEY } from './library.ts';

const makeDoc = (title: string) => documentSchema.parse({ version: 1, title, nodes: [{ id: 'c', kind: 'client' }] });
const makeLib = (quota = Infinity) => {
  let t = 1000;
  let n = 0;
  const storage = createMemoryStorage(quota);
  return { storage, lib: createLibrary(storage, { now: () => t++, newId: () => `id${n++}` }) };
};

describe('library', () => {
  it('creates, lists newest first and loads designs', () => {
    const { lib } = makeLib();
    const a = lib.create(makeDoc('A'));
    const b = lib.create(makeDoc('B'));
    expect(a.ok && b.ok).toBe(true);
    const list = lib.list();
    expect(list.ok && list.value.map((e) => e.title)).toEqual(['B', 'A']);
    const loaded = lib.load('id0');
    expect(loaded.ok && loaded.value.title).toBe('A');
  });

  it('duplicates under a new id and title', () => {
    const { lib } = makeLib();
    lib.create(makeDoc('A'));
    const d = lib.duplicate('id0');
    expect(d.ok && d.value).toMatchObject({ id: 'id1', title: 'A (copy)' });
    const list = lib.list();
    expect(list.ok && list.value.length).toBe(2);
  });

  it('renames the stored document and its index entry', () => {
    const { lib } = makeLib();
    lib.create(makeDoc('A'));
    lib.rename('id0', 'Checkout');
    const loaded = lib.load('id0');
    expect(loaded.ok && loaded.value.title).toBe('Checkout');
    const list = lib.list();
    expect(list.ok && list.value[0]?.title).toBe('Checkout');
  });

  it('deletes a design, its index entry and the current pointer', () => {
    const { lib, storage } = makeLib();
    lib.create(makeDoc('A'));
    lib.setCurrentId('id0');
    expect(lib.remove('id0').ok).toBe(true);
    expect(storage.getItem(DESIGN_PREFIX + 'id0')).toBeNull();
    const list = lib.list();
    expect(list.ok && list.value).toEqual([]);
    expect(lib.currentId()).toBeNull();
  });

  it('reports a full storage instead of throwing', () => {
    const { lib } = makeLib(400);
    const r = lib.create({ ...makeDoc('big'), description: 'x'.repeat(500) });
    expect(r).toEqual({ ok: false, message: 'browser storage is full' });
  });

  it('reports a damaged design with the field at fault', () => {
    const { lib, storage } = makeLib();
    lib.create(makeDoc('A'));
    storage.setItem(DESIGN_PREFIX + 'id0', '{"version":1,"nodes":[{"id":"c","kind":"client","params":{"rateRps":-1}}]}');
    const r = lib.load('id0');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/node "c" › params.rateRps/);
    storage.setItem(DESIGN_PREFIX + 'id0', '{not json');
    const r2 = lib.load('id0');
    expect(!r2.ok && r2.message).toMatch(/not valid JSON/);
  });

  it('rebuilds a corrupt index from the design keys', () => {
    const { lib, storage } = makeLib();
    lib.create(makeDoc('A'));
    lib.create(makeDoc('B'));
    storage.setItem(INDEX_KEY, 'garbage');
    const list = lib.list();
    expect(list.ok && list.value.map((e) => e.title).sort()).toEqual(['A', 'B']);
  });
});
