/**
 * Public result types of the engine. Plain data: JSON-serialisable except the time series,
 * which are Float64Arrays (transferable from a Worker; the CLI turns them into arrays).
 */

/** Latency summary in milliseconds, from a log-bucketed histogram (≤ 1 % relative error). */
export interface LatencySummary {
  count: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
}

export type DuplicateCause = 'retryAfterTimeout' | 'retryAfterError' | 'redelivery' | 'crashBeforeAck' | 'newKey';

export interface NodeResult {
  kind: string;
  label: string;
  /** Attempts that arrived at this node (after warm-up). */
  arrivals: number;
  /** Attempts this node finished successfully. */
  completed: number;
  /** Attempts this node answered with an error (own failures, failed downstream calls, node down). */
  errors: number;
  /** Of the errors, 409 "in progress" answers from an atomic idempotency-key store (expected: the caller retries later). */
  conflicts: number;
  /** Attempts refused at the door: full queue, rate limit (429), circuit open at the caller is counted on the edge. */
  rejected: number;
  /** Attempts whose caller gave up waiting (the work here may still complete). */
  timeouts: number;
  /** Retries this node issued on its outgoing calls. */
  retries: number;
  /** Busy workers / workers, time-averaged (0 for nodes without workers). */
  utilization: number;
  /** Attempts waiting (not in service), time-averaged and max. For a queue: messages stored. */
  queue: { mean: number; max: number };
  /** Mean attempts at the node (waiting + in service + waiting on downstream), for Little's law. */
  inSystemMean: number;
  /** Mean time attempts waited for a worker (0 for nodes without workers). */
  waitMs: number;
  /** Percentiles of that wait (histogram bin centres, within 0.8 %; 0 when nothing waited). */
  waitPercentilesMs: { p50: number; p95: number; p99: number };
  /** Most attempts at the node at once (waiting + in service + waiting on downstream), held for a positive time after warm-up. */
  peakConcurrency: number;
  /** Sojourn time: arrival → response (queueing + service + downstream calls). */
  latencyMs: LatencySummary;
  sideEffects: number;
  duplicates: number;
  duplicatesByCause: Record<DuplicateCause, number>;
  /** Queues: messages sent to the dead-letter queue; receives (deliveries to consumers). */
  dlq: number;
  deliveries: number;
  /** Caches: lookups answered from the cache, and misses sent downstream (or coalesced). */
  hits: number;
  misses: number;
  /** Workers configured (pool size for a database; an autoscaling group's maxInstances × workers), or 0. */
  workers: number;
  /** An autoscaling group only: its size and how well it kept up (Autoscaler.ts). */
  autoscale?: AutoscaleResult;
  /**
   * Only on nodes that shed load (queue timeout, dropExpired, a concurrency limit, or a caller
   * that cancels): the attempts dropped when they reached a worker, by reason, and those the
   * concurrency limit rejected on arrival (`limited`); `cancelled` also counts cancelled jobs
   * that stopped after their own work or between calls. They are part of `rejected`: every
   * `shed` answer is in exactly one of them.
   */
  shed?: { queueTimeout: number; expired: number; cancelled: number; limited: number };
  /** Only on nodes with a concurrency limit: its value at the end, and its lowest and highest over the run. */
  concurrencyLimit?: { final: number; low: number; high: number };
  /**
   * Databases with optimistic concurrency (occ.enabled): hot-row writes that committed, and that
   * failed at commit because another write to the row committed after they read it (counted in
   * `errors` too; each is an attempt whose work was thrown away).
   */
  occ?: { commits: number; conflicts: number };
}

export interface AutoscaleResult {
  /** Serving instances at the end, and the most at once. */
  instancesFinal: number;
  instancesMax: number;
  scaleOuts: number;
  scaleIns: number;
  /** Evaluation time during which it served fewer instances than it had decided it needs (s), first and last such evaluation (s, −1: never). */
  lagS: number;
  lagFromS: number;
  lagToS: number;
  shortfallMax: number;
}

export interface SourceResult {
  /** Logical requests started (after warm-up). */
  requests: number;
  succeeded: number;
  failed: number;
  /** succeeded / (succeeded + failed). */
  successRatio: number;
  /** Successful requests per second of measured time. */
  goodputRps: number;
  /** End to end, first send → final outcome, including retries and backoff. */
  latencyMs: LatencySummary;
}

export interface EdgeResult {
  source: string;
  target: string;
  /** Attempts sent (first tries + retries). */
  attempts: number;
  retries: number;
  timeouts: number;
  errors: number;
  /** Calls refused by the caller's open circuit breaker. */
  breakerRejected: number;
  /** Retries not sent because the retry budget was spent. */
  budgetDenied: number;
  /** Retries not sent because gRPC retry throttling had too few tokens. */
  throttled: number;
  /** Time the breaker spent open, seconds. */
  breakerOpenS: number;
}

export const SERIES_METRICS = [
  'arrivals',
  'completed',
  'errors',
  'rejected',
  'timeouts',
  'retries',
  'queueMean',
  'queueMax',
  'utilization',
  'p50',
  'p99',
  'sideEffects',
  'duplicates',
  'dlq',
] as const;
export type SeriesMetric = (typeof SERIES_METRICS)[number];

export const SOURCE_SERIES_METRICS = ['requests', 'succeeded', 'failed', 'p50', 'p99'] as const;
export type SourceSeriesMetric = (typeof SOURCE_SERIES_METRICS)[number];

/** Per-bucket time series. Counts are per bucket (divide by bucketS for a rate). */
export interface Series {
  bucketS: number;
  /** Buckets filled so far (a live snapshot has fewer than the total). */
  filled: number;
  total: number;
  nodes: Record<string, Record<SeriesMetric, Float64Array>>;
  sources: Record<string, Record<SourceSeriesMetric, Float64Array>>;
  /** Autoscaling groups only: serving instances at each bucket's end. */
  instances?: Record<string, Float64Array>;
}

export type Severity = 'critical' | 'warning' | 'info';

export interface Finding {
  kind: string;
  severity: Severity;
  nodes: string[];
  fromS: number;
  toS: number;
  message: string;
  suggestion: string;
  /** Ids of sampled request traces that show this finding (e.g. a duplicated side effect). */
  traceIds?: number[];
}

export interface RequirementResult {
  text: string;
  target: string;
  metric: string;
  pass: boolean;
  measured: number;
  value: number;
  op: string;
}

export interface SimResult {
  seed: number;
  simulatedS: number;
  warmupS: number;
  events: number;
  wallMs: number;
  /** True when the run was stopped before its end (cancelled). */
  partial: boolean;
  nodes: Record<string, NodeResult>;
  sources: Record<string, SourceResult>;
  edges: Record<string, EdgeResult>;
  series: Series;
  findings: Finding[];
  requirements: RequirementResult[];
  /** A bounded sample of full request traces (duplicates and failures kept first). */
  traces: RequestTrace[];
  /** Only when some edge has a circuit breaker: its state changes over the whole run, the first 1,000 kept. */
  breakerTransitions?: BreakerTransitions;
}

/** Circuit-breaker state changes in time order; `dropped` counts those past the cap. */
export interface BreakerTransitions {
  cap: number;
  dropped: number;
  list: { atS: number; edge: string; to: 'closed' | 'open' | 'halfOpen' }[];
}

export interface Progress {
  simulatedS: number;
  durationS: number;
  events: number;
  wallMs: number;
}

/** One attempt's visit to one node inside a traced request. */
export interface TraceSpan {
  id: number;
  /** The span that made the call (or delivered the message); −1 for the source's root span. */
  parent: number;
  node: string;
  /** The edge the attempt came through. */
  edge: string | null;
  /** Attempt number on that edge (1 = first try); for a queue consumer, the receive count. */
  attempt: number;
  startMs: number;
  /** NaN while still running when the trace was taken. */
  endMs: number;
  status: 'ok' | 'error' | 'rejected' | 'hang' | 'running';
  events: { t: number; kind: string; text: string }[];
}

export interface RequestTrace {
  id: number;
  source: string;
  startMs: number;
  endMs: number;
  outcome: 'ok' | 'failed' | 'running';
  /** Duplicate side effects this request caused. */
  duplicates: number;
  retries: number;
  spans: TraceSpan[];
}
