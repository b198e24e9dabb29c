/**
 * Retry findings: amplification (attempts per logical call on each edge, and the product
 * down a chain of retrying layers) and metastable failure (goodput that stays collapsed
 * after a trigger has ended).
 */
import type { ArchDocument } from '../../model/schema.ts';
import type { Finding, SimResult } from '../types.ts';
import { firstMeasuredBucket, num, pct, seriesMean } from './util.ts';

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
  // Metastable failure: after every failure window ends, does goodput come back?
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
      if (after < 0.5 * before) {
        const retriesAfter = doc.edges.reduce((acc, e) => acc + seriesMean(r.series.nodes[e.source]!.retries, tailFrom, B1), 0);
        out.push({
          kind: 'metastableFailure',
          severity: 'critical',
          nodes: [src, f.target],
          fromS: f.atS,
          toS: r.simulatedS,
          message: `Metastable failure: the ${f.kind} on ${f.target} ended at ${num(f.atS + f.durationS)} s, but ${r.nodes[src]?.label ?? src}'s goodput stayed at ${pct(after / before, 0)} of its level before the trigger (${num(after / B)}/s vs ${num(before / B)}/s) until the end of the run, with ${num(retriesAfter / B)} retries/s still being sent. The retries keep the system overloaded: the work it does is for requests whose callers already gave up.`,
          suggestion:
            'Break the feedback loop: add a retry budget or circuit breaker, drop abandoned work (deadline propagation / LIFO), or shed load until the queue drains.',
        });
      }
    }
  }
  return out;
}
