import { describe, expect, it } from 'vitest';
import { parseDocument, formatErrors } from '../../model/index.ts';
import type { ReplicationSummary } from '../../worker/protocol.ts';
import { sweepLines, sweepParams, sweepTable, sweepVerdict } from './sweepData.ts';

function doc() {
  const r = parseDocument({
    version: 1,
    nodes: [
      { id: 'clients', kind: 'client', label: 'Clients', position: { x: 0, y: 0 }, params: { rateRps: 750 } },
      {
        id: 'api',
        kind: 'service',
        label: 'API',
        position: { x: 200, y: 0 },
        params: { workers: 10, serviceTime: { type: 'exponential', meanMs: 10 } },
      },
    ],
    edges: [{ id: 'clients-api', source: 'clients', target: 'api', params: { timeoutMs: 200, retry: { maxAttempts: 4 } } }],
  });
  if (!r.ok) throw new Error(formatErrors(r.errors));
  return r.doc;
}

/** A summary point as the worker sends it: means with `…Ci95` beside them. */
const point = (goodput: number, p99: number, success = 1, h = 0): ReplicationSummary =>
  ({
    sources: {
      clients: {
        goodputRps: goodput,
        goodputRpsCi95: h,
        successRatio: success,
        successRatioCi95: 0,
        latencyMs: { p50: p99 / 4, p50Ci95: 0, p99, p99Ci95: h },
      },
    },
  }) as unknown as ReplicationSummary;

describe('sweep parameters from the document', () => {
  it('lists client rates when nothing is selected', () => {
    expect(sweepParams(doc(), [], [])).toEqual([
      { path: 'nodes.clients.params.rateRps', label: 'Rate', unit: 'req/s', value: 750, group: 'Clients' },
    ]);
  });

  it('lists the numeric parameters of the selected node and edge, nested ones with their group name', () => {
    const ps = sweepParams(doc(), ['api'], ['clients-api']);
    const paths = ps.map((p) => p.path);
    expect(paths).toContain('nodes.api.params.workers');
    expect(paths).toContain('nodes.api.params.serviceTime.meanMs');
    expect(paths).toContain('edges.clients-api.params.timeoutMs');
    expect(paths).toContain('edges.clients-api.params.retry.maxAttempts');
    expect(paths.at(-1)).toBe('nodes.clients.params.rateRps');
    expect(ps.find((p) => p.path.endsWith('retry.maxAttempts'))).toMatchObject({
      label: 'retry max attempts',
      unit: null,
      value: 4,
      group: 'Clients → API',
    });
    expect(ps.find((p) => p.path.endsWith('serviceTime.meanMs'))).toMatchObject({ label: 'service time mean', unit: 'ms', value: 10 });
    // No strings or enums: only what a sweep can set.
    expect(ps.every((p) => typeof p.value === 'number')).toBe(true);
  });
});

describe('sweep points', () => {
  const values = [600, 800, 1000, 1200, 1400];
  const points = [point(600, 40), point(800, 50), point(990, 110, 0.99, 8), point(700, 900, 0.6), point(150, 2000, 0.1)];

  it('latency lines: p99 and p50 per value with the interval', () => {
    const [p99, p50] = sweepLines(values, points, 'latency', 'clients', true);
    expect(p99!.points[2]).toEqual({ x: 1000, y: 110, lo: 102, hi: 118 });
    expect(p50!.points.map((p) => p.y)).toEqual([10, 12.5, 27.5, 225, 500]);
  });

  it('goodput beside the offered load; success ratio in percent', () => {
    const g = sweepLines(values, points, 'goodput', 'clients', true);
    expect(g.map((l) => l.key)).toEqual(['goodput', 'offered']);
    expect(g[1]!.points.map((p) => p.y)).toEqual(values);
    expect(sweepLines(values, points, 'goodput', 'clients', false).map((l) => l.key)).toEqual(['goodput']);
    expect(sweepLines(values, points, 'success', 'clients', false)[0]!.points[3]!.y).toBeCloseTo(60, 9);
  });

  it('verdict: goodput peaks at 1000 and collapses above it; p99 leaves 3× its low-load value after 1000', () => {
    expect(sweepVerdict(values, points, 'clients')).toEqual({
      peak: { x: 1000, goodput: 990 },
      collapse: { x: 1200, goodput: 700 },
      knee: { x: 1000, p99: 110 },
    });
  });

  it('verdict: no collapse and no knee on a healthy curve', () => {
    const v = sweepVerdict([1, 2, 3], [point(10, 40), point(20, 41), point(30, 45)], 'clients');
    expect(v).toEqual({ peak: { x: 3, goodput: 30 }, collapse: null, knee: null });
  });

  it('table: one row per value with mean and half-width', () => {
    const t = sweepTable(values, points, 'clients');
    expect(t).toHaveLength(5);
    expect(t[2]).toMatchObject({ x: 1000, goodput: { y: 990, h: 8 }, p99: { y: 110, h: 8 } });
  });
});
