/** Which result the results views show: the live run, a cancelled run's partial result, or a finished run. */
import { useSyncExternalStore } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ArchDocument } from '../../model/index.ts';
import { useAppStore, type AppState } from '../../store/useAppStore.ts';
import { useRunLive, type RunLiveState } from '../../store/runLive.ts';
import { resultIsStale } from '../../store/runSummary.ts';
import type { RunRecord } from '../../store/runSlice.ts';
import type { SimResult } from '../../worker/protocol.ts';

export interface ShownRun {
  result: SimResult | null;
  doc: ArchDocument | null;
  record: RunRecord | null;
  /** 'live' while running, 'partial' after a cancel, 'final' for a finished run. */
  phase: 'none' | 'live' | 'partial' | 'final';
  stale: boolean;
}

type ShownState = Pick<AppState, 'runStatus' | 'runDoc' | 'runs' | 'shownRunId' | 'doc'>;

/** The shown run from the two stores' state (no subscription). */
export function shownRunOf(s: ShownState, live: SimResult | null): ShownRun {
  if (s.runStatus === 'running' || s.runStatus === 'cancelled') {
    return {
      result: live,
      doc: s.runDoc,
      record: null,
      phase: s.runStatus === 'running' ? 'live' : 'partial',
      stale: !!s.runDoc && resultIsStale(s.runDoc, s.doc),
    };
  }
  const record = s.runs.find((r) => r.id === s.shownRunId) ?? s.runs[0] ?? null;
  if (!record) return { result: null, doc: null, record: null, phase: 'none', stale: false };
  return { result: record.result, doc: record.doc, record, phase: 'final', stale: resultIsStale(record.doc, s.doc) };
}

export function useShownRun(): ShownRun {
  const s = useAppStore(
    useShallow((s) => ({ runStatus: s.runStatus, runDoc: s.runDoc, runs: s.runs, shownRunId: s.shownRunId, doc: s.doc })),
  );
  const live = useRunLive((s) => s.live);
  return shownRunOf(s, live);
}

/** The shown run's result and phase with the live store's state (for `useShownRunSelect`). */
export interface ShownRunView {
  result: SimResult | null;
  phase: ShownRun['phase'];
  live: RunLiveState;
}

const subscribeBoth = (onChange: () => void): (() => void) => {
  const a = useAppStore.subscribe(onChange);
  const b = useRunLive.subscribe(onChange);
  return () => {
    a();
    b();
  };
};

/**
 * Subscribe to one value derived from the shown run, re-rendering only when that value changes
 * (compared with Object.is: return a string or number). A canvas card uses it for its run colour,
 * so a live snapshot re-renders only the cards whose colour changed, not all of them.
 */
export function useShownRunSelect<T>(select: (v: ShownRunView) => T): T {
  const get = (): T => {
    const s = useAppStore.getState();
    const live = useRunLive.getState();
    // Only result and phase are needed: skip the staleness check of shownRunOf.
    const running = s.runStatus === 'running' || s.runStatus === 'cancelled';
    const record = running ? null : (s.runs.find((r) => r.id === s.shownRunId) ?? s.runs[0] ?? null);
    const result = running ? live.live : (record?.result ?? null);
    const phase: ShownRun['phase'] = running ? (s.runStatus === 'running' ? 'live' : 'partial') : record ? 'final' : 'none';
    return select({ result, phase, live });
  };
  return useSyncExternalStore(subscribeBoth, get, get);
}
