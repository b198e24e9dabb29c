/**
 * Pure transforms from a SimResult to what the charts draw. Values are per bucket; a NaN is a
 * gap (nothing measured in that bucket). Rates are per second (a bucket's count / bucketS).
 */
import type { ArchDocument } from '../../model/index.ts';
import type { SimResult } from '../../worker/protocol.ts';
import { failureLiveOpen } from '../../store/interventions.ts';

export interface ChartLine {
  key: string;
  label: string;
  color: string;
  /** One value per filled bucket; NaN = gap. */
  values: number[];
  dashed?: boolean;
  /** A 95 % band around `values` (replications): lower and upper bound per bucket, NaN = none. */
  band?: { lo: number[]; hi: number[] };
}

export interface ChartModel {
  /** 'stack': lines are stacked layers, bottom first. */
  kind: 'lines' | 'stack';
  unit: string;
  lines: ChartLine[];
  /** Bucket width and count, seconds. */
  bucketS: number;
  filled: number;
}

export interface TimeWindow {
  fromS: number;
  toS: number;
  label: string;
}

export const PALETTE = ['#4f46e5', '#0891b2', '#db2777', '#16a34a', '#ea580c', '#7c3aed', '#0d9488', '#b45309', '#64748b', '#be123c'];
export const OUTCOME_COLORS = { ok: '#22c55e', errors: '#ef4444', timeouts: '#f59e0b', rejected: '#a855f7', failed: '#ef4444' } as const;

const labelOf = (r: SimResult, id: string) => r.nodes[id]?.label ?? id;

function take(a: Float64Array, n: number, f: (v: number, i: number) => number = (v) => v): number[] {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = f(a[i]!, i);
  return out;
}

const anyPositive = (v: number[]) => v.some((x) => x > 0);

/** End-to-end latency p50 and p99 per source, ms; buckets where nothing finished are gaps. */
export function latencyChart(r: SimResult): ChartModel {
  const { filled, bucketS } = r.series;
  const ids = Object.keys(r.series.sources);
  const lines: ChartLine[] = [];
  ids.forEach((id, k) => {
    const s = r.series.sources[id]!;
    const done = (i: number) => s.succeeded[i]! + s.failed[i]! > 0;
    const name = ids.length > 1 ? `${labelOf(r, id)} ` : '';
    const c99 = ids.length > 1 ? PALETTE[k % PALETTE.length]! : '#dc2626';
    const c50 = ids.length > 1 ? PALETTE[k % PALETTE.length]! : '#4f46e5';
    lines.push({ key: `${id}:p99`, label: `${name}p99`, color: c99, values: take(s.p99, filled, (v, i) => (done(i) ? v : NaN)) });
    lines.push({
      key: `${id}:p50`,
      label: `${name}p50`,
      color: c50,
      values: take(s.p50, filled, (v, i) => (done(i) ? v : NaN)),
      dashed: ids.length > 1,
    });
  });
  return { kind: 'lines', unit: 'ms', lines, bucketS, filled };
}

/** The node with the most errors + timeouts + rejections: the throughput chart's default focus. */
export function throughputDefaultScope(r: SimResult): string {
  let best = 'e2e',
    worst = 0;
  for (const [id, n] of Object.entries(r.nodes)) {
    const bad = n.errors + n.timeouts + n.rejected;
    if (bad > worst) {
      worst = bad;
      best = id;
    }
  }
  return best;
}

/**
 * Outcomes per second, stacked. Scope 'e2e': logical requests of all sources that succeeded
 * or failed. Scope = a node id: that node's completed, errors, timeouts and rejected attempts.
 */
export function throughputChart(r: SimResult, scope: string): ChartModel {
  const { filled, bucketS } = r.series;
  const perS = (v: number) => v / bucketS;
  if (scope === 'e2e' || !r.series.nodes[scope]) {
    const ok = new Array<number>(filled).fill(0),
      failed = new Array<number>(filled).fill(0);
    for (const s of Object.values(r.series.sources)) {
      for (let i = 0; i < filled; i++) {
        ok[i]! += perS(s.succeeded[i]!);
        failed[i]! += perS(s.failed[i]!);
      }
    }
    return {
      kind: 'stack',
      unit: '/s',
      bucketS,
      filled,
      lines: [
        { key: 'ok', label: 'succeeded', color: OUTCOME_COLORS.ok, values: ok },
        { key: 'failed', label: 'failed', color: OUTCOME_COLORS.failed, values: failed },
      ],
    };
  }
  const n = r.series.nodes[scope]!;
  return {
    kind: 'stack',
    unit: '/s',
    bucketS,
    filled,
    lines: [
      { key: 'completed', label: 'completed', color: OUTCOME_COLORS.ok, values: take(n.completed, filled, perS) },
      { key: 'errors', label: 'errors', color: OUTCOME_COLORS.errors, values: take(n.errors, filled, perS) },
      { key: 'timeouts', label: 'timeouts', color: OUTCOME_COLORS.timeouts, values: take(n.timeouts, filled, perS) },
      { key: 'rejected', label: 'rejected', color: OUTCOME_COLORS.rejected, values: take(n.rejected, filled, perS) },
    ],
  };
}

/** Time-averaged queue length per bucket, one line per node that ever queued anything. */
export function queueChart(r: SimResult): ChartModel {
  const { filled, bucketS } = r.series;
  const lines: ChartLine[] = [];
  Object.keys(r.series.nodes).forEach((id) => {
    const values = take(r.series.nodes[id]!.queueMean, filled);
    if (anyPositive(values)) lines.push({ key: id, label: labelOf(r, id), color: PALETTE[lines.length % PALETTE.length]!, values });
  });
  return { kind: 'lines', unit: '', lines, bucketS, filled };
}

/** Retries issued per second per node; duplicate side effects and dead-lettered messages (dashed). */
export function retriesChart(r: SimResult): ChartModel {
  const { filled, bucketS } = r.series;
  const perS = (v: number) => v / bucketS;
  const lines: ChartLine[] = [];
  const color = () => PALETTE[lines.length % PALETTE.length]!;
  for (const id of Object.keys(r.series.nodes)) {
    const s = r.series.nodes[id]!;
    const retries = take(s.retries, filled, perS);
    if (anyPositive(retries)) lines.push({ key: `${id}:retries`, label: `${labelOf(r, id)} retries`, color: color(), values: retries });
  }
  for (const id of Object.keys(r.series.nodes)) {
    const s = r.series.nodes[id]!;
    const dups = take(s.duplicates, filled, perS);
    if (anyPositive(dups))
      lines.push({ key: `${id}:dups`, label: `${labelOf(r, id)} duplicates`, color: '#be123c', values: dups, dashed: true });
    const dlq = take(s.dlq, filled, perS);
    if (anyPositive(dlq))
      lines.push({ key: `${id}:dlq`, label: `${labelOf(r, id)} dead-lettered`, color: '#7c2d12', values: dlq, dashed: true });
  }
  return { kind: 'lines', unit: '/s', lines, bucketS, filled };
}

/** Failure injections as time windows, clipped to the run, labelled "Customer endpoint down". */
/**
 * The failure windows drawn on the charts. `nowS`: a live snapshot's simulated time; a failure
 * started live and not stopped yet is drawn up to it (not to the run's end, where its recorded
 * duration provisionally runs).
 */
export function failureWindows(doc: ArchDocument, durationS: number, nowS?: number): TimeWindow[] {
  const name = (id: string) => doc.nodes.find((n) => n.id === id)?.label || id;
  return doc.scenario.failures
    .map((f) => {
      const toS = Math.min(durationS, f.atS + f.durationS);
      const open = nowS !== undefined && nowS < durationS && failureLiveOpen(f, doc.scenario.durationS);
      return { fromS: f.atS, toS: open ? Math.max(f.atS, Math.min(toS, nowS)) : toS, label: `${name(f.target)} ${f.kind}` };
    })
    .filter((w) => w.fromS < durationS);
}

/** Where a failure window's label goes: `row` 0 is the top line; `text` may be shortened with an ellipsis; null: no room (the band's tooltip still names it). */
export interface WindowLabel {
  row: number;
  text: string;
}

/**
 * Lay failure-window labels out without overlap: each label starts at its window's left edge
 * (px, `left[i]`), takes `charPx` per character, and goes on the first of `rows` lines where it
 * clears the labels already there (left to right); one that would run past the right edge is
 * cut (with "…") on the first free line, or left out when under 3 characters would fit, and so
 * is one with no free line at all. `widthPx` is
 * the plot's width.
 */
export function windowLabelLayout(
  labels: readonly string[],
  left: readonly number[],
  widthPx: number,
  rows = 2,
  charPx = 5.6,
): (WindowLabel | null)[] {
  const GAP = 6;
  const order = labels.map((_, i) => i).sort((a, b) => left[a]! - left[b]! || a - b);
  const rowEnd = new Array<number>(rows).fill(-Infinity);
  const out: (WindowLabel | null)[] = labels.map(() => null);
  for (const i of order) {
    const x0 = left[i]! + 3;
    const full = labels[i]!.length * charPx;
    const roomEnd = widthPx;
    let placed = false;
    for (let r = 0; r < rows; r++) {
      if (rowEnd[r]! + GAP <= x0 && x0 + full <= roomEnd) {
        out[i] = { row: r, text: labels[i]! };
        rowEnd[r] = x0 + full;
        placed = true;
        break;
      }
    }
    if (placed) continue;
    // No line takes it whole (it runs past the plot's right edge): cut it on the first free line.
    const limit = roomEnd;
    for (let r = 0; r < rows; r++) {
      if (rowEnd[r]! + GAP > x0) continue;
      const chars = Math.floor((limit - x0) / charPx) - 1;
      if (chars >= 3) {
        out[i] = { row: r, text: `${labels[i]!.slice(0, chars).trimEnd()}…` };
        rowEnd[r] = x0 + (chars + 1) * charPx;
      }
      break;
    }
  }
  return out;
}

/** Stack layers bottom-up: [lower, upper] per bucket; gaps count as 0. */
export function stackLayers(lines: ChartLine[]): { lower: number[]; upper: number[] }[] {
  const n = lines[0]?.values.length ?? 0;
  const base = new Array<number>(n).fill(0);
  return lines.map((l) => {
    const lower = base.slice();
    for (let i = 0; i < n; i++) base[i]! += Number.isFinite(l.values[i]) ? l.values[i]! : 0;
    return { lower, upper: base.slice() };
  });
}

/** The largest value drawn (stack tops for a stack), at least `floor`. */
export function chartMax(m: ChartModel, floor = 1): number {
  let max = floor;
  if (m.kind === 'stack') {
    const layers = stackLayers(m.lines);
    for (const v of layers.at(-1)?.upper ?? []) if (v > max) max = v;
  } else {
    for (const l of m.lines) for (const v of l.band?.hi ?? l.values) if (v > max) max = v;
    for (const l of m.lines) for (const v of l.values) if (v > max) max = v;
  }
  return max;
}

/** The bucket index holding time t (seconds), or -1 outside the filled range. */
export function bucketAt(bucketS: number, filled: number, t: number): number {
  const i = Math.floor(t / bucketS);
  return i >= 0 && i < filled ? i : -1;
}
