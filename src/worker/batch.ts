/**
 * Batch work for replications and sweeps, shared by the worker and SimPool's inline mode:
 * run one whole job (no traces: a batch wants numbers, and tracing would only cost time),
 * resolve a sweep's path and values, and summarise replications into mean ± 95 % CI plus
 * per-bucket bands. Like simRun.ts, a value importer of the engine outside the engine.
 */
import { parseDocument, formatErrors, type ArchDocument } from '../model/index.ts';
import { interval, replicationsSummarize, seriesBand, simulate, sweepPath, sweepValues } from '../engine/index.ts';
import {
  bandsTransferables,
  resultTransferables,
  type Band,
  type BatchJob,
  type FromWorker,
  type ResultBands,
  type SimResult,
  type ToWorker,
} from './protocol.ts';
import type { Post } from './simRun.ts';

const PROGRESS_EVERY_MS = 100;

/** The document a job runs: its own, or with the swept parameter set (validated like an edit). */
function jobDocument(spec: BatchJob): ArchDocument {
  if (!spec.sweep) return spec.doc;
  const path = sweepPath(spec.doc, spec.sweep.path);
  if (!path.ok) throw new Error(path.message);
  const parsed = parseDocument(path.set(spec.doc, spec.sweep.value));
  if (!parsed.ok) throw new Error(`${spec.sweep.path} = ${spec.sweep.value} is not valid: ${formatErrors(parsed.errors, 3)}`);
  return parsed.doc;
}

/** Bands of source latency use only the replications that finished requests in that bucket. */
function latencyBand(series: readonly Float64Array[], done: readonly ((i: number) => boolean)[], n: number): Band {
  const mean = new Float64Array(n),
    lo = new Float64Array(n),
    hi = new Float64Array(n);
  for (let b = 0; b < n; b++) {
    const xs: number[] = [];
    series.forEach((s, k) => {
      if (done[k]!(b)) xs.push(s[b]!);
    });
    if (!xs.length) {
      mean[b] = lo[b] = hi[b] = NaN;
      continue;
    }
    const iv = interval(xs);
    const h = Number.isFinite(iv.ci95) ? iv.ci95 : 0;
    mean[b] = iv.mean;
    lo[b] = iv.mean - h;
    hi[b] = iv.mean + h;
  }
  return { mean, lo, hi };
}

/**
 * Per-bucket mean and 95 % band of every series across replications. Latency percentiles
 * average only buckets where requests finished (an empty bucket has no latency, not 0 ms):
 * such a bucket in every replication is NaN (a gap).
 */
export function resultBands(results: readonly SimResult[]): ResultBands {
  const s0 = results[0]!.series;
  const filled = Math.min(...results.map((r) => r.series.filled));
  const cut = (a: Float64Array) => a.subarray(0, filled);
  const nodes: Record<string, Record<string, Band>> = {};
  for (const [id, metrics] of Object.entries(s0.nodes)) {
    nodes[id] = {};
    for (const m of Object.keys(metrics)) {
      const arrays = results.map((r) => cut((r.series.nodes[id] as Record<string, Float64Array>)[m]!));
      if (m === 'p50' || m === 'p99') {
        const done = results.map((r) => (i: number) => r.series.nodes[id]!.completed[i]! + r.series.nodes[id]!.errors[i]! > 0);
        nodes[id][m] = latencyBand(arrays, done, filled);
      } else nodes[id][m] = seriesBand(arrays);
    }
  }
  const sources: Record<string, Record<string, Band>> = {};
  for (const [id, metrics] of Object.entries(s0.sources)) {
    sources[id] = {};
    for (const m of Object.keys(metrics)) {
      const arrays = results.map((r) => cut((r.series.sources[id] as Record<string, Float64Array>)[m]!));
      if (m === 'p50' || m === 'p99') {
        const done = results.map((r) => (i: number) => r.series.sources[id]!.succeeded[i]! + r.series.sources[id]!.failed[i]! > 0);
        sources[id][m] = latencyBand(arrays, done, filled);
      } else sources[id][m] = seriesBand(arrays);
    }
  }
  return { bucketS: s0.bucketS, filled, total: s0.total, nodes, sources } as ResultBands;
}

/** Handle one batch message (job, sweepPlan, summarize); returns false for other messages. */
export function batchHandle(msg: ToWorker, post: Post): boolean {
  switch (msg.type) {
    case 'job': {
      const { runId, job, spec } = msg;
      try {
        const doc = jobDocument(spec);
        const result = simulate(doc, {
          seed: spec.seed,
          durationS: spec.durationS,
          traces: spec.traces ? undefined : false,
          progressEveryMs: PROGRESS_EVERY_MS,
          onProgress: (p) => post({ type: 'jobProgress', runId, job, fraction: p.durationS > 0 ? p.simulatedS / p.durationS : 1 }),
        });
        // Series may be views of one buffer: transfer each buffer once.
        post({ type: 'jobDone', runId, job, result }, [...new Set(resultTransferables(result))]);
      } catch (e) {
        post({ type: 'jobError', runId, job, message: e instanceof Error ? e.message : String(e) });
      }
      return true;
    }
    case 'sweepPlan': {
      const { runId, doc, path: p, from, to, steps } = msg;
      const post1 = (plan: Extract<FromWorker, { type: 'sweepPlan' }>['plan']) => post({ type: 'sweepPlan', runId, plan });
      const path = sweepPath(doc, p);
      if (!path.ok) {
        post1({ ok: false, message: path.message });
        return true;
      }
      if (!Number.isFinite(from) || !Number.isFinite(to)) {
        post1({ ok: false, message: 'from and to must be numbers' });
        return true;
      }
      const values = sweepValues(from, to, Math.max(1, Math.floor(steps)));
      for (const v of values) {
        const parsed = parseDocument(path.set(doc, v));
        if (!parsed.ok) {
          post1({ ok: false, message: `${v} is out of range: ${formatErrors(parsed.errors, 1)}` });
          return true;
        }
      }
      post1({ ok: true, values });
      return true;
    }
    case 'summarize': {
      try {
        const summaries = msg.groups.map((g) => replicationsSummarize(g));
        const bands = msg.bands && msg.groups[0]?.length ? resultBands(msg.groups[0]) : null;
        post({ type: 'summary', runId: msg.runId, summaries, bands }, bandsTransferables(bands));
      } catch (e) {
        post({ type: 'error', runId: msg.runId, message: e instanceof Error ? e.message : String(e) });
      }
      return true;
    }
    default:
      return false;
  }
}
