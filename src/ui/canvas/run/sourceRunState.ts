/** What a client or scheduler card shows after a run: what it sent and how much of it succeeded. */
import type { SimResult } from '../../../worker/protocol.ts';
import { bucketAt } from '../../results/chartData.ts';

export interface SourceRunState {
  /** Logical requests started per second. */
  sentPerS: number;
  /** Requests that ended in failure, per second. */
  failedPerS: number;
  /** succeeded / (succeeded + failed); null before any request ended. */
  successRatio: number | null;
}

/**
 * The source's rates over the whole run (t = null, warm-up excluded) or in the bucket holding
 * time t, seconds; null for a node that is not a traffic source of `r`.
 */
export function sourceRunStateAt(r: SimResult, id: string, t: number | null): SourceRunState | null {
  const src = r.sources[id];
  if (!src) return null;
  if (t === null) {
    const measured = Math.max(1e-9, r.simulatedS - r.warmupS);
    const ended = src.succeeded + src.failed;
    return { sentPerS: src.requests / measured, failedPerS: src.failed / measured, successRatio: ended ? src.succeeded / ended : null };
  }
  const s = r.series.sources[id];
  const i = bucketAt(r.series.bucketS, r.series.filled, t);
  if (!s || i < 0) return null;
  const ok = s.succeeded[i]!,
    bad = s.failed[i]!;
  return {
    sentPerS: s.requests[i]! / r.series.bucketS,
    failedPerS: bad / r.series.bucketS,
    successRatio: ok + bad ? ok / (ok + bad) : null,
  };
}
