/**
 * The newest live snapshot as it arrives, unpaced, for the canvas animation: it reads the
 * feed from requestAnimationFrame (no React render, no store subscription), while the charts
 * get snapshots through the pacer. Replaced wholesale on each snapshot, cleared when a run ends.
 */
import type { SimResult } from '../worker/protocol.ts';

export interface LiveFeedEntry {
  result: SimResult;
  /** performance.now() when it arrived, ms. */
  at: number;
  /** Increases with every snapshot of every run (the animation diffs consecutive ones). */
  seq: number;
  /** Increases with every new run. */
  run: number;
}

let latest: LiveFeedEntry | null = null;
let seq = 0;
let run = 0;

export const liveFeed = {
  push: (result: SimResult): void => {
    latest = { result, at: performance.now(), seq: ++seq, run };
  },
  /** A new run starts: its snapshots are not diffed against the last run's. */
  reset: (): void => {
    latest = null;
    run++;
  },
  latest: (): LiveFeedEntry | null => latest,
};
