/**
 * The local library of designs, kept in a `Storage` (localStorage in the app, an in-memory
 * stub in tests): one key per design (`archsim:design:<id>`) plus an index of
 * `{ id, title, updatedAt }` (`archsim:library`). Every operation returns a result instead of
 * throwing, so a full or corrupt storage is reported to the user and never loses the design
 * held in memory. A write that fails leaves storage as it was. Imports only the model.
 */
import { parseDocumentText, type ArchDocument } from '../model/index.ts';

export interface DesignEntry {
  id: string;
  title: string;
  updatedAt: number;
}
export type LibraryResult<T> = { ok: true; value: T } | { ok: false; message: string };

export const INDEX_KEY = 'archsim:library';
export const CURRENT_KEY = 'archsim:current';
export const DESIGN_PREFIX = 'archsim:design:';

export interface Library {
  /** Entries, newest first. A corrupt index is rebuilt from the design keys. */
  list(): LibraryResult<DesignEntry[]>;
  load(id: string): LibraryResult<ArchDocument>;
  /** Write (or overwrite) a design and its index entry: both are written, or neither. */
  save(id: string, doc: ArchDocument): LibraryResult<DesignEntry>;
  /** Store a new design under a fresh id. */
  create(doc: ArchDocument): LibraryResult<DesignEntry>;
  /** Copy a stored design under a fresh id, titled "… (copy)". */
  duplicate(id: string): LibraryResult<DesignEntry>;
  rename(id: string, title: string): LibraryResult<DesignEntry>;
  remove(id: string): LibraryResult<true>;
  currentId(): string | null;
  setCurrentId(id: string): void;
}

function errorText(e: unknown): string {
  if (e instanceof DOMException && (e.name === 'QuotaExceededError' || e.code === 22)) return 'browser storage is full';
  return e instanceof Error ? e.message : String(e);
}

/**
 * Create a library over `storage`.
 *
 * @example
 * const lib = createLibrary(localStorage);
 * const r = lib.create(doc); if (r.ok) lib.setCurrentId(r.value.id);
 */
export function createLibrary(storage: Storage, opts: { now?: () => number; newId?: () => string } = {}): Library {
  const now = opts.now ?? Date.now;
  let seq = 0;
  const newId = opts.newId ?? (() => `d${now().toString(36)}${(seq++).toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`);

  function readIndex(): DesignEntry[] {
    const raw = storage.getItem(INDEX_KEY);
    if (raw !== null) {
      try {
        const parsed: unknown = JSON.parse(raw);
        if (
          Array.isArray(parsed) &&
          parsed.every((e) => e && typeof e.id === 'string' && typeof e.title === 'string' && typeof e.updatedAt === 'number')
        ) {
          return parsed as DesignEntry[];
        }
      } catch {
        /* fall through: rebuild */
      }
    }
    // Missing or corrupt index: rebuild it from the design keys so no design becomes invisible.
    const entries: DesignEntry[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (!key?.startsWith(DESIGN_PREFIX)) continue;
      const id = key.slice(DESIGN_PREFIX.length);
      let title = id;
      try {
        title = String((JSON.parse(storage.getItem(key) ?? '{}') as { title?: unknown }).title ?? id);
      } catch {
        title = `${id} (unreadable)`;
      }
      entries.push({ id, title, updatedAt: 0 });
    }
    return entries;
  }

  function writeIndex(entries: DesignEntry[]): void {
    storage.setItem(INDEX_KEY, JSON.stringify(entries));
  }

  function guard<T>(fn: () => LibraryResult<T>): LibraryResult<T> {
    try {
      return fn();
    } catch (e) {
      return { ok: false, message: errorText(e) };
    }
  }

  const lib: Library = {
    list: () =>
      guard(() => ({
        ok: true,
        value: readIndex()
          .slice()
          .sort((a, b) => b.updatedAt - a.updatedAt),
      })),
    load: (id) =>
      guard(() => {
        const text = storage.getItem(DESIGN_PREFIX + id);
        if (text === null) return { ok: false, message: `no saved design "${id}"` };
        const parsed = parseDocumentText(text);
        if (!parsed.ok)
          return { ok: false, message: `saved design "${id}" is damaged: ${parsed.errors[0]?.where}: ${parsed.errors[0]?.message}` };
        return { ok: true, value: parsed.doc };
      }),
    save: (id, doc) =>
      guard(() => {
        const entry: DesignEntry = { id, title: doc.title, updatedAt: now() };
        const key = DESIGN_PREFIX + id;
        const index = [entry, ...readIndex().filter((e) => e.id !== id)];
        const before = storage.getItem(key);
        storage.setItem(key, JSON.stringify(doc));
        try {
          writeIndex(index);
        } catch (e) {
          // All or nothing: put the design key back as it was, so a failed save leaves no
          // unlisted copy using quota. Removing first frees the new text, so the old one fits again.
          storage.removeItem(key);
          if (before !== null) storage.setItem(key, before);
          throw e;
        }
        return { ok: true, value: entry };
      }),
    create: (doc) => lib.save(newId(), doc),
    duplicate: (id) => {
      const loaded = lib.load(id);
      if (!loaded.ok) return loaded;
      return lib.create({ ...loaded.value, title: `${loaded.value.title} (copy)`.slice(0, 200) });
    },
    rename: (id, title) => {
      const loaded = lib.load(id);
      if (!loaded.ok) return loaded;
      return lib.save(id, { ...loaded.value, title: title.slice(0, 200) });
    },
    remove: (id) =>
      guard(() => {
        storage.removeItem(DESIGN_PREFIX + id);
        writeIndex(readIndex().filter((e) => e.id !== id));
        if (storage.getItem(CURRENT_KEY) === id) storage.removeItem(CURRENT_KEY);
        return { ok: true, value: true as const };
      }),
    currentId: () => {
      try {
        return storage.getItem(CURRENT_KEY);
      } catch {
        return null;
      }
    },
    setCurrentId: (id) => {
      try {
        storage.setItem(CURRENT_KEY, id);
      } catch {
        /* the next save reports storage problems */
      }
    },
  };
  return lib;
}

/** A Map-backed `Storage` with an optional byte quota, for tests and for when localStorage is unavailable. */
export function createMemoryStorage(quotaChars = Infinity): Storage {
  const map = new Map<string, string>();
  const used = () => [...map].reduce((n, [k, v]) => n + k.length + v.length, 0);
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => {
      map.delete(k);
    },
    setItem: (k, v) => {
      const before = map.get(k);
      if (used() - (before ? k.length + before.length : 0) + k.length + v.length > quotaChars) {
        throw new DOMException('quota exceeded', 'QuotaExceededError');
      }
      map.set(k, String(v));
    },
  };
}
