// Tests of the decoder read-outs (src/methods/vae-meanfield/readout.ts, spec vae-meanfield.md §2.4, A8)
// with synthetic decoders built from a known pattern matrix Ξ (N = 40, P = 3, β = 1.5):
// - cluster read-out: latents z = T m around the 2P retrieval points ±m* e_μ (m* = 0.86, T a random
//   invertible 3 × 3), decoder logits(z) = 2β Ξ T⁻¹ z (§1.4), so sign(logits(c)) at each centre is ±ξ^μ and
//   the read-out must return Ξ exactly (clusters ±e_μ with masses chosen so the order and signs are known);
// - matrix read-out: W = Ξ S (S invertible) and candidates = Ξ with 2 flipped entries per column give back Ξ
//   exactly and principal-angle cosines 1; a rank-deficient W (a 4th column = combination of the others)
//   gives the same; W spanning only ξ¹, ξ² (K = 2 < P) loses ξ³ (the A6 failure mode);
// - uniform coupling read-out: w = (1, 2, 3, 4) has mean 2.5, std √1.25, cv 1/√5.
import assert from "node:assert/strict";
import { test } from "node:test";
import { AnsatzError } from "../../../src/core/errors.ts";
import { inverse } from "../../../src/core/linalg.ts";
import { Mat } from "../../../src/core/matrix.ts";
import { Rng } from "../../../src/core/random.ts";
import { matchPatterns } from "../../../src/methods/vae-meanfield/pattern-match.ts";
import {
  clusterReadout,
  matrixReadout,
  uniformCouplingReadout,
} from "../../../src/methods/vae-meanfield/readout.ts";

const N = 40;
const P = 3;
const BETA = 1.5;

function patterns(rng: Rng): Mat {
  const m = new Mat(N, P);
  for (let k = 0; k < m.data.length; k++) m.data[k] = rng.bernoulli(0.5) ? 1 : -1;
  return m;
}

function randn(rows: number, cols: number, rng: Rng): Mat {
  const m = new Mat(rows, cols);
  rng.fillNormal(m.data);
  return m;
}

test("clusterReadout: synthetic decoder 2β Ξ T⁻¹ z returns Ξ exactly, ordered by cluster mass", () => {
  const rng = new Rng(1);
  const xi = patterns(rng);
  const t = randn(P, P, rng);
  const tInvT = inverse(t).transpose();
  // Cluster masses: +e_μ heavier than −e_μ, pattern 0 heaviest: (+e0 160, −e0 140), (+e1 110, −e1 90), (+e2 60, −e2 40).
  const counts = [
    [160, 140],
    [110, 90],
    [60, 40],
  ];
  const rows: number[][] = [];
  for (let mu = 0; mu < P; mu++) {
    for (const [s, c] of [
      [1, counts[mu]![0]!],
      [-1, counts[mu]![1]!],
    ] as const) {
      for (let r = 0; r < c; r++) {
        const m = [0, 0, 0].map((_, k) => (k === mu ? s * 0.86 : 0) + rng.normal(0, 0.05));
        rows.push(m);
      }
    }
  }
  const means = Mat.from(rows).matmul(t.transpose()); // z = T m, one per row
  // logits (k × N) = 2β (Z T⁻ᵀ) Ξᵀ, i.e. ℓ(z) = 2β Ξ T⁻¹ z per row.
  const decodeLogits = (z: Mat) => {
    const l = z.matmul(tInvT).matmul(xi.transpose());
    for (let k = 0; k < l.data.length; k++) l.data[k] = 2 * BETA * l.data[k]!;
    return l;
  };
  const res = clusterReadout(means, decodeLogits, 2 * P, new Rng(9));
  assert.deepEqual(Array.from(res.sizes), [160, 140, 110, 90, 60, 40]);
  assert.deepEqual(res.patterns.shape, [N, P]);
  assert.deepEqual(Array.from(res.patterns.data), Array.from(xi.data), "patterns differ from Ξ");
  const q = matchPatterns(xi, res.patterns);
  assert.equal(q.min, 1, `min overlap ${q.min}`);
});

test("clusterReadout: a decoder result of the wrong shape is an AnsatzError", () => {
  const means = Mat.from([[0], [1], [5], [6]]);
  assert.throws(() => clusterReadout(means, () => new Mat(3, 4), 2, new Rng(1)), AnsatzError);
});

test("matrixReadout: W = Ξ S and 2-flip candidates → Ξ exactly, cosines 1; rank-deficient W → same", () => {
  const rng = new Rng(2);
  const xi = patterns(rng);
  const w = xi.matmul(randn(P, P, rng));
  const cand = xi.clone();
  for (let mu = 0; mu < P; mu++) {
    cand.set(mu, mu, -cand.get(mu, mu));
    cand.set(10 + mu, mu, -cand.get(10 + mu, mu));
  }
  const r = matrixReadout(w, cand, xi);
  assert.deepEqual(Array.from(r.patterns.data), Array.from(xi.data));
  assert.equal(r.cosines!.length, P);
  for (const c of r.cosines!) assert.ok(Math.abs(c - 1) < 1e-12, `cosine ${c}`);
  // Rank-deficient: K = 4 columns, the 4th = col0 − 2·col2 (rank 3).
  const w4 = new Mat(N, 4);
  for (let i = 0; i < N; i++) {
    for (let k = 0; k < 3; k++) w4.set(i, k, w.get(i, k));
    w4.set(i, 3, w.get(i, 0) - 2 * w.get(i, 2));
  }
  const r4 = matrixReadout(w4, cand, xi);
  assert.deepEqual(Array.from(r4.patterns.data), Array.from(xi.data));
  assert.equal(r4.cosines!.length, P, "cosine count = min(rank W = 3, rank Ξ = 3)");
  for (const c of r4.cosines!) assert.ok(Math.abs(c - 1) < 1e-12, `cosine ${c}`);
  assert.equal(matrixReadout(w, cand).cosines, undefined);
});

test("matrixReadout: W spanning only ξ¹, ξ² (K = 2 < P = 3) recovers those two but not ξ³", () => {
  const rng = new Rng(3);
  const xi = patterns(rng);
  const w = new Mat(N, 2);
  for (let i = 0; i < N; i++) {
    w.set(i, 0, xi.get(i, 0) + 0.5 * xi.get(i, 1));
    w.set(i, 1, xi.get(i, 1) - xi.get(i, 0));
  }
  const r = matrixReadout(w, xi, xi);
  const q = matchPatterns(xi, r.patterns);
  assert.equal(q.overlaps[0], 1, `q_0 = ${q.overlaps[0]}`);
  assert.equal(q.overlaps[1], 1, `q_1 = ${q.overlaps[1]}`);
  assert.ok(q.overlaps[2]! < 0.9, `q_2 = ${q.overlaps[2]} should fall below 0.9`);
  // span(W) ⊂ span(Ξ): both cosines 1 (length min(2, 3) = 2).
  assert.equal(r.cosines!.length, 2);
  for (const c of r.cosines!) assert.ok(Math.abs(c - 1) < 1e-12, `cosine ${c}`);
});

test("uniformCouplingReadout: w = (1,2,3,4) → mean 2.5, std √1.25, cv 1/√5; constant w → cv 0", () => {
  const r = uniformCouplingReadout(Mat.from([[1], [2], [3], [4]]));
  assert.equal(r.mean, 2.5);
  assert.ok(Math.abs(r.std - Math.sqrt(1.25)) < 1e-15, `std ${r.std}`);
  assert.ok(Math.abs(r.cv - 1 / Math.sqrt(5)) < 1e-15, `cv ${r.cv}`);
  const c = uniformCouplingReadout(Mat.from([[-0.75], [-0.75], [-0.75]]));
  assert.equal(c.cv, 0);
  assert.equal(c.mean, -0.75);
  assert.equal(uniformCouplingReadout(Mat.from([[1], [-1]])).cv, Infinity);
  assert.throws(() => uniformCouplingReadout(new Mat(3, 2)), AnsatzError);
});
