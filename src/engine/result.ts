/**
 * resultBuild: a Simulation's metrics → SimResult (plain data plus Float64Array series).
 * Totals cover [warm-up, end]; series cover the whole run.
 */
import type { Simulation } from './Simulation.ts';
import { CAUSE_NAMES } from './codes.ts';
import type { Histogram } from './stats/histogram.ts';
import {
  SERIES_METRICS,
  SOURCE_SERIES_METRICS,
  type BreakerTransitions,
  type DuplicateCause,
  type EdgeResult,
  type LatencySummary,
  type NodeResult,
  type Series,
  type SeriesMetric,
  type SimResult,
  type SourceResult,
  type SourceSeriesMetric,
} from './types.ts';
import { requirementsGrade } from './requirements.ts';
import { findingsDetect } from './findings/index.ts';

export function latencySummary(h: Histogram): LatencySummary {
  return {
    count: h.count,
    mean: h.mean(),
    p50: h.quantile(0.5),
    p90: h.quantile(0.9),
    p99: h.quantile(0.99),
    p999: h.quantile(0.999),
    max: h.max,
  };
}

function seriesBuild(sim: Simulation, copy: boolean): Series {
  const M = sim.metrics,
    m = sim.model,
    B = m.buckets;
  const cut = (a: Float64Array, k: number) => (copy ? a.slice(k * B, (k + 1) * B) : a.subarray(k * B, (k + 1) * B));
  const byMetric: Record<SeriesMetric, Float64Array> = {
    arrivals: M.sArrivals,
    completed: M.sCompleted,
    errors: M.sErrors,
    rejected: M.sRejected,
    timeouts: M.sTimeouts,
    retries: M.sRetries,
    queueMean: M.sQueueMean,
    queueMax: M.sQueueMax,
    utilization: M.sUtil,
    p50: M.sP50,
    p99: M.sP99,
    sideEffects: M.sSideEffects,
    duplicates: M.sDuplicates,
    dlq: M.sDlq,
  };
  const srcByMetric: Record<SourceSeriesMetric, Float64Array> = {
    requests: M.sSrcRequests,
    succeeded: M.sSrcOk,
    failed: M.sSrcFail,
    p50: M.sSrcP50,
    p99: M.sSrcP99,
  };
  const nodes: Series['nodes'] = {};
  m.ids.forEach((id, i) => {
    nodes[id] = Object.fromEntries(SERIES_METRICS.map((k) => [k, cut(byMetric[k], i)])) as Record<SeriesMetric, Float64Array>;
  });
  const sources: Series['sources'] = {};
  m.sources.forEach((s, k) => {
    sources[m.ids[s]!] = Object.fromEntries(SOURCE_SERIES_METRICS.map((x) => [x, cut(srcByMetric[x], k)])) as Record<
      SourceSeriesMetric,
      Float64Array
    >;
  });
  const series: Series = { bucketS: m.bucketMs / 1000, filled: sim.filledBuckets, total: B, nodes, sources };
  const g = sim.scaler;
  if (g) series.instances = Object.fromEntries(Array.from(g.nodes, (i, k) => [m.ids[i]!, copy ? g.series[k]!.slice() : g.series[k]!]));
  return series;
}

const BREAKER_STATES = ['closed', 'open', 'halfOpen'] as const;

function breakerTransitions(sim: Simulation): BreakerTransitions {
  const log = sim.res.transitions;
  const list: BreakerTransitions['list'] = [];
  for (let k = 0; k < log.length; k++)
    list.push({ atS: log.atMs[k]! / 1000, edge: sim.model.edgeIds[log.edge[k]!]!, to: BREAKER_STATES[log.to[k]!]! });
  return { cap: log.cap, dropped: log.dropped, list };
}

/**
 * The live part of a result: totals and series so far, with no findings, requirements or traces
 * (those are computed once, by `resultBuild`). Cheap enough for a snapshot between slices.
 * `copySeries` gives the caller its own buffers; without it the series are views of the engine's.
 */
export function resultLive(sim: Simulation, copySeries = false): SimResult {
  const M = sim.metrics,
    m = sim.model;
  const end = Math.min(sim.now, m.durationMs);
  const measuredMs = Math.max(end - m.warmupMs, 1e-9);
  const nodes: Record<string, NodeResult> = {};
  m.doc.nodes.forEach((node, i) => {
    const w = m.workers[i]!;
    const dupCause = {} as Record<DuplicateCause, number>;
    for (const name of ['retryAfterTimeout', 'retryAfterError', 'redelivery', 'crashBeforeAck', 'newKey'] as const) dupCause[name] = 0;
    for (let c = 0; c < 6; c++) dupCause[CAUSE_NAMES[c]!] += M.dupCause[i * 6 + c]!;
    const area = M.measuredAreas(i);
    nodes[node.id] = {
      kind: node.kind,
      label: node.label || node.id,
      arrivals: M.arrivals[i]!,
      completed: M.completed[i]!,
      errors: M.errors[i]!,
      conflicts: M.conflicts[i]!,
      rejected: M.rejected[i]!,
      timeouts: M.timeouts[i]!,
      retries: M.retries[i]!,
      utilization: w > 0 && w < Infinity ? area.busy / (w * measuredMs) : 0,
      queue: { mean: area.queue / measuredMs, max: M.qMax[i]! },
      inSystemMean: area.inSystem / measuredMs,
      waitMs: M.waitCount[i]! > 0 ? M.waitSum[i]! / M.waitCount[i]! : 0,
      waitPercentilesMs: { p50: M.waitQuantile(i, 0.5), p95: M.waitQuantile(i, 0.95), p99: M.waitQuantile(i, 0.99) },
      peakConcurrency: M.sysPeak[i]!,
      latencyMs: latencySummary(m.sourceOf[i]! >= 0 ? M.sourceHist(m.sourceOf[i]!) : M.nodeHist(i)),
      sideEffects: M.sideEffects[i]!,
      duplicates: M.duplicates[i]!,
      duplicatesByCause: dupCause,
      dlq: M.dlq[i]!,
      deliveries: M.deliveries[i]!,
      hits: M.cacheHits[i]!,
      misses: M.cacheMisses[i]!,
      workers: w < Infinity ? w : 0,
    };
    if (m.shedAtStart[i] || m.limitMode[i])
      nodes[node.id]!.shed = {
        queueTimeout: M.shedQueueTimeout[i]!,
        expired: M.shedExpired[i]!,
        cancelled: M.shedCancelled[i]!,
        limited: M.shedLimited[i]!,
      };
    if (m.occ[i]) nodes[node.id]!.occ = { commits: M.occCommits[i]!, conflicts: M.occConflicts[i]! };
    if (m.limitMode[i]) nodes[node.id]!.concurrencyLimit = { final: sim.limit[i]!, low: M.limitLow[i]!, high: M.limitHigh[i]! };
  });
  const g = sim.scaler;
  if (g) g.nodes.forEach((i, k) => (nodes[m.ids[i]!]!.autoscale = { ...g.stats[k]!, instancesFinal: g.serving[k]! }));
  const sources: Record<string, SourceResult> = {};
  m.sources.forEach((s, k) => {
    const ok = M.srcOk[k]!,
      fail = M.srcFail[k]!;
    sources[m.ids[s]!] = {
      requests: M.srcRequests[k]!,
      succeeded: ok,
      failed: fail,
      successRatio: ok + fail > 0 ? ok / (ok + fail) : 1,
      goodputRps: (ok * 1000) / measuredMs,
      latencyMs: latencySummary(M.sourceHist(k)),
    };
  });
  const edges: Record<string, EdgeResult> = {};
  m.edgeIds.forEach((id, e) => {
    edges[id] = {
      source: m.ids[m.src[e]!]!,
      target: m.ids[m.dst[e]!]!,
      attempts: M.eAttempts[e]!,
      retries: M.eRetries[e]!,
      timeouts: M.eTimeouts[e]!,
      errors: M.eErrors[e]!,
      breakerRejected: M.eBreaker[e]!,
      budgetDenied: M.eBudget[e]!,
      throttled: M.eThrottled[e]!,
      breakerOpenS: M.eOpenMs[e]! / 1000,
    };
  });
  const result: SimResult = {
    seed: sim.seed,
    simulatedS: end / 1000,
    warmupS: m.warmupMs / 1000,
    events: sim.events,
    wallMs: Math.round(sim.wallMs),
    partial: !sim.done,
    nodes,
    sources,
    edges,
    series: seriesBuild(sim, copySeries),
    findings: [],
    requirements: [],
    traces: [],
  };
  if (sim.res.hasBreaker.some((b) => b === 1)) result.breakerTransitions = breakerTransitions(sim);
  return result;
}

/** Build the whole result: `resultLive` plus traces, requirements and findings. `copySeries` as there. */
export function resultBuild(sim: Simulation, copySeries = false): SimResult {
  const result = resultLive(sim, copySeries);
  const doc = sim.model.doc;
  result.traces = sim.tracer ? sim.tracer.all() : [];
  result.requirements = requirementsGrade(doc, result);
  result.findings = findingsDetect(doc, result, sim);
  // Link duplicate findings to the sampled traces that show a duplicate at that node.
  for (const f of result.findings) {
    if (f.kind !== 'duplicateSideEffects') continue;
    const ids = result.traces
      .filter((t) => t.spans.some((s) => s.node === f.nodes[0] && s.events.some((e) => e.kind === 'duplicate')))
      .map((t) => t.id);
    if (ids.length) f.traceIds = ids.slice(0, 20);
  }
  return result;
}
