/** Which result the results views show: the live run, a cancelled run's partial result, or a finished run. */
import { useShallow } from 'zustand/react/shallow';
import type { ArchDocument } from '../../model/index.ts';
import { useAppStore } from '../../store/useAppStore.ts';
import { useRunLive } from '../../store/runLive.ts';
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

export function useShownRun(): ShownRun {
  const { status, runDoc, runs, shownRunId, doc } = useAppStore(useShallow((s) => ({ status: s.runStatus, runDoc: s.runDoc, runs: s.runs, shownRunId: s.shownRunId, doc: s.doc })));
  const live = useRunLive((s) => s.live);
  if (status === 'running' || status === 'cancelled') {
    return { result: live, doc: runDoc, record: null, phase: status === 'running' ? 'live' : 'partial', stale: !!runDoc && resultIsStale(runDoc, doc) };
  }
  const record = runs.find((r) => r.id === shownRunId) ?? runs[0] ?? null;
  if (!record) return { result: null, doc: null, record: null, phase: 'none', stale: false };
  return { result: record.result, doc: record.doc, record, phase: 'final', stale: resultIsStale(record.doc, doc) };
}
