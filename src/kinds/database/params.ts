/** Database parameters: a connection pool in front of reads and writes. */
import { z } from 'zod';
import { CONTENTION_OFF, SHEDDING_OFF, sheddingSchema, contentionSchema, dist, int, prob } from '../../model/params.ts';

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
});
export type DatabaseParams = z.output<typeof databaseParams>;
