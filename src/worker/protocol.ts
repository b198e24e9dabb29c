/**
 * The messages between the app and the simulation worker. Every message carries the `runId`
 * of the run it belongs to, so a late message from a cancelled run is recognised and dropped.
 * Result types are re-exported from here: the UI and the store take engine types only
 * through this module (STYLE §2).
 */
import type { ArchDocument } from '../model/index.ts';
import type { Progress, SimResult } from '../engine/types.ts';

export type {
  Finding, NodeResult, Progress, RequirementResult, Series, SeriesMetric, Severity, SimResult, SourceResult,
  SourceSeriesMetric, EdgeResult, LatencySummary,
} from '../engine/types.ts';

export interface RunOptions {
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Overrides the scenario's duration, seconds. */
  durationS?: number;
}

export type ToWorker =
  | { type: 'start'; runId: number; doc: ArchDocument; options: RunOptions }
  | { type: 'cancel'; runId: number };

export type FromWorker =
  | { type: 'progress'; runId: number; progress: Progress }
  /** A partial result while running; its series buffers are transferred, not copied. */
  | { type: 'snapshot'; runId: number; result: SimResult }
  | { type: 'done'; runId: number; result: SimResult }
  /** The run stopped on request; `result` is the partial result at that point. */
  | { type: 'cancelled'; runId: number; result: SimResult }
  | { type: 'error'; runId: number; message: string };

/** Every series buffer of a result, for a postMessage transfer list. */
export function resultTransferables(result: SimResult): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const group of [result.series.nodes, result.series.sources]) {
    for (const metrics of Object.values(group)) {
      for (const a of Object.values(metrics) as Float64Array[]) if (a.buffer instanceof ArrayBuffer) out.push(a.buffer);
    }
  }
  return out;
}
