// Tests of pattern matching (src/methods/vae-meanfield/pattern-match.ts, spec vae-meanfield.md §2.4
// "Overlap"): a permuted, sign-flipped copy gives q = 1 for all μ with the known assignment; flipping k of
// N entries of one pattern gives exactly q = 1 − 2k/N; Q < P leaves a pattern at q = 0, assignment −1;
// and the dynamic programme agrees with an explicit enumeration of all injective assignments.
import assert from "node:assert/strict";
import { test } from "node:test";
import { AnsatzError } from "../../../src/core/errors.ts";
import { Mat } from "../../../src/core/matrix.ts";
import { Rng } from "../../../src/core/random.ts";
import { matchPatterns } from "../../../src/methods/vae-meanfield/pattern-match.ts";

function randomPm1(rows: number, cols: number, rng: Rng): Mat {
  const m = new Mat(rows, cols);
  for (let k = 0; k < m.data.length; k++) m.data[k] = rng.bernoulli(0.5) ? 1 : -1;
  return m;
}

test("matchPatterns: permuted, sign-flipped copy plus an extra column → all q = 1, known assignment and signs", () => {
  const rng = new Rng(1);
  const n = 50;
  const truth = randomPm1(n, 4, rng);
  // estimate column ν: ν0 = −ξ², ν1 = random, ν2 = ξ⁰, ν3 = −ξ³, ν4 = ξ¹
  const extra = randomPm1(n, 1, rng);
  const src: [number, number][] = [
    [2, -1],
    [-1, 1],
    [0, 1],
    [3, -1],
    [1, 1],
  ];
  const est = new Mat(n, 5);
  for (let i = 0; i < n; i++) {
    src.forEach(([mu, s], nu) => {
      est.set(i, nu, mu < 0 ? extra.get(i, 0) : s * truth.get(i, mu));
    });
  }
  const r = matchPatterns(truth, est);
  assert.deepEqual(Array.from(r.overlaps), [1, 1, 1, 1]);
  assert.deepEqual(Array.from(r.assignment), [2, 4, 0, 3]);
  assert.deepEqual(Array.from(r.signs), [1, 1, -1, -1]);
  assert.equal(r.min, 1);
  assert.equal(r.mean, 1);
});

test("matchPatterns: flipping k = 7 of N = 50 entries of one pattern gives q = 1 − 14/50 = 0.72", () => {
  const rng = new Rng(2);
  const truth = randomPm1(50, 3, rng);
  const est = truth.clone();
  for (let i = 0; i < 7; i++) est.set(3 * i, 1, -est.get(3 * i, 1));
  const r = matchPatterns(truth, est);
  assert.ok(Math.abs(r.overlaps[1]! - (1 - 14 / 50)) < 1e-15, `q_1 = ${r.overlaps[1]}`);
  assert.equal(r.overlaps[0], 1);
  assert.equal(r.overlaps[2], 1);
  assert.deepEqual(Array.from(r.assignment), [0, 1, 2]);
  assert.ok(Math.abs(r.mean - (2 + 0.72) / 3) < 1e-15, `mean ${r.mean}`);
});

test("matchPatterns: Q = 2 < P = 3 → the unmatched pattern gets q = 0, assignment −1, sign 0", () => {
  const rng = new Rng(3);
  const truth = randomPm1(40, 3, rng);
  const est = new Mat(40, 2);
  for (let i = 0; i < 40; i++) {
    est.set(i, 0, truth.get(i, 2));
    est.set(i, 1, -truth.get(i, 0));
  }
  const r = matchPatterns(truth, est);
  assert.deepEqual(Array.from(r.assignment), [1, -1, 0]);
  assert.deepEqual(Array.from(r.overlaps), [1, 0, 1]);
  assert.deepEqual(Array.from(r.signs), [-1, 0, 1]);
  assert.equal(r.min, 0);
  assert.ok(Math.abs(r.mean - 2 / 3) < 1e-15, `mean ${r.mean}`);
});

test("matchPatterns: optimum equals explicit enumeration of injective assignments (random N = 6 cases)", () => {
  const rng = new Rng(4);
  for (let trial = 0; trial < 30; trial++) {
    const p = 1 + rng.int(4);
    const q = 1 + rng.int(5);
    const truth = randomPm1(6, p, rng);
    const est = randomPm1(6, q, rng);
    const dot = (mu: number, nu: number) => {
      let s = 0;
      for (let i = 0; i < 6; i++) s += truth.get(i, mu) * est.get(i, nu);
      return Math.abs(s) / 6;
    };
    let best = -1;
    const used = new Array<boolean>(q).fill(false);
    const rec = (mu: number, acc: number) => {
      if (mu === p) {
        best = Math.max(best, acc);
        return;
      }
      rec(mu + 1, acc); // leave μ unmatched
      for (let nu = 0; nu < q; nu++) {
        if (used[nu]) continue;
        used[nu] = true;
        rec(mu + 1, acc + dot(mu, nu));
        used[nu] = false;
      }
    };
    rec(0, 0);
    const r = matchPatterns(truth, est);
    const got = r.overlaps.reduce((s, v) => s + v, 0);
    assert.ok(Math.abs(got - best) < 1e-12, `trial ${trial}: sum ${got} vs enumerated ${best}`);
    const matched = Array.from(r.assignment).filter((a) => a >= 0);
    assert.equal(matched.length, Math.min(p, q), `trial ${trial}: ${matched.length} matched`);
    assert.equal(new Set(matched).size, matched.length, `trial ${trial}: assignment not injective`);
  }
});

test("matchPatterns: non-±1 entries and row mismatch are AnsatzErrors naming the entry", () => {
  const t = Mat.from([[1], [-1]]);
  assert.throws(() => matchPatterns(t, Mat.from([[1], [0]])), /row 1, column 0/);
  assert.throws(() => matchPatterns(t, Mat.from([[1]])), AnsatzError);
});
