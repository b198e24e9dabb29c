/**
 * Overload behaviour compiled per node (services and databases): load-dependent service time
 * and load shedding.
 *
 *   contention[i]  0 off · CONT_BUSY x = busy workers / workers · CONT_IN_SYSTEM x = attempts held / workers
 *   contAlpha[i], contBeta[i]   the work of a job that starts at load x is multiplied by 1 + α·x^β
 *   shedAtStart[i]  SHED_* bits (codes.ts) checked when an attempt reaches a worker: waited too
 *                   long (queueTimeoutMs[i]), deadline passed, cancelled by its caller
 *
 * A leaf module: kinds call `contentionSet` from their compile step; the core reads the arrays.
 */
import type { Contention, Shedding } from '../../model/params.ts';
import { SHED_EXPIRED, SHED_QUEUE_TIMEOUT } from '../codes.ts';

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
}
