/**
 * The messages between the app and the simulation worker. Every message carries the `runId`
 * of the run it belongs to, so a late message from a cancelled run is recognised and dropped.
 * Result types are re-exported from here: the UI and the store take engine types only
 * through this module (STYLE §2).
 */
import type { ArchDocument } from '../model/index.ts';
import type { Progress, SeriesMetric, SimResult, SourceSeriesMetric } from '../engine/types.ts';
import type { ReplicationSummary } from '../engine/replications.ts';

export type {
  Finding,
  NodeResult,
  Progress,
  RequirementResult,
  Series,
  SeriesMetric,
  Severity,
  SimResult,
  SourceResult,
  SourceSeriesMetric,
  EdgeResult,
  LatencySummary,
  RequestTrace,
  TraceSpan,
} from '../engine/types.ts';
export type { ReplicationSummary } from '../engine/replications.ts';

/** Every time series of a result in one buffer (layout in liveSnapshot.ts). */
export interface PackedSeries {
  bucketS: number;
  filled: number;
  total: number;
  nodeIds: string[];
  sourceIds: string[];
  data: Float64Array;
}

/**
 * A live snapshot mid-run: the totals so far and the series packed in one transferred buffer.
 * No findings, requirements or traces: those are computed once, for the final result.
 */
export interface LiveSnapshot {
  totals: Omit<SimResult, 'series' | 'findings' | 'requirements' | 'traces'>;
  series: PackedSeries;
}

export interface RunOptions {
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Overrides the scenario's duration, seconds. */
  durationS?: number;
  /** Live playback: the speed and whether the run starts paused. Absent: as fast as possible. */
  pace?: LivePace;
}

/**
 * How a live run advances: `speed` simulated seconds per wall second (1 = real time;
 * `Infinity` = as fast as possible), or not at all while `paused`.
 */
export interface LivePace {
  speed: number;
  paused: boolean;
}

/** The live run's clock, sent with each progress message. */
export interface LiveClock {
  /** Wall time the run has spent playing (paused and fast-forward time excluded), seconds. */
  wallS: number;
  speed: number;
  paused: boolean;
  /** Re-running the edited scenario up to where the run was (after an intervention or an undo). */
  catchingUp: boolean;
  /** Simulated time of the last event processed, seconds (the step-by-event position). */
  lastEventS: number;
}

/**
 * One whole simulation of a batch (a replication or a sweep point), run without traces.
 * With `sweep`, the worker sets the parameter at `path` to `value` first (and validates it).
 */
export interface BatchJob {
  doc: ArchDocument;
  seed: number;
  durationS?: number;
  sweep?: { path: string; value: number };
  /** Record request traces as a live run does (default false: a batch wants numbers only). */
  traces?: boolean;
}

/** Per-bucket mean and 95 % band (mean ± half-width) of one series across replications. */
export interface Band {
  mean: Float64Array;
  lo: Float64Array;
  hi: Float64Array;
}

/** Bands of every time series of a set of replications (same shape as `Series`). */
export interface ResultBands {
  bucketS: number;
  filled: number;
  total: number;
  nodes: Record<string, Record<SeriesMetric, Band>>;
  sources: Record<string, Record<SourceSeriesMetric, Band>>;
}

export type ToWorker =
  | { type: 'start'; runId: number; doc: ArchDocument; options: RunOptions }
  | { type: 'cancel'; runId: number }
  /** Change a live run's speed, or pause / resume it. */
  | { type: 'pace'; runId: number; pace: LivePace }
  /** While paused: advance by one event, or by one simulated second. */
  | { type: 'step'; runId: number; by: 'event' | 'second' }
  /**
   * The document changed during the run (an intervention, an undo): simulate `doc` from the
   * start with the same seed and fast-forward to `atMs` (default: where the run is now), so
   * the run stays exactly the run of the document as it now reads.
   */
  | { type: 'restart'; runId: number; doc: ArchDocument; atMs?: number }
  /** Run one batch job to the end (`job` is its index in the batch). */
  | { type: 'job'; runId: number; job: number; spec: BatchJob }
  /** Resolve a sweep path and its values against a document (validating every value). */
  | { type: 'sweepPlan'; runId: number; doc: ArchDocument; path: string; from: number; to: number; steps: number }
  /** Summarise groups of replications (mean ± 95 % CI); with `bands`, the series bands of group 0. */
  | { type: 'summarize'; runId: number; groups: SimResult[][]; bands: boolean };

export type FromWorker =
  | { type: 'progress'; runId: number; progress: Progress; clock: LiveClock }
  /** The run so far, at most 4 times a second; `snapshot.series.data.buffer` is transferred. */
  | { type: 'snapshot'; runId: number; snapshot: LiveSnapshot }
  | { type: 'done'; runId: number; result: SimResult }
  /** The run stopped on request; `result` is the partial result at that point. */
  | { type: 'cancelled'; runId: number; result: SimResult }
  | { type: 'error'; runId: number; message: string }
  /** A batch job's simulated fraction (0–1), at most 10 times a second. */
  | { type: 'jobProgress'; runId: number; job: number; fraction: number }
  | { type: 'jobDone'; runId: number; job: number; result: SimResult }
  | { type: 'jobError'; runId: number; job: number; message: string }
  | { type: 'sweepPlan'; runId: number; plan: { ok: true; values: number[] } | { ok: false; message: string } }
  | { type: 'summary'; runId: number; summaries: ReplicationSummary[]; bands: ResultBands | null };

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

/** Every buffer of a set of bands, for a postMessage transfer list. */
export function bandsTransferables(bands: ResultBands | null): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  if (!bands) return out;
  for (const group of [bands.nodes, bands.sources]) {
    for (const metrics of Object.values(group)) {
      for (const b of Object.values(metrics) as Band[])
        for (const a of [b.mean, b.lo, b.hi]) if (a.buffer instanceof ArrayBuffer) out.push(a.buffer);
    }
  }
  return out;
}
