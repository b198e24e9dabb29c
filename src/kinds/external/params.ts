/** External endpoint parameters: a third-party API or a webhook receiver. */
import { z } from 'zod';
import { dist, prob } from '../../model/params.ts';

export const externalParams = z.strictObject({
  latency: dist({ type: 'lognormal', p50Ms: 80, p99Ms: 400 }).describe(
    'Time to answer. A long tail is normal for third parties: set caller timeouts from its p99.9, not its median',
  ),
  errorRate: prob(0).describe('Probability a call fails'),
  concurrency: z
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .nullable()
    .default(null)
    .describe('Calls it accepts at once; more are refused immediately (a rate-limited partner). Empty = unlimited'),
  dedupe: z
    .boolean()
    .default(false)
    .describe(
      'The receiver remembers event ids and ignores repeats (an idempotent receiver): redeliveries and retries cause no duplicate side effects',
    ),
});
export type ExternalParams = z.output<typeof externalParams>;
