/**
 * High-rate run state, kept out of the app store so that progress ticks, live snapshots and
 * the shared chart cursor re-render only the components that read them (STYLE §5).
 */
import { create } from 'zustand';
import type { LiveClock, Progress, SimResult } from '../worker/protocol.ts';
import type { BatchProgress } from '../worker/SimPool.ts';

export interface RunLiveState {
  /** Progress of the run in flight (or of the last one). */
  progress: Progress | null;
  /** The live run's clock (speed, paused, wall time played) with the last progress, and when it came (performance.now(), ms). */
  clock: LiveClock | null;
  clockAt: number;
  /** The latest snapshot while running; the partial result after a cancel. Replaced wholesale. */
  live: SimResult | null;
  /** Time under the pointer on any chart, seconds (the shared cursor). */
  cursorS: number | null;
  /** The time the canvas overlay replays, seconds; null = the whole run (or the live edge). */
  scrubS: number | null;
  playing: boolean;
  /** Progress of the replications in flight (or of the last batch). */
  batch: BatchProgress | null;
  /** Progress of the sweep in flight. */
  sweep: BatchProgress | null;
}

export const useRunLive = create<RunLiveState>()(() => ({
  progress: null,
  clock: null,
  clockAt: 0,
  live: null,
  cursorS: null,
  scrubS: null,
  playing: false,
  batch: null,
  sweep: null,
}));

export const setCursor = (cursorS: number | null): void => useRunLive.setState({ cursorS });
export const setScrub = (scrubS: number | null): void => useRunLive.setState({ scrubS });
export const setPlaying = (playing: boolean): void => useRunLive.setState({ playing });

/**
 * The live run's simulated time now, seconds: the last progress plus, while it plays at a set
 * speed, the wall time since it came × the speed (progress comes at most 10 times a second).
 * What the clock shows, and the time an intervention is recorded at.
 */
export function liveNowS(state: RunLiveState = useRunLive.getState(), now: number = performance.now()): number {
  const { progress: p, clock: c, clockAt } = state;
  if (!p) return 0;
  if (!c || c.paused || c.catchingUp || !Number.isFinite(c.speed)) return p.simulatedS;
  return Math.min(p.durationS, p.simulatedS + (Math.min(250, Math.max(0, now - clockAt)) / 1000) * c.speed);
}
