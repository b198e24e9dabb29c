/**
 * histogramIndex reads the bin from the double's high word; this checks it against the layout's
 * definition, bin = (e − MIN_EXP)·SUB + ⌊f·SUB⌋ for v = 2^e·(1 + f), clamped, computed with
 * Math.log2 and exact powers of two, at every bin edge of the range and around it.
 */
import { describe, expect, it } from 'vitest';
import { HISTOGRAM_BINS, histogramBinValue, histogramIndex } from './histogram.ts';

const SUB = 64,
  MIN_EXP = -10,
  MAX_EXP = 30;
function reference(v: number): number {
  if (!(v > 0)) return v === 0 ? 0 : HISTOGRAM_BINS - 1;
  let e = Math.floor(Math.log2(v));
  // log2 can round across a power of two: fix e so that 2^e ≤ v < 2^(e+1).
  if (2 ** e > v) e--;
  else if (2 ** (e + 1) <= v) e++;
  if (e < MIN_EXP) return 0;
  if (e >= MAX_EXP) return HISTOGRAM_BINS - 1;
  return (e - MIN_EXP) * SUB + Math.floor((v / 2 ** e - 1) * SUB);
}

describe('histogramIndex', () => {
  it('matches the definition at every bin edge, just below it and in its middle', () => {
    for (let e = MIN_EXP - 2; e < MAX_EXP + 2; e++) {
      for (let k = 0; k < SUB; k++) {
        const edge = 2 ** e * (1 + k / SUB);
        for (const v of [edge, edge * (1 - 2 ** -52), edge * (1 + 0.5 / SUB)]) expect(histogramIndex(v), `${v}`).toBe(reference(v));
      }
    }
  });
  it('zero, subnormals and tiny values land in bin 0; huge values, Infinity and negatives in the last bin', () => {
    for (const v of [0, 5e-324, 1e-300, 2 ** -11]) expect(histogramIndex(v)).toBe(0);
    for (const v of [2 ** 30, 1e300, Infinity, -1, -0.001]) expect(histogramIndex(v)).toBe(HISTOGRAM_BINS - 1);
  });
  it("a bin's centre value maps back to that bin", () => {
    for (let i = 1; i < HISTOGRAM_BINS; i++) expect(histogramIndex(histogramBinValue(i))).toBe(i);
  });
});
