// Tests of src/methods/vae-meanfield/curie-weiss.ts: the exact Curie–Weiss references and sampler (spec §1.3,
// §2.1, §2.2) against brute-force enumeration, closed forms, the spec's table §4.1 (A3) and the TV test A2.
import assert from "node:assert/strict";
import { test } from "node:test";
import { AnsatzError } from "../../../src/core/errors.ts";
import { Rng } from "../../../src/core/random.ts";
import {
  curieWeiss,
  cwBipartiteMI,
  cwCountPmf,
  cwEnergy,
  cwLogZ,
  cwPairCorrelation,
  cwParamagnetMI,
  sampleCurieWeiss,
} from "../../../src/methods/vae-meanfield/curie-weiss.ts";

test("energy: H = −(J/2N) M² − h M, equal to the pairwise double sum", () => {
  // N = 4, s = (1, 1, 1, −1): M = 2; J = 2, h = 0.5: H = −(2/8)·4 − 0.5·2 = −2 exactly.
  const m = curieWeiss(4, 1, { j: 2, h: 0.5 });
  assert.equal(cwEnergy(m, [1, 1, 1, -1]), -2);
  const rng = new Rng(1);
  const big = curieWeiss(9, 0.7, { j: -0.3, h: 1.1 });
  const s = Array.from({ length: 9 }, () => (rng.uniform() < 0.5 ? -1 : 1));
  let pair = 0;
  let field = 0;
  for (let i = 0; i < 9; i++) {
    field += s[i]!;
    for (let j = 0; j < 9; j++) pair += s[i]! * s[j]!;
  }
  const direct = (0.3 / 18) * pair - 1.1 * field;
  const e = cwEnergy(big, s);
  assert.ok(Math.abs(e - direct) < 1e-12, `|H − double sum| = ${Math.abs(e - direct)}`);
});

test("cwLogZ equals brute-force enumeration of 2^10 states (1e-12); P(k) sums to 1", () => {
  const m = curieWeiss(10, 1.3, { j: 0.7, h: 0.3 });
  const terms: number[] = [];
  const s = new Float64Array(10);
  for (let x = 0; x < 1024; x++) {
    for (let i = 0; i < 10; i++) s[i] = (x >> i) & 1 ? 1 : -1;
    terms.push(-m.beta * cwEnergy(m, s));
  }
  const max = Math.max(...terms);
  const brute = max + Math.log(terms.reduce((a, v) => a + Math.exp(v - max), 0));
  const lz = cwLogZ(m);
  assert.ok(Math.abs(lz - brute) < 1e-12, `logZ ${lz} vs brute ${brute}, diff ${Math.abs(lz - brute)}`);
  const pmf = cwCountPmf(m);
  const total = pmf.reduce((a, v) => a + v, 0);
  assert.ok(Math.abs(total - 1) < 1e-14, `Σ P(k) = ${total}`);
});

test("A2: exact sampler, N = 64, β ∈ {0.5, 1, 1.5}, 1e5 samples: TV(histogram of k, P(k)) < 0.02", (t) => {
  // Measured TV ≈ 0.004–0.007 (sampling noise only: the sampler is exact).
  const rng = new Rng(2);
  for (const beta of [0.5, 1, 1.5]) {
    const m = curieWeiss(64, beta);
    const x = sampleCurieWeiss(m, 100000, rng);
    const hist = new Float64Array(65);
    for (let r = 0; r < x.rows; r++) {
      let up = 0;
      for (let i = 0; i < 64; i++) if (x.data[r * 64 + i] === 1) up++;
      hist[up] = hist[up]! + 1;
    }
    for (let i = 0; i < x.data.length; i++)
      assert.ok(x.data[i] === 1 || x.data[i] === -1, `entry ${x.data[i]}`);
    const p = cwCountPmf(m);
    let tv = 0;
    for (let k = 0; k <= 64; k++) tv += 0.5 * Math.abs(hist[k]! / x.rows - p[k]!);
    t.diagnostic(`β = ${beta}: TV = ${tv.toFixed(4)}`);
    assert.ok(tv < 0.02, `β = ${beta}: TV = ${tv}`);
  }
});

test("pair correlation: exact (E[M²] − N)/(N(N − 1)) vs 1e5 samples and vs a single pair", (t) => {
  // N = 32, β = 1.2 (ordered): exact ⟨s_i s_j⟩ ≈ 0.48; the all-pairs estimator has SE ≈ 0.001 at 1e5 samples,
  // one pair (s_0 s_1) SE ≈ 0.003.
  const m = curieWeiss(32, 1.2);
  const exact = cwPairCorrelation(m);
  const x = sampleCurieWeiss(m, 100000, new Rng(3));
  let allPairs = 0;
  let one = 0;
  for (let r = 0; r < x.rows; r++) {
    let mm = 0;
    for (let i = 0; i < 32; i++) mm += x.data[r * 32 + i]!;
    allPairs += (mm * mm - 32) / (32 * 31);
    one += x.data[r * 32]! * x.data[r * 32 + 1]!;
  }
  allPairs /= x.rows;
  one /= x.rows;
  t.diagnostic(`exact ${exact.toFixed(4)}, all-pairs ${allPairs.toFixed(4)}, ⟨s_0 s_1⟩ ${one.toFixed(4)}`);
  assert.ok(exact > 0.3 && exact < 0.7, `exact ⟨s_i s_j⟩ = ${exact}`);
  assert.ok(Math.abs(allPairs - exact) < 0.005, `all-pairs ${allPairs} vs exact ${exact}`);
  assert.ok(Math.abs(one - exact) < 0.015, `⟨s_0 s_1⟩ ${one} vs exact ${exact}`);
  // β → 0 limit: independent spins, ⟨s_i s_j⟩ → 0 (β = 1e-9 gives < 1e-8).
  assert.ok(Math.abs(cwPairCorrelation(curieWeiss(16, 1e-9))) < 1e-8);
});

test("A3: exact bipartite MI reproduces the spec table §4.1 (16 entries, abs err < 1e-3)", () => {
  const betas = [0.5, 0.9, 1.0, 1.5];
  const table: Record<number, number[]> = {
    16: [0.0509, 0.2465, 0.3279, 0.6884],
    64: [0.0565, 0.3718, 0.5529, 0.7455],
    256: [0.0583, 0.4719, 0.8264, 0.7276],
    1024: [0.0587, 0.5259, 1.132, 0.725],
  };
  for (const [n, row] of Object.entries(table)) {
    row.forEach((want, c) => {
      const got = cwBipartiteMI(curieWeiss(Number(n), betas[c]!));
      assert.ok(Math.abs(got - want) < 1e-3, `N = ${n}, β = ${betas[c]}: ${got} vs table ${want}`);
    });
  }
  // N → ∞ paramagnet: ρ = 1/3, −½ ln(8/9) = 0.0588915…; N = 1024 measured 0.05873.
  const limit = cwParamagnetMI(0.5);
  assert.ok(Math.abs(limit - 0.5 * Math.log(9 / 8)) < 1e-15, `closed form ${limit}`);
  const n1024 = cwBipartiteMI(curieWeiss(1024, 0.5));
  assert.ok(Math.abs(n1024 - limit) < 0.001, `N = 1024: ${n1024} vs limit ${limit}`);
});

test("bipartite MI: brute-force enumeration at N = 10 with a field and uneven split (1e-12)", () => {
  const m = curieWeiss(10, 0.8, { j: 1.3, h: 0.2 });
  const nA = 3;
  const w = new Float64Array(1024);
  const s = new Float64Array(10);
  let z = 0;
  for (let x = 0; x < 1024; x++) {
    for (let i = 0; i < 10; i++) s[i] = (x >> i) & 1 ? 1 : -1;
    w[x] = Math.exp(-m.beta * cwEnergy(m, s));
    z += w[x]!;
  }
  const pa = new Float64Array(8);
  const pb = new Float64Array(128);
  for (let x = 0; x < 1024; x++) {
    pa[x & 7] = pa[x & 7]! + w[x]! / z;
    pb[x >> 3] = pb[x >> 3]! + w[x]! / z;
  }
  let brute = 0;
  for (let x = 0; x < 1024; x++) {
    const p = w[x]! / z;
    brute += p * Math.log(p / (pa[x & 7]! * pb[x >> 3]!));
  }
  const got = cwBipartiteMI(m, nA);
  assert.ok(Math.abs(got - brute) < 1e-12, `${got} vs brute ${brute}`);
});

test("bad input throws AnsatzError", () => {
  assert.throws(() => curieWeiss(1, 1), AnsatzError);
  assert.throws(() => curieWeiss(2.5, 1), AnsatzError);
  assert.throws(() => curieWeiss(10, 0), AnsatzError);
  assert.throws(() => curieWeiss(10, Number.POSITIVE_INFINITY), AnsatzError);
  assert.throws(() => curieWeiss(10, 1, { h: Number.NaN }), AnsatzError);
  assert.throws(() => cwEnergy(curieWeiss(4, 1), [1, 1]), AnsatzError);
  assert.throws(() => cwBipartiteMI(curieWeiss(4, 1), 4), AnsatzError);
  assert.throws(() => cwParamagnetMI(1), AnsatzError);
  assert.throws(() => sampleCurieWeiss(curieWeiss(4, 1), -1, new Rng(1)), AnsatzError);
});
