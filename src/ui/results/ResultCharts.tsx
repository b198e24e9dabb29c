/** The four result charts of one run: latency, throughput and errors, queue depth, retries. */
import { useMemo } from 'react';
import type { ArchDocument } from '../../model/index.ts';
import type { ResultBands, SimResult } from '../../worker/protocol.ts';
import { latencyBands, meanResult, queueBands } from './bandData.ts';
import { chartMax, failureWindows, latencyChart, queueChart, retriesChart, throughputChart } from './chartData.ts';
import { TimeChart } from './TimeChart.tsx';
import { chartTopN } from './chartTopN.ts';
import { formatCount, formatMs } from './format.ts';

export interface ResultChartsProps {
  result: SimResult;
  doc: ArchDocument;
  highlight?: { fromS: number; toS: number } | null;
  /** Node id whose outcomes the throughput chart shows, or 'e2e'. */
  scope: string;
  /** Renders the scope picker in the throughput chart's title row. */
  scopePicker?: React.ReactNode;
  height?: number;
  /** Only these charts, in this order (compare view). */
  only?: ChartKind[];
  idPrefix?: string;
  /** Shared y-axis tops per chart (compare view). */
  yMax?: Partial<Record<ChartKind, number>>;
  /** Replications: charts show the mean, latency and queue with the 95 % band. */
  bands?: ResultBands;
}

export type ChartKind = 'latency' | 'throughput' | 'queue' | 'retries';

/** The larger y maximum of two runs for each chart kind (end-to-end throughput). */
export function compareChartMax(a: SimResult, b: SimResult): Record<ChartKind, number> {
  const both = (f: (r: SimResult) => number) => Math.max(f(a), f(b));
  return {
    latency: both((r) => chartMax(latencyChart(r))),
    throughput: both((r) => chartMax(throughputChart(r, 'e2e'))),
    queue: both((r) => chartMax(queueChart(r))),
    retries: both((r) => chartMax(retriesChart(r))),
  };
}

export function ResultCharts({
  result: single,
  doc,
  highlight,
  scope,
  scopePicker,
  height,
  only,
  idPrefix = '',
  yMax,
  bands,
}: ResultChartsProps) {
  const result = useMemo(() => (bands ? meanResult(single, bands) : single), [single, bands]);
  const durationS = result.series.total * result.series.bucketS;
  // A live snapshot: failures started live and still in force are drawn up to where the run is.
  const nowS = result.series.filled < result.series.total ? result.series.filled * result.series.bucketS : undefined;
  const windows = useMemo(() => failureWindows(doc, durationS, nowS), [doc, durationS, nowS]);
  // Many sources or nodes: the largest few keep their lines, the rest are one "others" line.
  const latency = useMemo(() => chartTopN(bands ? latencyBands(latencyChart(result), bands) : latencyChart(result)), [result, bands]);
  const throughput = useMemo(() => throughputChart(result, scope), [result, scope]);
  const queue = useMemo(() => chartTopN(bands ? queueBands(queueChart(result), bands) : queueChart(result)), [result, bands]);
  const retries = useMemo(() => chartTopN(retriesChart(result)), [result]);
  const scopeName = scope === 'e2e' ? 'end to end' : (result.nodes[scope]?.label ?? scope);
  const common = { durationS, windows, highlight, height };
  const charts = {
    latency: (
      <TimeChart
        key="latency"
        {...common}
        testId={`${idPrefix}chart-latency`}
        title="End-to-end latency"
        unitLabel={bands ? 'ms, log scale · mean and 95 % band' : 'ms, log scale'}
        model={latency}
        yMax={yMax?.latency}
        format={formatMs}
        log
        empty="No requests finished"
      />
    ),
    throughput: (
      <TimeChart
        key="throughput"
        {...common}
        testId={`${idPrefix}chart-throughput`}
        title={`Throughput · ${scopeName}`}
        unitLabel={`${scope === 'e2e' ? 'requests per second' : 'attempts per second'}${bands ? ' · mean' : ''}`}
        model={throughput}
        yMax={yMax?.throughput}
        format={formatCount}
        extra={scopePicker}
      />
    ),
    queue: (
      <TimeChart
        key="queue"
        {...common}
        testId={`${idPrefix}chart-queue`}
        title="Queue depth"
        unitLabel={bands ? 'waiting, time-averaged · mean and 95 % band' : 'waiting, time-averaged'}
        model={queue}
        yMax={yMax?.queue}
        format={formatCount}
        empty="Nothing queued"
      />
    ),
    retries: (
      <TimeChart
        key="retries"
        {...common}
        testId={`${idPrefix}chart-retries`}
        title="Retries, duplicates, DLQ"
        unitLabel={bands ? 'per second · mean' : 'per second'}
        model={retries}
        yMax={yMax?.retries}
        format={formatCount}
        empty="No retries or duplicates"
      />
    ),
  };
  return (
    <div className={`chart-grid${only ? ' single' : ''}`}>
      {(only ?? (['latency', 'throughput', 'queue', 'retries'] as const)).map((k) => charts[k])}
    </div>
  );
}
