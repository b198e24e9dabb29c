/**
 * Sweep transforms: which numeric parameters of a design can be swept (derived from the
 * document itself, the worker validates the chosen path), and the points a sweep chart and
 * table show — per value, the mean and 95 % interval of a metric — plus the sentence a user
 * can defend: where goodput peaks and where the system collapses, where latency turns up.
 */
import type { ArchDocument } from '../../model/index.ts';
import type { ReplicationSummary } from '../../worker/protocol.ts';
import { fieldLabel } from '../panels/schemaFields.ts';

export interface SweepParam {
  path: string;
  label: string;
  unit: string | null;
  value: number;
  group: string;
}

function numericLeaves(value: unknown, prefix: string[], out: { keys: string[]; value: number }[]): void {
  if (typeof value === 'number') {
    out.push({ keys: prefix, value });
    return;
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) numericLeaves(v, [...prefix, k], out);
  }
}

/**
 * The numeric parameters of the selected node and edge, then every client's arrival rate.
 * Paths are `nodes.<id>.params.…` / `edges.<id>.params.…`, as the engine's sweepPath reads them.
 */
export function sweepParams(doc: ArchDocument, nodeIds: readonly string[], edgeIds: readonly string[]): SweepParam[] {
  const out: SweepParam[] = [];
  const seen = new Set<string>();
  const add = (p: SweepParam) => {
    if (!seen.has(p.path)) {
      seen.add(p.path);
      out.push(p);
    }
  };
  const nodeName = (id: string) => doc.nodes.find((n) => n.id === id)?.label || id;
  const leaves = (params: unknown, base: string, group: string) => {
    const found: { keys: string[]; value: number }[] = [];
    numericLeaves(params, [], found);
    for (const { keys, value } of found) {
      const { label, unit } = fieldLabel(keys[keys.length - 1]!);
      const parents = keys.slice(0, -1).map((k) => fieldLabel(k).label.toLowerCase());
      add({
        path: `${base}.params.${keys.join('.')}`,
        label: [...parents, parents.length ? label.toLowerCase() : label].join(' '),
        unit,
        value,
        group,
      });
    }
  };
  for (const id of nodeIds) {
    const n = doc.nodes.find((x) => x.id === id);
    if (n) leaves(n.params, `nodes.${id}`, nodeName(id));
  }
  for (const id of edgeIds) {
    const e = doc.edges.find((x) => x.id === id);
    if (e) leaves(e.params, `edges.${id}`, `${nodeName(e.source)} → ${nodeName(e.target)}`);
  }
  for (const n of doc.nodes) {
    const rate = (n.params as Record<string, unknown>).rateRps;
    if (n.kind === 'client' && typeof rate === 'number')
      add({ path: `nodes.${n.id}.params.rateRps`, label: 'Rate', unit: 'req/s', value: rate, group: nodeName(n.id) });
  }
  return out;
}

export type SweepMetric = 'latency' | 'goodput' | 'success';
export interface SweepPoint {
  x: number;
  y: number;
  lo: number;
  hi: number;
}
export interface SweepLine {
  key: string;
  label: string;
  color: string;
  points: SweepPoint[];
  dashed?: boolean;
}

type Numeric = Record<string, unknown>;
function meanCi(obj: Numeric | undefined, path: string): { y: number; h: number } {
  const parts = path.split('.');
  let o: unknown = obj;
  for (const p of parts.slice(0, -1)) o = (o as Numeric | undefined)?.[p];
  const last = parts[parts.length - 1]!;
  const y = Number((o as Numeric | undefined)?.[last] ?? NaN);
  const h = Number((o as Numeric | undefined)?.[`${last}Ci95`] ?? NaN);
  return { y, h: Number.isFinite(h) ? h : 0 };
}

function line(
  key: string,
  label: string,
  color: string,
  values: number[],
  points: ReplicationSummary[],
  source: string,
  path: string,
  scale = 1,
): SweepLine {
  return {
    key,
    label,
    color,
    points: values.map((x, i) => {
      const { y, h } = meanCi(points[i]!.sources[source], path);
      return { x, y: y * scale, lo: (y - h) * scale, hi: (y + h) * scale };
    }),
  };
}

/** The lines a sweep chart draws for one source: p50 and p99; goodput (and the offered load); success. */
export function sweepLines(
  values: number[],
  points: ReplicationSummary[],
  metric: SweepMetric,
  source: string,
  offered: boolean,
): SweepLine[] {
  switch (metric) {
    case 'latency':
      return [
        line('p99', 'p99', '#dc2626', values, points, source, 'latencyMs.p99'),
        line('p50', 'p50', '#4f46e5', values, points, source, 'latencyMs.p50'),
      ];
    case 'goodput': {
      const out = [line('goodput', 'goodput', '#16a34a', values, points, source, 'goodputRps')];
      if (offered)
        out.push({
          key: 'offered',
          label: 'offered load',
          color: '#94a3b8',
          dashed: true,
          points: values.map((x) => ({ x, y: x, lo: x, hi: x })),
        });
      return out;
    }
    case 'success':
      return [line('success', 'success ratio', '#0891b2', values, points, source, 'successRatio', 100)];
  }
}

/** One table row per value: the source's success, goodput, p50, p99 (mean and half-width). */
export function sweepTable(values: number[], points: ReplicationSummary[], source: string) {
  return values.map((x, i) => {
    const s = points[i]!.sources[source];
    return {
      x,
      success: meanCi(s, 'successRatio'),
      goodput: meanCi(s, 'goodputRps'),
      p50: meanCi(s, 'latencyMs.p50'),
      p99: meanCi(s, 'latencyMs.p99'),
    };
  });
}

export interface SweepVerdict {
  /** Value with the highest goodput and that goodput. */
  peak: { x: number; goodput: number };
  /** First value after the peak whose goodput is below 80 % of the peak, if any. */
  collapse: { x: number; goodput: number } | null;
  /** Last value where p99 is within 3× of the first value's p99 (the hockey stick's knee), if it ever leaves it. */
  knee: { x: number; p99: number } | null;
}

export function sweepVerdict(values: number[], points: ReplicationSummary[], source: string): SweepVerdict | null {
  const rows = sweepTable(values, points, source);
  if (!rows.length) return null;
  let k = 0;
  rows.forEach((r, i) => {
    if (r.goodput.y > rows[k]!.goodput.y) k = i;
  });
  const after = rows.slice(k + 1).find((r) => r.goodput.y < 0.8 * rows[k]!.goodput.y);
  const base = rows[0]!.p99.y;
  const firstHigh = rows.findIndex((r) => r.p99.y > 3 * base);
  const knee = firstHigh > 0 ? rows[firstHigh - 1]! : null;
  return {
    peak: { x: rows[k]!.x, goodput: rows[k]!.goodput.y },
    collapse: after ? { x: after.x, goodput: after.goodput.y } : null,
    knee: knee ? { x: knee.x, p99: knee.p99.y } : null,
  };
}
