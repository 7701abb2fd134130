// Tests of src/methods/vae-meanfield/hopfield-mi.ts (spec §2.2): the overlap-vector reduction of the exact
// bipartite MI against brute-force enumeration of I(s_A; s_B) over all 2^N states, against Curie–Weiss at P = 1
// (gauge equivalence: s_i → ξ_i s_i maps Hopfield with one pattern onto CW with J = 1), and at N = 64, P = 3.
import assert from "node:assert/strict";
import { test } from "node:test";
import { AnsatzError } from "../../../src/core/errors.ts";
import { Mat } from "../../../src/core/matrix.ts";
import { Rng } from "../../../src/core/random.ts";
import { curieWeiss, cwBipartiteMI } from "../../../src/methods/vae-meanfield/curie-weiss.ts";
import {
  type Hopfield,
  hopfield,
  hopfieldEnergy,
  randomPatterns,
} from "../../../src/methods/vae-meanfield/hopfield.ts";
import { hopfieldBipartiteMI, overlapDistribution } from "../../../src/methods/vae-meanfield/hopfield-mi.ts";

/** I(s_A; s_B) by enumerating all 2^N states, A = sites 0..nA−1 (the low bits). */
function bruteMI(model: Hopfield, nA: number): number {
  const n = model.n;
  const states = 2 ** n;
  const lw = new Float64Array(states);
  const s = new Float64Array(n);
  let max = Number.NEGATIVE_INFINITY;
  for (let x = 0; x < states; x++) {
    for (let i = 0; i < n; i++) s[i] = (x >> i) & 1 ? 1 : -1;
    lw[x] = -model.beta * hopfieldEnergy(model, s);
    max = Math.max(max, lw[x]!);
  }
  let z = 0;
  for (let x = 0; x < states; x++) z += Math.exp(lw[x]! - max);
  const maskA = (1 << nA) - 1;
  const pa = new Float64Array(1 << nA);
  const pb = new Float64Array(1 << (n - nA));
  for (let x = 0; x < states; x++) {
    const p = Math.exp(lw[x]! - max) / z;
    pa[x & maskA] = pa[x & maskA]! + p;
    pb[x >> nA] = pb[x >> nA]! + p;
  }
  let mi = 0;
  for (let x = 0; x < states; x++) {
    const p = Math.exp(lw[x]! - max) / z;
    mi += p * Math.log(p / (pa[x & maskA]! * pb[x >> nA]!));
  }
  return mi;
}

test("equals brute-force enumeration of I(s_A; s_B) at N = 10–12, P = 1–4, even and uneven splits (1e-10)", () => {
  // Measured differences ≤ 4e-14.
  const rng = new Rng(1);
  const cases: [number, number, number, number][] = [
    [10, 2, 1.5, 5],
    [12, 3, 1.2, 6],
    [11, 2, 0.7, 4],
    [12, 1, 1.0, 6],
    [10, 4, 2.0, 3],
  ];
  for (const [n, p, beta, nA] of cases) {
    const model = hopfield(randomPatterns(n, p, rng), beta);
    const got = hopfieldBipartiteMI(model, nA);
    const want = bruteMI(model, nA);
    assert.ok(Math.abs(got - want) < 1e-10, `N=${n} P=${p} β=${beta} N_A=${nA}: ${got} vs brute ${want}`);
  }
});

test("P = 1 equals cwBipartiteMI with J = 1 for any pattern (1e-10)", () => {
  const rng = new Rng(2);
  for (const [n, beta] of [
    [64, 0.5],
    [64, 1.5],
    [200, 1.0],
  ] as const) {
    const model = hopfield(randomPatterns(n, 1, rng), beta);
    const got = hopfieldBipartiteMI(model);
    const want = cwBipartiteMI(curieWeiss(n, beta));
    assert.ok(Math.abs(got - want) < 1e-10, `N=${n} β=${beta}: ${got} vs CW ${want}`);
  }
});

test("overlap distribution: sums to 1, N_A = 2 closed form", () => {
  // Two sites with rows ξ_0 = (1, 1), ξ_1 = (1, −1): v = s_0 ξ_0 + s_1 ξ_1 ∈ {(2,0), (0,2), (0,−2), (−2,0)},
  // each with probability 1/4, so 4 distinct vectors.
  const model = hopfield(
    Mat.from([
      [1, 1],
      [1, -1],
      [1, 1],
    ]),
    1,
  );
  const d = overlapDistribution(model, 0, 2);
  assert.equal(d.distinct, 4);
  let total = 0;
  for (const v of d.logProb) if (v > Number.NEGATIVE_INFINITY) total += Math.exp(v);
  assert.ok(Math.abs(total - 1) < 1e-15, `Σ g = ${total}`);
  // t = ((v_1 + 2)/2, (v_2 + 2)/2) on a 3 × 3 lattice: (2,0)→(2,1), (0,2)→(1,2), (0,−2)→(1,0), (−2,0)→(0,1).
  for (const [t1, t2] of [
    [2, 1],
    [1, 2],
    [1, 0],
    [0, 1],
  ] as const) {
    assert.ok(Math.abs(Math.exp(d.logProb[t1 * 3 + t2]!) - 0.25) < 1e-15, `g at t = (${t1}, ${t2})`);
  }
});

test("N = 64, P = 3 at T = 0.8 and 0.95: measured values, above Curie–Weiss; too large throws", (t) => {
  // Measured (patterns randomPatterns(64, 3, Rng(2))): I = 1.6943 nats at T = 0.8, 1.2606 at T = 0.95, ≈ 0.25 s
  // each; 2397 distinct overlap vectors per half. Upper bound: I ≤ H(v_A) ≤ ln(#distinct) = ln 2397 = 7.78.
  const model08 = hopfield(randomPatterns(64, 3, new Rng(2)), 1 / 0.8);
  const t0 = performance.now();
  const i08 = hopfieldBipartiteMI(model08);
  const ms = performance.now() - t0;
  const model095 = hopfield(model08.patterns, 1 / 0.95);
  const i095 = hopfieldBipartiteMI(model095);
  t.diagnostic(`I(T = 0.8) = ${i08.toFixed(6)} (${ms.toFixed(0)} ms), I(T = 0.95) = ${i095.toFixed(6)}`);
  assert.ok(Math.abs(i08 - 1.6943) < 1e-3, `T = 0.8: I = ${i08} (measured 1.6943)`);
  assert.ok(Math.abs(i095 - 1.2606) < 1e-3, `T = 0.95: I = ${i095} (measured 1.2606)`);
  // More retrieval states carry more shared information than the single CW sign bit (CW: 0.7455 at β = 1.5).
  assert.ok(i08 > i095 && i095 > cwBipartiteMI(curieWeiss(64, 1 / 0.95)), `${i08}, ${i095}`);
  const big = hopfield(randomPatterns(200, 4, new Rng(4)), 1);
  assert.throws(() => hopfieldBipartiteMI(big), AnsatzError);
  assert.throws(() => hopfieldBipartiteMI(model08, 64), AnsatzError);
});
