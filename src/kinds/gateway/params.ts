/** API gateway / rate limiter parameters: a token bucket with continuous refill. */
import { z } from 'zod';
import { callModeSchema, ms } from '../../model/params.ts';

export const gatewayParams = z.strictObject({
  rateRps: z.number().min(0).max(1e7).default(100).describe('Tokens added per second: the long-run rate let through; the rest get 429'),
  burst: z
    .number()
    .min(1)
    .max(1e7)
    .default(100)
    .describe(
      'Bucket size and initial fill: how many requests may pass at once after a quiet period. A burst of 1 with Poisson traffic passes only 1/(1/r + 1/λ) per second',
    ),
  scope: z
    .enum(['global', 'perClient'])
    .default('global')
    .describe('global: one bucket shared by all callers, so one noisy client starves the rest; perClient: one bucket per traffic source'),
  retryAfterMs: ms(0).describe(
    'Retry-After sent with a 429 (callers that retry rejected calls wait at least this); 0 = the time until the next token',
  ),
  overheadMs: ms(0).describe('Time the gateway adds to every call it lets through'),
  calls: callModeSchema.default('sequence'),
});
export type GatewayParams = z.output<typeof gatewayParams>;
