/**
 * Run / Cancel, Replicate ×N (N seeds on parallel workers) and the progress bar (simulated time
 * and events per second, or replications done), for the toolbar. Mod+Enter starts a run, or
 * cancels the one in flight.
 */
import { useEffect, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/useAppStore.ts';
import { useRunLive } from '../../store/runLive.ts';
import { MOD } from '../chrome/shortcuts.ts';
import { formatCount, formatSeconds } from './format.ts';
import { REPLICATIONS_MAX } from '../../store/runSlice.ts';
import { defaultWorkers } from '../../worker/SimPool.ts';
import { FIT_OPTIONS } from '../canvas/viewFrame.ts';
import { documentWork } from '../../store/derived.ts';
import { RunConfirmDialog, formatWallTime } from './RunConfirmDialog.tsx';

/** Start a run, or cancel the one in flight. `onDockOpened` runs once the dock has opened (to refit the canvas). */
export function runToggle(onDockOpened?: () => void): void {
  const s = useAppStore.getState();
  if (s.runStatus === 'running') {
    s.cancelRun();
    return;
  }
  const wasOpen = s.dockOpen && s.dockTab !== 'problems';
  s.startRun();
  if (!wasOpen && onDockOpened) requestAnimationFrame(() => requestAnimationFrame(onDockOpened));
}

/** The replication count: edited freely, clamped to 2…max when committed (blur or Enter). */
function ReplicationsInput({ value, onCommit }: { value: number; onCommit: (n: number) => void }) {
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft !== null && draft.trim() !== '') onCommit(Number(draft));
    setDraft(null);
  };
  return (
    <input
      className="input replicate-n"
      type="number"
      min={2}
      max={REPLICATIONS_MAX}
      step={1}
      value={draft ?? value}
      aria-label="Replications (seeds)"
      data-testid="replications"
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
      }}
    />
  );
}

/** Parallel workers for replications and sweeps: every core by default, fewer to keep one free. */
function WorkersSelect() {
  const workers = useAppStore((s) => s.batchWorkers);
  const cores = defaultWorkers();
  return (
    <select
      className="input replicate-workers"
      value={workers ?? ''}
      onChange={(e) => useAppStore.getState().setBatchWorkers(e.target.value ? Number(e.target.value) : null)}
      aria-label="Parallel workers"
      title="Parallel workers for replications and sweeps"
      data-testid="batch-workers"
    >
      <option value="">
        {cores} core{cores === 1 ? '' : 's'}
      </option>
      {Array.from({ length: cores }, (_, i) => i + 1).map((n) => (
        <option key={n} value={n}>
          {n} worker{n === 1 ? '' : 's'}
        </option>
      ))}
    </select>
  );
}

/** The thin bar in the toolbar (moved by transform: no layout, no per-frame transition). */
function ProgressBar({ fraction, label }: { fraction: number; label: string }) {
  return (
    <span
      className="run-progress"
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(fraction * 100)}
      aria-label={label}
      data-testid="run-progress"
    >
      <span style={{ transform: `scaleX(${fraction})` }} />
    </span>
  );
}

function BatchProgressBar() {
  const b = useRunLive((s) => s.batch);
  const frac = b?.fraction ?? 0;
  return (
    <>
      <ProgressBar fraction={frac} label="Replications progress" />
      <span className="run-progress-text" data-testid="batch-progress">
        {b ? `${b.done}/${b.total} runs · ${b.workers} worker${b.workers === 1 ? '' : 's'}` : 'starting…'}
      </span>
    </>
  );
}

function RunProgress() {
  const p = useRunLive((s) => s.progress);
  const batch = useRunLive((s) => s.batch);
  if (batch && !p) return <BatchProgressBar />;
  if (!p) return <span className="run-progress-text">starting…</span>;
  const frac = p.durationS > 0 ? Math.min(1, p.simulatedS / p.durationS) : 0;
  const evps = p.wallMs > 0 ? (p.events * 1000) / p.wallMs : 0;
  return (
    <>
      <ProgressBar fraction={frac} label="Simulation progress" />
      <span className="run-progress-text">
        {formatSeconds(Math.floor(p.simulatedS))} / {formatSeconds(p.durationS)} · {formatCount(evps)} events/s
      </span>
    </>
  );
}

export function RunControls() {
  const { status, error, replications, setReplications } = useAppStore(
    useShallow((s) => ({ status: s.runStatus, error: s.runError, replications: s.replications, setReplications: s.setReplications })),
  );
  const { fitView } = useReactFlow();
  // The dock opens over the lower part of the stage: refit so the whole design stays in view.
  const toggle = () => runToggle(() => void fitView({ ...FIT_OPTIONS, duration: 250 }));
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
        e.preventDefault();
        toggle();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
  const running = status === 'running';
  const work = documentWork(useAppStore((s) => s.doc));
  const expected = work.unbounded ? 'may never finish' : `about ${formatCount(work.events)} events, ${formatWallTime(work.seconds)}`;
  return (
    <div className="run-controls" data-testid="run-controls" data-status={status}>
      {running ? (
        <button type="button" className="btn danger" onClick={toggle} data-testid="run-cancel" title={`Cancel the run (${MOD}+Enter)`}>
          ■ Cancel
        </button>
      ) : (
        <>
          <button
            type="button"
            className="btn primary"
            onClick={toggle}
            data-testid="run-button"
            title={`Run the scenario (${MOD}+Enter): ${expected}`}
            data-expected-s={Math.round(work.seconds)}
          >
            ▶ Run
          </button>
          <span
            className="replicate"
            title="Run the scenario with N seeds (the scenario's seed, +1, …) on parallel workers and report every metric as mean ± 95 % confidence interval"
          >
            <button type="button" className="btn" onClick={() => useAppStore.getState().startReplications()} data-testid="replicate-button">
              Replicate
            </button>
            <ReplicationsInput value={replications} onCommit={setReplications} />
            <WorkersSelect />
          </span>
        </>
      )}
      {running && <RunProgress />}
      {status === 'cancelled' && <span className="run-progress-text">Cancelled</span>}
      {status === 'error' && (
        <span className="run-progress-text bad" title={error ?? ''}>
          Run failed
        </span>
      )}
      <RunConfirmDialog />
    </div>
  );
}
