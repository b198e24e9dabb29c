/**
 * The time-series bucket rule, shared by the engine (what it allocates) and the editor and CLI
 * (what they tell the user). The engine keeps about 14 series per node and per bucket, so the
 * number of buckets bounds a run's memory: nodes × buckets is capped, and a `bucketS` too fine
 * for the run is coarsened to a round width, with a note saying so. Pure: no DOM.
 */

/** Most buckets in one run (e.g. 1 s buckets for 2 h 46 min, 10 s buckets for a day). */
export const MAX_BUCKETS = 10_000;
/**
 * Most node × bucket cells in one run (≈ 67 MB of series). It is the largest document (2,000
 * nodes) times the automatic width's 300 buckets, so an automatic width is never coarsened.
 */
export const MAX_BUCKET_CELLS = 600_000;

/** Round widths (ms) the automatic rule picks from. */
const AUTO_STEPS = [100, 200, 250, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000, 3_600_000];

export interface BucketPlan {
  /** Width of one bucket, ms (the last bucket may be shorter). */
  bucketMs: number;
  buckets: number;
  /** Set when the requested width was too fine and a coarser one is used instead. */
  note?: string;
}

const count = (durationMs: number, widthMs: number) => Math.ceil(durationMs / widthMs - 1e-9);

/** The smallest width ≥ `ms` of the form {1, 2, 2.5, 5} × 10ᵏ ms. */
function roundWidthAtLeast(ms: number): number {
  const p = 10 ** Math.floor(Math.log10(ms));
  for (const f of [1, 2, 2.5, 5, 10]) if (f * p >= ms * (1 - 1e-12)) return f * p;
  return 10 * p;
}

const fmtS = (ms: number) => `${Number((ms / 1000).toPrecision(6))} s`;
function fmtCount(n: number): string {
  if (!Number.isFinite(n)) return 'more than 10^308';
  if (n >= 1e12) return `about 10^${Math.floor(Math.log10(n))}`;
  if (n >= 1e9) return `${Number((n / 1e9).toPrecision(3))} billion`;
  if (n >= 1e6) return `${Number((n / 1e6).toPrecision(3))} million`;
  return Math.round(n).toLocaleString('en-US');
}

/**
 * Bucket width and count for a run of `durationMs` with the scenario's `bucketS` (0 = automatic:
 * a round width giving at most 300 buckets) over `nodes` nodes. A width giving more than
 * MAX_BUCKETS buckets, or more than MAX_BUCKET_CELLS node × bucket cells, becomes the smallest
 * round width within both limits, and `note` says so.
 * @example bucketPlan(86_400_000, 0.001, 2) // { bucketMs: 10_000, buckets: 8640, note: 'bucketS 0.001 s would make …' }
 */
export function bucketPlan(durationMs: number, bucketS: number, nodes: number): BucketPlan {
  let widthMs: number;
  if (bucketS > 0) widthMs = Math.min(bucketS * 1000, durationMs);
  else {
    widthMs = AUTO_STEPS.find((s) => durationMs / s <= 300) ?? Math.ceil(durationMs / 300);
  }
  const cap = Math.max(1, Math.min(MAX_BUCKETS, Math.floor(MAX_BUCKET_CELLS / Math.max(1, nodes))));
  const wanted = durationMs / widthMs;
  if (wanted <= cap + 1e-9) return { bucketMs: widthMs, buckets: count(durationMs, widthMs) };
  const coarse = Math.min(durationMs, roundWidthAtLeast(durationMs / cap));
  const buckets = count(durationMs, coarse);
  const limit =
    cap === MAX_BUCKETS
      ? `at most ${fmtCount(MAX_BUCKETS)} buckets per run`
      : `at most ${fmtCount(MAX_BUCKET_CELLS)} node × bucket cells (${fmtCount(cap)} buckets for ${nodes} nodes)`;
  return {
    bucketMs: coarse,
    buckets,
    note: `bucketS ${fmtS(widthMs)} would make ${fmtCount(wanted)} time buckets over ${fmtS(durationMs)}; the run uses ${fmtS(coarse)} buckets (${fmtCount(buckets)}) instead, to keep memory bounded (${limit}).`,
  };
}
