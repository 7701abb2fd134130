// Rng: the one seeded pseudo-random generator of Ansatz (DESIGN.md, "Core").
//
// Algorithm: xoshiro128** 1.1 (D. Blackman and S. Vigna, "Scrambled linear pseudorandom number
// generators", ACM Trans. Math. Softw. 47(4), 2021; reference C code https://prng.di.unimi.it/
// xoshiro128starstar.c). 128 bits of state in four uint32 words, period 2^128 - 1, one 32-bit
// output per step, implemented with Math.imul and 32-bit shifts only (no BigInt in the hot path).
//
// Seeding: the integer seed is reduced modulo 2^64 and used as the state of SplitMix64 (G. Steele,
// D. Lea, C. Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014; the seeding the
// xoshiro authors recommend, https://prng.di.unimi.it/splitmix64.c). Two SplitMix64 outputs z1, z2
// fill the state as s = [lo32(z1), hi32(z1), lo32(z2), hi32(z2)]; since SplitMix64 is a bijection
// of its counter, z1 and z2 are never both zero, so the state is never all-zero.
//
// split(): the child is seeded, exactly as above, with the 64-bit number hi·2^32 + lo made of the
// parent's next two uint32 outputs (hi first). The child's state is thus a SplitMix64 hash of parent
// output, a random point of the 2^128 period; the parent advances by two outputs. (A jump function
// is not used because recursive jump-splitting makes children of different generations collide.)
//
// Derived draws:
// - uniform(): 53-bit double in [0, 1) from two outputs, (a >>> 5)·2^26 + (b >>> 6) over 2^53
//   (the genrand_res53 construction of MT19937).
// - int(n): unbiased by rejection (draw x, reject x >= 2^32 - (2^32 mod n), return x mod n);
//   above 2^32 the same on the 53-bit integer behind uniform().
// - normal(): Marsaglia polar method (G. Marsaglia, T. Bray, SIAM Review 6(3), 1964). Each accepted
//   pair returns its first value and caches the second; the cache is part of the generator state, so
//   the sequence is fully deterministic: normal() returns the cached value if there is one, else draws
//   a new pair. A fresh generator and a split() child start with an empty cache; fillNormal() uses and
//   refills the same cache.
// - gamma(): Marsaglia–Tsang (ACM TOMS 26(3), 2000), with the boost U^(1/shape) for shape < 1.
// - studentT(nu) = Z / sqrt(G/nu), G ~ Gamma(nu/2, scale 2) = chi²_nu; cauchy() by inversion,
//   loc + scale·tan(π(U - 1/2)); permutation/shuffle by Fisher–Yates (Knuth, TAOCP vol. 2, 3.4.2 P).
import { assertFiniteNumber, assertInt, assertPositive } from "./check.ts";
import { AnsatzError } from "./errors.ts";

const MASK64 = (1n << 64n) - 1n;
const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;
const INV_TWO_POW_53 = 1 / TWO_POW_53;

/** One SplitMix64 step on a 64-bit BigInt state; returns [newState, output]. */
function splitmix64(state: bigint): [bigint, bigint] {
  const s = (state + 0x9e3779b97f4a7c15n) & MASK64;
  let z = s;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return [s, z ^ (z >> 31n)];
}

export class Rng {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private hasSpare = false;
  private spare = 0;

  /** A generator seeded with an integer (reduced mod 2^64; a bigint is accepted as a 64-bit seed). */
  constructor(seed: number | bigint) {
    let s: bigint;
    if (typeof seed === "bigint") {
      s = BigInt.asUintN(64, seed);
    } else {
      if (typeof seed !== "number" || !Number.isInteger(seed)) {
        throw AnsatzError.expected("bad-value", "Rng seed", "a finite integer", String(seed));
      }
      s = BigInt.asUintN(64, BigInt(seed));
    }
    const [st1, z1] = splitmix64(s);
    const [, z2] = splitmix64(st1);
    this.s0 = Number(z1 & 0xffffffffn);
    this.s1 = Number(z1 >> 32n);
    this.s2 = Number(z2 & 0xffffffffn);
    this.s3 = Number(z2 >> 32n);
  }

  /** Same as `new Rng(seed)`. */
  static fromSeed(seed: number | bigint): Rng {
    return new Rng(seed);
  }

  /** The next raw 32-bit output of xoshiro128**, as an unsigned integer in [0, 2^32). */
  nextUint32(): number {
    const s0 = this.s0;
    const s1 = this.s1;
    let s2 = this.s2;
    let s3 = this.s3;
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    this.s1 = s1 ^ s2;
    this.s0 = s0 ^ s3;
    this.s2 = s2 ^ t;
    this.s3 = (s3 << 11) | (s3 >>> 21);
    return result;
  }

  /** A double uniform on [0, 1) with 53 random bits. */
  uniform(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) * INV_TWO_POW_53;
  }

  /** A double uniform on [a, b) (b itself may come out through rounding of a + (b - a)·U). */
  uniformRange(a: number, b: number): number {
    assertFiniteNumber(a, "Rng.uniformRange a");
    assertFiniteNumber(b, "Rng.uniformRange b");
    if (!(b >= a)) throw AnsatzError.expected("bad-value", "Rng.uniformRange b", `b >= a = ${a}`, String(b));
    return a + (b - a) * this.uniform();
  }

  /** An integer uniform on {0, …, n-1}, unbiased (rejection sampling); 1 <= n <= 2^53. */
  int(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > TWO_POW_53) assertInt(n, "Rng.int n", 1, TWO_POW_53);
    if (n <= TWO_POW_32) {
      const limit = TWO_POW_32 - (TWO_POW_32 % n);
      let x = this.nextUint32();
      while (x >= limit) x = this.nextUint32();
      return x % n;
    }
    const limit = TWO_POW_53 - (TWO_POW_53 % n);
    let x = this.uniform() * TWO_POW_53;
    while (x >= limit) x = this.uniform() * TWO_POW_53;
    return x % n;
  }

  /** A normal draw N(mean, std²) (Marsaglia polar method, one cached spare; see header). */
  normal(mean = 0, std = 1): number {
    if (!Number.isFinite(mean) || !(std >= 0) || !Number.isFinite(std)) this.badNormal(mean, std);
    if (this.hasSpare) {
      this.hasSpare = false;
      return mean + std * this.spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    this.hasSpare = true;
    return mean + std * (u * f);
  }

  /** Fills `out` with N(mean, std²) draws, the same values as successive normal() calls; returns `out`. */
  fillNormal(out: Float64Array, mean = 0, std = 1): Float64Array {
    if (!Number.isFinite(mean) || !(std >= 0) || !Number.isFinite(std)) this.badNormal(mean, std);
    for (let i = 0; i < out.length; i++) out[i] = this.normal(mean, std);
    return out;
  }

  private badNormal(mean: number, std: number): never {
    if (!Number.isFinite(mean))
      throw AnsatzError.expected("not-finite", "Rng.normal mean", "a finite number", String(mean));
    throw AnsatzError.expected("bad-value", "Rng.normal std", "a finite number >= 0", String(std));
  }

  /** True with probability p (0 <= p <= 1). */
  bernoulli(p: number): boolean {
    if (!(p >= 0 && p <= 1))
      throw AnsatzError.expected("bad-value", "Rng.bernoulli p", "a number in [0, 1]", String(p));
    return this.uniform() < p;
  }

  /** An index i drawn with probability weights[i] / sum(weights); weights non-negative, finite, not all zero. */
  categorical(weights: ArrayLike<number>): number {
    const n = weights.length;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i]!;
      if (!(w >= 0) || !Number.isFinite(w)) {
        throw AnsatzError.expected(
          "bad-value",
          "Rng.categorical weights",
          "finite non-negative weights",
          `${w} at index ${i}`,
        );
      }
      total += w;
    }
    if (!(total > 0)) {
      throw AnsatzError.expected(
        "bad-value",
        "Rng.categorical weights",
        "at least one positive weight",
        n === 0 ? "an empty array" : "all weights zero",
      );
    }
    const target = this.uniform() * total;
    let acc = 0;
    let last = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i]!;
      if (w > 0) {
        acc += w;
        last = i;
        if (target < acc) return i;
      }
    }
    return last; // rounding left target >= the accumulated total: the last positive weight
  }

  /** A Gamma(shape, scale) draw, mean shape·scale (Marsaglia–Tsang; shape, scale > 0). */
  gamma(shape: number, scale = 1): number {
    assertPositive(shape, "Rng.gamma shape");
    assertPositive(scale, "Rng.gamma scale");
    if (shape < 1) {
      // Gamma(a) = Gamma(a + 1) · U^(1/a), U uniform on (0, 1].
      const g = this.gammaMT(shape + 1);
      return g * (1 - this.uniform()) ** (1 / shape) * scale;
    }
    return this.gammaMT(shape) * scale;
  }

  private gammaMT(shape: number): number {
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.uniform();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) return d * v;
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  /** A Student-t draw with nu > 0 degrees of freedom: Z / sqrt(chi²_nu / nu). */
  studentT(nu: number): number {
    assertPositive(nu, "Rng.studentT nu");
    const z = this.normal();
    const chi2 = this.gamma(nu / 2, 2);
    return z / Math.sqrt(chi2 / nu);
  }

  /** A Cauchy(loc, scale) draw by inversion: loc + scale·tan(π(U - 1/2)). */
  cauchy(loc = 0, scale = 1): number {
    assertFiniteNumber(loc, "Rng.cauchy loc");
    assertPositive(scale, "Rng.cauchy scale");
    return loc + scale * Math.tan(Math.PI * (this.uniform() - 0.5));
  }

  /** A uniformly random permutation of 0..n-1 (Fisher–Yates). */
  permutation(n: number): Int32Array {
    assertInt(n, "Rng.permutation n", 0, 2147483647);
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    return this.shuffle(out);
  }

  /** Shuffles an array or typed array in place (Fisher–Yates) and returns it. */
  shuffle<A extends { length: number; [index: number]: unknown }>(arr: A): A {
    for (let i = arr.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = arr[i];
      arr[i] = arr[j];
      arr[j] = tmp;
    }
    return arr;
  }

  /** An independent child stream, seeded through SplitMix64 from the parent's next two outputs (see header). */
  split(): Rng {
    const hi = this.nextUint32();
    const lo = this.nextUint32();
    return new Rng((BigInt(hi) << 32n) | BigInt(lo));
  }
}

/** Accepts an Rng or an integer seed, the convention of every stochastic routine. */
export function toRng(rngOrSeed: Rng | number): Rng {
  return rngOrSeed instanceof Rng ? rngOrSeed : new Rng(rngOrSeed);
}
