/**
 * Typing in one field is one undo step. While a text field has focus (`begin` … `end`), each
 * commit after the first replaces the document without a new history entry, as long as
 * nothing else changed the document in between (an undo, a drag, another edit): 32 → 5 → 50
 * undoes straight back to 32.
 *
 * @example
 * const session = createFieldEditSession(store);
 * session.begin();                              // the field gets focus
 * session.commit(() => store.getState().replaceNode(a));
 * session.commit(() => store.getState().replaceNode(b)); // same undo step as the first
 * session.end();                                // blur, or Ctrl+Z in the field
 */
import type { ArchDocument } from '../model/index.ts';
import type { AppStore } from './useAppStore.ts';

export interface FieldEditSession {
  begin: () => void;
  /** Run `apply` (one document action); merged into the session's undo step after its first commit. */
  commit: (apply: () => void) => void;
  end: () => void;
}

export function createFieldEditSession(store: AppStore): FieldEditSession {
  let active = false;
  let last: ArchDocument | null = null;
  return {
    begin: () => {
      active = true;
      last = null;
    },
    commit: (apply) => {
      const merge = active && last !== null && last === store.getState().doc;
      const t = store.temporal.getState();
      if (merge) t.pause();
      try {
        apply();
      } finally {
        if (merge) t.resume();
      }
      if (active) last = store.getState().doc;
    },
    end: () => {
      active = false;
      last = null;
    },
  };
}
