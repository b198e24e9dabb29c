/**
 * The run strip under a node card at the overlay's time: simulated arrivals, utilization,
 * queue depth and error badges; for a client or scheduler, what it sent and how much succeeded.
 */
import { formatCount } from '../../results/format.ts';
import { nodeRunStateAt, nodeRunTone, overlayTimeOf, type RunTone } from '../../results/overlayData.ts';
import { useRunOverlay } from './useRunOverlay.ts';
import { sourceRunStateAt } from './sourceRunState.ts';
import './runOverlay.css';
import { useShownRunSelect } from '../../results/useShownRun.ts';

/**
 * The card's colour class for the run overlay, or '' when there is no run to show. Selected as
 * a string, so a live snapshot re-renders a card only when its colour changes.
 */
export function useRunNodeClass(id: string): string {
  return useShownRunSelect(({ result, phase, live }) => {
    if (!result || phase === 'none' || result.sources[id]) return ''; // source cards show what they sent instead
    const s = nodeRunStateAt(result, id, overlayTimeOf(result, phase, live.scrubS));
    return s ? ` run-tone-${nodeRunTone(s)}` : '';
  });
}

export function NodeRunOverlay({ id }: { id: string }) {
  const ov = useRunOverlay();
  if (!ov) return null;
  const when = ov.t === null ? 'run' : `@${Math.round(ov.t)}s`;
  const src = sourceRunStateAt(ov.result, id, ov.t);
  if (src) {
    return (
      <div className="run-strip run-source" data-testid="run-overlay" data-sent={src.sentPerS} data-bad={src.failedPerS}>
        <span className="run-strip-when">{when}</span>
        <span title="Requests this source started per second (simulated)">sent {formatCount(src.sentPerS)}/s</span>
        {src.successRatio !== null && (
          <span className="run-ok-ratio" title="Requests that succeeded, end to end">
            {formatRatio(src.successRatio)} ok
          </span>
        )}
        <span className="run-badges">
          {src.failedPerS > 0 && (
            <span className="run-badge badge-err" title="Requests that failed end to end, per second" data-testid="error-badge">
              {formatCount(src.failedPerS)} failed/s
            </span>
          )}
        </span>
      </div>
    );
  }
  const s = nodeRunStateAt(ov.result, id, ov.t);
  if (!s) return null;
  const tone: RunTone = nodeRunTone(s);
  return (
    <div
      className={`run-strip run-${tone}`}
      data-testid="run-overlay"
      data-tone={tone}
      data-util={s.utilization ?? ''}
      data-queue={s.queue}
      data-bad={s.badPerS}
    >
      <span className="run-strip-when">{when}</span>
      <span title="Simulated arrivals per second">{formatCount(s.arrivalsPerS)}/s</span>
      {s.utilization !== null && <span title="Simulated utilization (busy workers / workers)">ρ {s.utilization.toFixed(2)}</span>}
      <span className="run-badges">
        {s.queue >= 0.5 && (
          <span
            className="run-badge badge-queue"
            title={`${formatCount(s.queue)} waiting on average, ${formatCount(s.queueMax)} at most`}
            data-testid="queue-badge"
          >
            q {formatCount(s.queue)}
          </span>
        )}
        {s.badPerS > 0 && (
          <span className="run-badge badge-err" title="Errors, timeouts and rejections per second" data-testid="error-badge">
            {formatCount(s.badPerS)} err/s
          </span>
        )}
        {s.duplicates > 0 && (
          <span className="run-badge badge-dup" title="Duplicate side effects" data-testid="dup-badge">
            {formatCount(s.duplicates)} dup
          </span>
        )}
      </span>
    </div>
  );
}

/** 0.9934 → "99.3%", 1 → "100%". */
function formatRatio(r: number): string {
  const p = r * 100;
  return `${p >= 99.95 || p === 0 ? p.toFixed(0) : p >= 10 ? p.toFixed(1) : p.toPrecision(2)}%`;
}
