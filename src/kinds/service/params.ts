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

export const serviceParams = z.strictObject({
  workers: int(4, 1, 100_000).describe(
    'Requests served at once. Capacity is workers / mean service time; past it the waiting line grows without bound',
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
});
export type ServiceParams = z.output<typeof serviceParams>;
