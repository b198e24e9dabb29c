import { describe, expect, it } from 'vitest';
import { parseDocument, formatErrors } from '../../model/index.ts';
import {
  bucketAt,
  chartMax,
  failureWindows,
  latencyChart,
  queueChart,
  retriesChart,
  stackLayers,
  throughputChart,
  throughputDefaultScope,
  windowLabelLayout,
} from './chartData.ts';
import { makeResult } from './testResult.ts';

const result = () =>
  makeResult({
    nodes: {
      client: { label: 'Clients', kind: 'client' },
      api: {
        label: 'API',
        errors: 3,
        series: { completed: [100, 100, 50, 0], errors: [0, 0, 20, 10], timeouts: [0, 10, 0, 0], queueMean: [0, 2, 8, 0] },
      },
      db: { label: 'DB', errors: 1, series: { retries: [0, 5, 0, 0], duplicates: [0, 0, 1, 0] } },
    },
    sources: { client: { succeeded: [100, 90, 0, 50], failed: [0, 10, 0, 0], p50: [5, 6, 0, 7], p99: [20, 30, 0, 40] } },
  });

describe('chart data transforms', () => {
  it('latency: p99 and p50 per source in ms, with a gap where nothing finished', () => {
    const m = latencyChart(result());
    expect(m.unit).toBe('ms');
    expect(m.lines.map((l) => l.label)).toEqual(['p99', 'p50']);
    expect(m.lines[0]!.values).toEqual([20, 30, NaN, 40]);
    expect(m.lines[1]!.values).toEqual([5, 6, NaN, 7]);
  });

  it('throughput end to end: succeeded and failed per second, stacked', () => {
    const m = throughputChart(result(), 'e2e');
    expect(m.kind).toBe('stack');
    expect(m.lines.map((l) => l.key)).toEqual(['ok', 'failed']);
    expect(m.lines[0]!.values).toEqual([10, 9, 0, 5]);
    expect(m.lines[1]!.values).toEqual([0, 1, 0, 0]);
    expect(chartMax(m)).toBe(10);
  });

  it('throughput of a node: completed, errors, timeouts, rejected per second', () => {
    const m = throughputChart(result(), 'api');
    expect(m.lines.map((l) => l.key)).toEqual(['completed', 'errors', 'timeouts', 'rejected']);
    expect(m.lines[1]!.values).toEqual([0, 0, 2, 1]);
    expect(stackLayers(m.lines)[2]).toEqual({ lower: [10, 10, 7, 1], upper: [10, 11, 7, 1] });
  });

  it('the default throughput focus is the node with the most errors, timeouts and rejections', () => {
    expect(throughputDefaultScope(result())).toBe('api');
    expect(throughputDefaultScope(makeResult({ nodes: { a: {} } }))).toBe('e2e');
  });

  it('queue: a line only for nodes that queued something', () => {
    const m = queueChart(result());
    expect(m.lines.map((l) => l.label)).toEqual(['API']);
    expect(m.lines[0]!.values).toEqual([0, 2, 8, 0]);
  });

  it('retries: retries per second per node, duplicates dashed', () => {
    const m = retriesChart(result());
    expect(m.lines.map((l) => [l.label, !!l.dashed])).toEqual([
      ['DB retries', false],
      ['DB duplicates', true],
    ]);
    expect(m.lines[0]!.values).toEqual([0, 0.5, 0, 0]);
  });

  it('live snapshots only draw the filled buckets', () => {
    const live = makeResult({ nodes: { api: { series: { queueMean: [1, 2] } } }, filled: 2, total: 4 });
    expect(queueChart(live).lines[0]!.values).toEqual([1, 2]);
  });

  it('failure windows are labelled and clipped to the run', () => {
    const r = parseDocument({
      version: 1,
      nodes: [{ id: 'ep', kind: 'external', label: 'Endpoint', position: { x: 0, y: 0 } }],
      scenario: {
        durationS: 100,
        failures: [
          { target: 'ep', kind: 'down', atS: 80, durationS: 40 },
          { target: 'ep', kind: 'slowdown', atS: 150, durationS: 5, factor: 3 },
        ],
      },
    });
    if (!r.ok) throw new Error(formatErrors(r.errors));
    expect(failureWindows(r.doc, 100)).toEqual([{ fromS: 80, toS: 100, label: 'Endpoint down' }]);
  });

  it('during a live run, a failure started live and not stopped is drawn up to the live time; a stopped or scripted one in full', () => {
    const r = parseDocument({
      version: 1,
      nodes: [{ id: 'ep', kind: 'external', label: 'Endpoint', position: { x: 0, y: 0 } }],
      scenario: {
        durationS: 100,
        failures: [
          { id: 'live-1', target: 'ep', kind: 'down', atS: 30, durationS: 70 },
          { id: 'live-2', target: 'ep', kind: 'slowdown', atS: 10, durationS: 5, factor: 3 },
          { id: 'outage', target: 'ep', kind: 'errorRate', atS: 60, durationS: 40, probability: 0.5 },
        ],
      },
    });
    if (!r.ok) throw new Error(formatErrors(r.errors));
    expect(failureWindows(r.doc, 100, 42).map((w) => [w.fromS, w.toS])).toEqual([
      [30, 42],
      [10, 15],
      [60, 100],
    ]);
    // The run over (or not live): recorded durations.
    expect(failureWindows(r.doc, 100, 100).map((w) => w.toS)).toEqual([100, 15, 100]);
    expect(failureWindows(r.doc, 100).map((w) => w.toS)).toEqual([100, 15, 100]);
  });

  it('bucketAt finds the bucket holding t and -1 outside the filled range', () => {
    expect(bucketAt(10, 4, 0)).toBe(0);
    expect(bucketAt(10, 4, 39.9)).toBe(3);
    expect(bucketAt(10, 4, 40)).toBe(-1);
    expect(bucketAt(10, 4, -1)).toBe(-1);
  });
});

describe('time axis unit', () => {
  it('uses seconds up to 10 min, minutes up to 3 h, then hours', async () => {
    const { timeAxisUnit } = await import('./format.ts');
    expect(timeAxisUnit(180).suffix).toBe('s');
    expect(timeAxisUnit(3600)).toEqual({ perUnitS: 60, suffix: 'min' });
    expect(timeAxisUnit(86_400)).toEqual({ perUnitS: 3600, suffix: 'h' });
  });
});

describe('failure-window labels', () => {
  const CH = 5.6;
  const ends = (labels: string[], left: number[], out: ReturnType<typeof windowLabelLayout>) =>
    out.map((l, i) => (l ? { row: l.row, from: left[i]! + 3, to: left[i]! + 3 + l.text.length * CH } : null));

  it('labels far apart share the top line, whole', () => {
    expect(windowLabelLayout(['A down', 'B slowdown'], [0, 200], 400)).toEqual([
      { row: 0, text: 'A down' },
      { row: 0, text: 'B slowdown' },
    ]);
  });

  it('overlapping labels move to the next line, and no two placed labels on a line overlap', () => {
    const labels = ['Delivery workers down', 'Customer endpoint down', 'Customer endpoint slowdown', 'Events API errorRate'];
    const left = [40, 60, 90, 300];
    const out = windowLabelLayout(labels, left, 500);
    expect(out[0]).toEqual({ row: 0, text: labels[0] });
    expect(out[1]).toEqual({ row: 1, text: labels[1] });
    expect(out[2]).toBeNull(); // both lines are taken where it starts
    expect(out[3]).toEqual({ row: 0, text: labels[3] });
    const placed = ends(labels, left, out).filter((e) => e !== null);
    for (const a of placed) for (const b of placed) if (a !== b && a.row === b.row) expect(a.to <= b.from || b.to <= a.from).toBe(true);
  });

  it('a label running past the right edge is cut with an ellipsis, or left out when under 3 characters fit', () => {
    const [cut] = windowLabelLayout(['Customer endpoint down'], [100], 160);
    expect(cut).toEqual({ row: 0, text: 'Customer…' });
    expect(3 + 100 + cut!.text.length * CH).toBeLessThanOrEqual(160);
    expect(windowLabelLayout(['Customer endpoint down'], [150], 160)).toEqual([null]);
  });
});
