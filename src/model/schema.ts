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

export const nodeParamsSchemas = Object.fromEntries(KINDS.map((k) => [k.kind, k.params])) as unknown as { [D in Kinds[number] as D['kind']]: D['params'] };

const idSchema = z.string().min(1).max(100).regex(/^[A-Za-z0-9_.:-]+$/, 'ids use letters, digits and _ . : - only');
const positionSchema = z.strictObject({ x: z.number().finite(), y: z.number().finite() });

const nodeBase = {
  id: idSchema,
  label: z.string().max(200).default(''),
  position: positionSchema.default({ x: 0, y: 0 }),
};
type NodeOfDef<D extends Kinds[number]> = { id: string; label: string; position: { x: number; y: number }; kind: D['kind']; params: z.output<D['params']> };
type NodeInputOfDef<D extends Kinds[number]> = { id: string; label?: string; position?: { x: number; y: number }; kind: D['kind']; params?: z.input<D['params']> };
/** A node of the document: its kind and that kind's parameters (defaults filled in). */
export type DocNode = { [D in Kinds[number] as D['kind']]: NodeOfDef<D> }[NodeKind];
type DocNodeInput = { [D in Kinds[number] as D['kind']]: NodeInputOfDef<D> }[NodeKind];
export const nodeSchema = z.discriminatedUnion(
  'kind',
  KINDS.map((k) => z.strictObject({ ...nodeBase, kind: z.literal(k.kind), params: (k.params as z.ZodType).default((k.params as z.ZodType).parse({})) })) as unknown as [z.ZodObject<{ kind: z.ZodLiteral<string> }>],
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
