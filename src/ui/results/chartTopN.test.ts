import { describe, expect, it } from 'vitest';
import type { ChartModel } from './chartData.ts';
import { chartTopN } from './chartTopN.ts';

const lines = (n: number, suffixes: string[] = [''], unit = ''): ChartModel => ({
  kind: 'lines',
  unit,
  bucketS: 1,
  filled: 2,
  lines: Array.from({ length: n }).flatMap((_, i) =>
    suffixes.map((s) => ({ key: s ? `n${i}:${s}` : `n${i}`, label: `N${i} ${s}`, color: '#000', values: [i, i + 1] })),
  ),
});

describe('chartTopN', () => {
  it('keeps the largest N and sums the rest into one "others" line', () => {
    const m = chartTopN(lines(12), 5);
    expect(m.lines.map((l) => l.key)).toEqual(['n7', 'n8', 'n9', 'n10', 'n11', 'others:']);
    const others = m.lines.at(-1)!;
    expect(others.label).toBe('7 others');
    expect(others.values).toEqual([0 + 1 + 2 + 3 + 4 + 5 + 6, 1 + 2 + 3 + 4 + 5 + 6 + 7]);
  });

  it('folds latencies by their maximum, one "others" line per percentile', () => {
    const m = chartTopN(lines(8, ['p99', 'p50'], 'ms'), 5);
    expect(m.lines).toHaveLength(5 * 2 + 2);
    expect(m.lines.at(-2)).toMatchObject({ key: 'others:p99', label: '3 others p99 (max)', values: [2, 3] });
  });

  it('leaves a chart alone when at most one element would be folded', () => {
    const m = lines(6);
    expect(chartTopN(m, 5)).toBe(m);
  });
});
