/** Database parameters: a connection pool in front of reads and writes. */
import { z } from 'zod';
import { CONTENTION_OFF, SHEDDING_OFF, sheddingSchema, contentionSchema, dist, int, prob } from '../../model/params.ts';

/**
 * Optimistic concurrency on hot rows: a write reads its row's version when it gets a connection
 * and commits only if the version is unchanged (UPDATE … WHERE version = v; DynamoDB's
 * ConditionExpression). Off by default.
 */
export const occSchema = z
  .strictObject({
    enabled: z
      .boolean()
      .default(false)
      .describe(
        'Optimistic concurrency: a write to a hot row reads the row’s version when it gets a connection and fails with a retryable conflict at commit if another write to that row committed in between; the conflicting attempt’s work is wasted',
      ),
    hotKeys: int(1, 1, 1_000_000).describe('Hot rows the contended writes share (1 = every contended write updates the same row)'),
    hotFraction: prob(1).describe(
      'Share of writes that update a hot row (decided per request, so every retry of a write updates the same row); the other writes never conflict',
    ),
  })
  .describe('Optimistic concurrency');
export type Occ = z.output<typeof occSchema>;
export const OCC_OFF: Occ = { enabled: false, hotKeys: 1, hotFraction: 1 };

export const databaseParams = z.strictObject({
  poolSize: int(20, 1, 100_000).describe('Connections: queries served at once; past pool / mean query time the waiting line grows'),
  queueCapacity: z
    .number()
    .int()
    .min(0)
    .max(10_000_000)
    .nullable()
    .default(null)
    .describe('Queries that may wait for a connection; when full they fail at once. Empty = unbounded'),
  readTime: dist({ type: 'exponential', meanMs: 5 }).describe('Time a read holds a connection'),
  writeTime: dist({ type: 'exponential', meanMs: 10 }).describe('Time a write holds a connection'),
  writeFraction: prob(0.2).describe(
    'Share of queries that are writes (decided per idempotency key, so a retried write is a write again); every write is a side effect',
  ),
  errorRate: prob(0).describe('Probability a query fails'),
  uniqueKey: z
    .boolean()
    .default(false)
    .describe('A unique constraint on the idempotency key: a repeated write is rejected instead of applied twice'),
  contention: contentionSchema.default(CONTENTION_OFF),
  shedding: sheddingSchema.default(SHEDDING_OFF),
  occ: occSchema.default(OCC_OFF),
});
export type DatabaseParams = z.output<typeof databaseParams>;
