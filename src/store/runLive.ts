/**
 * High-rate run state, kept out of the app store so that progress ticks, live snapshots and
 * the shared chart cursor re-render only the components that read them (STYLE §5).
 */
import { create } from 'zustand';
import type { Progress, SimResult } from '../worker/protocol.ts';
import type { BatchProgress } from '../worker/SimPool.ts';

export interface RunLiveState {
  /** Progress of the run in flight (or of the last one). */
  progress: Progress | null;
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
