import { describe, expect, it } from 'vitest';
import type { Band, ResultBands } from '../../worker/protocol.ts';
import { chartMax, latencyChart, queueChart, throughputChart } from './chartData.ts';
import { latencyBands, meanResult, queueBands } from './bandData.ts';
import { makeResult } from './testResult.ts';
import { SERIES_METRICS } from './seriesMetrics.ts';

const f = (xs: number[]) => Float64Array.from(xs);
const band = (mean: number[], half: number[]): Band => ({
  mean: f(mean),
  lo: f(mean.map((m, i) => m - half[i]!)),
  hi: f(mean.map((m, i) => m + half[i]!)),
});
const zero = () => band([0, 0, 0, 0], [0, 0, 0, 0]);

function bands(): ResultBands {
  const api = Object.fromEntries(SERIES_METRICS.map((m) => [m, zero()])) as ResultBands['nodes'][string];
  api.queueMean = band([0, 2, 8, 1], [0, 1, 3, 0.5]);
  api.completed = band([100, 90, 50, 10], [1, 1, 1, 1]);
  return {
    bucketS: 10,
    filled: 4,
    total: 4,
    nodes: { api },
    sources: {
      client: {
        requests: band([100, 100, 100, 100], [0, 0, 0, 0]),
        succeeded: band([100, 90, 0, 50], [2, 2, 0, 2]),
        failed: band([0, 10, 0, 0], [0, 1, 0, 0]),
        p50: band([5, 6, NaN, 7], [1, 1, NaN, 1]),
        p99: band([20, 30, NaN, 40], [4, 6, NaN, 10]),
      },
    },
  };
}

const single = () =>
  makeResult({
    nodes: { api: { label: 'API', series: { queueMean: [9, 9, 9, 9] } } },
    sources: { client: { succeeded: [1, 1, 1, 1], p50: [99, 99, 99, 99], p99: [999, 999, 999, 999] } },
  });

describe('replication bands on the charts', () => {
  it('meanResult: every series becomes the per-bucket mean across replications', () => {
    const r = meanResult(single(), bands());
    expect(Array.from(r.series.nodes.api!.queueMean)).toEqual([0, 2, 8, 1]);
    expect(Array.from(r.series.sources.client!.succeeded)).toEqual([100, 90, 0, 50]);
    // Charts built from it show the means (the stacked throughput of the mean run, per second).
    expect(throughputChart(r, 'e2e').lines[0]!.values).toEqual([10, 9, 0, 5]);
  });

  it('latency: mean line with its 95 % band; a bucket where nothing finished is a gap in both', () => {
    const b = bands();
    const m = latencyBands(latencyChart(meanResult(single(), b)), b);
    const p99 = m.lines.find((l) => l.key === 'client:p99')!;
    expect(p99.values).toEqual([20, 30, NaN, 40]);
    expect(p99.band).toEqual({ lo: [16, 24, NaN, 30], hi: [24, 36, NaN, 50] });
    // The y axis makes room for the top of the band.
    expect(chartMax(m)).toBe(50);
  });

  it('queue: the band of the time-averaged queue per node', () => {
    const b = bands();
    const m = queueBands(queueChart(meanResult(single(), b)), b);
    expect(m.lines.map((l) => l.key)).toEqual(['api']);
    expect(m.lines[0]!.band).toEqual({ lo: [0, 1, 5, 0.5], hi: [0, 3, 11, 1.5] });
    expect(chartMax(m)).toBe(11);
  });
});
