/** Scheduler parameters: the cron front of a job system. */
import { z } from 'zod';
import { callModeSchema, int, ms } from '../../model/params.ts';

export const schedulerParams = z.strictObject({
  intervalS: z
    .number()
    .positive()
    .max(86_400)
    .default(60)
    .describe('Seconds between ticks; every tick releases a whole batch at once, a burst the next tier must absorb'),
  batchSize: int(100, 1, 10_000_000).describe(
    'Jobs per tick; batch / interval is the average rate, but they all arrive together unless jittered',
  ),
  jitterMs: ms(0).describe(
    'Each job of a batch starts U(0, jitter) after the tick: spreading a batch turns a spike into a ramp the workers can keep up with',
  ),
  calls: callModeSchema.default('sequence'),
});
export type SchedulerParams = z.output<typeof schedulerParams>;
