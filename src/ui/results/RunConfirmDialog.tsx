/**
 * "This run is expected to take about N — run anyway?": shown when the work guard holds a run
 * (store/runGuard.ts) because it is expected to take more than RUN_CONFIRM_S, or may never finish.
 */
import { useEffect, useRef } from 'react';
import { useAppStore } from '../../store/useAppStore.ts';
import { RUN_CONFIRM_S, type RunConfirm } from '../../store/runGuard.ts';
import { formatCount } from './format.ts';

/** 45 → "45 s", 600 → "10 min", 7200 → "2 h". */
export function formatWallTime(s: number): string {
  if (!Number.isFinite(s)) return 'a very long time';
  if (s >= 2 * 86_400) return `${Math.round(s / 86_400)} days`;
  if (s >= 5400) return `${+(s / 3600).toPrecision(2)} h`;
  if (s >= 90) return `${Math.round(s / 60)} min`;
  return `${Math.max(1, Math.round(s))} s`;
}

/** One sentence of what the held run would do. */
export function runConfirmText(c: RunConfirm): string {
  const on = `on ${c.workers} worker${c.workers === 1 ? '' : 's'}`;
  const what =
    c.kind === 'run'
      ? 'This run'
      : c.kind === 'sweep'
        ? `This sweep of ${c.sweep!.points} points (${c.runs} runs ${on})`
        : `These ${c.runs} replications (${on})`;
  if (c.unbounded) return `${what} may never finish: ${c.unbounded}.`;
  const each = c.kind === 'run' ? '' : c.kind === 'sweep' ? ' for its heaviest point' : ' each';
  return `${what} ${c.kind === 'replications' ? 'are' : 'is'} expected to take about ${formatWallTime(c.seconds)}: ${formatCount(c.requests)} requests and ${formatCount(c.events)} engine events${each}, from the traffic equations. Shorten the scenario or lower the rates for a quicker answer; you can cancel a run at any time.`;
}

export function RunConfirmDialog() {
  const confirm = useAppStore((s) => s.runConfirm);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirm) cancel.current?.focus();
  }, [confirm]);
  if (!confirm) return null;
  const { confirmRun, dismissRunConfirm } = useAppStore.getState();
  return (
    <div
      className="overlay"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) dismissRunConfirm();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') dismissRunConfirm();
      }}
    >
      <div
        className="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="run-confirm-title"
        aria-describedby="run-confirm-text"
        data-testid="run-confirm"
      >
        <header className="dialog-head">
          <h2 id="run-confirm-title">
            {confirm.unbounded
              ? `This ${confirm.kind === 'sweep' ? 'sweep' : 'run'} may never finish`
              : `A long ${confirm.kind === 'sweep' ? 'sweep' : 'run'}: about ${formatWallTime(confirm.seconds)}`}
          </h2>
          <button type="button" className="btn icon ghost" onClick={dismissRunConfirm} aria-label="Close">
            ×
          </button>
        </header>
        <p className="dialog-sub" id="run-confirm-text" data-testid="run-confirm-text">
          {runConfirmText(confirm)}
        </p>
        {!confirm.unbounded && <p className="dialog-sub muted">Runs expected to take more than {RUN_CONFIRM_S} s ask first.</p>}
        <div className="dialog-actions">
          <button type="button" className="btn" ref={cancel} onClick={dismissRunConfirm} data-testid="run-confirm-no">
            Don't run
          </button>
          <button type="button" className="btn primary" onClick={confirmRun} data-testid="run-confirm-yes">
            Run anyway
          </button>
        </div>
      </div>
    </div>
  );
}
