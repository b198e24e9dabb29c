/**
 * Retry findings: amplification (attempts per logical call on each edge, and the product
 * down a chain of retrying layers), and after a trigger whose goodput stays collapsed:
 * metastable failure when retries keep the offered load above capacity, else a slow drain.
 */
import type { ArchDocument } from '../../model/schema.ts';
import type { Finding, SimResult } from '../types.ts';
import { firstMeasuredBucket, num, pct, seriesMean, seriesSlope } from './util.ts';
import { SOURCE_KINDS } from '../../model/graph.ts';

export function retryFindings(doc: ArchDocument, r: SimResult): Finding[] {
  const out: Finding[] = [];
  // Amplification per edge.
  const factor = new Map<string, number>();
  for (const e of doc.edges) {
    const x = r.edges[e.id];
    if (!x) continue;
    const first = x.attempts - x.retries;
    if (first > 0) factor.set(e.id, x.attempts / first);
  }
  const retrying = doc.edges.filter((e) => (factor.get(e.id) ?? 1) >= 1.5);
  for (const e of retrying) {
    const x = r.edges[e.id]!;
    // Walk up: attempts per logical request at this edge's target = product of factors above it.
    const chain: string[] = [];
    let total = 1;
    let cur: string | undefined = e.id;
    const seen = new Set<string>();
    while (cur && !seen.has(cur)) {
      seen.add(cur);
      const edge = doc.edges.find((y) => y.id === cur)!;
      total *= factor.get(cur) ?? 1;
      chain.unshift(`${r.nodes[edge.source]?.label ?? edge.source} ×${(factor.get(cur) ?? 1).toFixed(2)}`);
      cur = doc.edges.find((y) => y.target === edge.source && (factor.get(y.id) ?? 1) >= 1.5)?.id;
    }
    const layered = chain.length > 1;
    out.push({
      kind: 'retryAmplification',
      severity: total >= 3 ? 'critical' : 'warning',
      nodes: [e.source, e.target],
      fromS: r.warmupS,
      toS: r.simulatedS,
      message: `${r.nodes[e.target]?.label ?? e.target} receives ${total.toFixed(2)} attempts per logical call from ${r.nodes[e.source]?.label ?? e.source} (${num(x.attempts)} attempts, ${num(x.retries)} retries, ${num(x.timeouts)} timeouts)${layered ? `; retries multiply across layers: ${chain.join(' → ')}` : ''}.`,
      suggestion: layered
        ? 'Retry at one layer only (usually the outermost), and bound retries with a budget (e.g. 10–20 % of calls).'
        : 'Bound retries with a retry budget, use capped exponential backoff with jitter, and make sure the callee is not failing because of the retries themselves.',
    });
  }
  // After every failure window ends, does goodput come back? If not, is something sustaining
  // the overload (metastable failure, Bronson et al. HotOS'21), or is a backlog still draining
  // on its own (a slow drain, which needs no external action to end)?
  const B = r.series.bucketS;
  const B0 = firstMeasuredBucket(r),
    B1 = r.series.filled;
  for (const f of doc.scenario.failures) {
    const start = Math.floor(f.atS / B),
      end = Math.ceil((f.atS + f.durationS) / B);
    if (end >= B1 - 3 || start - B0 < 3) continue;
    for (const [src, s] of Object.entries(r.series.sources)) {
      const before = seriesMean(s.succeeded, Math.max(B0, start - 10), start);
      const offeredBefore = seriesMean(s.requests, Math.max(B0, start - 10), start);
      const tailFrom = end + Math.max(2, Math.floor((B1 - end) / 2));
      const after = seriesMean(s.succeeded, tailFrom, B1);
      const offeredAfter = seriesMean(s.requests, tailFrom, B1);
      if (before <= 0 || offeredAfter < 0.5 * offeredBefore) continue;
      if (after >= 0.5 * before) continue;
      const tail = tailEvidence(doc, r, tailFrom, B1);
      const srcLabel = r.nodes[src]?.label ?? src;
      const retriesPerS = tail.retries / B,
        offeredPerS = offeredAfter / B;
      const amplified = retriesPerS >= 0.1 * offeredPerS;
      const q = tail.bottleneck;
      const qText = q
        ? q.draining
          ? `${q.label}'s backlog is shrinking by about ${num(q.drainPerS)} per second (${num(q.end)} waiting at the end, so about ${num(q.end / q.drainPerS)} s more to drain)`
          : `${q.label} receives ${num(q.arrivalsPerS)} attempts/s and completes ${num(q.completedPerS)}/s, and its backlog (${num(q.end)} waiting) is not shrinking`
        : '';
      const head = `the ${f.kind} on ${f.target} ended at ${num(f.atS + f.durationS)} s, but ${srcLabel}'s goodput stayed at ${pct(after / before, 0)} of its level before the trigger (${num(after / B)}/s vs ${num(before / B)}/s) until the end of the run`;
      const nodes = q ? [src, f.target, ...(q.id !== f.target ? [q.id] : [])] : [src, f.target];
      if (amplified && !q?.draining) {
        out.push({
          kind: 'metastableFailure',
          severity: 'critical',
          nodes,
          fromS: f.atS,
          toS: r.simulatedS,
          message: `Metastable failure: ${head}, with ${num(retriesPerS)} retries/s still being sent (${(1 + retriesPerS / Math.max(offeredPerS, 1e-9)).toFixed(2)} attempts per request)${qText ? `; ${qText}` : ''}. The retries keep the offered load above capacity: the work done is for requests whose callers already gave up.`,
          suggestion:
            'Break the feedback loop: add a retry budget or circuit breaker, drop abandoned work (deadline propagation / LIFO), or shed load until the queue drains.',
        });
      } else if (q && !q.draining) {
        // No workload amplification, yet the same load the node carried before the trigger now
        // outruns it: its capacity fell and stays down (Huang et al. OSDI'22: capacity-degradation
        // amplification, e.g. service time that grows with the backlog).
        out.push({
          kind: 'metastableFailure',
          severity: 'critical',
          nodes,
          fromS: f.atS,
          toS: r.simulatedS,
          message: `Metastable failure: ${head}. No retries sustain it (${num(retriesPerS)}/s), yet ${qText}: the load it carried before the trigger now outruns it, so its capacity itself fell and stays down (work that gets slower as the backlog grows, lost cache contents).`,
          suggestion:
            'Keep the degradation from feeding itself: bound the queue or the concurrency (fast rejections instead of a growing backlog), drop work whose caller gave up, or add headroom.',
        });
      } else if (!q && !amplified) {
        out.push({
          kind: 'notRecovered',
          severity: 'warning',
          nodes,
          fromS: f.atS,
          toS: r.simulatedS,
          message: `Not recovered: ${head}, with no backlog and no retries to explain it.`,
          suggestion: 'See the other findings (errors, breakers, rejections) for what still fails.',
        });
      } else {
        out.push({
          kind: 'slowDrain',
          severity: 'warning',
          nodes,
          fromS: f.atS,
          toS: r.simulatedS,
          message: `Slow drain, not a metastable failure: ${head}. Nothing sustains the overload: ${retriesPerS === 0 ? 'no retries are being sent' : amplified ? `the ${num(retriesPerS)} retries/s still leave room to catch up` : `only ${num(retriesPerS)} retries/s are being sent (${pct(retriesPerS / Math.max(offeredPerS, 1e-9), 0)} of requests)`}${qText ? `; ${qText}` : ''}. The backlog built up during the trigger outlives the callers' timeouts, so the work done while it drains is for requests whose callers already gave up.`,
          suggestion:
            'Recovery takes about backlog / (capacity − arrival rate): add headroom, bound the queue, or drop work whose caller gave up (a queue timeout or deadline), so the backlog cannot outlive the callers.',
        });
      }
    }
  }
  return out;
}

interface Bottleneck {
  id: string;
  label: string;
  /** Waiting attempts over the last two buckets. */
  end: number;
  draining: boolean;
  drainPerS: number;
  arrivalsPerS: number;
  completedPerS: number;
}

/** Retries sent per bucket over [from, to) by every node, and the node holding the most waiting work at the end. */
function tailEvidence(doc: ArchDocument, r: SimResult, from: number, to: number): { retries: number; bottleneck: Bottleneck | null } {
  const B = r.series.bucketS;
  let retries = 0;
  let best: Bottleneck | null = null;
  for (const node of doc.nodes) {
    const s = r.series.nodes[node.id];
    if (!s) continue;
    retries += seriesMean(s.retries, from, to);
    if (SOURCE_KINDS.includes(node.kind)) continue;
    const end = seriesMean(s.queueMean, to - 2, to);
    if (end < 1 || (best && end <= best.end)) continue;
    const startQ = seriesMean(s.queueMean, from - 1, from + 1);
    const slope = seriesSlope(s.queueMean, from, to) / B;
    best = {
      id: node.id,
      label: r.nodes[node.id]?.label ?? node.id,
      end,
      // Shrinking by a fifth or more over the tail, and still falling.
      draining: slope < 0 && end < 0.8 * startQ,
      drainPerS: -slope,
      arrivalsPerS: seriesMean(s.arrivals, from, to) / B,
      completedPerS: seriesMean(s.completed, from, to) / B,
    };
  }
  return { retries, bottleneck: best };
}
