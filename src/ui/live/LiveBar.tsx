/**
 * The playback bar over the canvas: speed (×1 real time, ×10, ×100, as fast as possible), the
 * seed ("New seed", a random seed for each run) and, while a run plays, pause / play, steps by
 * one event or one simulated second, and the clock (simulated time against wall time).
 */
import { Panel } from '@xyflow/react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/useAppStore.ts';
import { useRunLive } from '../../store/runLive.ts';
import { LIVE_SPEEDS, type LiveSpeed } from '../../store/runSlice.ts';
import { LiveClockText } from './LiveClockText.tsx';
import './live.css';

const speedLabel = (s: LiveSpeed) => (s === 'max' ? 'max' : `×${s}`);
const speedTitle = (s: LiveSpeed) =>
  s === 'max'
    ? 'As fast as possible (no animation)'
    : s === 1
      ? 'Real time: one simulated second per second'
      : `${s} simulated seconds per second`;

export function LiveBar() {
  // A single run in flight (replications have no clock).
  const live = useRunLive((s) => s.clock !== null);
  const { running, speed, paused, seed, randomSeed, animate } = useAppStore(
    useShallow((s) => ({
      running: s.runStatus === 'running' && live,
      speed: s.liveSpeed,
      paused: s.livePaused,
      seed: s.doc.scenario.seed,
      randomSeed: s.randomSeed,
      animate: s.liveAnimate,
    })),
  );
  const st = useAppStore.getState;
  return (
    <Panel position="top-center" className="live-bar" data-testid="live-bar" data-running={running} data-paused={paused}>
      {running && (
        <>
          <button
            type="button"
            className="btn small icon"
            onClick={() => st().setLivePaused(!paused)}
            aria-label={paused ? 'Play' : 'Pause'}
            title={paused ? 'Play' : 'Pause: simulated time stands still'}
            data-testid="live-pause"
          >
            {paused ? '▶' : '❚❚'}
          </button>
          <button
            type="button"
            className="btn small"
            disabled={!paused}
            onClick={() => st().stepRun('event')}
            title="Advance by one event (pause first)"
            data-testid="live-step-event"
          >
            +1 event
          </button>
          <button
            type="button"
            className="btn small"
            disabled={!paused}
            onClick={() => st().stepRun('second')}
            title="Advance by one simulated second (pause first)"
            data-testid="live-step-second"
          >
            +1 s
          </button>
          <LiveClockText />
          <span className="live-sep" aria-hidden="true" />
        </>
      )}
      <span className="live-speeds" role="radiogroup" aria-label="Playback speed">
        {LIVE_SPEEDS.map((s) => (
          <button
            key={String(s)}
            type="button"
            role="radio"
            aria-checked={s === speed}
            className={`live-speed${s === speed ? ' on' : ''}`}
            onClick={() => st().setLiveSpeed(s)}
            title={speedTitle(s)}
            data-testid={`live-speed-${s}`}
          >
            {speedLabel(s)}
          </button>
        ))}
      </span>
      <label className="live-random" title="Dots along the calls and busy / waiting bars on the cards while a run plays at ×1, ×10 or ×100">
        <input type="checkbox" checked={animate} onChange={(e) => st().setLiveAnimate(e.target.checked)} data-testid="live-animate" />
        animate
      </label>
      <span className="live-sep" aria-hidden="true" />
      <span className="live-seed" title="The run's random seed: the same seed gives the same run, bit for bit" data-testid="live-seed">
        seed {seed}
      </span>
      {!running && (
        <>
          <button
            type="button"
            className="btn small ghost"
            onClick={() => st().newSeed()}
            title="Give the scenario a new random seed (undo brings the old one back)"
            data-testid="live-new-seed"
          >
            New seed
          </button>
          <label className="live-random" title="Pick a new random seed before each run; the design keeps the seed that was used">
            <input
              type="checkbox"
              checked={randomSeed}
              onChange={(e) => st().setRandomSeed(e.target.checked)}
              data-testid="live-random-seed"
            />
            random each run
          </label>
        </>
      )}
    </Panel>
  );
}
