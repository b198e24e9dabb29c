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

import { ms, prob, int, distributionSchema, type Distribution } from './params.ts';

export { distributionSchema, type Distribution } from './params.ts';

// ── edge policies ─────────────────────────────────────────────────────────────
export const jitterSchema = z.enum(['none', 'full', 'equal', 'decorrelated']);

/** Retry policy of a call. `maxAttempts` counts the first attempt: 1 = no retries. */
export const retrySchema = z.strictObject({
  maxAttempts: int(1, 1, 100).describe(
    'Attempts per call, counting the first (1 = no retries). Retrying at every layer multiplies: 3 layers × 4 attempts send 64 attempts to a dead backend',
  ),
  baseMs: ms(100).describe('Backoff before the first retry; each later one waits multiplier times longer'),
  capMs: ms(10_000).describe('Longest backoff; without a cap exponential backoff reaches minutes within ten retries'),
  multiplier: z.number().min(1).max(10).default(2).describe('Growth of the backoff per retry'),
  jitter: jitterSchema
    .default('full')
    .describe(
      'Randomness in the backoff (Brooker 2015): none lets every failed caller retry in lockstep; full spreads retries over U(0, backoff); equal keeps half fixed; decorrelated grows from the previous sleep. Jitter spreads retries out, but in an open system only a budget reduces them',
    ),
  onTimeout: z
    .boolean()
    .default(true)
    .describe(
      'Retry after a timeout. The callee is still working on the abandoned attempt, so without an idempotency key a retried write happens twice',
    ),
  onError: z.boolean().default(true).describe('Retry after an error answer'),
  /** Retry 429s from a rate limiter, waiting at least its Retry-After. */
  onRejected: z.boolean().default(true).describe('Retry a 429 or a full queue, waiting at least the Retry-After'),
});

/** Finagle-style retry budget: retries may be at most `percent` of calls (over `ttlS`) plus `minPerS`. */
export const retryBudgetSchema = z.strictObject({
  enabled: z
    .boolean()
    .default(false)
    .describe(
      'A Finagle retry budget: retries are refused once they exceed a share of recent calls, which is what stops a retry storm in an open system',
    ),
  percent: z.number().min(0).max(1000).default(20).describe('Retries allowed as a percentage of calls in the window'),
  minPerS: z.number().min(0).max(1e6).default(10).describe('Retries per second allowed on top, so a quiet caller can still retry'),
  ttlS: z.number().min(1).max(60).default(10).describe('How long a call or retry counts toward the budget'),
});

/**
 * gRPC retry throttling (grpc/proposal A6), per channel: here per edge. Tokens start at
 * maxTokens; a failed attempt that may be retried takes 1, a success adds tokenRatio; retries
 * are sent only while tokens > maxTokens / 2. Kept in thousandths, as gRPC does.
 */
export const retryThrottleSchema = z.strictObject({
  enabled: z
    .boolean()
    .default(false)
    .describe(
      'gRPC retry throttling: every retryable failure takes a token, every success gives back tokenRatio, and no retry is sent once tokens fall to maxTokens/2 or below, so retries stop when failures outnumber successes by about 1/tokenRatio',
    ),
  maxTokens: z
    .number()
    .min(1)
    .max(1000)
    .default(10)
    .describe(
      'Tokens the channel starts with (and at most holds). During a total outage about maxTokens/2 − 1 retries are sent in all, then none',
    ),
  tokenRatio: z
    .number()
    .min(0.001)
    .max(1000)
    .default(0.1)
    .describe('Tokens a success gives back (3 decimals, as gRPC keeps). 0.1: retries stop once failures exceed about 10 % of successes'),
});

/** Caller-side circuit breaker, resilience4j-style (count window). Timeouts count as failures. */
export const breakerSchema = z.strictObject({
  enabled: z
    .boolean()
    .default(false)
    .describe(
      'A circuit breaker at the caller: after enough failures calls fail at once for a while, so a dead dependency gets almost no traffic and callers do not wait for timeouts',
    ),
  mode: z
    .enum(['failureRate', 'consecutive'])
    .default('failureRate')
    .describe(
      'failureRate: open when the share of failures in the window reaches the threshold (resilience4j); consecutive: open after N failures in a row',
    ),
  /** failureRate: open at ≥ this % failures over the last `windowSize` calls. */
  failureRatePercent: z.number().min(1).max(100).default(50).describe('Failure share (timeouts count) that opens the breaker'),
  windowSize: int(20, 1, 10_000).describe('Last calls the failure share is computed over'),
  minimumCalls: int(20, 1, 10_000).describe('Calls needed before the breaker may open'),
  /** consecutive: open after this many failures in a row. */
  consecutiveFailures: int(5, 1, 10_000).describe('Failures in a row that open it (consecutive mode)'),
  openMs: ms(5_000).describe('How long it stays open, refusing every call, before letting probes through'),
  halfOpenProbes: int(1, 1, 1_000).describe(
    'Calls let through after the open period (resilience4j permittedNumberOfCallsInHalfOpenState); once all have answered, their failure share decides: ≥ failureRatePercent → open again, else closed',
  ),
  halfOpenMode: z
    .enum(['resilience4j', 'hystrix'])
    .default('resilience4j')
    .describe(
      'resilience4j: halfOpenProbes trial calls, decided by their failure rate once all have answered; hystrix: a single trial call, success closes and failure reopens (halfOpenProbes is ignored)',
    ),
});

/** gRPC-style deadline of a call, propagated to everything the callee calls, and cancellation on timeout. */
export const deadlineSchema = z.strictObject({
  mode: z
    .enum(['none', 'timeout', 'budget'])
    .default('none')
    .describe(
      'Deadline the call carries (gRPC): timeout = each attempt’s send time + timeoutMs; budget = the call’s start + budgetMs, shared by all its attempts (no retry after it). The callee passes it on to its own calls, and a server with dropExpired drops work that outlived it',
    ),
  budgetMs: ms(1000).describe('budget mode: the whole call, retries and backoff included, must finish within this'),
  cancelOnTimeout: z
    .boolean()
    .default(false)
    .describe(
      'When the caller gives up on an attempt (timeout or deadline), cancel the callee’s work: dropped if still waiting, no side effect or further calls after its current work. Off: the callee keeps working for nobody, which is how duplicates and retry storms arise',
    ),
});
export type Deadline = z.infer<typeof deadlineSchema>;

export const edgeParamsSchema = z.strictObject({
  /** Caller-side timeout for one attempt; 0 = wait forever. */
  timeoutMs: ms(0).describe(
    'How long the caller waits for one attempt; 0 = forever. A timeout ends the caller’s wait only: the callee keeps working and its side effects still happen. Set it from the callee’s p99.9, and shorter than the caller’s own caller’s timeout',
  ),
  retry: retrySchema.default(retrySchema.parse({})),
  budget: retryBudgetSchema.default(retryBudgetSchema.parse({})),
  throttle: retryThrottleSchema.default(retryThrottleSchema.parse({})),
  breaker: breakerSchema.default(breakerSchema.parse({})),
  /** Probability this call is made at all (per request through the caller). */
  callProbability: prob(1).describe('Share of requests through the caller that make this call'),
  /** Relative weight when the caller is a load balancer. */
  weight: z
    .number()
    .min(0)
    .max(1e6)
    .default(1)
    .describe('Share of traffic when the caller is a load balancer (relative to its other backends)'),
  /** Network latency added each way is half of this (round trip), ms. */
  latencyMs: ms(0).describe('Network round trip of the call: half on the way there, half back; it counts toward the timeout'),
  /** Retries carry the same idempotency key as the first attempt. */
  reuseIdempotencyKey: z
    .boolean()
    .default(true)
    .describe(
      'Retries carry the first attempt’s idempotency key, so an idempotency store or unique key can recognise them. Off: every retry looks like new work',
    ),
  /** Fire-and-forget: the caller does not wait for the response. */
  async: z.boolean().default(false).describe('Fire and forget: the caller does not wait, its failures are not seen and never retried'),
  deadline: deadlineSchema.default(deadlineSchema.parse({})),
});
export type EdgeParams = z.infer<typeof edgeParamsSchema>;

// ── nodes: one kind module each (src/kinds/<kind>/), listed in src/kinds/registry.ts ──
import { KINDS } from '../kinds/registry.ts';
export { schedulePointSchema, type SchedulePoint } from '../kinds/client/params.ts';
export { clientParams as clientParamsSchema } from '../kinds/client/params.ts';
export { schedulerParams as schedulerParamsSchema } from '../kinds/scheduler/params.ts';
export { loadBalancerParams as loadBalancerParamsSchema } from '../kinds/loadBalancer/params.ts';
export { gatewayParams as gatewayParamsSchema } from '../kinds/gateway/params.ts';
export { serviceParams as serviceParamsSchema } from '../kinds/service/params.ts';
export { queueParams as queueParamsSchema } from '../kinds/queue/params.ts';
export { cacheParams as cacheParamsSchema } from '../kinds/cache/params.ts';
export { databaseParams as databaseParamsSchema } from '../kinds/database/params.ts';
export { externalParams as externalParamsSchema } from '../kinds/external/params.ts';

type Kinds = typeof KINDS;
export type NodeKind = Kinds[number]['kind'];
export const NODE_KINDS = KINDS.map((k) => k.kind) as unknown as readonly NodeKind[];

export const nodeParamsSchemas = Object.fromEntries(KINDS.map((k) => [k.kind, k.params])) as unknown as {
  [D in Kinds[number] as D['kind']]: D['params'];
};

const idSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'ids use letters, digits and _ . : - only');
const positionSchema = z.strictObject({ x: z.number().finite(), y: z.number().finite() });

const nodeBase = {
  id: idSchema,
  label: z.string().max(200).default(''),
  position: positionSchema.default({ x: 0, y: 0 }),
};
type NodeOfDef<D extends Kinds[number]> = {
  id: string;
  label: string;
  position: { x: number; y: number };
  kind: D['kind'];
  params: z.output<D['params']>;
};
type NodeInputOfDef<D extends Kinds[number]> = {
  id: string;
  label?: string;
  position?: { x: number; y: number };
  kind: D['kind'];
  params?: z.input<D['params']>;
};
/** A node of the document: its kind and that kind's parameters (defaults filled in). */
export type DocNode = { [D in Kinds[number] as D['kind']]: NodeOfDef<D> }[NodeKind];
type DocNodeInput = { [D in Kinds[number] as D['kind']]: NodeInputOfDef<D> }[NodeKind];
export const nodeSchema = z.discriminatedUnion(
  'kind',
  KINDS.map((k) =>
    z.strictObject({ ...nodeBase, kind: z.literal(k.kind), params: (k.params as z.ZodType).default((k.params as z.ZodType).parse({})) }),
  ) as unknown as [z.ZodObject<{ kind: z.ZodLiteral<string> }>],
) as unknown as z.ZodType<DocNode, DocNodeInput>;
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
export const FAILURE_KINDS = ['down', 'slowdown', 'errorRate', 'capacity', 'partition', 'latency', 'consumerCrash', 'flush'] as const;

export const failureSchema = z.strictObject({
  id: idSchema.optional(),
  /** Node id (down, slowdown, errorRate, capacity, consumerCrash, flush) or edge id (partition, latency). A flush empties a key-space cache at atS; its durationS only sizes the timeline bar. */
  target: idSchema,
  kind: z.enum(FAILURE_KINDS),
  atS: z.number().min(0).max(86_400),
  durationS: z.number().positive().max(86_400),
  /** down / partition: 'failFast' answers with an error at once, 'hang' never answers. */
  mode: z
    .enum(['failFast', 'hang'])
    .default('failFast')
    .describe(
      'failFast: calls get an error at once (a refused connection), so callers retry quickly; hang: no answer at all (a black hole), so callers wait for their timeout and pile up',
    ),
  /** down: what happens to the work the node already holds. */
  effect: z
    .enum(['stopAccepting', 'crash'])
    .default('stopAccepting')
    .describe(
      'Down: stopAccepting refuses new calls (per mode) while the work it already holds still completes (a drain); crash kills the process: queued and in-progress work is lost, its callers get an error at once (failFast) or nothing until their timeout (hang), and messages it held come back after their visibility timeout',
    ),
  /** slowdown: service time × factor. */
  factor: z
    .number()
    .min(1)
    .max(1000)
    .default(5)
    .describe('Slowdown: service time × this. Capacity falls by the same factor, so a busy node overloads at once'),
  /** errorRate / consumerCrash: probability per request. */
  probability: prob(0.5).describe(
    'errorRate: share of requests that fail. consumerCrash: share of messages whose consumer crashes after its side effect and before the ack, so the message comes back and the side effect repeats',
  ),
  /** capacity: workers left. */
  workers: int(1, 0, 100_000).describe('Capacity cut: workers left while it lasts'),
  /** latency: ms added to each call on the edge. */
  addedMs: ms(100).describe('Latency: ms added to each call on the edge (counts toward its timeout)'),
});
export type Failure = z.infer<typeof failureSchema>;

export const REQUIREMENT_METRICS = [
  'latencyMeanMs',
  'latencyP50Ms',
  'latencyP90Ms',
  'latencyP99Ms',
  'latencyP999Ms',
  'successRatio',
  'duplicates',
  'dlq',
  'errors',
  'rejected',
  'timeouts',
  'utilization',
  'queueMax',
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
  durationS: z
    .number()
    .positive()
    .max(86_400)
    .default(60)
    .describe('Simulated time. Long enough to see recovery after the last failure ends'),
  /** Metrics before warmupS are discarded (the time series still shows them). */
  warmupS: z
    .number()
    .min(0)
    .max(86_400)
    .default(0)
    .describe('Totals ignore this first stretch (a system that starts empty looks better than it is); the charts still show it'),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .default(1)
    .describe('Random seed: the same seed gives the same run, bit for bit; change it (or Replicate) to see the variability'),
  /** Time-series bucket width; 0 = pick one giving ≤ 300 buckets. */
  bucketS: z.number().min(0).max(3600).default(0),
  failures: z.array(failureSchema).max(1000).default([]),
  requirements: z.array(requirementSchema).max(1000).default([]),
});
export type Scenario = z.infer<typeof scenarioSchema>;

// ── practice mode ─────────────────────────────────────────────────────────────
/** The answer structure interviewers listen for, in the order a candidate would cover it. */
export const CHECKLIST_ITEMS = [
  'requirements',
  'scale',
  'coreDesign',
  'dataLayer',
  'failureHandling',
  'scalingPath',
  'observability',
  'tradeoffs',
] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];

const noteSchema = z.string().max(5_000).default('');
/** A design made for a practice problem: which problem it answers, and the candidate's notes per checklist item. */
export const practiceSchema = z.strictObject({
  problem: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[a-z0-9-]+$/, 'a problem id uses lowercase letters, digits and - only')
    .describe('The practice problem this design answers (its id, as in #problem=<id>)'),
  notes: z
    .strictObject(Object.fromEntries(CHECKLIST_ITEMS.map((k) => [k, noteSchema])) as Record<ChecklistItem, typeof noteSchema>)
    .default(Object.fromEntries(CHECKLIST_ITEMS.map((k) => [k, ''])) as Record<ChecklistItem, string>)
    .describe('What the candidate would say for each item of the interview checklist'),
});
export type Practice = z.infer<typeof practiceSchema>;

export const documentSchema = z.strictObject({
  type: z.literal(DOCUMENT_TYPE).default(DOCUMENT_TYPE),
  version: z.literal(FORMAT_VERSION),
  title: z.string().max(200).default('Untitled design'),
  description: z.string().max(20_000).default(''),
  nodes: z.array(nodeSchema).max(2000),
  edges: z.array(edgeSchema).max(10_000).default([]),
  scenario: scenarioSchema.default(scenarioSchema.parse({})),
  /** Present when the design answers a practice problem (docs/PRACTICE.md). */
  practice: practiceSchema.optional(),
});
/** A fully defaulted, validated document. */
export type ArchDocument = z.infer<typeof documentSchema>;
/** What a user may write: every defaulted field optional. */
export type ArchDocumentInput = z.input<typeof documentSchema>;
