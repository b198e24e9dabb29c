/**
 * Database engine: a connection pool and its waiting line in front of reads and writes.
 * Whether a query is a write is decided by its idempotency key (so every retry of one logical
 * write is a write too); a write is a side effect, and a unique key applies it once.
 */
import type { KindEngine } from '../types.ts';
import { ARRIVE_ADMIT, F_ALT, ST_OK } from '../../engine/codes.ts';
import { workSet } from '../../engine/core/distributions.ts';
import { contentionSet, sheddingSet } from '../../engine/core/overload.ts';
import type { DatabaseParams } from './params.ts';

/** Deterministic per key: hash(key) / 2³² < fraction. */
export function isWrite(key: number, fraction: number): boolean {
  if (fraction <= 0) return false;
  if (fraction >= 1) return true;
  let h = Math.imul(key | 0, 0x9e3779b1) ^ Math.imul((key / 4294967296) | 0, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h ^= h >>> 12;
  return (h >>> 0) / 4294967296 < fraction;
}

interface DatabaseState {
  writeFraction: number;
}

export const databaseEngine: KindEngine<DatabaseState, DatabaseParams> = {
  compile(p, i, c) {
    c.workers[i] = p.poolSize;
    c.queueCap[i] = p.queueCapacity ?? Infinity;
    workSet(c, i, 0, p.readTime);
    workSet(c, i, 1, p.writeTime);
    c.errorRate[i] = p.errorRate;
    c.dedupe[i] = p.uniqueKey ? 1 : 0;
    c.arrivePlan[i] = ARRIVE_ADMIT;
    contentionSet(c, i, p.contention);
    sheddingSet(c, i, p.shedding);
  },
  init(p) {
    return { writeFraction: p.writeFraction };
  },
  workChoice(ctx, j, _i, s) {
    return isWrite(ctx.job.key[j]!, s.writeFraction) ? 1 : 0;
  },
  workDone(ctx, j, i) {
    if (ctx.job.flags[j]! & F_ALT) ctx.sideEffect(j, i);
    ctx.finishJob(j, ST_OK);
    return false;
  },
};
