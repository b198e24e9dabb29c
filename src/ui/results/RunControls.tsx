/**
 * Run / Cancel and the progress bar (simulated time and events per second), for the toolbar.
 * Mod+Enter starts a run, or cancels the one in flight.
 */
import { useEffect } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/useAppStore.ts';
import { useRunLive } from '../../store/runLive.ts';
import { MOD } from '../chrome/shortcuts.ts';
import { formatCount, formatSeconds } from './format.ts';

/** Start a run, or cancel the one in flight. `onDockOpened` runs once the dock has opened (to refit the canvas). */
export function runToggle(onDockOpened?: () => void): void {
  const s = useAppStore.getState();
  if (s.runStatus === 'running') { s.cancelRun(); return; }
  const wasOpen = s.dockOpen && s.dockTab !== 'problems';
  s.startRun();
  if (!wasOpen && onDockOpened) requestAnimationFrame(() => requestAnimationFrame(onDockOpened));
}

function RunProgress() {
  const p = useRunLive((s) => s.progress);
  if (!p) return <span className="run-progress-text">starting…</span>;
  const frac = p.durationS > 0 ? Math.min(1, p.simulatedS / p.durationS) : 0;
  const evps = p.wallMs > 0 ? (p.events * 1000) / p.wallMs : 0;
  return (
    <>
      <span className="run-progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(frac * 100)} aria-label="Simulation progress" data-testid="run-progress">
        <span style={{ width: `${frac * 100}%` }} />
      </span>
      <span className="run-progress-text">{formatSeconds(Math.floor(p.simulatedS))} / {formatSeconds(p.durationS)} · {formatCount(evps)} events/s</span>
    </>
  );
}

export function RunControls() {
  const { status, error } = useAppStore(useShallow((s) => ({ status: s.runStatus, error: s.runError })));
  const { fitView } = useReactFlow();
  // The dock opens over the lower part of the stage: refit so the whole design stays in view.
  const toggle = () => runToggle(() => void fitView({ padding: 0.15, duration: 250 }));
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') { e.preventDefault(); toggle(); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
  const running = status === 'running';
  return (
    <div className="run-controls" data-testid="run-controls" data-status={status}>
      {running ? (
        <button type="button" className="btn danger" onClick={toggle} data-testid="run-cancel" title={`Cancel the run (${MOD}+Enter)`}>■ Cancel</button>
      ) : (
        <button type="button" className="btn primary" onClick={toggle} data-testid="run-button" title={`Run the scenario (${MOD}+Enter)`}>▶ Run</button>
      )}
      {running && <RunProgress />}
      {status === 'cancelled' && <span className="run-progress-text">Cancelled</span>}
      {status === 'error' && <span className="run-progress-text bad" title={error ?? ''}>Run failed</span>}
    </div>
  );
}
