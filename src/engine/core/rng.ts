/**
 * Seeded PRNG: xoshiro128** (Blackman & Vigna, 2018), 32-bit state words, seeded by
 * splitmix32 from one 32-bit seed. Period 2^128 − 1. No Math.random anywhere in the engine.
 */
export class Rng {
  /**
   * The four state words. In an Int32Array rather than four fields: where V8 compresses
   * pointers (Chromium, so the app's worker) a small integer has 31 bits, so half the states
   * would be stored as heap numbers and converted on every draw.
   */
  private readonly s = new Int32Array(4);

  constructor(seed: number) {
    let x = seed >>> 0;
    const next = () => {
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    for (let k = 0; k < 4; k++) this.s[k] = next();
  }

  /** Next 32-bit unsigned integer. */
  nextU32(): number {
    const st = this.s;
    const s0 = st[0]!,
      s1 = st[1]!,
      s2 = st[2]!,
      s3 = st[3]!;
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    const t = s1 << 9;
    const n2 = s2 ^ s0;
    const n3 = s3 ^ s1;
    st[1] = s1 ^ n2;
    st[0] = s0 ^ n3;
    st[2] = n2 ^ t;
    st[3] = rotl(n3, 11);
    return r >>> 0;
  }

  /** Uniform in [0, 1) with 32 bits of resolution. */
  next(): number {
    return this.nextU32() * 2.3283064365386963e-10;
  }

  /** Exponential with the given mean (inverse transform on 1 − U ∈ (0, 1]). */
  exp(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** Standard normal (Box–Muller; one of the pair is discarded to keep the stream simple). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(6.283185307179586 * v);
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
