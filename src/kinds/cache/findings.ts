/**
 * Cache stampede: a key-space cache without request coalescing in front of a node whose waiting
 * line spikes far above its average while it is not overloaded. That is the signature of hot
 * keys expiring: every reader that misses during the refill sends its own query, all at once.
 */
import type { DocEdge } from '../../model/schema.ts';
import type { Finding, SimResult } from '../../engine/types.ts';
import { num, pct, spanWhere } from '../../engine/findings/util.ts';
import type { CacheParams } from './params.ts';

/** A spike at least this many times the mean waiting line (and this many queries) counts as a burst. */
const SPIKE_RATIO = 8;
const SPIKE_MIN = 20;

export function cacheFindings(node: { id: string; params: CacheParams }, doc: { edges: readonly DocEdge[] }, r: SimResult): Finding[] {
  const out: Finding[] = [];
  if (node.params.mode !== 'keyspace' || node.params.coalesce) return out;
  const cache = r.nodes[node.id];
  if (!cache || cache.misses === 0) return out;
  for (const e of doc.edges.filter((x) => x.source === node.id)) {
    const down = r.nodes[e.target];
    const s = r.series.nodes[e.target];
    if (!down || !s) continue;
    const overloaded = down.workers > 0 && down.utilization >= 0.85;
    if (overloaded || down.queue.max < SPIKE_MIN || down.queue.max < SPIKE_RATIO * Math.max(1, down.queue.mean)) continue;
    const span = spanWhere(r, (b) => s.queueMax[b]! >= SPIKE_MIN) ?? [r.warmupS, r.simulatedS];
    out.push({
      kind: 'cacheStampede',
      severity: 'warning',
      nodes: [node.id, e.target],
      fromS: span[0],
      toS: span[1],
      message: `${cache.label}: entries expire every ${num(node.params.ttlS)} s and every miss during a refill goes to ${down.label} on its own, so its waiting line jumps to ${num(down.queue.max)} queries although it averages ${num(down.queue.mean)} and ${down.label} is only ${pct(down.utilization)} busy (a stampede on hot keys).`,
      suggestion: `Turn on coalesce on ${cache.label} (one query per expired key, the other readers wait for it); or refresh hot keys before they expire, or jitter the TTL.`,
    });
  }
  return out;
}
