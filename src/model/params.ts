/**
 * Parameter building blocks shared by the document schema and the kind modules
 * (src/kinds/<kind>/params.ts): unit-suffixed number helpers and the distribution schema.
 * Imports zod only.
 */
import { z } from 'zod';

export const ms = (def: number, max = 3_600_000) => z.number().min(0).max(max).default(def);
export const prob = (def: number) => z.number().min(0).max(1).default(def);
export const int = (def: number, min: number, max: number) => z.number().int().min(min).max(max).default(def);

// ── distributions ─────────────────────────────────────────────────────────────
/** A latency / service-time distribution in milliseconds. */
export const distributionSchema = z
  .discriminatedUnion('type', [
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
  ])
  .superRefine((d, ctx) => {
    if (d.type === 'uniform' && d.maxMs < d.minMs) ctx.addIssue({ code: 'custom', path: ['maxMs'], message: 'maxMs must be ≥ minMs' });
    if (d.type === 'lognormal' && d.p99Ms < d.p50Ms) ctx.addIssue({ code: 'custom', path: ['p99Ms'], message: 'p99Ms must be ≥ p50Ms' });
  });
export type Distribution = z.infer<typeof distributionSchema>;

export const dist = (d: Distribution) => distributionSchema.default(d);

/** How a node with several out-edges makes its calls. */
export const callModeSchema = z
  .enum(['sequence', 'parallel'])
  .describe(
    'sequence: one downstream call after another (each waits for the previous answer); parallel: all at once, the node answers when the last one does',
  );

// ── overload: load-dependent service time ─────────────────────────────────────
/**
 * Service time that grows with load (lock contention, GC pressure): each job's sampled work is
 * multiplied by 1 + alpha·x^beta, x read when the job gets its worker.
 */
export const contentionSchema = z
  .strictObject({
    enabled: z
      .boolean()
      .default(false)
      .describe(
        'Service time grows with load (lock contention, GC pressure): each job’s work is multiplied by 1 + alpha·x^beta when it starts, so past a point more load means less throughput',
      ),
    basis: z
      .enum(['busy', 'inSystem'])
      .default('busy')
      .describe(
        'What x measures: busy = busy workers / workers (lock contention, at most 1); inSystem = attempts held at the node (waiting, in service and waiting on calls) / workers (memory and GC pressure, grows with the backlog)',
      ),
    alpha: z.number().min(0).max(1000).default(1).describe('Extra service time at x = 1, as a multiple of the base (1 = twice as slow)'),
    beta: z.number().min(0).max(20).default(2).describe('How sharply the slowdown rises with x (1 linear, 2 quadratic …)'),
  })
  .describe('Load-dependent service time');
export type Contention = z.output<typeof contentionSchema>;
export const CONTENTION_OFF: Contention = { enabled: false, basis: 'busy', alpha: 1, beta: 2 };

// ── overload: load shedding at the server ─────────────────────────────────────
/** A concurrency limit with fast rejection: fixed, or adaptive AIMD as in Netflix's concurrency-limits. */
export const concurrencyLimitSchema = z
  .strictObject({
    mode: z
      .enum(['off', 'fixed', 'aimd'])
      .default('off')
      .describe(
        'Admission control: at most `limit` attempts held at once (waiting, in service, waiting on calls); one more is rejected at once. fixed: the limit never moves; aimd: Netflix concurrency-limits’ AIMDLimit, +1 while answers are fast and the node is at least half full, × backoffRatio on a slow answer or a drop',
      ),
    limit: int(20, 1, 1_000_000).describe('The fixed limit, or where AIMD starts'),
    minLimit: int(1, 1, 1_000_000).describe('aimd: the limit never falls below this'),
    maxLimit: int(200, 1, 1_000_000).describe('aimd: the limit never rises above this'),
    backoffRatio: z.number().min(0.5).max(0.999).default(0.9).describe('aimd: the limit is multiplied by this on a slow answer or a drop'),
    slowMs: ms(5000).describe(
      'aimd: an answer that took longer than this at the node counts as a drop (Netflix’s timeout); set it a little above the latency you want to keep',
    ),
  })
  .superRefine((v, ctx) => {
    if (v.minLimit > v.maxLimit) ctx.addIssue({ code: 'custom', path: ['maxLimit'], message: 'maxLimit must be ≥ minLimit' });
    if (v.mode === 'aimd' && (v.limit < v.minLimit || v.limit > v.maxLimit))
      ctx.addIssue({ code: 'custom', path: ['limit'], message: 'the AIMD starting limit must lie between minLimit and maxLimit' });
  })
  .describe('Concurrency limit');
export type ConcurrencyLimit = z.output<typeof concurrencyLimitSchema>;
export const CONCURRENCY_LIMIT_OFF: ConcurrencyLimit = {
  mode: 'off',
  limit: 20,
  minLimit: 1,
  maxLimit: 200,
  backoffRatio: 0.9,
  slowMs: 5000,
};

/** What a service or database refuses or drops under overload (all off by default). */
export const sheddingSchema = z
  .strictObject({
    queueTimeoutMs: z
      .number()
      .min(0)
      .max(3_600_000)
      .default(0)
      .describe(
        'Queue timeout: an attempt that waited longer than this for a worker is dropped when it reaches one, with a fast error instead of late work (0 = off). Served attempts then spend at most this + their service time here',
      ),
    dropExpired: z
      .boolean()
      .default(false)
      .describe(
        'Drop work whose deadline has passed when it reaches a worker (“expired in queue”), instead of serving callers that already gave up. Needs a deadline on the calls (edge deadline)',
      ),
    concurrencyLimit: concurrencyLimitSchema.default(CONCURRENCY_LIMIT_OFF),
  })
  .describe('Load shedding');
export type Shedding = z.output<typeof sheddingSchema>;
export const SHEDDING_OFF: Shedding = { queueTimeoutMs: 0, dropExpired: false, concurrencyLimit: CONCURRENCY_LIMIT_OFF };
