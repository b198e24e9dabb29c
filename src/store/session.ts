/**
 * The editing session: which library design is open, autosave of every document change, and
 * the library verbs the toolbar offers (new / open / duplicate / rename / delete). Storage
 * problems become banners; the design in memory is never dropped because storage failed.
 *
 * @example
 * const session = createSession({ store: useAppStore, storage: window.localStorage, sample });
 * session.start();  // restores the last design, or stores the sample as a new one
 */
import { createLibrary, type DesignEntry, type Library, type LibraryResult } from '../share/library.ts';
import type { ArchDocument } from '../model/index.ts';
import { EMPTY_DOCUMENT, type AppStore } from './useAppStore.ts';

export interface Session {
  library: Library;
  /** Open the last design (or the sample, stored as a new design) and start autosaving. Says which. */
  start: () => 'restored' | 'sample';
  list: () => DesignEntry[];
  open: (id: string) => boolean;
  createNew: (doc?: ArchDocument) => boolean;
  duplicate: (id: string) => boolean;
  rename: (id: string, title: string) => boolean;
  /** Delete a stored design; deleting the open one switches to the most recent other (or a new one). */
  remove: (id: string) => boolean;
  destroy: () => void;
}

export function createSession(opts: { store: AppStore; storage: Storage; sample: ArchDocument; storageNote?: string }): Session {
  const { store, sample } = opts;
  const library = createLibrary(opts.storage);
  let unsubscribe: (() => void) | null = null;
  /** True while `show` swaps designs: that document change is a load, not an edit to save. */
  let loading = false;

  const fail = (id: string, message: string) => store.getState().showBanner({ id, tone: 'error', message });
  const check = <T>(r: LibraryResult<T>, bannerId: string, what: string): T | null => {
    if (r.ok) return r.value;
    fail(bannerId, `${what}: ${r.message}.`);
    return null;
  };

  /** Put `doc` in the editor as design `id`, with a fresh undo history. */
  function show(id: string, doc: ArchDocument): void {
    const s = store.getState();
    loading = true;
    try {
      s.setDesignId(id);
      s.replaceDocument(doc);
    } finally {
      loading = false;
    }
    s.select([], []);
    s.setDragPositions(null);
    store.temporal.getState().clear();
    library.setCurrentId(id);
  }

  function autosave(doc: ArchDocument): void {
    const id = store.getState().designId;
    if (!id) return;
    const r = library.save(id, doc);
    if (r.ok) store.getState().dismissBanner('autosave');
    else
      fail(
        'autosave',
        `Autosave failed (${r.message}). Your design is safe in this tab; delete old designs from the library to free space, then edit anything to save again.`,
      );
  }

  /** Store `doc` as a new design and open it; if storage refuses, keep it open unsaved. */
  function openAsNew(doc: ArchDocument, what: string): boolean {
    const entry = check(library.create(doc), 'autosave', `${what} could not be saved`);
    if (!entry) {
      show('', doc);
      return false;
    }
    show(entry.id, doc);
    return true;
  }

  const session: Session = {
    library,
    start() {
      if (opts.storageNote) store.getState().showBanner({ id: 'storage', tone: 'warning', message: opts.storageNote });
      const current = library.currentId();
      const listed = library.list();
      const entries = listed.ok ? listed.value : [];
      const target = current ?? entries[0]?.id ?? null;
      let opened: 'restored' | 'sample' = 'sample';
      if (target) {
        const loaded = library.load(target);
        if (loaded.ok) {
          show(target, loaded.value);
          opened = 'restored';
        } else {
          // Leave the damaged record where it is (it may be recoverable by hand) and open the sample as a new design.
          fail(
            'restore',
            `Your last design could not be opened (${loaded.message}). It is left untouched in browser storage; the sample design is open instead.`,
          );
          openAsNew(sample, 'The sample design');
        }
      } else {
        openAsNew(sample, 'The sample design');
      }
      unsubscribe?.();
      unsubscribe = store.subscribe((s, prev) => {
        if (s.doc !== prev.doc && !loading) autosave(s.doc);
      });
      return opened;
    },
    list() {
      return check(library.list(), 'library', 'The library could not be read') ?? [];
    },
    open(id) {
      if (id === store.getState().designId) return true;
      const doc = check(library.load(id), 'library', 'That design could not be opened');
      if (!doc) return false;
      show(id, doc);
      return true;
    },
    createNew(doc = EMPTY_DOCUMENT) {
      return openAsNew(doc, 'The new design');
    },
    duplicate(id) {
      const s = store.getState();
      // Duplicating the open design copies what is on screen, even if the last autosave failed.
      if (id === s.designId || !id) return openAsNew({ ...s.doc, title: `${s.doc.title} (copy)`.slice(0, 200) }, 'The copy');
      const entry = check(library.duplicate(id), 'library', 'The design could not be duplicated');
      return entry ? session.open(entry.id) : false;
    },
    rename(id, title) {
      const s = store.getState();
      if (id === s.designId) {
        s.setMeta({ title });
        return true;
      }
      return check(library.rename(id, title), 'library', 'The design could not be renamed') !== null;
    },
    remove(id) {
      if (!check(library.remove(id), 'library', 'The design could not be deleted')) return false;
      if (id === store.getState().designId) {
        const next = session.list()[0];
        if (!next || !session.open(next.id)) session.createNew();
      }
      return true;
    },
    destroy() {
      unsubscribe?.();
      unsubscribe = null;
    },
  };
  return session;
}
