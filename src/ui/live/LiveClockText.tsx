/** The live clock: simulated time (of the run's duration) against the wall time it has played. */
import { useRunLive } from '../../store/runLive.ts';
import { formatCount } from '../results/format.ts';

/** 61.234 → "61.2 s"; below 10 s to the millisecond (the step-by-event position). */
const simText = (s: number) => (s < 10 ? `${s.toFixed(3)} s` : `${s.toFixed(1)} s`);

export function LiveClockText() {
  const p = useRunLive((s) => s.progress);
  const c = useRunLive((s) => s.clock);
  if (!p || !c) return <span className="live-clock">starting…</span>;
  return (
    <span
      className="live-clock"
      data-testid="live-clock"
      data-sim-s={p.simulatedS}
      data-wall-s={c.wallS}
      data-events={p.events}
      title="Simulated time / the run's duration, and the wall time it has played (pauses not counted)"
    >
      <b>{simText(p.simulatedS)}</b>
      <span className="live-clock-of"> / {p.durationS} s</span>
      <span className="live-clock-wall"> · wall {c.wallS.toFixed(1)} s</span>
      {c.catchingUp && <span className="live-clock-note"> · replaying the edit…</span>}
      {c.paused && !c.catchingUp && <span className="live-clock-note"> · {formatCount(p.events)} events</span>}
    </span>
  );
}
