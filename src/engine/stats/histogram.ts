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
 * Bin index of a non-negative value in ms: the double's high word shifted down to its biased
 * exponent and top SUB_BITS mantissa bits is (e + 1023)·SUB + ⌊f·SUB⌋, so minus INDEX_OFFSET it
 * is the bin, clamped to the range (a negative value's sign bit puts it in the last bin).
 */
export function histogramIndex(ms: number): number {
  f64[0] = ms;
  const k = (u32[1]! >>> (20 - SUB_BITS)) - INDEX_OFFSET;
  return k < 0 ? 0 : k < HISTOGRAM_BINS ? k : HISTOGRAM_BINS - 1;
}

/**
 * The same index by integer arithmetic, for 0 < ms < HISTOGRAM_INT_LIMIT (2^16 ms ≈ 65 s):
 * x = ⌊ms · 2^(SUB_BITS − MIN_EXP)⌋ fits in 32 bits and is exact (a power-of-two scale, then a
 * floor). Its leading one at bit p gives the exponent, e = p − 16, and the SUB_BITS bits below
 * it are ⌊f·SUB⌋, so the bin is (p − SUB_BITS)·SUB + those bits.
 *
 * Simulation.startWorker writes this out for the wait percentiles (calling histogramIndex there
 * would stay a call: V8 has spent its inlining budget), falling back to histogramIndex from the
 * limit on. It needs no memory round trip (histogramIndex writes a double and reads back its
 * high word): 16 fewer instructions per M/M/1 event. histogramIndex itself stays as it is: a
 * longer body there made the webhook design 35 instructions per event dearer (it is inlined in
 * more places, and the inlining budget went elsewhere).
 */
export function histogramIndexInt(ms: number): number {
  const x = (ms * HISTOGRAM_INT_SCALE) >>> 0;
  const s = HISTOGRAM_INT_TOP - Math.clz32(x);
  return s < 0 ? 0 : (s << HISTOGRAM_SUB_BITS) | ((x >>> s) & HISTOGRAM_SUB_MASK);
}
export const HISTOGRAM_INT_SCALE = 2 ** (SUB_BITS - MIN_EXP);
export const HISTOGRAM_INT_LIMIT = 2 ** (32 - SUB_BITS + MIN_EXP);
/** 31 − SUB_BITS: the shift that leaves SUB_BITS bits below x's leading one is this minus clz32(x). */
export const HISTOGRAM_INT_TOP = 31 - SUB_BITS;
export const HISTOGRAM_SUB_BITS = SUB_BITS;
export const HISTOGRAM_SUB_MASK = SUB - 1;

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
