/**
 * Charts with many series stay readable: the N largest elements keep their own lines and the
 * rest fold into one grey "others" line per metric (the maximum for latencies, the sum for
 * counts and rates). Pure; used by ResultCharts on the latency, queue and retries charts.
 */
import type { ChartLine, ChartModel } from './chartData.ts';

export const TOP_SERIES = 5;
const OTHERS_COLOR = '#94a3b8';
const SUFFIX_WORDS: Record<string, string> = { p99: 'p99', p50: 'p50', retries: 'retries', dups: 'duplicates', dlq: 'dead-lettered' };

const groupOf = (l: ChartLine) => l.key.split(':')[0]!;
const suffixOf = (l: ChartLine) => l.key.split(':')[1] ?? '';

/**
 * `m` with at most `n` elements (lines grouped by the id before ":" in their key) plus
 * "others"; unchanged when folding would hide fewer than two elements.
 *
 * @example
 * chartTopN(queueChart(result), 5).lines.map((l) => l.label) // → ['API', 'Queue', …, '7 others']
 */
export function chartTopN(m: ChartModel, n = TOP_SERIES): ChartModel {
  if (m.kind === 'stack') return m;
  const groups = new Map<string, ChartLine[]>();
  for (const l of m.lines) groups.set(groupOf(l), [...(groups.get(groupOf(l)) ?? []), l]);
  if (groups.size <= n + 1) return m;
  const latency = m.unit === 'ms';
  const score = (ls: ChartLine[]) => {
    let s = 0;
    for (const l of ls) for (const v of l.values) if (Number.isFinite(v)) s = latency ? Math.max(s, v) : s + v;
    return s;
  };
  const ranked = [...groups.entries()].sort((a, b) => score(b[1]) - score(a[1]));
  const kept = new Set(ranked.slice(0, n).map(([g]) => g));
  const rest = ranked.slice(n).flatMap(([, ls]) => ls);
  const restCount = groups.size - n;
  const bySuffix = new Map<string, ChartLine[]>();
  for (const l of rest) bySuffix.set(suffixOf(l), [...(bySuffix.get(suffixOf(l)) ?? []), l]);
  const others: ChartLine[] = [...bySuffix.entries()].map(([suffix, ls]) => {
    const values = new Array<number>(m.filled);
    for (let i = 0; i < m.filled; i++) {
      let v = NaN;
      for (const l of ls) {
        const x = l.values[i]!;
        if (Number.isFinite(x)) v = Number.isNaN(v) ? x : latency ? Math.max(v, x) : v + x;
      }
      values[i] = v;
    }
    const word = SUFFIX_WORDS[suffix] ?? suffix;
    return {
      key: `others:${suffix}`,
      label: `${restCount} others${word ? ` ${word}` : ''}${latency ? ' (max)' : ''}`,
      color: OTHERS_COLOR,
      values,
      dashed: ls[0]!.dashed,
    };
  });
  return { ...m, lines: [...m.lines.filter((l) => kept.has(groupOf(l))), ...others] };
}
