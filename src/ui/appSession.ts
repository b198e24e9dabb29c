/**
 * The app's one editing session over localStorage. If the browser refuses localStorage
 * (privacy mode, disabled storage), designs live in memory for this tab and a banner says so.
 */
import { parseDocument, type ArchDocument } from '../model/index.ts';
import { createMemoryStorage } from '../share/library.ts';
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
  }
  return session;
}
