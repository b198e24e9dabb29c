import { describe, expect, it } from 'vitest';
import type { ReplicationSummary } from '../../worker/protocol.ts';
import { formatCell, metricGroups } from './metricsData.ts';
import { makeResult } from './testResult.ts';

const result = () => {
  const r = makeResult({
    nodes: {
      client: { label: 'Clients', kind: 'client' },
      api: { label: 'API', workers: 4, utilization: 0.8, errors: 3, queue: { mean: 2.5, max: 9 } },
      cache: { label: 'Cache', workers: 0 },
    },
  });
  r.sources = {
    client: {
      requests: 100,
      succeeded: 99,
      failed: 1,
      successRatio: 0.99,
      goodputRps: 9.9,
      latencyMs: { count: 100, mean: 50, p50: 40, p90: 80, p99: 212, p999: 300, max: 400 },
    },
  };
  return r;
};

describe('key metrics', () => {
  it('single run: plain values per source and node, utilization only where there are workers', () => {
    const g = metricGroups(result());
    expect(g.map((x) => `${x.kind}:${x.id}`)).toEqual(['source:client', 'node:api', 'node:cache']);
    expect(g[0]!.cells.map((c) => [c.label, c.mean, c.ci95])).toEqual([
      ['Success ratio', 0.99, null],
      ['Goodput', 9.9, null],
      ['p50', 40, null],
      ['p99', 212, null],
    ]);
    expect(g[1]!.cells.map((c) => c.label)).toEqual(['Utilization', 'Queue', 'p99', 'Errors', 'Rejected', 'Duplicates']);
    expect(g[1]!.cells[1]!.mean).toBe(2.5);
    expect(g[2]!.cells.map((c) => c.label)).not.toContain('Utilization');
  });

  it('replications: means with the half-width beside each, including nested fields', () => {
    const summary = {
      replications: 10,
      sources: {
        client: {
          successRatio: 0.98,
          successRatioCi95: 0.004,
          goodputRps: 1000,
          goodputRpsCi95: 12,
          latencyMs: { p50: 40, p50Ci95: 1, p99: 212, p99Ci95: 9.1 },
        },
      },
      nodes: {
        api: {
          utilization: 0.81,
          utilizationCi95: 0.01,
          queue: { mean: 2.4, meanCi95: 0.3 },
          latencyMs: { p99: 90, p99Ci95: 4 },
          errors: 3,
          errorsCi95: 1.5,
          rejected: 40,
          rejectedCi95: 6,
          duplicates: 0,
          duplicatesCi95: 0,
        },
        cache: {},
      },
    } as unknown as ReplicationSummary;
    const g = metricGroups(result(), summary);
    const p99 = g[0]!.cells.find((c) => c.key === 'latencyMs.p99')!;
    expect(formatCell(p99)).toBe('212 ± 9.1 ms');
    expect(formatCell(g[0]!.cells[0]!)).toBe('98 ± 0.4 %');
    expect(formatCell(g[0]!.cells[1]!)).toBe('1,000 ± 12 req/s');
    expect(formatCell(g[1]!.cells[1]!)).toBe('2.4 ± 0.3');
    expect(formatCell(g[1]!.cells[4]!)).toBe('40 ± 6');
    expect(formatCell(g[1]!.cells[5]!)).toBe('0 ± 0');
  });

  it('formats large latencies in seconds and missing values as a dash', () => {
    expect(formatCell({ unit: 'ms', mean: 2500, ci95: 130 })).toBe('2.5 ± 0.13 s');
    expect(formatCell({ unit: 'ms', mean: NaN, ci95: null })).toBe('–');
    expect(formatCell({ unit: 'percent', mean: 0.99987, ci95: null })).toBe('99.987 %');
  });
});
