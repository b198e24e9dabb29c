/** The time scrubber over the canvas: replay the run's per-bucket state at time t, or show the whole run. */
import { useEffect } from 'react';
import { Panel } from '@xyflow/react';
import { setPlaying, setScrub, useRunLive } from '../../../store/runLive.ts';
import { formatSeconds } from '../../results/format.ts';
import { useRunOverlay } from './useRunOverlay.ts';

export function RunScrubber() {
  const ov = useRunOverlay();
  const scrubS = useRunLive((s) => s.scrubS);
  const playing = useRunLive((s) => s.playing);
  const bucketS = ov?.result.series.bucketS ?? 1;
  const endS = ov ? ov.result.series.filled * bucketS : 0;

  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      const { scrubS: t } = useRunLive.getState();
      const next = (t ?? 0) + bucketS;
      if (next >= endS) {
        setScrub(Math.max(0, endS - bucketS / 2));
        setPlaying(false);
      } else setScrub(next);
    }, 120);
    return () => clearInterval(timer);
  }, [playing, bucketS, endS]);

  if (!ov || endS === 0) return null;
  const value = scrubS ?? ov.t ?? endS;
  return (
    <Panel position="bottom-center" className="scrubber" data-testid="scrubber">
      <button
        type="button"
        className="btn small icon"
        disabled={ov.phase === 'live'}
        onClick={() => {
          if (!playing && (scrubS === null || scrubS >= endS - bucketS)) setScrub(0);
          setPlaying(!playing);
        }}
        aria-label={playing ? 'Pause replay' : 'Replay the run'}
        title={playing ? 'Pause' : 'Replay the run bucket by bucket'}
      >
        {playing ? '❚❚' : '▶'}
      </button>
      <input
        type="range"
        className="scrubber-range"
        min={0}
        max={endS}
        step={bucketS}
        value={Math.min(value, endS)}
        onChange={(e) => {
          setPlaying(false);
          setScrub(Number(e.target.value));
        }}
        aria-label="Replay time"
        data-testid="scrubber-range"
      />
      <span className="scrubber-time">
        {ov.t === null ? `all ${formatSeconds(endS)}` : `t = ${formatSeconds(Math.floor(ov.t / bucketS) * bucketS)}`}
      </span>
      <button
        type="button"
        className="btn small ghost"
        disabled={scrubS === null}
        onClick={() => {
          setPlaying(false);
          setScrub(null);
        }}
        data-testid="scrubber-whole"
      >
        {ov.phase === 'live' ? 'Follow' : 'Whole run'}
      </button>
    </Panel>
  );
}
