/**
 * The app's one editing session over localStorage. If the browser refuses localStorage
 * (privacy mode, disabled storage), designs live in memory for this tab and a banner says so.
 */
import { parseDocument, type ArchDocument } from '../model/index.ts';
import { createMemoryStorage, DESIGN_PREFIX } from '../share/library.ts';
import { createSession, type Session } from '../store/session.ts';
import { useAppStore } from '../store/useAppStore.ts';
import { EMPTY_DOCUMENT } from '../store/useAppStore.ts';
import webhookDelivery from '../../scenarios/webhook-delivery.json';

function browserStorage(): { storage: Storage; note?: string } {
  try {
    const s = window.localStorage;
    const probe = 'archsim:probe';
    s.setItem(probe, '1');
    s.removeItem(probe);
    return { storage: s };
  } catch {
    return { storage: createMemoryStorage(), note: 'This browser blocks local storage: designs are kept only while this tab is open.' };
  }
}

/** The ready-made design a first visit opens with. */
function sampleDocument(): ArchDocument {
  const parsed = parseDocument(webhookDelivery);
  return parsed.ok ? parsed.doc : EMPTY_DOCUMENT;
}

let session: Session | null = null;

export function appSession(): Session {
  if (!session) {
    const { storage, note } = browserStorage();
    session = createSession({ store: useAppStore, storage, sample: sampleDocument(), storageNote: note });
    // Another tab saving the design open here would be overwritten by this tab's next autosave: say so.
    window.addEventListener('storage', (e) => {
      const { designId, showBanner } = useAppStore.getState();
      if (designId && e.key === DESIGN_PREFIX + designId && e.newValue !== null) {
        showBanner({
          id: 'other-tab',
          tone: 'warning',
          message:
            'This design was just changed in another tab. Edits here will overwrite that version; reload this tab to pick up the other one instead.',
        });
      }
    });
  }
  return session;
}
