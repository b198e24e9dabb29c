/** Client parameters: open-loop arrivals on a rate schedule, or a closed loop of users. */
import { z } from 'zod';
import { callModeSchema, int, ms } from '../../model/params.ts';

export const schedulePointSchema = z.strictObject({
  atS: z.number().min(0).max(86_400).describe('When the rate changes, seconds from the start'),
  rateRps: z.number().min(0).max(1e7).describe('The rate from this point on'),
  shape: z
    .enum(['step', 'ramp'])
    .default('step')
    .describe("'step' jumps to the rate at atS; 'ramp' moves linearly from the previous point to it"),
});
export type SchedulePoint = z.infer<typeof schedulePointSchema>;

export const burstSchema = z.strictObject({
  atS: z.number().min(0).max(86_400).describe('When the burst is sent, seconds from the start'),
  count: z.number().int().min(1).max(1_000_000).describe('Requests sent all at once at atS, on top of the arrivals'),
});
export type Burst = z.infer<typeof burstSchema>;

export const clientParams = z.strictObject({
  arrival: z
    .enum(['poisson', 'constant', 'closed', 'replay'])
    .default('poisson')
    .describe(
      'poisson: independent arrivals, what queueing theory assumes; constant: evenly spaced (less queueing than Poisson), the k-th arrival where the integrated rate reaches k, so a schedule step takes effect at its point; closed: a fixed number of users who wait for each answer, so a slow system slows its own load (it cannot melt down the way an open system can); replay: exactly the recorded arrivals in replay (imported from a CSV), rate and schedule ignored',
    ),
  rateRps: z
    .number()
    .min(0)
    .max(1e7)
    .default(100)
    .describe(
      'Open loop: requests per second until the first schedule point. Load does not back off when the system slows down, which is how retry storms and queues without bound arise',
    ),
  schedule: z.array(schedulePointSchema).max(1000).default([]).describe('Rate changes over time: steps and ramps (a spike, a daily peak)'),
  users: int(10, 1, 1_000_000).describe('Closed loop: concurrent users; throughput can never exceed users / (think time + response time)'),
  thinkTimeMs: ms(1000).describe(
    'Closed loop: mean pause (exponential) between an answer and the same user’s next request; below 0.001 ms it counts as 0.001 ms',
  ),
  replay: z
    .strictObject({
      source: z.string().max(200).default('').describe('The file the arrivals were imported from'),
      atS: z
        .array(z.number().min(0).max(86_400))
        .max(200_000)
        .default([])
        .describe('Recorded arrival times (s from the start, sorted), embedded so a shared design replays the same traffic'),
    })
    .default({ source: '', atS: [] })
    .describe('Replay: recorded arrivals imported from a CSV (a timestamp per line, or second,rps per line)'),
  bursts: z
    .array(burstSchema)
    .max(1000)
    .default([])
    .describe(
      'Bursts: count requests sent at the same instant atS, on top of the arrivals (a thundering herd: a cron job firing, clients reconnecting after an outage, a push notification)',
    ),
  calls: callModeSchema.default('sequence'),
});
export type ClientParams = z.output<typeof clientParams>;
