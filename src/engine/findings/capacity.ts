/**
 * Capacity findings: saturation (utilization near 1), unbounded queue growth (a queue
 * whose depth keeps rising linearly: arrivals exceed capacity), and backpressure
 * (rejections at a full queue or a rate limit, and the callers they fail).
 */
import type { ArchDocument } from '../../model/schema.ts';
import type { Finding, NodeResult, SimResult } from '../types.ts';
import { firstMeasuredBucket, ms, num, pct, seriesMean, seriesSlope, spanWhere } from './util.ts';
import { SOURCE_KINDS } from '../../model/graph.ts';
import { findingsOf, lineUnbounded } from './kinds.ts';

export function capacityFindings(doc: ArchDocument, r: SimResult): Finding[] {
  const out: Finding[] = [];
  const B0 = firstMeasuredBucket(r),
    B1 = r.series.filled;
  const measuredS = r.simulatedS - r.warmupS;
  for (const node of doc.nodes) {
    const n = r.nodes[node.id];
    const s = r.series.nodes[node.id];
    if (!n || !s) continue;
    const label = n.label;
    // Unbounded growth: depth rises through the second half and ends far above where it was.
    const mid = B0 + Math.floor((B1 - B0) / 2);
    const slope = seriesSlope(s.queueMean, mid, B1);
    const endQ = seriesMean(s.queueMean, B1 - 2, B1);
    const midQ = seriesMean(s.queueMean, mid - 1, mid + 1);
    const words = findingsOf(node);
    const unbounded = lineUnbounded(node);
    if (B1 - B0 >= 6 && slope > 0 && endQ > 1.25 * midQ + 20) {
      const growthPerS = slope / r.series.bucketS;
      const span = spanWhere(r, (b) => s.queueMean[b]! > midQ) ?? [mid * r.series.bucketS, r.simulatedS];
      const lat = r.series.nodes[node.id]!.p99;
      out.push({
        kind: 'queueGrowth',
        severity: 'critical',
        nodes: [node.id],
        fromS: span[0],
        toS: span[1],
        message: `${label}: ${words.backlog ? 'the backlog' : 'the queue'} grows without bound — about ${num(growthPerS)} per second, reaching ${num(endQ)} at the end${!words.backlog ? `; p99 latency climbs from ${ms(lat[mid] ?? 0)} to ${ms(lat[B1 - 1] ?? 0)}` : ''}. Arrivals exceed what it can process, so latency rises linearly with time.`,
        suggestion: unbounded
          ? `Add capacity (more ${words.backlog ? 'consumers' : 'workers'} or faster work), shed load upstream, or bound the queue so overload turns into fast rejections instead of unbounded latency.`
          : 'Add capacity or shed load upstream.',
      });
    }
    if (words.backlog && n.queue.max >= 1000 && !out.some((f) => f.kind === 'queueGrowth' && f.nodes[0] === node.id)) {
      let peak = B0;
      for (let b = B0; b < B1; b++) if (s.queueMax[b]! > s.queueMax[peak]!) peak = b;
      const base = Math.max(1, seriesMean(s.queueMean, B0, Math.max(B0 + 1, Math.min(B0 + 5, peak))));
      let drained = -1;
      for (let b = peak; b < B1; b++)
        if (s.queueMean[b]! <= Math.max(2 * base, 10)) {
          drained = b;
          break;
        }
      const from = spanWhere(r, (b) => s.queueMean[b]! > Math.max(2 * base, 10))?.[0] ?? peak * r.series.bucketS;
      out.push({
        kind: 'backlog',
        severity: drained < 0 ? 'critical' : 'warning',
        nodes: [node.id, ...doc.edges.filter((e) => e.source === node.id).map((e) => e.target)],
        fromS: from,
        toS: drained < 0 ? r.simulatedS : (drained + 1) * r.series.bucketS,
        message: `${label}: backlog peaked at ${num(s.queueMax[peak]!)} messages at ${num(peak * r.series.bucketS)} s; the oldest message waited ${ms(n.latencyMs.max)} (p99 age ${ms(n.latencyMs.p99)}). ${drained < 0 ? 'It had not drained by the end of the run.' : `It drained by ${num((drained + 1) * r.series.bucketS)} s.`}`,
        suggestion:
          'Size consumers for the catch-up rate after an outage (drain time ≈ backlog / (consumer capacity − arrival rate)), and alert on message age.',
      });
    }
    // A 409 "in progress" from an idempotency store is the store working, and a lost
    // optimistic-concurrency race is contention, not a fault (outcomes.ts reports both).
    const occConflicts = n.occ?.conflicts ?? 0;
    const errors = n.errors - n.conflicts - occConflicts;
    if (!SOURCE_KINDS.includes(node.kind) && errors > 0.01 * Math.max(1, n.arrivals)) {
      const span = spanWhere(r, (b) => s.errors[b]! > 0.05 * Math.max(1, s.arrivals[b]!)) ?? [r.warmupS, r.simulatedS];
      const injected = doc.scenario.failures
        .filter((f) => f.target === node.id)
        .map((f) => `${f.kind} ${num(f.atS)}–${num(f.atS + f.durationS)} s`);
      out.push({
        kind: 'errors',
        severity: errors > 0.05 * n.arrivals ? 'critical' : 'warning',
        nodes: [node.id],
        fromS: span[0],
        toS: span[1],
        message: `${label} answered ${num(errors)} of ${num(n.arrivals)} attempts with an error (${pct(errors / Math.max(1, n.arrivals))})${n.conflicts > 0 ? `, besides ${num(n.conflicts)} expected 409 "in progress" answers` : ''}${occConflicts > 0 ? `, besides ${num(occConflicts)} optimistic-concurrency conflicts` : ''}${injected.length ? `, during the injected ${injected.join(', ')}` : ''}.`,
        suggestion: injected.length
          ? 'Check that callers ride it out: retries with backoff and jitter, a circuit breaker, and a queue that buffers the work.'
          : 'Errors here propagate to every caller; see which calls fail and whether retries make it worse.',
      });
    }
    if (n.workers > 0 && n.utilization >= 0.9) {
      const span = spanWhere(r, (b) => s.utilization[b]! >= 0.9) ?? [r.warmupS, r.simulatedS];
      out.push({
        kind: 'saturation',
        severity: n.utilization >= 0.98 ? 'critical' : 'warning',
        nodes: [node.id],
        fromS: span[0],
        toS: span[1],
        message: `${label} is saturated: ${pct(n.utilization)} of its ${num(n.workers)} workers busy on average; mean queue ${num(n.queue.mean)}, max ${num(n.queue.max)}.`,
        suggestion: `Queueing delay explodes as utilization approaches 1. Add workers (ρ = λ·E[S]/c), make the work cheaper, or cache in front of it.`,
      });
    }
    if (n.rejected > 0) {
      const rate = n.rejected / Math.max(1, n.arrivals);
      const span = spanWhere(r, (b) => s.rejected[b]! > 0) ?? [r.warmupS, r.simulatedS];
      const callers = doc.edges.filter((e) => e.target === node.id).map((e) => e.source);
      const { why, shedOnly } = rejectionCauses(n, words.rejectWhy ?? 'a full queue (capacity K reached)');
      out.push({
        kind: 'backpressure',
        severity: rate > 0.05 ? 'critical' : 'warning',
        nodes: [node.id, ...callers],
        fromS: span[0],
        toS: span[1],
        message: `${label} rejected ${num(n.rejected)} of ${num(n.arrivals)} arrivals (${pct(rate)}, ${num(n.rejected / Math.max(measuredS, 1e-9))}/s) because of ${why}; the rejections go back to ${callers.map((c) => r.nodes[c]?.label ?? c).join(', ') || 'its callers'}.`,
        suggestion: shedOnly
          ? 'This is load shedding doing its job: the work it refused would have been late. Check that goodput holds (the callers’ successes), that callers do not retry what was shed at once, and that the capacity behind it fits the load you must serve.'
          : (words.rejectAdvice ??
            'Add capacity, or let callers back off (retries with jitter and a budget) instead of hammering a full queue.'),
      });
    }
  }
  return out;
}

/**
 * Why a node rejected: load shedding (its concurrency limit, queue timeout, expired deadlines,
 * cancelled work), each with its count, and the rest for the kind's own reason (a full queue, a
 * rate limit). shedOnly: every rejection was shedding.
 */
function rejectionCauses(n: NodeResult, ownWhy: string): { why: string; shedOnly: boolean } {
  const sh = n.shed;
  if (!sh) return { why: ownWhy, shedOnly: false };
  const parts: string[] = [];
  if (sh.limited > 0) parts.push(`its concurrency limit (${num(sh.limited)} refused at once)`);
  if (sh.queueTimeout > 0) parts.push(`its queue timeout (${num(sh.queueTimeout)} waited too long)`);
  if (sh.expired > 0) parts.push(`expired deadlines (${num(sh.expired)} dropped in the queue)`);
  if (sh.cancelled > 0) parts.push(`callers that gave up and cancelled (${num(sh.cancelled)})`);
  const own = n.rejected - sh.limited - sh.queueTimeout - sh.expired - sh.cancelled;
  if (own > 0) parts.push(parts.length ? `${ownWhy} (${num(own)})` : ownWhy);
  if (parts.length === 0) return { why: ownWhy, shedOnly: false };
  return { why: parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`, shedOnly: own <= 0 };
}
