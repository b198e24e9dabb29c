/**
 * Pure transforms for the canvas run overlay: per-node state and per-call throughput, either
 * over the whole run (t = null) or in the bucket holding time t (the scrubber).
 */
import type { SimResult } from '../../worker/protocol.ts';
import { bucketAt } from './chartData.ts';

export interface NodeRunState {
  /** Busy workers / workers; null for a node without workers (queue, external API). */
  utilization: number | null;
  /** Attempts waiting: time-average (whole run: the mean, at t: that bucket's mean). */
  queue: number;
  /** Max attempts waiting (whole run) or in the bucket. */
  queueMax: number;
  /** Errors + timeouts + rejections, per second. */
  badPerS: number;
  /** Arrivals per second. */
  arrivalsPerS: number;
  duplicates: number;
}

/**
 * The time the canvas overlay shows, seconds: the scrubber's, else while running the newest
 * filled bucket, else null (the whole run).
 */
export function overlayTimeOf(r: SimResult, phase: 'live' | 'partial' | 'final', scrubS: number | null): number | null {
  return scrubS ?? (phase === 'live' && r.series.filled > 0 ? (r.series.filled - 0.5) * r.series.bucketS : null);
}

export function nodeRunStateAt(r: SimResult, id: string, t: number | null): NodeRunState | null {
  const n = r.nodes[id];
  if (!n) return null;
  const hasWorkers = n.workers > 0;
  if (t === null) {
    const measured = Math.max(1e-9, r.simulatedS - r.warmupS);
    return {
      utilization: hasWorkers ? n.utilization : null,
      queue: n.queue.mean,
      queueMax: n.queue.max,
      badPerS: (n.errors + n.timeouts + n.rejected) / measured,
      arrivalsPerS: n.arrivals / measured,
      duplicates: n.duplicates,
    };
  }
  const s = r.series.nodes[id]!;
  const i = bucketAt(r.series.bucketS, r.series.filled, t);
  if (i < 0) return null;
  const b = r.series.bucketS;
  return {
    utilization: hasWorkers ? s.utilization[i]! : null,
    queue: s.queueMean[i]!,
    queueMax: s.queueMax[i]!,
    badPerS: (s.errors[i]! + s.timeouts[i]! + s.rejected[i]!) / b,
    arrivalsPerS: s.arrivals[i]! / b,
    duplicates: s.duplicates[i]!,
  };
}

/**
 * Attempts per second on each call. Whole run: the call's attempts / measured time. At t: the
 * callee's arrivals in that bucket, split over its incoming calls by their share of attempts.
 */
export function edgeRatesAt(r: SimResult, t: number | null): Record<string, number> {
  const out: Record<string, number> = {};
  const measured = Math.max(1e-9, r.simulatedS - r.warmupS);
  if (t === null) {
    for (const [id, e] of Object.entries(r.edges)) out[id] = e.attempts / measured;
    return out;
  }
  const i = bucketAt(r.series.bucketS, r.series.filled, t);
  const into: Record<string, number> = {};
  for (const e of Object.values(r.edges)) into[e.target] = (into[e.target] ?? 0) + e.attempts;
  for (const [id, e] of Object.entries(r.edges)) {
    const arrivals = i < 0 ? 0 : (r.series.nodes[e.target]?.arrivals[i] ?? 0);
    const share = into[e.target]! > 0 ? e.attempts / into[e.target]! : 0;
    out[id] = (arrivals * share) / r.series.bucketS;
  }
  return out;
}

/** Stroke width for a call carrying `rps`, relative to the busiest call: 1.5 … 7 px. */
export function edgeWidth(rps: number, maxRps: number): number {
  if (!(maxRps > 0) || !(rps > 0)) return 1.5;
  return 1.5 + 5.5 * Math.sqrt(Math.min(1, rps / maxRps));
}

export type RunTone = 'ok' | 'busy' | 'over' | 'idle';

/**
 * Card colour for a node's run state: by utilization (< 0.7 ok, < 0.95 busy, else over);
 * a node without workers by its queue; more than 5 % of arrivals failing is always 'over'.
 */
export function nodeRunTone(s: NodeRunState): RunTone {
  if (s.arrivalsPerS === 0 && s.queue === 0 && s.badPerS === 0) return 'idle';
  if (s.badPerS > 0.05 * Math.max(s.arrivalsPerS, 1e-9)) return 'over';
  if (s.utilization !== null) return s.utilization >= 0.95 ? 'over' : s.utilization >= 0.7 ? 'busy' : 'ok';
  return s.queue >= 100 ? 'over' : s.queue >= 1 ? 'busy' : 'ok';
}
