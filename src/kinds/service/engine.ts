/**
 * Service engine: c workers and a FIFO or LIFO waiting line (bounded or not) in front of its
 * service time; then its downstream calls. Its own work may be a side effect, and an
 * idempotency-key store may answer repeated keys without doing the work again.
 *
 * A worker is held for the service time only, unless blockingCalls (thread per request) keeps
 * it through the downstream calls. A queue consumer holds its worker until the message is done
 * (that is its concurrency).
 */
import type { KindEngine } from '../types.ts';
import { ARRIVE_ADMIT, DONE_CALLS, PLAN_PARALLEL } from '../../engine/codes.ts';
import { workSet } from '../../engine/core/distributions.ts';
import { contentionSet, sheddingSet } from '../../engine/core/overload.ts';
import { autoscaleSet } from '../../engine/core/autoscale.ts';
import type { ServiceParams } from './params.ts';

export const serviceEngine: KindEngine<null, ServiceParams> = {
  compile(p, i, c) {
    c.workers[i] = p.workers;
    c.queueCap[i] = p.queueCapacity ?? Infinity;
    c.lifo[i] = p.discipline === 'lifo' ? 1 : 0;
    workSet(c, i, 0, p.serviceTime);
    c.timedWork[i] = 1;
    c.errorRate[i] = p.errorRate;
    c.plan[i] = p.calls === 'parallel' ? PLAN_PARALLEL : 0;
    c.sideEffect[i] = p.sideEffect ? 1 : 0;
    c.blockingCalls[i] = p.blockingCalls ? 1 : 0;
    c.idemMode[i] = p.idempotency.enabled ? (p.idempotency.atomic ? 1 : 2) : 0;
    c.idemRetentionMs[i] = p.idempotency.retentionS * 1000;
    // The core's worker pool and waiting line (with the idempotency store in front), then its
    // side effect and the calls; the worker is held through the calls only with blockingCalls.
    c.arrivePlan[i] = ARRIVE_ADMIT;
    contentionSet(c, i, p.contention);
    sheddingSet(c, i, p.shedding);
    autoscaleSet(c, i, p.autoscale, p.workers);
    c.donePlan[i] = DONE_CALLS;
    c.releaseAfterWork[i] = p.blockingCalls ? 0 : 1;
  },
  needsJobDone: (_s, i, m) => m.idemMode[i] !== 0,
  jobDone(ctx, j, i, status) {
    if (ctx.model.idemMode[i]) ctx.idempotencyRecord(j, i, status);
    return false;
  },
};
