/**
 * The key numbers of a run, per source and per node, as "mean ± 95 % half-width" when the run
 * is a set of replications (from the worker's summary) or as plain values for a single run.
 */
import type { ReplicationSummary, SimResult } from '../../worker/protocol.ts';
import { formatInt } from '../../lib/formatNumber.ts';

export type MetricUnit = 'ms' | 'percent' | 'rps' | 'count' | 'plain';
export interface MetricCell {
  key: string;
  label: string;
  unit: MetricUnit;
  mean: number;
  ci95: number | null;
}
export interface MetricGroup {
  id: string;
  label: string;
  kind: 'source' | 'node';
  cells: MetricCell[];
}

type Numeric = Record<string, unknown>;

/** The value at a dotted path in a summary object and the `…Ci95` beside it. */
function pick(obj: Numeric | undefined, path: string): { mean: number; ci95: number } {
  const parts = path.split('.');
  let o: unknown = obj;
  for (const p of parts.slice(0, -1)) o = (o as Numeric | undefined)?.[p];
  const last = parts[parts.length - 1]!;
  const rec = o as Numeric | undefined;
  return { mean: Number(rec?.[last] ?? NaN), ci95: Number(rec?.[`${last}Ci95`] ?? NaN) };
}

const SOURCE_METRICS: [path: string, label: string, unit: MetricUnit][] = [
  ['successRatio', 'Success ratio', 'percent'],
  ['goodputRps', 'Goodput', 'rps'],
  ['latencyMs.p50', 'p50', 'ms'],
  ['latencyMs.p99', 'p99', 'ms'],
];
const NODE_METRICS: [path: string, label: string, unit: MetricUnit][] = [
  ['utilization', 'Utilization', 'percent'],
  ['queue.mean', 'Queue', 'plain'],
  ['latencyMs.p99', 'p99', 'ms'],
  ['errors', 'Errors', 'count'],
  // Refused at the door: a full queue, a rate limit, load shedding (a concurrency limit, a queue timeout).
  ['rejected', 'Rejected', 'count'],
  ['duplicates', 'Duplicates', 'count'],
];

/** Per-source then per-node metric groups; `summary` gives means and half-widths. */
export function metricGroups(result: SimResult, summary?: ReplicationSummary): MetricGroup[] {
  const groups: MetricGroup[] = [];
  const cell = (src: Numeric | undefined, [path, label, unit]: (typeof SOURCE_METRICS)[number]): MetricCell => {
    const v = pick(src, path);
    return { key: path, label, unit, mean: v.mean, ci95: summary ? v.ci95 : null };
  };
  for (const id of Object.keys(result.sources)) {
    const src = (summary ? summary.sources[id] : result.sources[id]) as Numeric | undefined;
    groups.push({ id, label: result.nodes[id]?.label ?? id, kind: 'source', cells: SOURCE_METRICS.map((m) => cell(src, m)) });
  }
  for (const [id, n] of Object.entries(result.nodes)) {
    if (result.sources[id]) continue;
    const src = (summary ? summary.nodes[id] : n) as Numeric | undefined;
    // Utilization means nothing for nodes without workers; queues only for nodes that queue.
    const metrics = NODE_METRICS.filter(([p]) => p !== 'utilization' || n.workers > 0);
    groups.push({ id, label: n.label, kind: 'node', cells: metrics.map((m) => cell(src, m)) });
  }
  return groups;
}

const sig = (v: number, digits: number) => +v.toPrecision(digits);
const grouped = (v: number) => (Math.abs(v) >= 1000 ? formatInt(v) : String(sig(v, 3)));

/** "212 ± 9.1 ms", "99.2 ± 0.31 %", "1,234 ± 56 req/s"; without a half-width, the value alone. */
export function formatCell(c: Pick<MetricCell, 'unit' | 'mean' | 'ci95'>): string {
  if (!Number.isFinite(c.mean)) return '–';
  let scale = 1,
    unit = '';
  switch (c.unit) {
    case 'ms':
      if (Math.abs(c.mean) >= 1000) {
        scale = 1 / 1000;
        unit = ' s';
      } else unit = ' ms';
      break;
    case 'percent':
      scale = 100;
      unit = ' %';
      break;
    case 'rps':
      unit = ' req/s';
      break;
    default:
      break;
  }
  const m = c.mean * scale;
  const mean = c.unit === 'percent' && m > 99.9 && m < 100 ? String(sig(m, 5)) : grouped(m);
  if (c.ci95 === null || !Number.isFinite(c.ci95)) return `${mean}${unit}`;
  const h = c.ci95 * scale;
  return `${mean} ± ${h === 0 ? '0' : grouped(sig(h, 2))}${unit}`;
}
