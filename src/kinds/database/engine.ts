/**
 * Database engine: a connection pool and its waiting line in front of reads and writes.
 * Whether a query is a write is decided by its idempotency key (so every retry of one logical
 * write is a write too); a write is a side effect, and a unique key applies it once.
 *
 * Optimistic concurrency (occ.enabled): a write whose request maps to one of occ.hotKeys rows
 * reads that row's version when it gets a connection (workChoice) and commits at the end of its
 * work (workDone) only if the version is unchanged; then the version goes up by one and the
 * write is applied. Otherwise it fails with an error the caller may retry (edge retry.onError),
 * having held its connection for nothing. State per node:
 *   version[row]   Float64Array(hotKeys), commits to that row so far
 *   job.aux[j]     the version the write read, or −1 (not a hot-row write)
 * Off, the node's state has version = null and the hooks take the plain path.
 */
import type { KindEngine } from '../types.ts';
import { ARRIVE_ADMIT, F_ALT, ST_ERROR, ST_OK } from '../../engine/codes.ts';
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

/**
 * The hot row a request's writes update, or −1: u = hash(key) / 2³² (a hash independent of
 * isWrite's); u < hotFraction → row ⌊u / hotFraction · hotKeys⌋, uniform over the hot rows.
 */
export function occRow(key: number, hotKeys: number, hotFraction: number): number {
  if (hotFraction <= 0) return -1;
  let h = Math.imul(key | 0, 0x85ebca77) ^ Math.imul((key / 4294967296) | 0, 0xc2b2ae3d);
  h = Math.imul(h ^ (h >>> 16), 0x27d4eb2f);
  h ^= h >>> 15;
  const u = (h >>> 0) / 4294967296;
  if (u >= hotFraction) return -1;
  const row = Math.floor((u / hotFraction) * hotKeys);
  return row < hotKeys ? row : hotKeys - 1;
}

interface DatabaseState {
  writeFraction: number;
  /** Optimistic concurrency: per hot row, its commits so far; null when off. */
  version: Float64Array | null;
  hotKeys: number;
  hotFraction: number;
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
    c.occ[i] = p.occ.enabled ? 1 : 0;
    contentionSet(c, i, p.contention);
    sheddingSet(c, i, p.shedding);
  },
  init(p) {
    return {
      writeFraction: p.writeFraction,
      version: p.occ.enabled ? new Float64Array(p.occ.hotKeys) : null,
      hotKeys: p.occ.hotKeys,
      hotFraction: p.occ.hotFraction,
    };
  },
  workChoice(ctx, j, _i, s) {
    const w = isWrite(ctx.job.key[j]!, s.writeFraction) ? 1 : 0;
    if (s.version !== null) {
      // Read the row's version as the write gets its connection (−1: no hot row, no check).
      const row = w ? occRow(ctx.req.key[ctx.job.req[j]!]!, s.hotKeys, s.hotFraction) : -1;
      ctx.job.aux[j] = row < 0 ? -1 : s.version[row]!;
    }
    return w;
  },
  workDone(ctx, j, i, s) {
    const J = ctx.job;
    if (J.flags[j]! & F_ALT) {
      if (s.version !== null && J.aux[j]! >= 0) {
        const row = occRow(ctx.req.key[J.req[j]!]!, s.hotKeys, s.hotFraction);
        if (s.version[row] !== J.aux[j]) {
          // Another write to the row committed since this one read it: the conditional write fails.
          if (ctx.measuring) ctx.metrics.occConflicts[i]!++;
          if (J.span[j]! >= 0)
            ctx.traceEvent(j, 'conflict', `version conflict on hot row ${row}: read v${J.aux[j]}, now v${s.version[row]}; not applied`);
          ctx.finishJob(j, ST_ERROR);
          return false;
        }
        s.version[row]!++;
        if (ctx.measuring) ctx.metrics.occCommits[i]!++;
      }
      ctx.sideEffect(j, i);
    }
    ctx.finishJob(j, ST_OK);
    return false;
  },
};
