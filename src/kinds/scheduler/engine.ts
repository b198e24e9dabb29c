/**
 * Scheduler engine: every intervalS a batch of jobs, each started at the tick or U(0, jitter)
 * after it.
 *
 *   EV_NODE payload  b = 0  tick          b = 1  one jittered job of the batch starts
 *                    b = 2  the rest of a large batch: c jobs still to start (same instant)
 *
 * A batch is started CHUNK jobs per event, so a batch of millions is many events at one
 * instant, and a run can stop (Cancel, a live-mode frame) between them.
 */
import type { KindEngine } from '../types.ts';
import { EV_NODE, PLAN_PARALLEL } from '../../engine/codes.ts';
import type { SchedulerParams } from './params.ts';

const TICK = 0,
  EMIT = 1,
  REST = 2;
const CHUNK = 10_000;

interface SchedulerState {
  intervalMs: number;
  batch: number;
  jitterMs: number;
}

export const schedulerEngine: KindEngine<SchedulerState, SchedulerParams> = {
  compile(p, i, c) {
    c.source[i] = 1;
    c.plan[i] = p.calls === 'parallel' ? PLAN_PARALLEL : 0;
  },
  init(p) {
    return { intervalMs: p.intervalS * 1000, batch: p.batchSize, jitterMs: p.jitterMs };
  },
  requestRate(p, durationMs) {
    return (p.batchSize * durationMs) / 1000 / p.intervalS;
  },
  start(ctx, i) {
    ctx.scheduleAt(0, EV_NODE, i, TICK, 0);
  },
  event(ctx, i, s, b, c) {
    if (b === EMIT) {
      ctx.startRequest(i, -1);
      return;
    }
    let left = c;
    if (b === TICK) {
      const next = ctx.now + s.intervalMs;
      if (next < ctx.model.durationMs) ctx.scheduleAt(next, EV_NODE, i, TICK, 0);
      left = s.batch;
    }
    const n = left < CHUNK ? left : CHUNK;
    for (let k = 0; k < n; k++) {
      if (s.jitterMs > 0) ctx.scheduleAt(ctx.now + ctx.rng.next() * s.jitterMs, EV_NODE, i, EMIT, 0);
      else ctx.startRequest(i, -1);
    }
    if (left > n) ctx.scheduleAt(ctx.now, EV_NODE, i, REST, left - n);
  },
};
