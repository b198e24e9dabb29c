/**
 * documentCost: a design's monthly bill from its kinds' cost models (src/kinds/<kind>/cost.ts),
 * given each node's traffic: measured arrivals from a run, or the analysis' expected rates.
 * Pure: imports the model and the kind registry (descriptors only, no engine).
 */
import type { ArchDocument, DocNode } from '../model/index.ts';
import { kindDef } from '../kinds/registry.ts';
import type { CostEnv, CostLine } from '../kinds/types.ts';

export interface NodeCost {
  id: string;
  label: string;
  kind: string;
  usdPerMonth: number;
  lines: CostLine[];
}

export interface DocumentCost {
  usdPerMonth: number;
  /** Nodes with a bill, most expensive first. */
  nodes: NodeCost[];
}

export const DEFAULT_COST_ENV: CostEnv = { bytesPerRecord: 1_000, retentionDays: 30 };

function nodeLines(n: DocNode, arrivalRps: number, env: CostEnv): CostLine[] {
  const cost = kindDef(n.kind).cost as (p: unknown, u: { arrivalRps: number }, e: CostEnv) => CostLine[];
  return cost(n.params, { arrivalRps }, env);
}

/** `rps(id)`: attempts per second arriving at node `id` (0 when unknown). */
export function documentCost(doc: ArchDocument, rps: (id: string) => number, env: CostEnv = DEFAULT_COST_ENV): DocumentCost {
  const nodes = doc.nodes
    .map((n) => {
      const lines = nodeLines(n, Math.max(0, rps(n.id) || 0), env);
      return { id: n.id, label: n.label || n.id, kind: n.kind, usdPerMonth: lines.reduce((a, l) => a + l.usdPerMonth, 0), lines };
    })
    .filter((n) => n.lines.length > 0)
    .sort((a, b) => b.usdPerMonth - a.usdPerMonth);
  return { usdPerMonth: nodes.reduce((a, n) => a + n.usdPerMonth, 0), nodes };
}

/** "$1,234/month", "$12.30/month". */
export function usdText(usd: number): string {
  return `$${usd >= 100 ? Math.round(usd).toLocaleString('en-US') : usd.toFixed(2)}`;
}

/** The traffic a run measured, as much of a result as pricing needs. */
export interface MeasuredTraffic {
  simulatedS: number;
  warmupS: number;
  nodes: Record<string, { arrivals: number }>;
}

/**
 * What a run's design costs per month at the traffic the run measured (arrivals per second after
 * warm-up, scaled to a 730-hour month). Storage uses `env` (the default: 1 KB records kept 30 days).
 */
export function runCost(doc: ArchDocument, run: MeasuredTraffic, env: CostEnv = DEFAULT_COST_ENV): DocumentCost {
  const s = Math.max(1e-9, run.simulatedS - run.warmupS);
  return documentCost(doc, (id) => (run.nodes[id]?.arrivals ?? 0) / s, env);
}
