/**
 * Log-linear latency histogram (HdrHistogram's layout): for a value v = 2^e · (1 + f),
 * the bin is (e + 10) · SUB + ⌊f · SUB⌋, read straight from the IEEE-754 bits (no log).
 * SUB = 64 sub-bins per power of two: a percentile read at the bin centre is within
 * 1/128 ≈ 0.8 % of the sample. Range 2^-10 ms (≈ 1 µs) … 2^30 ms; memory is fixed
 * (2,560 bins) whatever the sample count. Values below the range land in bin 0.
 */
const SUB_BITS = 6;
const SUB = 1 << SUB_BITS;
const MIN_EXP = -10;
const MAX_EXP = 30;
export const HISTOGRAM_BINS = (MAX_EXP - MIN_EXP) * SUB;

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** The high word of 2^MIN_EXP shifted as below: the index's zero. */
const INDEX_OFFSET = (1023 + MIN_EXP) << SUB_BITS;

/**
 * histogramIndex's parts, for the one caller that repeats its three lines (Simulation.startWorker:
 * there V8 has spent its inlining budget, so a call would stay a call on the per-event path).
 */
export const HISTOGRAM_SCRATCH_F64 = f64;
export const HISTOGRAM_SCRATCH_HIGH = u32;
export const HISTOGRAM_SHIFT = 20 - SUB_BITS;
export const HISTOGRAM_INDEX_OFFSET = INDEX_OFFSET;

/**
 * Bin index of a non-negative value in ms: the double's high word shifted down to its biased
 * exponent and top SUB_BITS mantissa bits is (e + 1023)·SUB + ⌊f·SUB⌋, so minus INDEX_OFFSET it
 * is the bin, clamped to the range (a negative value's sign bit puts it in the last bin).
 */
export function histogramIndex(ms: number): number {
  f64[0] = ms;
  const k = (u32[1]! >>> (20 - SUB_BITS)) - INDEX_OFFSET;
  return k < 0 ? 0 : k < HISTOGRAM_BINS ? k : HISTOGRAM_BINS - 1;
}

/** Centre of bin i in ms. */
export function histogramBinValue(i: number): number {
  if (i === 0) return 0;
  const e = (i >>> SUB_BITS) + MIN_EXP;
  return Math.pow(2, e) * (1 + ((i & (SUB - 1)) + 0.5) / SUB);
}

export class Histogram {
  readonly counts = new Float64Array(HISTOGRAM_BINS);
  count = 0;
  sum = 0;
  max = 0;

  add(ms: number): void {
    this.count++;
    this.sum += ms;
    if (ms > this.max) this.max = ms;
    this.counts[histogramIndex(ms)]!++;
  }

  /** Value at quantile q ∈ [0, 1], in ms (0 when empty). */
  quantile(q: number): number {
    return histogramQuantile(this.counts, this.count, q, this.max);
  }

  mean(): number {
    return this.count ? this.sum / this.count : 0;
  }

  reset(): void {
    this.counts.fill(0);
    this.count = 0;
    this.sum = 0;
    this.max = 0;
  }

  copyFrom(o: Histogram): void {
    this.counts.set(o.counts);
    this.count = o.count;
    this.sum = o.sum;
    this.max = o.max;
  }
}

/** Quantile of a counts array (of HISTOGRAM_BINS) holding `count` samples. */
export function histogramQuantile(counts: Float64Array, count: number, q: number, max = Infinity): number {
  if (count <= 0) return 0;
  const rank = Math.max(1, Math.ceil(q * count));
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    seen += counts[i]!;
    if (seen >= rank) {
      const v = histogramBinValue(i);
      return v > max ? max : v;
    }
  }
  return max;
}
