/**
 * External endpoint engine: a third-party API or webhook receiver. Every accepted call is a
 * side effect (a delivered webhook); an optional concurrency limit refuses calls at once, and
 * a deduplicating receiver applies each event id once.
 */
import type { KindEngine } from '../types.ts';
import { ARRIVE_ADMIT, DONE_ANSWER } from '../../engine/codes.ts';
import { workSet } from '../../engine/core/distributions.ts';
import type { ExternalParams } from './params.ts';

export const externalEngine: KindEngine<null, ExternalParams> = {
  compile(p, i, c) {
    c.workers[i] = p.concurrency ?? Infinity;
    c.queueCap[i] = 0;
    workSet(c, i, 0, p.latency);
    c.errorRate[i] = p.errorRate;
    c.dedupe[i] = p.dedupe ? 1 : 0;
    // Every accepted call is a side effect (a delivered webhook), then the answer.
    c.sideEffect[i] = 1;
    c.arrivePlan[i] = ARRIVE_ADMIT;
    c.donePlan[i] = DONE_ANSWER;
  },
};
