/**
 * Statistical findings: a warm-up that looks too short. When nothing in the scenario changes
 * over time (no failures, clients with one rate and no bursts or replay), the first and second halves of the
 * measured period should agree; if the median latency of the first half is far from the
 * second's, the run had not reached steady state when measuring started.
 */
import type { ArchDocument } from '../../model/schema.ts';
import type { Finding, SimResult } from '../types.ts';
import { firstMeasuredBucket, ms, seriesMean } from './util.ts';
import { kindDef } from '../../kinds/registry.ts';

export function statisticsFindings(doc: ArchDocument, r: SimResult): Finding[] {
  if (doc.scenario.failures.length > 0) return [];
  // Traffic that changes over time (a client's schedule, bursts, a replayed recording) has no steady state either.
  if (doc.nodes.some((n) => kindDef(n.kind).analysis.timeVarying?.(n.params as never))) return [];
  const B0 = firstMeasuredBucket(r),
    B1 = r.series.filled;
  if (B1 - B0 < 10) return [];
  const mid = B0 + Math.floor((B1 - B0) / 2);
  const out: Finding[] = [];
  for (const [id, s] of Object.entries(r.series.sources)) {
    const a = seriesMean(s.p50, B0, mid),
      b = seriesMean(s.p50, mid, B1);
    if (Math.max(a, b) <= 0 || Math.abs(a - b) / Math.max(a, b) < 0.3) continue;
    out.push({
      kind: 'warmupTooShort',
      severity: 'info',
      nodes: [id],
      fromS: r.warmupS,
      toS: r.simulatedS,
      message: `${r.nodes[id]?.label ?? id}: the two halves of the measured run disagree (median latency ${ms(a)} in the first half, ${ms(b)} in the second) although nothing in the scenario changes over time. The run may not have reached steady state${r.warmupS === 0 ? ' (there is no warm-up)' : ` after the ${r.warmupS} s warm-up`}, or the system is unstable.`,
      suggestion: 'Lengthen the warm-up (scenario.warmupS) and the run, and compare replications before trusting the numbers.',
    });
  }
  return out;
}
