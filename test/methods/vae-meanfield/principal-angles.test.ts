// Tests of principal-angle cosines (src/methods/vae-meanfield/principal-angles.ts, spec vae-meanfield.md
// §2.4 read-out 2): span(a) = span(a·R) for invertible R gives cosines 1; two 2-D subspaces of R⁴ built
// with principal angles 0.3 and 1.1 (then rotated by a random orthogonal matrix and mixed by random
// invertible column transforms) give exactly cos 0.3 = 0.955336489…, cos 1.1 = 0.453596121…; orthogonal
// spans give 0; the length is min(rank a, rank b).
import assert from "node:assert/strict";
import { test } from "node:test";
import { AnsatzError } from "../../../src/core/errors.ts";
import { svd } from "../../../src/core/linalg.ts";
import { Mat } from "../../../src/core/matrix.ts";
import { Rng } from "../../../src/core/random.ts";
import { principalAngleCosines } from "../../../src/methods/vae-meanfield/principal-angles.ts";

function randn(rows: number, cols: number, rng: Rng): Mat {
  const m = new Mat(rows, cols);
  rng.fillNormal(m.data);
  return m;
}

test("principalAngleCosines: a vs a·R (random invertible R) → all cosines 1 within 1e-12", () => {
  const rng = new Rng(1);
  const a = randn(10, 3, rng);
  const r = randn(3, 3, rng);
  const cos = principalAngleCosines(a, a.matmul(r));
  assert.equal(cos.length, 3);
  for (const c of cos) assert.ok(Math.abs(c - 1) < 1e-12, `cosine ${c}`);
});

test("principalAngleCosines: subspaces of R⁴ with angles 0.3 and 1.1 → [cos 0.3, cos 1.1] within 1e-12", () => {
  const rng = new Rng(2);
  // a = [e1, e2], b = [cos .3 e1 + sin .3 e3, cos 1.1 e2 + sin 1.1 e4]
  const a0 = Mat.from([
    [1, 0],
    [0, 1],
    [0, 0],
    [0, 0],
  ]);
  const b0 = Mat.from([
    [Math.cos(0.3), 0],
    [0, Math.cos(1.1)],
    [Math.sin(0.3), 0],
    [0, Math.sin(1.1)],
  ]);
  const q = svd(randn(4, 4, rng)).U; // random orthogonal
  const a = q.matmul(a0).matmul(randn(2, 2, rng));
  const b = q.matmul(b0).matmul(randn(2, 2, rng));
  const cos = principalAngleCosines(a, b);
  assert.equal(cos.length, 2);
  assert.ok(Math.abs(cos[0]! - Math.cos(0.3)) < 1e-12, `cos[0] ${cos[0]} vs ${Math.cos(0.3)}`);
  assert.ok(Math.abs(cos[1]! - Math.cos(1.1)) < 1e-12, `cos[1] ${cos[1]} vs ${Math.cos(1.1)}`);
});

test("principalAngleCosines: orthogonal spans → 0; rank-deficient input → length min(rank a, rank b)", () => {
  const a = Mat.from([
    [1, 2],
    [0, 0],
    [0, 0],
    [1, 2],
  ]); // rank 1 (second column = 2 × first)
  const b = Mat.from([
    [1, 0],
    [0, 1],
    [0, 0],
    [-1, 0],
  ]);
  const cos = principalAngleCosines(a, b);
  assert.equal(cos.length, 1);
  assert.ok(cos[0]! < 1e-15, `cosine ${cos[0]}`);
  const c2 = principalAngleCosines(b, Mat.from([[0], [1], [5], [0]]));
  assert.ok(Math.abs(c2[0]! - 1 / Math.sqrt(26)) < 1e-14, `cosine ${c2[0]} vs 1/√26`);
  assert.equal(principalAngleCosines(new Mat(4, 1), b).length, 0);
});

test("principalAngleCosines: different row counts and NaN are AnsatzErrors", () => {
  assert.throws(() => principalAngleCosines(new Mat(3, 1), new Mat(4, 1)), AnsatzError);
  assert.throws(() => principalAngleCosines(Mat.from([[Number.NaN]]), Mat.from([[1]])), AnsatzError);
});
