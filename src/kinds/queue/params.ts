/** Queue / broker parameters (SQS-like, at-least-once). */
import { z } from 'zod';
import { int, ms, prob } from '../../model/params.ts';

export const queueParams = z.strictObject({
  capacity: z
    .number()
    .int()
    .min(1)
    .max(100_000_000)
    .nullable()
    .default(null)
    .describe(
      'Most messages held (waiting + in flight); when full, producers get an error (backpressure). Empty = unbounded: the backlog and message age grow instead',
    ),
  enqueueMs: ms(2).describe('Time to store a message and ack the producer'),
  visibilityTimeoutS: z
    .number()
    .min(0.001)
    .max(43_200)
    .default(30)
    .describe(
      'A received message stays hidden this long. Shorter than the processing time, it is redelivered while still being worked on: duplicates',
    ),
  poisonFraction: prob(0).describe(
    'Share of message ids that always fail at the consumer (a malformed payload): each is received maxReceiveCount times and dead-lettered, the same ids in every run; with maxReceiveCount 0 they come back forever',
  ),
  maxReceiveCount: int(0, 0, 1000).describe(
    'Receives without an ack before the message moves to the dead-letter queue (a poison message stops blocking the consumers); 0 = never',
  ),
});
export type QueueParams = z.output<typeof queueParams>;
