/**
 * A live snapshot across the worker boundary: the run's totals so far plus every time series
 * packed into one Float64Array, so it is posted as a single transferred buffer instead of one
 * buffer per node and metric (50 nodes × 19 metrics = 950). No findings, requirements or
 * traces: those are computed once, for the final result.
 *
 * Series layout (B = total buckets; rows in `nodeIds` then `sourceIds` order):
 *   data = [ node 0: SERIES_METRICS[0] (B) … SERIES_METRICS[13] (B) | node 1 … | source 0: SOURCE_SERIES_METRICS[0] (B) … ]
 * Unpacking makes views into that one buffer (no copy).
 * Imports only the engine's metric lists (plain constants): SimClient uses it on the main thread.
 */
import { SERIES_METRICS, SOURCE_SERIES_METRICS } from '../engine/types.ts';
import type { LiveSnapshot, PackedSeries, Series, SeriesMetric, SimResult, SourceSeriesMetric } from './protocol.ts';

/** A result's totals and a copy of its series in one new buffer (transfer `series.data.buffer`). */
export function liveSnapshotPack(result: SimResult): LiveSnapshot {
  const { series, findings: _f, requirements: _r, traces: _t, ...totals } = result;
  const B = series.total;
  const nodeIds = Object.keys(series.nodes),
    sourceIds = Object.keys(series.sources);
  const data = new Float64Array((nodeIds.length * SERIES_METRICS.length + sourceIds.length * SOURCE_SERIES_METRICS.length) * B);
  let at = 0;
  for (const id of nodeIds) {
    const row = series.nodes[id]!;
    for (const k of SERIES_METRICS) {
      data.set(row[k].subarray(0, B), at);
      at += B;
    }
  }
  for (const id of sourceIds) {
    const row = series.sources[id]!;
    for (const k of SOURCE_SERIES_METRICS) {
      data.set(row[k].subarray(0, B), at);
      at += B;
    }
  }
  return { totals, series: { bucketS: series.bucketS, filled: series.filled, total: B, nodeIds, sourceIds, data } };
}

function seriesUnpack(p: PackedSeries): Series {
  const B = p.total;
  let at = 0;
  const view = (): Float64Array => {
    const v = p.data.subarray(at, at + B);
    at += B;
    return v;
  };
  const nodes: Series['nodes'] = {};
  for (const id of p.nodeIds) {
    const row = {} as Record<SeriesMetric, Float64Array>;
    for (const k of SERIES_METRICS) row[k] = view();
    nodes[id] = row;
  }
  const sources: Series['sources'] = {};
  for (const id of p.sourceIds) {
    const row = {} as Record<SourceSeriesMetric, Float64Array>;
    for (const k of SOURCE_SERIES_METRICS) row[k] = view();
    sources[id] = row;
  }
  return { bucketS: p.bucketS, filled: p.filled, total: B, nodes, sources };
}

/** The snapshot as a (partial) SimResult: series are views into the packed buffer; findings, requirements and traces empty. */
export function liveSnapshotResult(s: LiveSnapshot): SimResult {
  const t = s.totals;
  // Same key order as the engine's result.
  return {
    seed: t.seed,
    simulatedS: t.simulatedS,
    warmupS: t.warmupS,
    events: t.events,
    wallMs: t.wallMs,
    partial: t.partial,
    nodes: t.nodes,
    sources: t.sources,
    edges: t.edges,
    series: seriesUnpack(s.series),
    findings: [],
    requirements: [],
    traces: [],
  };
}
