// Tests for src/core/random.ts: the xoshiro128** sequence against an independent Python transcription
// of the reference C code, determinism, split streams, and Monte-Carlo moments of every distribution
// against closed forms, with tolerances of 5 standard errors (SE) of the estimator.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AnsatzError } from "../../src/core/errors.ts";
import { Rng } from "../../src/core/random.ts";

// Reference values: xoshiro128** (https://prng.di.unimi.it/xoshiro128starstar.c) seeded with two
// SplitMix64 outputs (https://prng.di.unimi.it/splitmix64.c), state [lo(z1), hi(z1), lo(z2), hi(z2)].
// Computed with this Python (it also reproduces SplitMix64's published outputs for seed 1234567:
// 6457827717110365317, 3203168211198807973):
//
//   M64 = (1 << 64) - 1; M32 = (1 << 32) - 1
//   def sm64(x):
//       x = (x + 0x9e3779b97f4a7c15) & M64; z = x
//       z = ((z ^ (z >> 30)) * 0xbf58476d1ce4e5b9) & M64
//       z = ((z ^ (z >> 27)) * 0x94d049bb133111eb) & M64
//       return x, z ^ (z >> 31)
//   def seed(sd):
//       x = sd & M64; x, z1 = sm64(x); x, z2 = sm64(x)
//       return [z1 & M32, z1 >> 32, z2 & M32, z2 >> 32]
//   rotl = lambda x, k: ((x << k) | (x >> (32 - k))) & M32
//   def nxt(s):
//       r = (rotl((s[1] * 5) & M32, 7) * 9) & M32; t = (s[1] << 9) & M32
//       s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 11)
//       return r
//   for sd in [0, 42, -1, 2**53 - 1]: s = seed(sd); print(sd, [nxt(s) for _ in range(8)])
//   s = seed(42); hi = nxt(s); lo = nxt(s); c = seed((hi << 32) | lo); print([nxt(c) for _ in range(4)])
//   s = seed(7); a = nxt(s) >> 5; b = nxt(s) >> 6; print(repr((a * 67108864 + b) / 2**53))
const REFERENCE: [number, number[]][] = [
  [0, [3737715805, 2584255861, 2876756834, 3286328325, 1553311962, 1625202774, 3260698944, 2754151956]],
  [42, [1776835114, 4165204688, 17111135, 2317295270, 2792088233, 2554630222, 2940343271, 2244566231]],
  [-1, [477689756, 2493998634, 555695776, 607808419, 61340979, 301466976, 2478485284, 2565876330]],
  [
    2 ** 53 - 1,
    [1233166643, 1287031142, 661813442, 2960669951, 2601079046, 1036114921, 2300589652, 2591400186],
  ],
];

function meanVar(x: Float64Array): { mean: number; variance: number; m4: number } {
  let s = 0;
  for (const v of x) s += v;
  const mean = s / x.length;
  let s2 = 0;
  let s4 = 0;
  for (const v of x) {
    const d = (v - mean) ** 2;
    s2 += d;
    s4 += d * d;
  }
  return { mean, variance: s2 / x.length, m4: s4 / x.length };
}

function draw(n: number, f: () => number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = f();
  return out;
}

/** |found - expected| <= 5 SE. */
function within5se(found: number, expected: number, se: number, what: string): void {
  assert.ok(
    Math.abs(found - expected) <= 5 * se,
    `${what}: found ${found}, expected ${expected} ± 5·${se.toExponential(3)}`,
  );
}

function sortedQuantile(sorted: Float64Array, q: number): number {
  const v = (sorted.length - 1) * q;
  const i = Math.floor(v);
  return sorted[i]! + (sorted[Math.min(i + 1, sorted.length - 1)]! - sorted[i]!) * (v - i);
}

describe("Rng: reference sequence and determinism", () => {
  it("first 8 uint32 outputs equal the Python reference xoshiro128** for seeds 0, 42, -1, 2^53-1", () => {
    for (const [seed, expected] of REFERENCE) {
      const r = new Rng(seed);
      assert.deepEqual(
        Array.from({ length: 8 }, () => r.nextUint32()),
        expected,
        `seed ${seed}`,
      );
    }
  });

  it("uniform() for seed 7 is (a>>>5 · 2^26 + b>>>6) / 2^53 = 0.4193505224726699 (Python above)", () => {
    assert.equal(new Rng(7).uniform(), 0.4193505224726699);
  });

  it("split() of seed 42 seeds the child with (hi << 32 | lo) of the parent's next two outputs", () => {
    const parent = new Rng(42);
    const child = parent.split();
    assert.deepEqual(
      [child.nextUint32(), child.nextUint32(), child.nextUint32(), child.nextUint32()],
      [47968312, 1921362277, 1133540367, 1165980621],
    );
    // The parent consumed outputs 1 and 2 of its sequence; it continues with outputs 3 and 4.
    assert.deepEqual([parent.nextUint32(), parent.nextUint32()], [17111135, 2317295270]);
  });

  it("same seed gives the same numbers for every draw type; Rng.fromSeed equals new Rng", () => {
    const a = new Rng(123);
    const b = Rng.fromSeed(123);
    for (let i = 0; i < 200; i++) {
      assert.equal(a.uniform(), b.uniform());
      assert.equal(a.normal(), b.normal());
      assert.equal(a.gamma(0.7), b.gamma(0.7));
      assert.equal(a.int(1000), b.int(1000));
      assert.equal(a.studentT(3), b.studentT(3));
      assert.equal(a.categorical([1, 2, 3]), b.categorical([1, 2, 3]));
    }
  });

  it("different seeds give different sequences", () => {
    const a = new Rng(1);
    const b = new Rng(2);
    let equal = 0;
    for (let i = 0; i < 1000; i++) if (a.nextUint32() === b.nextUint32()) equal++;
    assert.ok(equal <= 1, `${equal} equal outputs out of 1000`);
  });

  it("fillNormal gives the same values as successive normal() calls, including the cached spare", () => {
    const a = new Rng(9);
    const b = new Rng(9);
    a.normal(); // leaves a spare cached
    b.normal();
    const buf = a.fillNormal(new Float64Array(7), 1, 3);
    for (let i = 0; i < 7; i++) assert.equal(buf[i], b.normal(1, 3));
    assert.equal(a.normal(), b.normal());
  });

  it("rejects a non-integer or non-finite seed with an AnsatzError naming the seed", () => {
    for (const bad of [1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.throws(
        () => new Rng(bad),
        (e: unknown) => e instanceof AnsatzError && e.code === "bad-value" && e.message.includes("Rng seed"),
      );
    }
  });
});

describe("Rng: split streams", () => {
  it("parent and child (and two children) are different and uncorrelated: |corr| < 5/sqrt(n), n = 1e5", () => {
    const n = 100000;
    const parent = new Rng(2024);
    const c1 = parent.split();
    const c2 = parent.split();
    const gc = c1.split();
    const streams = [parent, c1, c2, gc].map((r) => draw(n, () => r.uniform()));
    for (let a = 0; a < streams.length; a++) {
      for (let b = a + 1; b < streams.length; b++) {
        const x = streams[a]!;
        const y = streams[b]!;
        const mx = meanVar(x);
        const my = meanVar(y);
        let sxy = 0;
        for (let i = 0; i < n; i++) sxy += (x[i]! - mx.mean) * (y[i]! - my.mean);
        const corr = sxy / n / Math.sqrt(mx.variance * my.variance);
        // Under independence corr ~ N(0, 1/n): SE = 1/sqrt(n) = 0.00316.
        assert.ok(Math.abs(corr) < 5 / Math.sqrt(n), `streams ${a}, ${b}: corr ${corr}`);
        let equal = 0;
        for (let i = 0; i < 1000; i++) if (x[i] === y[i]) equal++;
        assert.equal(equal, 0, `streams ${a}, ${b} share values`);
      }
    }
  });
});

describe("Rng: Monte-Carlo moments vs closed forms (5 SE)", () => {
  const n = 200000;

  it("uniform: mean 1/2, variance 1/12; uniformRange(-2, 3): mean 1/2, variance 25/12", () => {
    const r = new Rng(11);
    const u = draw(n, () => r.uniform());
    const s = meanVar(u);
    assert.ok(u.every((v) => v >= 0 && v < 1));
    within5se(s.mean, 0.5, Math.sqrt(1 / 12 / n), "uniform mean");
    // SE of the sample variance: sqrt((mu4 - sigma^4)/n), mu4 = 1/80 for U(0,1).
    within5se(s.variance, 1 / 12, Math.sqrt((1 / 80 - 1 / 144) / n), "uniform variance");
    const w = meanVar(draw(n, () => r.uniformRange(-2, 3)));
    within5se(w.mean, 0.5, Math.sqrt(25 / 12 / n), "uniformRange mean");
    within5se(w.variance, 25 / 12, 25 * Math.sqrt((1 / 80 - 1 / 144) / n), "uniformRange variance");
  });

  it("normal(3, 2): mean 3, variance 4 (SE 4·sqrt(2/n)), excess kurtosis 0 (SE sqrt(24/n))", () => {
    const r = new Rng(12);
    const s = meanVar(draw(n, () => r.normal(3, 2)));
    within5se(s.mean, 3, 2 / Math.sqrt(n), "normal mean");
    within5se(s.variance, 4, 4 * Math.sqrt(2 / n), "normal variance");
    within5se(s.m4 / s.variance ** 2 - 3, 0, Math.sqrt(24 / n), "normal excess kurtosis");
  });

  it("bernoulli(0.3): frequency 0.3 (SE sqrt(p(1-p)/n)); p = 0 and 1 are never/always true", () => {
    const r = new Rng(13);
    let k = 0;
    for (let i = 0; i < n; i++) if (r.bernoulli(0.3)) k++;
    within5se(k / n, 0.3, Math.sqrt(0.21 / n), "bernoulli frequency");
    for (let i = 0; i < 100; i++) {
      assert.equal(r.bernoulli(0), false);
      assert.equal(r.bernoulli(1), true);
    }
  });

  it("categorical([1, 2, 3, 0, 4]): frequencies w/10, index 3 never drawn", () => {
    const r = new Rng(14);
    const w = [1, 2, 3, 0, 4];
    const counts = new Float64Array(5);
    for (let i = 0; i < n; i++) counts[r.categorical(w)]!++;
    assert.equal(counts[3], 0);
    for (const i of [0, 1, 2, 4]) {
      const p = w[i]! / 10;
      within5se(counts[i]! / n, p, Math.sqrt((p * (1 - p)) / n), `categorical frequency ${i}`);
    }
  });

  it("int(7): each value with frequency 1/7; int(2^40) and int(2^53) stay in range", () => {
    const r = new Rng(15);
    const counts = new Float64Array(7);
    for (let i = 0; i < n; i++) counts[r.int(7)]!++;
    for (let i = 0; i < 7; i++)
      within5se(counts[i]! / n, 1 / 7, Math.sqrt(((1 / 7) * (6 / 7)) / n), `int(7) = ${i}`);
    for (let i = 0; i < 1000; i++) {
      const a = r.int(2 ** 40);
      assert.ok(Number.isInteger(a) && a >= 0 && a < 2 ** 40);
      const b = r.int(2 ** 53);
      assert.ok(Number.isInteger(b) && b >= 0 && b < 2 ** 53);
    }
  });

  it("gamma(2.5, 1.5): mean kθ = 3.75, variance kθ² = 5.625; gamma(0.5): mean 0.5, variance 0.5", () => {
    const r = new Rng(16);
    for (const [k, th] of [
      [2.5, 1.5],
      [0.5, 1],
    ] as const) {
      const s = meanVar(draw(n, () => r.gamma(k, th)));
      const v = k * th * th;
      within5se(s.mean, k * th, Math.sqrt(v / n), `gamma(${k}) mean`);
      // mu4 = 3k(k+2)θ⁴ for Gamma(k, θ), so Var(s²) ≈ (mu4 - v²)/n = (2k² + 6k)θ⁴/n.
      within5se(s.variance, v, Math.sqrt(((2 * k * k + 6 * k) * th ** 4) / n), `gamma(${k}) variance`);
    }
  });

  it("studentT(5): mean 0, variance nu/(nu-2) = 5/3 (SE sqrt((mu4 - 25/9)/n), mu4 = 3nu²/((nu-2)(nu-4)) = 25)", () => {
    const r = new Rng(17);
    const s = meanVar(draw(n, () => r.studentT(5)));
    within5se(s.mean, 0, Math.sqrt(5 / 3 / n), "studentT mean");
    within5se(s.variance, 5 / 3, Math.sqrt((25 - 25 / 9) / n), "studentT variance");
  });

  it("cauchy(1, 2): median = loc = 1, interquartile range = 2·scale = 4", () => {
    const r = new Rng(18);
    const x = draw(n, () => r.cauchy(1, 2)).sort();
    // SE of a sample p-quantile: sqrt(p(1-p)/n) / f(x_p); f = 1/(πs) at the median, 1/(2πs) at the quartiles.
    const s = 2;
    within5se(sortedQuantile(x, 0.5), 1, (0.5 / Math.sqrt(n)) * Math.PI * s, "cauchy median");
    const seQ = Math.sqrt(3 / 16 / n) * 2 * Math.PI * s;
    within5se(sortedQuantile(x, 0.75) - sortedQuantile(x, 0.25), 2 * s, 2 * seQ, "cauchy IQR");
  });

  it("permutation(5) is a permutation and each element lands in each position with frequency 1/5", () => {
    const r = new Rng(19);
    const m = 50000;
    const counts = new Float64Array(25);
    for (let t = 0; t < m; t++) {
      const p = r.permutation(5);
      assert.deepEqual(Array.from(p).sort(), [0, 1, 2, 3, 4]);
      for (let pos = 0; pos < 5; pos++) counts[p[pos]! * 5 + pos]!++;
    }
    for (let i = 0; i < 25; i++) within5se(counts[i]! / m, 0.2, Math.sqrt(0.16 / m), `element/position ${i}`);
    const arr = ["a", "b", "c", "d"];
    assert.equal(r.shuffle(arr), arr);
    assert.deepEqual([...arr].sort(), ["a", "b", "c", "d"]);
  });
});

describe("Rng: bad input", () => {
  const r = new Rng(0);
  const isErr = (code: string, text: string) => (e: unknown) =>
    e instanceof AnsatzError && e.code === code && e.message.includes(text);

  it("categorical rejects all-zero, negative, NaN and empty weights", () => {
    assert.throws(() => r.categorical([0, 0]), isErr("bad-value", "all weights zero"));
    assert.throws(() => r.categorical([1, -1]), isErr("bad-value", "-1 at index 1"));
    assert.throws(() => r.categorical([1, Number.NaN]), isErr("bad-value", "NaN at index 1"));
    assert.throws(() => r.categorical([]), isErr("bad-value", "empty"));
  });

  it("parameters out of range name the argument", () => {
    assert.throws(() => r.gamma(0), isErr("bad-value", "Rng.gamma shape"));
    assert.throws(() => r.gamma(1, -1), isErr("bad-value", "Rng.gamma scale"));
    assert.throws(() => r.studentT(Number.NaN), isErr("bad-value", "Rng.studentT nu"));
    assert.throws(() => r.normal(0, -1), isErr("bad-value", "Rng.normal std"));
    assert.throws(() => r.normal(Number.NaN), isErr("not-finite", "Rng.normal mean"));
    assert.throws(() => r.bernoulli(1.5), isErr("bad-value", "Rng.bernoulli p"));
    assert.throws(() => r.int(0), isErr("bad-value", "Rng.int n"));
    assert.throws(() => r.int(2.5), isErr("bad-value", "Rng.int n"));
    assert.throws(() => r.uniformRange(1, 0), isErr("bad-value", "Rng.uniformRange b"));
    assert.throws(() => r.cauchy(0, 0), isErr("bad-value", "Rng.cauchy scale"));
    assert.throws(
      () => r.fillNormal(new Float64Array(2), 0, Number.POSITIVE_INFINITY),
      isErr("bad-value", "std"),
    );
  });
});
