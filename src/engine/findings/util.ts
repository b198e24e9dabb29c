/** Helpers shared by the finding detectors: bucket spans, series sums, number formatting. */
import type { SimResult } from '../types.ts';
import { formatInt } from '../../lib/formatNumber.ts';

export const pct = (x: number, digits = 1) => `${(x * 100).toFixed(digits)} %`;
export const num = (x: number) => (Math.abs(x) >= 1000 ? formatInt(x) : Number.isInteger(x) ? String(x) : x.toFixed(1));
export const ms = (x: number) => (x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${Math.round(x)} ms`);

/** First bucket index at or after warm-up. */
export function firstMeasuredBucket(r: SimResult): number {
  return Math.min(r.series.filled, Math.floor(r.warmupS / r.series.bucketS + 1e-9));
}

/** [fromS, toS] spanning the buckets where `pred` holds (first to last), or null. */
export function spanWhere(r: SimResult, pred: (b: number) => boolean): [number, number] | null {
  let first = -1,
    last = -1;
  for (let b = firstMeasuredBucket(r); b < r.series.filled; b++) {
    if (pred(b)) {
      if (first < 0) first = b;
      last = b;
    }
  }
  if (first < 0) return null;
  return [first * r.series.bucketS, Math.min(r.simulatedS, (last + 1) * r.series.bucketS)];
}

/** Mean of a series over buckets [from, to). */
export function seriesMean(a: Float64Array, from: number, to: number): number {
  let s = 0,
    n = 0;
  for (let b = Math.max(0, from); b < Math.min(to, a.length); b++) {
    s += a[b]!;
    n++;
  }
  return n ? s / n : 0;
}

export function seriesSum(a: Float64Array, from: number, to: number): number {
  let s = 0;
  for (let b = Math.max(0, from); b < Math.min(to, a.length); b++) s += a[b]!;
  return s;
}

/** Least-squares slope of a series over buckets [from, to), per bucket. */
export function seriesSlope(a: Float64Array, from: number, to: number): number {
  const n = to - from;
  if (n < 3) return 0;
  let sx = 0,
    sy = 0,
    sxx = 0,
    sxy = 0;
  for (let b = from; b < to; b++) {
    const x = b - from,
      y = a[b]!;
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  const d = n * sxx - sx * sx;
  return d ? (n * sxy - sx * sy) / d : 0;
}
