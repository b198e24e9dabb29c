/** Pure exports of a run: the result as JSON (series as plain arrays) and per-node series as CSV. */
import type { ArchDocument } from '../../model/index.ts';
import type { SimResult } from '../../worker/protocol.ts';
import { SERIES_METRICS } from './seriesMetrics.ts';

/** The run as a JSON text: `{ type, label, document, result }`, Float64Arrays as arrays. */
export function resultToJson(result: SimResult, doc: ArchDocument, label: string): string {
  return JSON.stringify(
    { type: 'archsim/result', label, document: doc, result },
    (_k, v: unknown) => (v instanceof Float64Array ? Array.from(v.subarray(0, result.series.filled)) : v),
    2,
  );
}

const csvCell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const num = (v: number) => (Number.isFinite(v) ? String(+v.toPrecision(10)) : '');

/** One row per node per bucket: time_s (bucket start), node, label, then every series metric. */
export function seriesToCsv(result: SimResult): string {
  const { bucketS, filled, nodes } = result.series;
  const rows = [['time_s', 'node', 'label', ...SERIES_METRICS].join(',')];
  for (const [id, s] of Object.entries(nodes)) {
    const label = result.nodes[id]?.label ?? id;
    for (let i = 0; i < filled; i++) {
      rows.push([num(i * bucketS), csvCell(id), csvCell(label), ...SERIES_METRICS.map((m) => num(s[m][i]!))].join(','));
    }
  }
  return rows.join('\n') + '\n';
}
