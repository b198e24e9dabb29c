/**
 * Replications on the charts: the mean of every series stands in for a single run's series
 * (so every chart can draw it), and the latency and queue charts get the 95 % band around
 * the mean. Pure transforms; the bands themselves are computed in the worker.
 */
import type { Band, ResultBands, SeriesMetric, SimResult, SourceSeriesMetric } from '../../worker/protocol.ts';
import type { ChartLine, ChartModel } from './chartData.ts';

const means = <K extends string>(group: Record<K, Band>): Record<K, Float64Array> =>
  Object.fromEntries(Object.entries(group).map(([k, b]) => [k, (b as Band).mean])) as Record<K, Float64Array>;

/** `result` with its series replaced by the per-bucket means across replications. */
export function meanResult(result: SimResult, bands: ResultBands): SimResult {
  return {
    ...result,
    series: {
      bucketS: bands.bucketS,
      filled: bands.filled,
      total: bands.total,
      nodes: Object.fromEntries(Object.entries(bands.nodes).map(([id, g]) => [id, means<SeriesMetric>(g)])),
      sources: Object.fromEntries(Object.entries(bands.sources).map(([id, g]) => [id, means<SourceSeriesMetric>(g)])),
    },
  };
}

function bandOf(line: ChartLine, band: Band | undefined, filled: number): ChartLine {
  if (!band) return line;
  const lo = new Array<number>(filled),
    hi = new Array<number>(filled);
  for (let i = 0; i < filled; i++) {
    // Where the mean line has a gap, so has the band.
    const ok = Number.isFinite(line.values[i]);
    lo[i] = ok ? band.lo[i]! : NaN;
    hi[i] = ok ? band.hi[i]! : NaN;
  }
  return { ...line, band: { lo, hi } };
}

/** Latency lines (keys `<source>:p50|p99`, from `latencyChart(meanResult(…))`) with their bands. */
export function latencyBands(model: ChartModel, bands: ResultBands): ChartModel {
  return {
    ...model,
    lines: model.lines.map((l) => {
      const [id, metric] = l.key.split(':') as [string, SourceSeriesMetric];
      return bandOf(l, bands.sources[id]?.[metric], model.filled);
    }),
  };
}

/** Queue lines (key = node id, from `queueChart(meanResult(…))`) with their bands. */
export function queueBands(model: ChartModel, bands: ResultBands): ChartModel {
  return { ...model, lines: model.lines.map((l) => bandOf(l, bands.nodes[l.key]?.queueMean, model.filled)) };
}
