/** Load-balancer parameters. */
import { z } from 'zod';
import { int, ms } from '../../model/params.ts';

export const loadBalancerParams = z.strictObject({
  policy: z
    .enum(['roundRobin', 'random', 'leastOutstanding', 'p2c'])
    .default('roundRobin')
    .describe(
      'roundRobin: smooth weighted rotation (each backend sees evenly spaced arrivals, less queueing than random); random: weighted coin flips (backends see Poisson); leastOutstanding: the backend with the fewest calls in flight per weight; p2c: the less busy of two random backends (near least-outstanding without global state)',
    ),
  overheadMs: ms(0).describe('Time the balancer adds to every call'),
  healthCheck: z
    .strictObject({
      enabled: z.boolean().default(false).describe('Eject a backend after consecutive failures, so calls stop going to a dead instance'),
      consecutiveFailures: int(5, 1, 1000).describe('Failures in a row (errors or timeouts) that eject a backend'),
      ejectS: z.number().min(0).max(3600).default(10).describe('How long an ejected backend gets no traffic before it is tried again'),
    })
    .default({ enabled: false, consecutiveFailures: 5, ejectS: 10 }),
});
export type LoadBalancerParams = z.output<typeof loadBalancerParams>;
