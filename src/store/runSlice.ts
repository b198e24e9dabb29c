/**
 * The run slice: run status, the last few finished runs (in memory only), what the results
 * dock shows, and the finding highlighted on the charts. The engine runs behind SimClient;
 * progress and live snapshots go to the small `useRunLive` store.
 */
import type { StateCreator } from 'zustand';
import type { ArchDocument } from '../model/index.ts';
import { createSimClient, type SimClient } from '../worker/SimClient.ts';
import type { SimResult } from '../worker/protocol.ts';
import type { AppState } from './useAppStore.ts';
import { useRunLive } from './runLive.ts';
import { documentChanges, documentSummary } from './runSummary.ts';

export const RUNS_KEPT = 5;

export interface RunRecord {
  id: string;
  /** "Run 3 · 14:02:11". */
  label: string;
  /** Design summary plus what changed since the run before it. */
  summary: string;
  changes: string[];
  doc: ArchDocument;
  result: SimResult;
}

export type RunStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';
export type DockTab = 'problems' | 'results' | 'compare';
export interface Highlight { fromS: number; toS: number; nodes: string[] }

export interface RunSlice {
  runStatus: RunStatus;
  runError: string | null;
  /** The document of the run in flight or last started. */
  runDoc: ArchDocument | null;
  /** Finished runs, newest first. */
  runs: RunRecord[];
  /** The run whose results the dock shows. */
  shownRunId: string | null;
  compareIds: [string | null, string | null];
  dockTab: DockTab;
  highlight: Highlight | null;

  startRun: () => void;
  cancelRun: () => void;
  showRun: (id: string) => void;
  setCompareIds: (ids: [string | null, string | null]) => void;
  setDockTab: (tab: DockTab) => void;
  setHighlight: (h: Highlight | null) => void;
}

const clock = (d: Date) => d.toLocaleTimeString('en-GB', { hour12: false });

export const createRunSlice: StateCreator<AppState, [], [], RunSlice> = (set, get) => {
  let client: SimClient | null = null;
  let counter = 0;
  return {
    runStatus: 'idle',
    runError: null,
    runDoc: null,
    runs: [],
    shownRunId: null,
    compareIds: [null, null],
    dockTab: 'problems',
    highlight: null,

    startRun: () => {
      const doc = get().doc;
      client ??= createSimClient();
      set({ runStatus: 'running', runError: null, runDoc: doc, dockOpen: true, dockTab: 'results', highlight: null });
      useRunLive.setState({ progress: null, live: null, scrubS: null, playing: false });
      get().dismissBanner('run');
      client.start(doc, {}, {
        onProgress: (progress) => useRunLive.setState({ progress }),
        onSnapshot: (live) => useRunLive.setState({ live }),
        onDone: (result) => {
          const prev = get().runs[0];
          const changes = prev ? documentChanges(prev.doc, doc) : [];
          const record: RunRecord = {
            id: `run-${++counter}`,
            label: `Run ${counter} · ${clock(new Date())}`,
            summary: documentSummary(doc),
            changes,
            doc,
            result,
          };
          const runs = [record, ...get().runs].slice(0, RUNS_KEPT);
          set({ runStatus: 'done', runs, shownRunId: record.id, compareIds: [prev && runs.includes(prev) ? prev.id : null, record.id] });
          useRunLive.setState({ live: null });
        },
        onCancelled: (live) => {
          set({ runStatus: 'cancelled' });
          useRunLive.setState({ live });
        },
        onError: (message) => {
          set({ runStatus: 'error', runError: message });
          get().showBanner({ id: 'run', tone: 'error', message: `The simulation could not run: ${message}` });
        },
      });
    },
    cancelRun: () => client?.cancel(),
    showRun: (shownRunId) => {
      set({ shownRunId, highlight: null });
      useRunLive.setState({ scrubS: null });
    },
    setCompareIds: (compareIds) => set({ compareIds }),
    setDockTab: (dockTab) => set({ dockTab }),
    setHighlight: (highlight) => set({ highlight }),
  };
};
