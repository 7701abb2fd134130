// Tests of the logistic-regression reference posterior (src/methods/sglrw/targets/logistic-reference.ts): a long
// full-batch ULA run from the MAP at δt = 0.01/λmax, cross-checked against the Laplace approximation N(MAP, H⁻¹).
// Values measured on this seed (n = 300, d = 3): reference vs Laplace gap 0.20 posterior SDs in the mean and
// 0.062 relative in the covariance (the logistic posterior is slightly skewed, so the gap is not zero).
import assert from "node:assert/strict";
import { test } from "node:test";
import { AnsatzError } from "../../../src/core/errors.ts";
import { Rng } from "../../../src/core/random.ts";
import { logisticReferencePosterior } from "../../../src/methods/sglrw/targets/logistic-reference.ts";
import { syntheticLogisticData } from "../../../src/methods/sglrw/targets/logistic-regression.ts";

test("reference posterior: close to Laplace (mean < 0.35 SD, cov < 15 %) but not equal to it", () => {
  const data = syntheticLogisticData(300, 3, new Rng(5));
  const ref = logisticReferencePosterior(data, { priorVar: 1, seed: 1 });
  assert.ok(ref.laplaceGap.meanError < 0.35, `mean gap ${ref.laplaceGap.meanError}`);
  assert.ok(ref.laplaceGap.covError < 0.15, `cov gap ${ref.laplaceGap.covError}`);
  // a real chain, not a copy of the Laplace moments (measured 0.20 SD / 0.062)
  assert.ok(ref.laplaceGap.meanError > 0.01 && ref.laplaceGap.covError > 0.005);
  // δt = 0.01/λmax and a length of 310 relaxation times (measured: 52 043 steps)
  assert.ok(ref.lr > 0 && ref.lr < 1e-3);
  assert.ok(ref.steps > 10_000 && ref.steps <= 400_000);
  assert.equal(ref.mean.length, 3);
});

test("reference posterior: bad step factor is an AnsatzError naming the field", () => {
  const data = syntheticLogisticData(50, 2, new Rng(1));
  assert.throws(
    () => logisticReferencePosterior(data, { priorVar: 1, seed: 1, stepFactor: -1 }),
    (e: unknown) => e instanceof AnsatzError && /stepFactor/.test(e.message),
  );
});
