// Tests of the cumulative-KL diagnostic (src/methods/sglrw/diagnostics.ts, spec sglrw.md §4.2):
// running moments against hand values, the checkpoint schedule, the KL value against the 1-D closed form
// ½[ln(σ0²/σ1²) + (σ1² + Δm²)/σ0² − 1], and a decreasing KL for exact i.i.d. draws from the target.
import assert from "node:assert/strict";
import { test } from "node:test";
import { AnsatzError } from "../../../src/core/errors.ts";
import { Mat } from "../../../src/core/matrix.ts";
import { Rng } from "../../../src/core/random.ts";
import { CumulativeKl, RunningMoments } from "../../../src/methods/sglrw/diagnostics.ts";

test("RunningMoments: samples (1,2), (3,0), (5,4) have mean (3, 2) and covariance [[4, 2], [2, 4]]", () => {
  // numpy: np.cov(np.array([[1,2],[3,0],[5,4]]).T) → [[4, 2], [2, 4]]
  const r = new RunningMoments(2);
  for (const x of [
    [1, 2],
    [3, 0],
    [5, 4],
  ])
    r.push(x);
  assert.deepEqual(Array.from(r.mean()), [3, 2]);
  const c = r.cov();
  for (const [k, v] of [4, 2, 2, 4].entries()) assert.ok(Math.abs(c.data[k]! - v) < 1e-12, `cov[${k}]`);
  assert.throws(() => r.push([1]), AnsatzError);
  assert.throws(() => new RunningMoments(1).cov(), /at least 2 samples/);
});

test("CumulativeKl: checkpoints at n = 3, 5, 7 and the 1-D closed-form KL at each", () => {
  const diag = new CumulativeKl([0], new Mat(1, 1, new Float64Array([2])), { first: 3, every: 2 });
  const xs = [1, -1, 2, 0, 3, -2, 1, 5];
  for (const x of xs) diag.push([x]);
  assert.deepEqual(diag.checkpoints, [3, 5, 7]);
  for (const [k, n] of diag.checkpoints.entries()) {
    const s = xs.slice(0, n);
    const m = s.reduce((a, b) => a + b, 0) / n;
    const v = s.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1);
    const kl = 0.5 * (Math.log(2 / v) + (v + m * m) / 2 - 1);
    assert.ok(Math.abs(diag.kls[k]! - kl) < 1e-12, `checkpoint ${n}: ${diag.kls[k]} vs ${kl}`);
  }
});

test("CumulativeKl: i.i.d. draws from the 2-D target give a KL that decreases on > 50 % of checkpoints and ends < 0.01", () => {
  // target N((1, −1), [[1, 0.5], [0.5, 1]]) sampled exactly as μ + L z, L = chol = [[1, 0], [0.5, √0.75]]
  const cov = new Mat(2, 2, new Float64Array([1, 0.5, 0.5, 1]));
  const diag = new CumulativeKl([1, -1], cov);
  const rng = new Rng(5);
  const x = new Float64Array(2);
  for (let i = 0; i < 20_000; i++) {
    const z0 = rng.normal();
    const z1 = rng.normal();
    x[0] = 1 + z0;
    x[1] = -1 + 0.5 * z0 + Math.sqrt(0.75) * z1;
    diag.push(x);
  }
  assert.equal(diag.kls.length, (20_000 - 500) / 100 + 1);
  assert.ok(diag.fractionDecreasing() > 0.5, `fraction ${diag.fractionDecreasing()}`);
  // E[KL] ≈ (d + d(d+1)/2)/(2n) = 5/40000 for the sample fit; 0.01 is far above it
  assert.ok(diag.currentKl() < 0.01, `final KL ${diag.currentKl()}`);
  // a chain stuck far away does not pass: draws near (4, 2) give KL > 4
  // (Mahalanobis term alone: Δm = (3, 3), Δmᵀ Σ⁻¹ Δm = 12, so KL > 6)
  const bad = new CumulativeKl([1, -1], cov, { first: 3, every: 1 });
  bad.push([4, 2]);
  bad.push([4.1, 2.3]);
  bad.push([3.9, 2.1]);
  assert.ok(bad.kls[0]! > 4);
});
