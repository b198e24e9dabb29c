/**
 * The archsim document, format version 1: zod schema, defaults and units.
 *
 * Units are in the field names: `Ms` milliseconds, `S` seconds, `Rps` per second.
 * Every parameter has a default, so `{ kind: "service" }` is a complete service.
 * Objects are strict: an unknown field is an error that names the node/edge and field.
 *
 * No DOM, no React: this module is shared by the engine, the CLI and the app.
 */
import { z } from 'zod';

export const FORMAT_VERSION = 1;
export const DOCUMENT_TYPE = 'archsim/document';

const ms = (def: number, max = 3_600_000) => z.number().min(0).max(max).default(def);
const prob = (def: number) => z.number().min(0).max(1).default(def);
const int = (def: number, min: number, max: number) => z.number().int().min(min).max(max).default(def);

// ── distributions ─────────────────────────────────────────────────────────────
/** A latency / service-time distribution in milliseconds. */
export const distributionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('constant'), ms: z.number().min(0).max(3_600_000) }),
  z.strictObject({ type: z.literal('exponential'), meanMs: z.number().positive().max(3_600_000) }),
  z.strictObject({
    type: z.literal('uniform'),
    minMs: z.number().min(0).max(3_600_000),
    maxMs: z.number().min(0).max(3_600_000),
  }),
  z.strictObject({
    type: z.literal('lognormal'),
    p50Ms: z.number().positive().max(3_600_000),
    p99Ms: z.number().positive().max(3_600_000),
  }),
]).superRefine((d, ctx) => {
  if (d.type === 'uniform' && d.maxMs < d.minMs) ctx.addIssue({ code: 'custom', path: ['maxMs'], message: 'maxMs must be ≥ minMs' });
  if (d.type === 'lognormal' && d.p99Ms < d.p50Ms) ctx.addIssue({ code: 'custom', path: ['p99Ms'], message: 'p99Ms must be ≥ p50Ms' });
});
export type Distribution = z.infer<typeof distributionSchema>;

const dist = (d: Distribution) => distributionSchema.default(d);

// ── edge policies ─────────────────────────────────────────────────────────────
export const jitterSchema = z.enum(['none', 'full', 'equal', 'decorrelated']);

/** Retry policy of a call. `maxAttempts` counts the first attempt: 1 = no retries. */
export const retrySchema = z.strictObject({
  maxAttempts: int(1, 1, 100),
  baseMs: ms(100),
  capMs: ms(10_000),
  multiplier: z.number().min(1).max(10).default(2),
  jitter: jitterSchema.default('full'),
  onTimeout: z.boolean().default(true),
  onError: z.boolean().default(true),
  /** Retry 429s from a rate limiter, waiting at least its Retry-After. */
  onRejected: z.boolean().default(true),
});

/** Finagle-style retry budget: retries may be at most `percent` of calls (over `ttlS`) plus `minPerS`. */
export const retryBudgetSchema = z.strictObject({
  enabled: z.boolean().default(false),
  percent: z.number().min(0).max(1000).default(20),
  minPerS: z.number().min(0).max(1e6).default(10),
  ttlS: z.number().min(1).max(60).default(10),
});

/** Caller-side circuit breaker, resilience4j-style (count window). Timeouts count as failures. */
export const breakerSchema = z.strictObject({
  enabled: z.boolean().default(false),
  mode: z.enum(['failureRate', 'consecutive']).default('failureRate'),
  /** failureRate: open at ≥ this % failures over the last `windowSize` calls. */
  failureRatePercent: z.number().min(1).max(100).default(50),
  windowSize: int(20, 1, 10_000),
  minimumCalls: int(20, 1, 10_000),
  /** consecutive: open after this many failures in a row. */
  consecutiveFailures: int(5, 1, 10_000),
  openMs: ms(5_000),
  halfOpenProbes: int(1, 1, 1_000),
});

export const edgeParamsSchema = z.strictObject({
  /** Caller-side timeout for one attempt; 0 = wait forever. */
  timeoutMs: ms(0),
  retry: retrySchema.default(retrySchema.parse({})),
  budget: retryBudgetSchema.default(retryBudgetSchema.parse({})),
  breaker: breakerSchema.default(breakerSchema.parse({})),
  /** Probability this call is made at all (per request through the caller). */
  callProbability: prob(1),
  /** Relative weight when the caller is a load balancer. */
  weight: z.number().min(0).max(1e6).default(1),
  /** Network latency added each way is half of this (round trip), ms. */
  latencyMs: ms(0),
  /** Retries carry the same idempotency key as the first attempt. */
  reuseIdempotencyKey: z.boolean().default(true),
  /** Fire-and-forget: the caller does not wait for the response. */
  async: z.boolean().default(false),
});
export type EdgeParams = z.infer<typeof edgeParamsSchema>;

// ── node parameters per kind ─────────────────────────────────────────────────
export const schedulePointSchema = z.strictObject({
  atS: z.number().min(0).max(86_400),
  rateRps: z.number().min(0).max(1e7),
  /** 'step' jumps to rateRps at atS; 'ramp' moves linearly from the previous point. */
  shape: z.enum(['step', 'ramp']).default('step'),
});
export type SchedulePoint = z.infer<typeof schedulePointSchema>;

const callModeSchema = z.enum(['sequence', 'parallel']);

export const clientParamsSchema = z.strictObject({
  arrival: z.enum(['poisson', 'constant', 'closed']).default('poisson'),
  /** Open loop: requests per second until the first schedule point. */
  rateRps: z.number().min(0).max(1e7).default(100),
  schedule: z.array(schedulePointSchema).max(1000).default([]),
  /** Closed loop: number of users, each waiting `thinkTimeMs` (exponential) between requests. */
  users: int(10, 1, 1_000_000),
  thinkTimeMs: ms(1000),
  calls: callModeSchema.default('sequence'),
});

export const schedulerParamsSchema = z.strictObject({
  intervalS: z.number().positive().max(86_400).default(60),
  batchSize: int(100, 1, 10_000_000),
  /** Each job of a batch is emitted U(0, jitterMs) after the tick. */
  jitterMs: ms(0),
  calls: callModeSchema.default('sequence'),
});

export const loadBalancerParamsSchema = z.strictObject({
  policy: z.enum(['roundRobin', 'random', 'leastOutstanding', 'p2c']).default('roundRobin'),
  overheadMs: ms(0),
  healthCheck: z.strictObject({
    enabled: z.boolean().default(false),
    consecutiveFailures: int(5, 1, 1000),
    ejectS: z.number().min(0).max(3600).default(10),
  }).default({ enabled: false, consecutiveFailures: 5, ejectS: 10 }),
});

export const gatewayParamsSchema = z.strictObject({
  /** Token bucket: continuous refill at rateRps, capacity (and initial fill) burst. */
  rateRps: z.number().min(0).max(1e7).default(100),
  burst: z.number().min(1).max(1e7).default(100),
  scope: z.enum(['global', 'perClient']).default('global'),
  /** Retry-After returned with a 429 (ms); 0 = the time until the next token. */
  retryAfterMs: ms(0),
  overheadMs: ms(0),
  calls: callModeSchema.default('sequence'),
});

const idempotencySchema = z.strictObject({
  enabled: z.boolean().default(false),
  retentionS: z.number().min(0).max(30 * 86_400).default(86_400),
  /** true: atomic claim-if-absent; false: check at start, record at end (the classic bug). */
  atomic: z.boolean().default(true),
});
const idempotencyDefault = { enabled: false, retentionS: 86_400, atomic: true };

export const serviceParamsSchema = z.strictObject({
  workers: int(4, 1, 100_000),
  /** Waiting slots beyond the workers; null = unbounded. Capacity K = workers + queueCapacity. */
  queueCapacity: z.number().int().min(0).max(10_000_000).nullable().default(null),
  discipline: z.enum(['fifo', 'lifo']).default('fifo'),
  serviceTime: dist({ type: 'exponential', meanMs: 20 }),
  errorRate: prob(0),
  calls: callModeSchema.default('sequence'),
  /** A worker stays busy while the service waits on its downstream calls (thread-per-request). */
  blockingCalls: z.boolean().default(false),
  /** The service's own work is a side effect (sends an e-mail, charges a card…). */
  sideEffect: z.boolean().default(false),
  idempotency: idempotencySchema.default(idempotencyDefault),
});

export const queueParamsSchema = z.strictObject({
  /** Most messages held (visible + in flight); null = unbounded. */
  capacity: z.number().int().min(1).max(100_000_000).nullable().default(null),
  enqueueMs: ms(2),
  visibilityTimeoutS: z.number().min(0.001).max(43_200).default(30),
  /** A message received this many times without an ack goes to the dead-letter queue; 0 = never. */
  maxReceiveCount: int(0, 0, 1000),
});

export const cacheParamsSchema = z.strictObject({
  mode: z.enum(['hitRatio', 'keyspace']).default('hitRatio'),
  hitRatio: prob(0.8),
  hitTime: dist({ type: 'constant', ms: 1 }),
  keys: int(10_000, 1, 10_000_000),
  zipfS: z.number().min(0).max(5).default(1),
  capacity: int(1_000, 1, 10_000_000),
  /** 0 = entries never expire. */
  ttlS: z.number().min(0).max(30 * 86_400).default(60),
  /** Concurrent misses on one key wait for a single fill (singleflight). */
  coalesce: z.boolean().default(false),
});

export const databaseParamsSchema = z.strictObject({
  poolSize: int(20, 1, 100_000),
  queueCapacity: z.number().int().min(0).max(10_000_000).nullable().default(null),
  readTime: dist({ type: 'exponential', meanMs: 5 }),
  writeTime: dist({ type: 'exponential', meanMs: 10 }),
  /** Fraction of requests that are writes; each write is a side effect. */
  writeFraction: prob(0.2),
  errorRate: prob(0),
  /** A unique constraint on the idempotency key: a repeated write fails instead of applying twice. */
  uniqueKey: z.boolean().default(false),
});

export const externalParamsSchema = z.strictObject({
  latency: dist({ type: 'lognormal', p50Ms: 80, p99Ms: 400 }),
  errorRate: prob(0),
  /** Concurrent calls it accepts; null = unlimited. */
  concurrency: z.number().int().min(1).max(1_000_000).nullable().default(null),
  /** The receiver deduplicates by event id (idempotent receiver). */
  dedupe: z.boolean().default(false),
});

export const NODE_KINDS = ['client', 'scheduler', 'loadBalancer', 'gateway', 'service', 'queue', 'cache', 'database', 'external'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export const nodeParamsSchemas = {
  client: clientParamsSchema,
  scheduler: schedulerParamsSchema,
  loadBalancer: loadBalancerParamsSchema,
  gateway: gatewayParamsSchema,
  service: serviceParamsSchema,
  queue: queueParamsSchema,
  cache: cacheParamsSchema,
  database: databaseParamsSchema,
  external: externalParamsSchema,
} as const satisfies Record<NodeKind, z.ZodType>;

const idSchema = z.string().min(1).max(100).regex(/^[A-Za-z0-9_.:-]+$/, 'ids use letters, digits and _ . : - only');
const positionSchema = z.strictObject({ x: z.number().finite(), y: z.number().finite() });

const nodeBase = {
  id: idSchema,
  label: z.string().max(200).default(''),
  position: positionSchema.default({ x: 0, y: 0 }),
};
export const nodeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...nodeBase, kind: z.literal('client'), params: clientParamsSchema.default(clientParamsSchema.parse({})) }),
  z.strictObject({ ...nodeBase, kind: z.literal('scheduler'), params: schedulerParamsSchema.default(schedulerParamsSchema.parse({})) }),
  z.strictObject({ ...nodeBase, kind: z.literal('loadBalancer'), params: loadBalancerParamsSchema.default(loadBalancerParamsSchema.parse({})) }),
  z.strictObject({ ...nodeBase, kind: z.literal('gateway'), params: gatewayParamsSchema.default(gatewayParamsSchema.parse({})) }),
  z.strictObject({ ...nodeBase, kind: z.literal('service'), params: serviceParamsSchema.default(serviceParamsSchema.parse({})) }),
  z.strictObject({ ...nodeBase, kind: z.literal('queue'), params: queueParamsSchema.default(queueParamsSchema.parse({})) }),
  z.strictObject({ ...nodeBase, kind: z.literal('cache'), params: cacheParamsSchema.default(cacheParamsSchema.parse({})) }),
  z.strictObject({ ...nodeBase, kind: z.literal('database'), params: databaseParamsSchema.default(databaseParamsSchema.parse({})) }),
  z.strictObject({ ...nodeBase, kind: z.literal('external'), params: externalParamsSchema.default(externalParamsSchema.parse({})) }),
]);
export type DocNode = z.infer<typeof nodeSchema>;
export type NodeOf<K extends NodeKind> = Extract<DocNode, { kind: K }>;

export const edgeSchema = z.strictObject({
  id: idSchema,
  source: idSchema,
  target: idSchema,
  label: z.string().max(200).default(''),
  params: edgeParamsSchema.default(edgeParamsSchema.parse({})),
});
export type DocEdge = z.infer<typeof edgeSchema>;

// ── scenario ──────────────────────────────────────────────────────────────────
export const FAILURE_KINDS = ['down', 'slowdown', 'errorRate', 'capacity', 'partition', 'latency', 'consumerCrash'] as const;

export const failureSchema = z.strictObject({
  id: idSchema.optional(),
  /** Node id (down, slowdown, errorRate, capacity, consumerCrash) or edge id (partition, latency). */
  target: idSchema,
  kind: z.enum(FAILURE_KINDS),
  atS: z.number().min(0).max(86_400),
  durationS: z.number().positive().max(86_400),
  /** down / partition: 'failFast' answers with an error at once, 'hang' never answers. */
  mode: z.enum(['failFast', 'hang']).default('failFast'),
  /** slowdown: service time × factor. */
  factor: z.number().min(1).max(1000).default(5),
  /** errorRate / consumerCrash: probability per request. */
  probability: prob(0.5),
  /** capacity: workers left. */
  workers: int(1, 0, 100_000),
  /** latency: ms added to each call on the edge. */
  addedMs: ms(100),
});
export type Failure = z.infer<typeof failureSchema>;

export const REQUIREMENT_METRICS = [
  'latencyMeanMs', 'latencyP50Ms', 'latencyP90Ms', 'latencyP99Ms', 'latencyP999Ms',
  'successRatio', 'duplicates', 'dlq', 'errors', 'rejected', 'timeouts', 'utilization', 'queueMax',
] as const;
export type RequirementMetric = (typeof REQUIREMENT_METRICS)[number];

export const requirementSchema = z.strictObject({
  /** Node id (a client/scheduler is graded end to end; other nodes by their own metrics). */
  target: idSchema,
  metric: z.enum(REQUIREMENT_METRICS),
  op: z.enum(['<', '<=', '>', '>=', '==']),
  value: z.number().finite(),
  text: z.string().max(300).optional(),
});
export type Requirement = z.infer<typeof requirementSchema>;

export const scenarioSchema = z.strictObject({
  durationS: z.number().positive().max(86_400).default(60),
  /** Metrics before warmupS are discarded (the time series still shows them). */
  warmupS: z.number().min(0).max(86_400).default(0),
  seed: z.number().int().min(0).max(2 ** 32 - 1).default(1),
  /** Time-series bucket width; 0 = pick one giving ≤ 300 buckets. */
  bucketS: z.number().min(0).max(3600).default(0),
  failures: z.array(failureSchema).max(1000).default([]),
  requirements: z.array(requirementSchema).max(1000).default([]),
});
export type Scenario = z.infer<typeof scenarioSchema>;

export const documentSchema = z.strictObject({
  type: z.literal(DOCUMENT_TYPE).default(DOCUMENT_TYPE),
  version: z.literal(FORMAT_VERSION),
  title: z.string().max(200).default('Untitled design'),
  description: z.string().max(20_000).default(''),
  nodes: z.array(nodeSchema).max(2000),
  edges: z.array(edgeSchema).max(10_000).default([]),
  scenario: scenarioSchema.default(scenarioSchema.parse({})),
});
/** A fully defaulted, validated document. */
export type ArchDocument = z.infer<typeof documentSchema>;
/** What a user may write: every defaulted field optional. */
export type ArchDocumentInput = z.input<typeof documentSchema>;
