/**
 * Test factory: a SimResult with hand-set series (4 buckets of 10 s unless told), for exact
 * assertions on the chart and overlay transforms. @internal tests only.
 */
import type { NodeResult, SeriesMetric, SimResult, SourceSeriesMetric } from '../../worker/protocol.ts';
import { SERIES_METRICS } from './seriesMetrics.ts';

const SOURCE_METRICS: SourceSeriesMetric[] = ['requests', 'succeeded', 'failed', 'p50', 'p99'];

type NodeSpec = Partial<NodeResult> & { series?: Partial<Record<SeriesMetric, number[]>> };
type SourceSpec = Partial<Record<SourceSeriesMetric, number[]>>;

export function makeResult(opts: {
  nodes: Record<string, NodeSpec>;
  sources?: Record<string, SourceSpec>;
  edges?: SimResult['edges'];
  bucketS?: number;
  filled?: number;
  total?: number;
}): SimResult {
  const bucketS = opts.bucketS ?? 10,
    filled = opts.filled ?? 4,
    total = opts.total ?? filled;
  const arr = (v?: number[]) => {
    const a = new Float64Array(total);
    if (v) a.set(v);
    return a;
  };
  const nodes: SimResult['nodes'] = {};
  const seriesNodes: SimResult['series']['nodes'] = {};
  for (const [id, spec] of Object.entries(opts.nodes)) {
    const { series, ...rest } = spec;
    nodes[id] = {
      kind: 'service',
      label: id,
      arrivals: 0,
      completed: 0,
      errors: 0,
      rejected: 0,
      timeouts: 0,
      retries: 0,
      utilization: 0,
      queue: { mean: 0, max: 0 },
      inSystemMean: 0,
      latencyMs: { count: 0, mean: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0 },
      sideEffects: 0,
      duplicates: 0,
      duplicatesByCause: { retryAfterTimeout: 0, retryAfterError: 0, redelivery: 0, crashBeforeAck: 0, newKey: 0 },
      dlq: 0,
      deliveries: 0,
      hits: 0,
      misses: 0,
      workers: 0,
      ...rest,
    } as NodeResult;
    seriesNodes[id] = Object.fromEntries(SERIES_METRICS.map((m) => [m, arr(series?.[m])])) as Record<SeriesMetric, Float64Array>;
  }
  const seriesSources: SimResult['series']['sources'] = {};
  for (const [id, spec] of Object.entries(opts.sources ?? {})) {
    seriesSources[id] = Object.fromEntries(SOURCE_METRICS.map((m) => [m, arr(spec[m])])) as Record<SourceSeriesMetric, Float64Array>;
  }
  const base: Omit<SimResult, 'traces'> = {
    seed: 1,
    simulatedS: filled * bucketS,
    warmupS: 0,
    events: 0,
    wallMs: 0,
    partial: filled < total,
    nodes,
    sources: {},
    edges: opts.edges ?? {},
    series: { bucketS, filled, total, nodes: seriesNodes, sources: seriesSources },
    findings: [],
    requirements: [],
  };
  // No sampled request traces (asserted: the field is newer than some engine versions).
  return { traces: [], ...base } as SimResult;
}
