/**
 * Theory beside simulation: for every node where the analysis has a closed form, put the
 * analytic expectation next to the simulated value and flag large disagreements — they are
 * modelling surprises worth explaining (retries and timeouts the formula ignores, blocking,
 * non-Poisson arrivals, injected failures, a run too short to settle).
 */
import type { ArchDocument } from '../model/schema.ts';
import type { SimResult } from '../engine/types.ts';
import { analyzeDocument } from './analyzeDocument.ts';
import { SOURCE_KINDS } from '../model/graph.ts';

export interface TheoryRow {
  node: string;
  metric: 'arrivalRps' | 'utilization' | 'waitMs' | 'responseMs' | 'blocking';
  model: string;
  theory: number;
  simulated: number;
  /** |sim − theory| / theory (0 when both are ~0). */
  relDiff: number;
  flagged: boolean;
  why?: string;
}

const REL = 0.2;

/** |a − b| relative to b, with `floor` keeping near-zero theories from exploding the ratio. */
function diff(a: number, b: number, floor: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), floor);
}

/** Nodes reachable downstream of `id`. */
function downstreamOf(doc: ArchDocument, id: string): Set<string> {
  const seen = new Set<string>();
  const stack = [id];
  while (stack.length) {
    const x = stack.pop()!;
    for (const e of doc.edges)
      if (e.source === x && !seen.has(e.target)) {
        seen.add(e.target);
        stack.push(e.target);
      }
  }
  return seen;
}

export function theoryCompare(doc: ArchDocument, r: SimResult): TheoryRow[] {
  const a = analyzeDocument(doc);
  const measuredS = Math.max(1e-9, r.simulatedS - r.warmupS);
  const rows: TheoryRow[] = [];
  const hasFailures = (id: string) => doc.scenario.failures.some((f) => f.target === id);
  const retriesInto = (id: string) => doc.edges.some((e) => e.target === id && (e.params.retry.maxAttempts > 1 || e.params.timeoutMs > 0));
  for (const node of doc.nodes) {
    const load = a.nodes[node.id];
    const n = r.nodes[node.id];
    if (!load || !n || SOURCE_KINDS.includes(node.kind)) continue;
    const reasons: string[] = [];
    if (hasFailures(node.id)) reasons.push('failures are injected here, the formula assumes steady state');
    const below = downstreamOf(doc, node.id);
    const failedBelow = doc.scenario.failures.filter((f) => below.has(f.target)).map((f) => f.target);
    if (failedBelow.length)
      reasons.push(`failures injected downstream (${[...new Set(failedBelow)].join(', ')}) hold its workers longer and cause retries`);
    if (retriesInto(node.id)) reasons.push('timeouts and retries on its callers add attempts the formula does not see');
    if (load.note && /Poisson/.test(load.note)) reasons.push('its arrivals are not Poisson');
    if (load.note && /depends on load/.test(load.note))
      reasons.push('its service time depends on load, which no queueing formula here covers');
    if (load.note && /held for its own work/.test(load.note))
      reasons.push('its workers wait on downstream calls, whose times are estimates');
    if (n.rejected > 0 && !load.expected?.blockingProbability)
      reasons.push('it rejected work (bounded queue or rate limit) that the formula does not model');
    const why = reasons.join('; ') || 'the run may be too short or still warming up — compare replications';
    const model = load.expected?.model ?? 'traffic equations';
    const simRate = n.arrivals / measuredS;
    const push = (metric: TheoryRow['metric'], theory: number, simulated: number, floor: number) => {
      const relDiff = diff(simulated, theory, floor);
      rows.push({
        node: node.id,
        metric,
        model: metric === 'arrivalRps' || metric === 'utilization' ? 'traffic equations' : model,
        theory,
        simulated,
        relDiff,
        flagged: relDiff > REL,
        why: relDiff > REL ? why : undefined,
      });
    };
    push('arrivalRps', load.arrivalRps, simRate, 1);
    // Blocked arrivals do no work: the busy fraction is ρ(1 − P_K).
    const blocking = load.expected?.blockingProbability ?? 0;
    if (load.utilization !== null && n.workers > 0)
      push('utilization', Math.min(load.utilization * (1 - blocking), 1), n.utilization, 0.02);
    const e = load.expected;
    if (e && (load.utilization ?? 1) < 1) {
      if (n.workers > 0) push('waitMs', e.waitMs, n.waitMs, 1);
      const leaf = !doc.edges.some((x) => x.source === node.id);
      if (leaf && n.completed > 0) push('responseMs', e.responseMs, n.latencyMs.mean, 1);
      if (e.blockingProbability !== undefined && n.arrivals > 0) push('blocking', e.blockingProbability, n.rejected / n.arrivals, 0.005);
    }
  }
  return rows;
}
