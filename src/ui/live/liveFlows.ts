/**
 * What the live animation draws, from two consecutive live snapshots (pure): each call's
 * attempts per simulated second and the share of them that were errors, timeouts and retries;
 * each node's busy workers, waiting line and whether it rejected since the last snapshot.
 * Everything is read from the engine's existing metrics: the animation adds no work to the run.
 */
import type { SimResult } from '../../worker/protocol.ts';

export type DotOutcome = 0 | 1 | 2 | 3;
export const DOT_OK = 0,
  DOT_ERROR = 1,
  DOT_TIMEOUT = 2,
  DOT_RETRY = 3;

export interface EdgeFlow {
  /** Attempts per simulated second. */
  rps: number;
  pError: number;
  pTimeout: number;
  pRetry: number;
}

export interface NodeFill {
  /** Busy workers / workers in the last closed bucket; null for a node without workers. */
  busy: number | null;
  workers: number;
  /** Attempts waiting (time average over the last closed bucket). */
  queue: number;
  /** Rejected something since the last snapshot. */
  rejecting: boolean;
}

const share = (part: number, whole: number) => (whole > 0 ? Math.min(1, Math.max(0, part) / whole) : 0);

/** Per call: rate and outcome shares between `prev` and `next` (over the whole run so far without a usable `prev`). */
export function edgeFlows(prev: SimResult | null, next: SimResult): Record<string, EdgeFlow> {
  const out: Record<string, EdgeFlow> = {};
  const dt = prev ? next.simulatedS - prev.simulatedS : 0;
  const diff = prev !== null && dt > 0;
  const span = diff ? dt : next.simulatedS - next.warmupS;
  for (const [id, e] of Object.entries(next.edges)) {
    const p = diff ? prev.edges[id] : undefined;
    const att = Math.max(0, e.attempts - (p?.attempts ?? 0));
    out[id] = {
      rps: span > 0 ? att / span : 0,
      pError: share(e.errors - (p?.errors ?? 0), att),
      pTimeout: share(e.timeouts - (p?.timeouts ?? 0), att),
      pRetry: share(e.retries - (p?.retries ?? 0), att),
    };
  }
  return out;
}

/** Per node: busy workers and waiting line in the last closed bucket; rejections since `prev`. */
export function nodeFills(prev: SimResult | null, next: SimResult): Record<string, NodeFill> {
  const out: Record<string, NodeFill> = {};
  const i = next.series.filled - 1;
  for (const [id, n] of Object.entries(next.nodes)) {
    const s = next.series.nodes[id];
    const util = i >= 0 && s ? s.utilization[i]! : n.utilization;
    out[id] = {
      busy: n.workers > 0 ? Math.min(1, Math.max(0, util)) : null,
      workers: n.workers,
      queue: i >= 0 && s ? s.queueMean[i]! : n.queue.mean,
      rejecting: prev !== null && n.rejected > (prev.nodes[id]?.rejected ?? n.rejected),
    };
  }
  return out;
}

/** A dot's outcome for a uniform draw u ∈ [0, 1): errors, then timeouts, then retries, else ok. */
export function dotOutcome(f: EdgeFlow, u: number): DotOutcome {
  if (u < f.pError) return DOT_ERROR;
  if (u < f.pError + f.pTimeout) return DOT_TIMEOUT;
  if (u < f.pError + f.pTimeout + f.pRetry) return DOT_RETRY;
  return DOT_OK;
}

/** Dots per wall second on a call: proportional to its calls, the busiest call at `maxPerS`; a call with any traffic shows some. */
export function dotRate(rps: number, maxRps: number, maxPerS: number): number {
  if (!(rps > 0) || !(maxRps > 0)) return 0;
  return Math.max(0.5, (maxPerS * rps) / maxRps);
}

/** Fill of a waiting-line bar: log scale, 1 waiting ≈ 0.1, 1,000 or more = full. */
export const queueFill = (q: number): number => (q > 0 ? Math.min(1, Math.log10(1 + q) / 3) : 0);
