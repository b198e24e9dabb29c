/**
 * Replications: combine the results of N independent runs (different seeds) into
 * mean ± 95 % confidence half-widths, using Student's t with N − 1 degrees of freedom.
 * Each replication's value is one observation (the method of independent replications),
 * so the interval is honest even though samples within one run are autocorrelated.
 */
import type { LatencySummary, SimResult } from './types.ts';

/** Two-sided 97.5 % quantile of Student's t with `df` degrees of freedom. */
export function tQuantile975(df: number): number {
  const table = [
    NaN,
    12.706,
    4.303,
    3.182,
    2.776,
    2.571,
    2.447,
    2.365,
    2.306,
    2.262,
    2.228,
    2.201,
    2.179,
    2.16,
    2.145,
    2.131,
    2.12,
    2.11,
    2.101,
    2.093,
    2.086,
    2.08,
    2.074,
    2.069,
    2.064,
    2.06,
    2.056,
    2.052,
    2.048,
    2.045,
    2.042,
  ];
  if (df < 1) return NaN;
  if (df < table.length) return table[df]!;
  // Cornish–Fisher expansion around z = 1.959964 (error < 1e-3 for df > 30).
  const z = 1.959964;
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df);
}

export interface Interval {
  mean: number;
  ci95: number;
}

/** Mean and 95 % half-width of a list of observations (half-width NaN for n < 2). */
export function interval(xs: readonly number[]): Interval {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, ci95: NaN };
  const v = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  return { mean, ci95: tQuantile975(n - 1) * Math.sqrt(v / n) };
}

type Numeric = Record<string, unknown>;

/**
 * Summarise the same-shaped result objects field by field: every number x becomes the mean,
 * with `xCi95` beside it; nested objects recurse; arrays and strings come from the first run.
 */
function summarise(objs: Numeric[]): Numeric {
  const first = objs[0]!;
  const out: Numeric = {};
  for (const [k, v] of Object.entries(first)) {
    if (typeof v === 'number') {
      const iv = interval(objs.map((o) => o[k] as number));
      out[k] = iv.mean;
      out[`${k}Ci95`] = iv.ci95;
    } else if (v && typeof v === 'object' && !Array.isArray(v) && !ArrayBuffer.isView(v)) {
      out[k] = summarise(objs.map((o) => o[k] as Numeric));
    } else out[k] = v;
  }
  return out;
}

export interface ReplicationSummary {
  replications: number;
  seeds: number[];
  simulatedS: number;
  warmupS: number;
  events: number;
  wallMs: number;
  /** NodeResult fields with `<field>Ci95` half-widths beside each. */
  nodes: Record<string, Numeric>;
  sources: Record<string, Numeric>;
  edges: Record<string, Numeric>;
  /** Requirement pass rate across replications and the measured value's interval. */
  requirements: { text: string; passRate: number; measured: number; measuredCi95: number }[];
}

export function replicationsSummarize(results: readonly SimResult[]): ReplicationSummary {
  const r0 = results[0]!;
  const pick = (key: 'nodes' | 'sources' | 'edges') =>
    Object.fromEntries(Object.keys(r0[key]).map((id) => [id, summarise(results.map((r) => r[key][id] as unknown as Numeric))]));
  return {
    replications: results.length,
    seeds: results.map((r) => r.seed),
    simulatedS: r0.simulatedS,
    warmupS: r0.warmupS,
    events: results.reduce((a, r) => a + r.events, 0),
    wallMs: results.reduce((a, r) => a + r.wallMs, 0),
    nodes: pick('nodes'),
    sources: pick('sources'),
    edges: pick('edges'),
    requirements: r0.requirements.map((q, i) => {
      const iv = interval(results.map((r) => r.requirements[i]!.measured));
      return {
        text: q.text,
        passRate: results.filter((r) => r.requirements[i]!.pass).length / results.length,
        measured: iv.mean,
        measuredCi95: iv.ci95,
      };
    }),
  };
}

/** Per-bucket mean and 95 % band of one series across replications. */
export function seriesBand(series: readonly Float64Array[]): { mean: Float64Array; lo: Float64Array; hi: Float64Array } {
  const n = Math.min(...series.map((s) => s.length));
  const mean = new Float64Array(n),
    lo = new Float64Array(n),
    hi = new Float64Array(n);
  for (let b = 0; b < n; b++) {
    const iv = interval(series.map((s) => s[b]!));
    mean[b] = iv.mean;
    const h = Number.isFinite(iv.ci95) ? iv.ci95 : 0;
    lo[b] = iv.mean - h;
    hi[b] = iv.mean + h;
  }
  return { mean, lo, hi };
}

export type { LatencySummary };
