/**
 * External endpoint engine: a third-party API or webhook receiver. Every accepted call is a
 * side effect (a delivered webhook); an optional concurrency limit refuses calls at once, and
 * a deduplicating receiver applies each event id once.
 */
import type { KindEngine } from '../types.ts';
import { ST_OK } from '../../engine/codes.ts';
import { workSet } from '../../engine/core/distributions.ts';
import type { ExternalParams } from './params.ts';

export const externalEngine: KindEngine<null, ExternalParams> = {
  compile(p, i, c) {
    c.workers[i] = p.concurrency ?? Infinity;
    c.queueCap[i] = 0;
    workSet(c, i, 0, p.latency);
    c.errorRate[i] = p.errorRate;
    c.dedupe[i] = p.dedupe ? 1 : 0;
  },
  arrive(ctx, j, i) {
    ctx.admit(j, i);
  },
  workDone(ctx, j, i) {
    ctx.sideEffect(j, i);
    ctx.finishJob(j, ST_OK);
    return false;
  },
};
