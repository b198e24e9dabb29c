/** The run strip under a node card: simulated utilization, queue depth and error badges at the overlay's time. */
import { formatCount } from '../../results/format.ts';
import { nodeRunStateAt, nodeRunTone, overlayTimeOf, type RunTone } from '../../results/overlayData.ts';
import { useRunOverlay } from './useRunOverlay.ts';
import { useShownRunSelect } from '../../results/useShownRun.ts';

/**
 * The card's colour class for the run overlay, or '' when there is no run to show. Selected as
 * a string, so a live snapshot re-renders a card only when its colour changes.
 */
export function useRunNodeClass(id: string): string {
  return useShownRunSelect(({ result, phase, live }) => {
    if (!result || phase === 'none') return '';
    const s = nodeRunStateAt(result, id, overlayTimeOf(result, phase, live.scrubS));
    return s ? ` run-tone-${nodeRunTone(s)}` : '';
  });
}

export function NodeRunOverlay({ id }: { id: string }) {
  const ov = useRunOverlay();
  const s = ov ? nodeRunStateAt(ov.result, id, ov.t) : null;
  if (!ov || !s) return null;
  const tone: RunTone = nodeRunTone(s);
  const when = ov.t === null ? 'run' : `@${Math.round(ov.t)}s`;
  return (
    <div className={`run-strip run-${tone}`} data-testid="run-overlay" data-tone={tone} data-util={s.utilization ?? ''} data-queue={s.queue} data-bad={s.badPerS}>
      <span className="run-strip-when">{when}</span>
      <span title="Simulated arrivals per second">{formatCount(s.arrivalsPerS)}/s</span>
      {s.utilization !== null && <span title="Simulated utilization (busy workers / workers)">ρ {s.utilization.toFixed(2)}</span>}
      <span className="run-badges">
        {s.queue >= 0.5 && <span className="run-badge badge-queue" title={`${formatCount(s.queue)} waiting on average, ${formatCount(s.queueMax)} at most`} data-testid="queue-badge">q {formatCount(s.queue)}</span>}
        {s.badPerS > 0 && <span className="run-badge badge-err" title="Errors, timeouts and rejections per second" data-testid="error-badge">{formatCount(s.badPerS)} err/s</span>}
        {s.duplicates > 0 && <span className="run-badge badge-dup" title="Duplicate side effects" data-testid="dup-badge">{formatCount(s.duplicates)} dup</span>}
      </span>
    </div>
  );
}
