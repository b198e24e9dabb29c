/**
 * Overload behaviour compiled per node (services and databases): load-dependent service time
 * and load shedding.
 *
 *   contention[i]  0 off · CONT_BUSY x = busy workers / workers · CONT_IN_SYSTEM x = attempts held / workers
 *   contAlpha[i], contBeta[i]   the work of a job that starts at load x is multiplied by 1 + α·x^β
 *   shedAtStart[i]  SHED_* bits (codes.ts) checked when an attempt reaches a worker: waited too
 *                   long (queueTimeoutMs[i]), deadline passed, cancelled by its caller
 *   limitMode[i]    LIMIT_* (codes.ts); limitInit/Min/Max[i], limitBackoff[i], limitSlowMs[i]: the
 *                   concurrency limit checked on arrival (AIMD adapts it on every answer)
 *
 * A leaf module: kinds call `contentionSet` from their compile step; the core reads the arrays.
 */
import type { Contention, Shedding } from '../../model/params.ts';
import { LIMIT_AIMD, LIMIT_FIXED, SHED_EXPIRED, SHED_QUEUE_TIMEOUT } from '../codes.ts';

export const CONT_OFF = 0,
  CONT_BUSY = 1,
  CONT_IN_SYSTEM = 2;

/** The per-node overload arrays (part of CompiledNodes). */
export interface OverloadArrays {
  contention: Uint8Array;
  contAlpha: Float64Array;
  contBeta: Float64Array;
  shedAtStart: Uint8Array;
  queueTimeoutMs: Float64Array;
  limitMode: Uint8Array;
  limitInit: Float64Array;
  limitMin: Float64Array;
  limitMax: Float64Array;
  limitBackoff: Float64Array;
  limitSlowMs: Float64Array;
}

/** Compile node i's contention curve (off leaves the arrays at 0, which costs nothing at run time). */
export function contentionSet(c: OverloadArrays, i: number, p: Contention): void {
  if (!p.enabled || p.alpha === 0) return;
  c.contention[i] = p.basis === 'busy' ? CONT_BUSY : CONT_IN_SYSTEM;
  c.contAlpha[i] = p.alpha;
  c.contBeta[i] = p.beta;
}

/** The service-time multiplier 1 + α·x^β at load x (x ≥ 0). */
export function contentionFactor(alpha: number, beta: number, x: number): number {
  return 1 + alpha * Math.pow(x, beta);
}

/** Compile node i's load shedding (the cancellation bit is set by compile from its incoming edges). */
export function sheddingSet(c: OverloadArrays, i: number, p: Shedding): void {
  if (p.queueTimeoutMs > 0) {
    c.shedAtStart[i]! |= SHED_QUEUE_TIMEOUT;
    c.queueTimeoutMs[i] = p.queueTimeoutMs;
  }
  if (p.dropExpired) c.shedAtStart[i]! |= SHED_EXPIRED;
  const l = p.concurrencyLimit;
  if (l.mode === 'off') return;
  c.limitMode[i] = l.mode === 'fixed' ? LIMIT_FIXED : LIMIT_AIMD;
  c.limitInit[i] = l.limit;
  c.limitMin[i] = l.minLimit;
  c.limitMax[i] = l.maxLimit;
  c.limitBackoff[i] = l.backoffRatio;
  c.limitSlowMs[i] = l.slowMs;
}

/**
 * Netflix concurrency-limits' AIMDLimit, one sample: a drop or an answer slower than slowMs
 * multiplies the limit by backoff (at least −1, never below min); a fast answer while at least
 * half the limit was in flight when it was admitted adds 1 (never above max).
 */
export function aimdNext(limit: number, inflight: number, drop: boolean, min: number, max: number, backoff: number): number {
  if (drop) {
    const down = Math.min(limit - 1, Math.floor(limit * backoff));
    return down < min ? min : down;
  }
  if (inflight * 2 >= limit) return limit + 1 > max ? max : limit + 1;
  return limit;
}
