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

  /**
   * Exponential with the given mean: Marsaglia and Tsang's ziggurat (2000), 256 layers. One
   * 32-bit draw is its layer (low 8 bits) and its position in the layer (high 24 bits, so the two
   * share no bits, the flaw Doornik (2005) found in the original); 97.8 % of draws are
   * accepted at once, with no logarithm. The rest take the exact wedge test or the tail.
   */
  exp(mean: number): number {
    const j = this.nextU32();
    const i = j & 255,
      u = j >>> 8;
    if (u < ZIG_K[i]!) return u * ZIG_W[i]! * mean;
    return this.expSlow(i, u) * mean;
  }

  /** The ziggurat's rejections: the base layer's tail, or a point in a layer's wedge. */
  private expSlow(i: number, u: number): number {
    for (;;) {
      // The tail beyond r, by memorylessness r + Exp(1); 1 − U ∈ (0, 1].
      if (i === 0) return ZIG_R - Math.log(1 - this.next());
      const x = u * ZIG_W[i]!;
      if (ZIG_F[i]! + this.next() * (ZIG_F[i - 1]! - ZIG_F[i]!) < Math.exp(-x)) return x;
      const j = this.nextU32();
      i = j & 255;
      u = j >>> 8;
      if (u < ZIG_K[i]!) return u * ZIG_W[i]!;
    }
  }

  /**
   * Standard normal: the ziggurat again (128 layers over the half density), one 32-bit draw split
   * into layer (low 7 bits), sign (bit 7) and position (high 24 bits); 97.2 % of draws
   * are accepted at once, with no logarithm, square root or cosine.
   */
  normal(): number {
    const j = this.nextU32();
    const i = j & 127,
      u = j >>> 8;
    const x = u < ZN_K[i]! ? u * ZN_W[i]! : this.normalSlow(i, u);
    return j & 128 ? -x : x;
  }

  /** The normal ziggurat's rejections, as a magnitude: Marsaglia's tail beyond r, or a wedge point. */
  private normalSlow(i: number, u: number): number {
    for (;;) {
      if (i === 0) {
        // The tail beyond r (Marsaglia 1964): x = −ln(U₁)/r, y = −ln(U₂), accepted when 2y > x².
        let x: number, y: number;
        do {
          x = -Math.log(1 - this.next()) / ZN_R;
          y = -Math.log(1 - this.next());
        } while (y + y < x * x);
        return ZN_R + x;
      }
      const x = u * ZN_W[i]!;
      if (ZN_F[i]! + this.next() * (ZN_F[i - 1]! - ZN_F[i]!) < Math.exp(-0.5 * x * x)) return x;
      const j = this.nextU32();
      i = j & 127;
      u = j >>> 8;
      if (u < ZN_K[i]!) return u * ZN_W[i]!;
    }
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}

/**
 * The exponential ziggurat's tables (Marsaglia and Tsang 2000, their zigset): layer i spans
 * x ∈ [0, x_i) with x_255 = r the base's edge and x_i falling towards the peak at 0. A draw u
 * (24 bits) in layer i is x = u·W[i]; it is under the density for sure when u < K[i] (x below
 * the next layer's edge); F[i] = e^(−x_i). Layer 0 is the base strip of area v, wider than r,
 * whose part past r is the tail.
 */
const ZIG_R = 7.697117470131487,
  ZIG_V = 3.949659822581572e-3,
  ZIG_M = 16777216;
const ZIG_K = new Float64Array(256),
  ZIG_W = new Float64Array(256),
  ZIG_F = new Float64Array(256);
{
  let de = ZIG_R,
    te = ZIG_R;
  const q = ZIG_V / Math.exp(-de);
  ZIG_K[0] = Math.floor((de / q) * ZIG_M);
  ZIG_K[1] = 0;
  ZIG_W[0] = q / ZIG_M;
  ZIG_W[255] = de / ZIG_M;
  ZIG_F[0] = 1;
  ZIG_F[255] = Math.exp(-de);
  for (let i = 254; i >= 1; i--) {
    de = -Math.log(ZIG_V / de + Math.exp(-de));
    ZIG_K[i + 1] = Math.floor((de / te) * ZIG_M);
    te = de;
    ZIG_F[i] = Math.exp(-de);
    ZIG_W[i] = de / ZIG_M;
  }
}

/** The normal ziggurat's tables (zigset again, over the half density e^(−x²/2)). */
const ZN_R = 3.442619855899,
  ZN_V = 9.91256303526217e-3;
const ZN_K = new Float64Array(128),
  ZN_W = new Float64Array(128),
  ZN_F = new Float64Array(128);
{
  let dn = ZN_R,
    tn = ZN_R;
  const q = ZN_V / Math.exp(-0.5 * dn * dn);
  ZN_K[0] = Math.floor((dn / q) * ZIG_M);
  ZN_K[1] = 0;
  ZN_W[0] = q / ZIG_M;
  ZN_W[127] = dn / ZIG_M;
  ZN_F[0] = 1;
  ZN_F[127] = Math.exp(-0.5 * dn * dn);
  for (let i = 126; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(ZN_V / dn + Math.exp(-0.5 * dn * dn)));
    ZN_K[i + 1] = Math.floor((dn / tn) * ZIG_M);
    tn = dn;
    ZN_F[i] = Math.exp(-0.5 * dn * dn);
    ZN_W[i] = dn / ZIG_M;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
