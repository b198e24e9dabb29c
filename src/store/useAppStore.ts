/**
 * The app store: one zustand store built from slices, with undo/redo (zundo) over the
 * document only. Editor state (selection, drags, panels) never enters the history, and an
 * action that leaves `doc` untouched records nothing.
 *
 * @example
 * const doc = useAppStore((s) => s.doc);
 * useAppStore.getState().addNode('service', { x: 0, y: 0 });
 * useAppStore.temporal.getState().undo();
 */
import { create, type StateCreator } from 'zustand';
import { temporal } from 'zundo';
import { documentSchema, type ArchDocument } from '../model/index.ts';
import { createDocumentSlice, type DocumentSlice } from './documentSlice.ts';
import { createEditorSlice, type EditorSlice } from './editorSlice.ts';
import { createRunSlice, type RunSlice } from './runSlice.ts';
import { createSweepSlice, type SweepSlice } from './sweepSlice.ts';

export type AppState = DocumentSlice & EditorSlice & RunSlice & SweepSlice;

/** Where each piece of data state is kept: `local` autosave, exported `file`, `share` link. */
export const PERSISTENCE = {
  doc: { local: true, file: true, share: true },
  selectedNodeIds: { local: false, file: false, share: false },
  selectedEdgeIds: { local: false, file: false, share: false },
  dragPositions: { local: false, file: false, share: false },
  measured: { local: false, file: false, share: false },
  inspectorTab: { local: false, file: false, share: false },
  helpOpen: { local: false, file: false, share: false },
  aboutOpen: { local: false, file: false, share: false },
  dockOpen: { local: false, file: false, share: false },
  banners: { local: false, file: false, share: false },
  designId: { local: false, file: false, share: false },
  openCount: { local: false, file: false, share: false },
  clipboard: { local: false, file: false, share: false },
  runStatus: { local: false, file: false, share: false },
  runError: { local: false, file: false, share: false },
  runDoc: { local: false, file: false, share: false },
  runs: { local: false, file: false, share: false },
  shownRunId: { local: false, file: false, share: false },
  compareIds: { local: false, file: false, share: false },
  dockTab: { local: false, file: false, share: false },
  highlight: { local: false, file: false, share: false },
  replications: { local: false, file: false, share: false },
  batchWorkers: { local: false, file: false, share: false },
  resultsView: { local: false, file: false, share: false },
  traceId: { local: false, file: false, share: false },
  runConfirm: { local: false, file: false, share: false },
  liveSpeed: { local: false, file: false, share: false },
  livePaused: { local: false, file: false, share: false },
  randomSeed: { local: false, file: false, share: false },
  liveAnimate: { local: false, file: false, share: false },
  sweepStatus: { local: false, file: false, share: false },
  sweepError: { local: false, file: false, share: false },
  sweep: { local: false, file: false, share: false },
} as const satisfies {
  [K in keyof AppState as AppState[K] extends (...a: never[]) => unknown ? never : K]: { local: boolean; file: boolean; share: boolean };
};

/** The document a blank design starts from. */
export const EMPTY_DOCUMENT: ArchDocument = documentSchema.parse({ version: 1, title: 'Untitled design', nodes: [] });

/** Build a store (the app has one; tests make their own). */
export function createAppStore(initial: ArchDocument = EMPTY_DOCUMENT) {
  const slices: StateCreator<AppState, [], []> = (...a) => ({
    ...createDocumentSlice(initial)(...a),
    ...createEditorSlice(...a),
    ...createRunSlice(...a),
    ...createSweepSlice(...a),
  });
  return create<AppState>()(
    temporal(slices as StateCreator<AppState, [['temporal', unknown]], []>, {
      partialize: (s) => ({ doc: s.doc }),
      equality: (a, b) => a.doc === b.doc,
      limit: 500,
    }),
  );
}

export type AppStore = ReturnType<typeof createAppStore>;

export const useAppStore: AppStore = createAppStore();
