import { describe, expect, it } from 'vitest';
import { compareRows, compareVerdict } from './compareData.ts';
import { makeResult } from './testResult.ts';

const lat = (p50: number, p99: number) => ({ count: 1, mean: p50, p50, p90: p99, p99, p999: p99, max: p99 });

describe('compare runs', () => {
  const a = makeResult({ nodes: { c: { label: 'Client' }, db: { label: 'DB', duplicates: 12, errors: 0 } } });
  a.sources = { c: { requests: 100, succeeded: 90, failed: 10, successRatio: 0.9, goodputRps: 9, latencyMs: lat(5, 50) } };
  const b = makeResult({ nodes: { c: { label: 'Client' }, db: { label: 'DB', duplicates: 0, errors: 0 } } });
  b.sources = { c: { requests: 100, succeeded: 99, failed: 1, successRatio: 0.99, goodputRps: 9.9, latencyMs: lat(5, 80) } };

  it('lists source metrics, then node metrics that are non-zero in either run', () => {
    const rows = compareRows(a, b);
    expect(rows.map((r) => `${r.group} ${r.metric}`)).toEqual([
      'Client success ratio',
      'Client goodput',
      'Client p50',
      'Client p99',
      'DB duplicates',
    ]);
    expect(rows[4]).toMatchObject({ a: 12, b: 0 });
  });

  it('judges each change by the metric direction', () => {
    const rows = compareRows(a, b);
    expect(rows.map(compareVerdict)).toEqual(['better', 'better', 'same', 'worse', 'better']);
  });
});
