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

/** `inner` with a quota in characters (keys + values), like a browser's localStorage. */
function limitStorage(inner: Storage, quota: number): Storage {
  const used = () =>
    Array.from({ length: inner.length }, (_, i) => inner.key(i)!).reduce((n, k) => n + k.length + inner.getItem(k)!.length, 0);
  return {
    get length() {
      return inner.length;
    },
    clear: () => inner.clear(),
    getItem: (k) => inner.getItem(k),
    key: (i) => inner.key(i),
    removeItem: (k) => inner.removeItem(k),
    setItem: (k, v) => {
      const prev = inner.getItem(k);
      if (used() - (prev === null ? 0 : k.length + prev.length) + k.length + v.length > quota)
        throw new DOMException('quota exceeded', 'QuotaExceededError');
      inner.setItem(k, v);
    },
  };
}

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

  it('a design that fits while its index entry does not leaves nothing behind', () => {
    const { lib, storage } = makeLib();
    lib.create(makeDoc('A'));
    const doc = { ...makeDoc('big'), description: 'x'.repeat(300) };
    const designChars = (DESIGN_PREFIX + 'id1').length + JSON.stringify(doc).length;
    const snapshot = () =>
      Object.fromEntries(Array.from({ length: storage.length }, (_, i) => [storage.key(i)!, storage.getItem(storage.key(i)!)]));
    const used = Object.entries(snapshot()).reduce((n, [k, v]) => n + k.length + v!.length, 0);
    // Room for the design but not for the longer index that would list it.
    const tight = createLibrary(limitStorage(storage, used + designChars + 10), { now: () => 5000, newId: () => 'id1' });
    const before = snapshot();
    expect(tight.create(doc)).toEqual({ ok: false, message: 'browser storage is full' });
    expect(snapshot()).toEqual(before);
    expect(storage.getItem(DESIGN_PREFIX + 'id1')).toBeNull();
  });

  it('a failed overwrite keeps the previous version of the design', () => {
    const { lib, storage } = makeLib();
    lib.create(makeDoc('A'));
    const old = storage.getItem(DESIGN_PREFIX + 'id0');
    const used = storage.getItem(INDEX_KEY)!.length + INDEX_KEY.length + (DESIGN_PREFIX + 'id0').length + old!.length;
    const renamed = { ...makeDoc('A'), title: 'A much longer title that makes the index entry grow' };
    const tight = createLibrary(limitStorage(storage, used + (JSON.stringify(renamed).length - old!.length) + 5), { now: () => 5000 });
    expect(tight.save('id0', renamed).ok).toBe(false);
    expect(storage.getItem(DESIGN_PREFIX + 'id0')).toBe(old);
    const list = lib.list();
    expect(list.ok && list.value.map((e) => e.title)).toEqual(['A']);
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
