/** Pure: the key metrics of two runs side by side, for the compare view. */
import type { SimResult } from '../../worker/protocol.ts';

export type MetricFormat = 'percent' | 'ms' | 'count' | 'rate';
/** `better`: which direction is an improvement (for colouring the change). */
export interface CompareRow {
  group: string;
  metric: string;
  a: number | null;
  b: number | null;
  format: MetricFormat;
  better: 'up' | 'down';
}

/**
 * Per source: success ratio, goodput, p50, p99. Per node: errors, timeouts, rejected,
 * duplicates, DLQ, max queue (rows where both runs are zero are left out).
 */
export function compareRows(a: SimResult, b: SimResult): CompareRow[] {
  const rows: CompareRow[] = [];
  const label = (id: string) => b.nodes[id]?.label ?? a.nodes[id]?.label ?? id;
  const sources = [...new Set([...Object.keys(a.sources), ...Object.keys(b.sources)])];
  for (const id of sources) {
    const sa = a.sources[id],
      sb = b.sources[id];
    rows.push(
      {
        group: label(id),
        metric: 'success ratio',
        a: sa?.successRatio ?? null,
        b: sb?.successRatio ?? null,
        format: 'percent',
        better: 'up',
      },
      { group: label(id), metric: 'goodput', a: sa?.goodputRps ?? null, b: sb?.goodputRps ?? null, format: 'rate', better: 'up' },
      { group: label(id), metric: 'p50', a: sa?.latencyMs.p50 ?? null, b: sb?.latencyMs.p50 ?? null, format: 'ms', better: 'down' },
      { group: label(id), metric: 'p99', a: sa?.latencyMs.p99 ?? null, b: sb?.latencyMs.p99 ?? null, format: 'ms', better: 'down' },
    );
  }
  const nodes = [...new Set([...Object.keys(a.nodes), ...Object.keys(b.nodes)])].filter((id) => !sources.includes(id));
  const metrics = [
    ['errors', (r: SimResult, id: string) => r.nodes[id]?.errors],
    ['timeouts', (r: SimResult, id: string) => r.nodes[id]?.timeouts],
    ['rejected', (r: SimResult, id: string) => r.nodes[id]?.rejected],
    ['duplicates', (r: SimResult, id: string) => r.nodes[id]?.duplicates],
    ['dead-lettered', (r: SimResult, id: string) => r.nodes[id]?.dlq],
    ['max queue', (r: SimResult, id: string) => r.nodes[id]?.queue.max],
  ] as const;
  for (const id of nodes) {
    for (const [metric, get] of metrics) {
      const va = get(a, id) ?? null,
        vb = get(b, id) ?? null;
      if (!va && !vb) continue;
      rows.push({ group: label(id), metric, a: va, b: vb, format: 'count', better: 'down' });
    }
  }
  return rows;
}

/** 'better' | 'worse' | 'same' for a row (relative change under 1 % counts as the same). */
export function compareVerdict(r: CompareRow): 'better' | 'worse' | 'same' {
  if (r.a === null || r.b === null) return 'same';
  const scale = Math.max(Math.abs(r.a), Math.abs(r.b));
  if (scale === 0 || Math.abs(r.b - r.a) / scale < 0.01) return 'same';
  return r.b > r.a === (r.better === 'up') ? 'better' : 'worse';
}
