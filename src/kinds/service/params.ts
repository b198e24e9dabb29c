/** Service parameters: workers, a waiting line, service time, errors, side effects, idempotency. */
import { z } from 'zod';
import { CONTENTION_OFF, SHEDDING_OFF, sheddingSchema, callModeSchema, contentionSchema, dist, int, prob } from '../../model/params.ts';

export const idempotencySchema = z.strictObject({
  enabled: z
    .boolean()
    .default(false)
    .describe(
      'Remember each idempotency key: a repeated key replays the first answer without doing the work again, so retries cannot duplicate side effects',
    ),
  retentionS: z
    .number()
    .min(0)
    .max(30 * 86_400)
    .default(86_400)
    .describe('How long a key is remembered; a retry after that is treated as new work (Stripe keeps keys ≥ 24 h)'),
  atomic: z
    .boolean()
    .default(true)
    .describe(
      'Atomic claim-if-absent (correct). Off: check at start, record at end, the classic race: two overlapping attempts with one key both run',
    ),
});

/** An autoscaling group of identical instances (target tracking as Kubernetes' HPA and AWS target tracking do it). */
export const autoscaleSchema = z
  .strictObject({
    enabled: z
      .boolean()
      .default(false)
      .describe(
        'Run the service as a group of instances that grows and shrinks with its load; workers is then per instance. New instances take scaleOutLagS + coldStartS before they serve, which is when overload bites',
      ),
    minInstances: int(1, 1, 1000).describe('Fewest instances (the group starts with this many)'),
    maxInstances: int(10, 1, 1000).describe('Most instances; utilization is reported against this many'),
    metric: z
      .enum(['utilization', 'queuePerInstance'])
      .default('utilization')
      .describe(
        'utilization: desired = ⌈busy workers / (workers × target)⌉ over the last interval (an instance still starting counts as idle, as in Kubernetes); queuePerInstance: desired = ⌈waiting / target⌉ (AWS backlog per instance)',
      ),
    targetUtilization: z.number().min(0.01).max(1).default(0.6).describe('Busy share of the serving workers to aim for'),
    targetQueuePerInstance: z
      .number()
      .min(0.1)
      .max(1e6)
      .default(10)
      .describe('Waiting requests per instance to aim for (metric queuePerInstance)'),
    evaluationS: z.number().min(1).max(3600).default(15).describe('How often the desired size is computed (Kubernetes: 15 s)'),
    scaleOutLagS: z
      .number()
      .min(0)
      .max(3600)
      .default(30)
      .describe('From the decision to a running instance (scheduling, image pull, boot)'),
    coldStartS: z.number().min(0).max(3600).default(10).describe('Warm-up after it runs and before it takes traffic (readiness)'),
    slowStartS: z
      .number()
      .min(0)
      .max(3600)
      .default(0)
      .describe('After it takes traffic it is still slower for this long (JIT, caches, connection pools)'),
    slowStartFactor: z.number().min(1).max(100).default(2).describe('Service time × this on an instance in slow start'),
    scaleInCooldownS: z.number().min(0).max(86_400).default(300).describe('No scale-in within this long of the last scale-out or scale-in'),
  })
  .superRefine((a, ctx) => {
    if (a.maxInstances < a.minInstances)
      ctx.addIssue({ code: 'custom', path: ['maxInstances'], message: 'maxInstances must be ≥ minInstances' });
  });
export type Autoscale = z.output<typeof autoscaleSchema>;

export const serviceParams = z.strictObject({
  workers: int(4, 1, 100_000).describe(
    'Requests served at once (per instance when autoscaled). Capacity is workers / mean service time; past it the waiting line grows without bound',
  ),
  queueCapacity: z
    .number()
    .int()
    .min(0)
    .max(10_000_000)
    .nullable()
    .default(null)
    .describe(
      'Waiting slots beyond the workers (capacity K = workers + this); when full, new calls are rejected at once (backpressure). Empty = unbounded: latency grows instead',
    ),
  discipline: z
    .enum(['fifo', 'lifo'])
    .default('fifo')
    .describe(
      'Order the waiting line is served in. lifo serves the newest first, so under overload fresh requests still meet their callers’ timeouts while old ones starve',
    ),
  serviceTime: dist({ type: 'exponential', meanMs: 20 }).describe(
    'Time one request occupies a worker. Its variability matters: at the same mean, constant service time waits half as long as exponential',
  ),
  errorRate: prob(0).describe('Probability a request fails after its work (callers see an error and may retry)'),
  calls: callModeSchema.default('sequence'),
  blockingCalls: z
    .boolean()
    .default(false)
    .describe(
      'Thread per request: a worker stays busy while the service waits on its downstream calls, so a slow dependency exhausts this service’s workers too',
    ),
  sideEffect: z
    .boolean()
    .default(false)
    .describe(
      'The work changes the world (sends an e-mail, charges a card): each execution counts, and a retry after a timeout executes it again, a duplicate',
    ),
  idempotency: idempotencySchema.default({ enabled: false, retentionS: 86_400, atomic: true }),
  contention: contentionSchema.default(CONTENTION_OFF),
  shedding: sheddingSchema.default(SHEDDING_OFF),
  autoscale: autoscaleSchema.default(autoscaleSchema.parse({})),
});
export type ServiceParams = z.output<typeof serviceParams>;
