// Tests of spin statistics (src/methods/vae-meanfield/spin-statistics.ts, spec vae-meanfield.md §2.4
// "Generative checks"): hand-computed ⟨s_i s_j⟩, correlation errors, P(k), total variation, pattern
// overlaps and encodings; pairCorrelations at N = 64, 20 000 rows agrees with a naive triple loop to 1e-12
// (no timing is asserted here).
import assert from "node:assert/strict";
import { test } from "node:test";
import { AnsatzError } from "../../../src/core/errors.ts";
import { Mat } from "../../../src/core/matrix.ts";
import { Rng } from "../../../src/core/random.ts";
import {
  correlationError,
  magnetisationPmf,
  pairCorrelations,
  patternOverlaps,
  to01,
  toPm1,
  totalVariation,
} from "../../../src/methods/vae-meanfield/spin-statistics.ts";

test("pairCorrelations: rows (1,1,−1), (1,−1,−1) → [[1,0,−1],[0,1,0],[−1,0,1]]", () => {
  const c = pairCorrelations(
    Mat.from([
      [1, 1, -1],
      [1, -1, -1],
    ]),
  );
  assert.deepEqual(c.toArray(), [
    [1, 0, -1],
    [0, 1, 0],
    [-1, 0, 1],
  ]);
  assert.throws(() => pairCorrelations(new Mat(0, 3)), AnsatzError);
});

test("pairCorrelations: N = 64, 20 000 random ±1 rows equals the naive sum within 1e-12", () => {
  const rng = new Rng(1);
  const x = new Mat(20000, 64);
  for (let k = 0; k < x.data.length; k++) x.data[k] = rng.bernoulli(0.6) ? 1 : -1;
  const c = pairCorrelations(x);
  let worst = 0;
  for (const [i, j] of [
    [0, 0],
    [0, 63],
    [17, 42],
    [63, 62],
    [5, 5],
  ] as const) {
    let s = 0;
    for (let r = 0; r < x.rows; r++) s += x.get(r, i) * x.get(r, j);
    worst = Math.max(worst, Math.abs(c.get(i, j) - s / x.rows), Math.abs(c.get(j, i) - s / x.rows));
  }
  assert.ok(worst < 1e-12, `max deviation ${worst}`);
  // Diagonal of ±1 data is exactly 1; ⟨s_i s_j⟩ ≈ (0.2)² = 0.04 off the diagonal.
  assert.equal(c.get(3, 3), 1);
  assert.ok(Math.abs(c.get(1, 2) - 0.04) < 0.03, `⟨s_1 s_2⟩ = ${c.get(1, 2)}`);
});

test("pairCorrelations: odd sizes N = 1, 5, 7 (partial register tiles) equal the naive sum within 1e-14", () => {
  const rng = new Rng(2);
  for (const n of [1, 5, 7]) {
    const x = new Mat(1100, n); // spans three row blocks of 512
    for (let k = 0; k < x.data.length; k++) x.data[k] = rng.bernoulli(0.3) ? 1 : -1;
    const c = pairCorrelations(x);
    let worst = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let r = 0; r < x.rows; r++) s += x.get(r, i) * x.get(r, j);
        worst = Math.max(worst, Math.abs(c.get(i, j) - s / x.rows));
      }
    }
    assert.ok(worst < 1e-14, `N = ${n}: max deviation ${worst}`);
  }
});

test("correlationError: differences 0.3 at (0,2) and −0.1 at (1,2) → max 0.3, mean 0.4/3", () => {
  const a = Mat.eye(3);
  const b = Mat.eye(3);
  b.set(0, 2, 0.3);
  b.set(2, 0, 0.3);
  b.set(1, 2, -0.1);
  b.set(2, 1, -0.1);
  b.set(1, 1, 5); // diagonal ignored
  const e = correlationError(a, b);
  assert.equal(e.max, 0.3);
  assert.ok(Math.abs(e.mean - 0.4 / 3) < 1e-16, `mean ${e.mean}`);
  assert.throws(() => correlationError(Mat.eye(3), Mat.eye(2)), AnsatzError);
});

test("magnetisationPmf: up counts 2, 1, 0, 2 of N = 3 → [0.25, 0.25, 0.5, 0]; totalVariation ½Σ|p−q|", () => {
  const p = magnetisationPmf(
    Mat.from([
      [1, 1, -1],
      [1, -1, -1],
      [-1, -1, -1],
      [-1, 1, 1],
    ]),
  );
  assert.deepEqual(Array.from(p), [0.25, 0.25, 0.5, 0]);
  assert.equal(totalVariation(p, [0, 0.5, 0.5, 0]), 0.25);
  assert.equal(totalVariation([0.5, 0.5], [1, 0]), 0.5);
  assert.throws(() => totalVariation([1], [0.5, 0.5]), AnsatzError);
  assert.throws(() => magnetisationPmf(Mat.from([[1, 0]])), /row 0, column 1/);
});

test("patternOverlaps: s = (1,1,−1,−1) against ξ = 1 and ξ = (1,1,−1,−1) → m = (0, 1)", () => {
  const m = patternOverlaps(
    Mat.from([
      [1, 1, -1, -1],
      [1, 1, 1, -1],
    ]),
    Mat.from([
      [1, 1],
      [1, 1],
      [1, -1],
      [1, -1],
    ]),
  );
  assert.deepEqual(m.toArray(), [
    [0, 1],
    [0.5, 0.5],
  ]);
  assert.throws(() => patternOverlaps(new Mat(2, 4), new Mat(3, 1)), AnsatzError);
});

test("toPm1 / to01: 0/1 ↔ ±1 round trip; other values are errors naming row and column", () => {
  const x01 = Mat.from([
    [0, 1],
    [1, 1],
  ]);
  const pm = toPm1(x01);
  assert.deepEqual(pm.toArray(), [
    [-1, 1],
    [1, 1],
  ]);
  assert.deepEqual(to01(pm).toArray(), x01.toArray());
  assert.throws(() => toPm1(Mat.from([[0, -1]])), /row 0, column 1/);
  assert.throws(() => to01(Mat.from([[0.5]])), /row 0, column 0/);
});
