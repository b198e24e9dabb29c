/**
 * Where a failed latency requirement's time goes. From the graded node, follow its calls down
 * the synchronous path (at each node, the call whose callee is slowest at that percentile) and
 * say which node adds the most: its percentile minus its slowest callee's. Percentiles do not
 * add exactly, so this is an attribution "about", the way an engineer reads a trace waterfall.
 * A queue answers on enqueue, so the path stops being slow there on its own.
 */
import type { ArchDocument } from '../model/index.ts';
import type { LatencySummary, SimResult } from '../engine/types.ts';
import { formatMs } from '../lib/formatMs.ts';

const QUANTILE: Record<string, keyof LatencySummary> = {
  latencyMeanMs: 'mean',
  latencyP50Ms: 'p50',
  latencyP90Ms: 'p90',
  latencyP99Ms: 'p99',
  latencyP999Ms: 'p999',
};
const QUANTILE_NAME: Record<string, string> = { mean: 'mean', p50: 'p50', p90: 'p90', p99: 'p99', p999: 'p99.9' };
/** Longest path followed (a design may hold cycles). */
const MAX_HOPS = 32;

export interface LatencyStep {
  node: string;
  label: string;
  /** The node's latency at the quantile, ms (its callees included), capped by its caller's. */
  ms: number;
  /** What it adds over its slowest callee, ms. */
  addsMs: number;
}

/** The synchronous path from `node` with each node's share at `metric`'s quantile; empty when `metric` is no latency or nothing was measured. */
export function latencyPath(doc: ArchDocument, result: SimResult, node: string, metric: string): LatencyStep[] {
  const q = QUANTILE[metric];
  if (!q) return [];
  const at = (id: string): number => {
    const l = result.sources[id]?.latencyMs ?? result.nodes[id]?.latencyMs;
    return l && l.count > 0 ? (l[q] as number) : NaN;
  };
  const label = (id: string) => result.nodes[id]?.label || doc.nodes.find((n) => n.id === id)?.label || id;
  const steps: LatencyStep[] = [];
  const seen = new Set<string>();
  let cur: string | undefined = node;
  let cap = Infinity;
  while (cur !== undefined && !seen.has(cur) && steps.length < MAX_HOPS && Number.isFinite(at(cur))) {
    seen.add(cur);
    let next: string | undefined;
    for (const e of doc.edges)
      if (e.source === cur && !seen.has(e.target) && Number.isFinite(at(e.target)) && (next === undefined || at(e.target) > at(next)))
        next = e.target;
    // A caller sees at most its own latency of a callee's: the callee's percentile may hold work the
    // caller gave up on (timeouts do not cancel it), so each step is capped by the one above it.
    const ms = Math.min(at(cur), cap);
    const nextMs = next !== undefined ? Math.min(at(next), ms) : 0;
    steps.push({ node: cur, label: label(cur), ms, addsMs: Math.max(0, ms - nextMs) });
    cap = ms;
    cur = next;
  }
  return steps;
}

/** One sentence naming where a latency check's time goes, or null (not a latency metric, or no path). `which`: the run it reads, when there were several ("the first run"). */
export function latencyCause(doc: ArchDocument, result: SimResult, node: string, metric: string, which?: string): string | null {
  const steps = latencyPath(doc, result, node, metric);
  if (steps.length < 2) return null;
  const total = steps[0]!.ms;
  const q = QUANTILE_NAME[QUANTILE[metric]!]!;
  const top = steps.reduce((a, b) => (b.addsMs > a.addsMs ? b : a));
  const path = steps.map((s) => s.label).join(' → ');
  const inRun = which ? ` in ${which}` : '';
  if (total > 0 && top.addsMs > 0.5 * total)
    return `Most of it is ${top.label}: about ${formatMs(top.addsMs)} of the ${q} ${formatMs(total)}${inRun}, on the synchronous path ${path}.`;
  return `It is spread along the synchronous path: ${steps.map((s) => `${s.label} ${formatMs(s.addsMs)}`).join(', ')} (${q}${inRun}, about).`;
}
