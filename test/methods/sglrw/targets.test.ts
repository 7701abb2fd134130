// Tests of the SGLRW target problems (spec sglrw.md §3): hand-written gradients vs central finite
// differences (rel. err < 1e-5, spec §3), the conjugate linear-regression posterior (its mean is the zero
// of the full gradient, its covariance the inverse of −Hessian), unbiased minibatch gradients, bad input.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Mat } from "../../../src/core/matrix.ts";
import { Rng } from "../../../src/core/random.ts";
import { gaussianTarget } from "../../../src/methods/sglrw/targets/gaussian.ts";
import {
  linearRegressionTarget,
  syntheticLinearData,
} from "../../../src/methods/sglrw/targets/linear-regression.ts";
import {
  logisticRegressionTarget,
  syntheticLogisticData,
} from "../../../src/methods/sglrw/targets/logistic-regression.ts";
import { MinibatchSampler } from "../../../src/methods/sglrw/targets/minibatch.ts";

test("gaussian target: gradient −P(θ − μ) matches finite differences of logDensity (rel. err < 1e-5)", () => {
  const t = gaussianTarget(
    [1, -2, 0.5],
    Mat.from([
      [2, 0.3, 0],
      [0.3, 1, 0.2],
      [0, 0.2, 0.5],
    ]),
  );
  const th = new Float64Array([0.3, 0.7, -1.1]);
  const g = new Float64Array(3);
  t.grad(th, g);
  for (let i = 0; i < 3; i++) {
    const h = 1e-5;
    const a = th.slice();
    const b = th.slice();
    a[i] = a[i]! + h;
    b[i] = b[i]! - h;
    const fd = (t.logDensity(a) - t.logDensity(b)) / (2 * h);
    assert.ok(Math.abs(fd - g[i]!) < 1e-5 * Math.max(1, Math.abs(g[i]!)), `grad[${i}] ${g[i]} vs FD ${fd}`);
  }
});

test("linear regression: exact posterior mean zeroes the full gradient; minibatch gradient is unbiased", () => {
  const data = syntheticLinearData(200, 4, 0.25, new Rng(3));
  const t = linearRegressionTarget(data, { priorVar: 2, noiseVar: 0.25 });
  const { mean, cov } = t.posterior();
  const g = new Float64Array(4);
  t.grad(mean, null, g);
  for (let j = 0; j < 4; j++)
    assert.ok(Math.abs(g[j]!) < 1e-9, `full gradient at the posterior mean: ${g[j]}`);
  // −Hessian = cov⁻¹: the gradient is linear, so ∇(μ + e_k) − ∇(μ) = −P e_k and cov·P = I
  const e = new Float64Array(4);
  for (let k = 0; k < 4; k++) {
    const th = mean.slice();
    th[k] = th[k]! + 1;
    t.grad(th, null, e);
    for (let a = 0; a < 4; a++) {
      let s = 0;
      for (let c = 0; c < 4; c++) s += cov.data[a * 4 + c]! * -e[c]!;
      assert.ok(Math.abs(s - (a === k ? 1 : 0)) < 1e-9);
    }
  }
  // unbiasedness: the average of minibatch gradients over all size-1 batches equals the full gradient
  const th = new Float64Array([0.1, -0.2, 0.3, 0.4]);
  const full = new Float64Array(4);
  t.grad(th, null, full);
  const acc = new Float64Array(4);
  for (let i = 0; i < 200; i++) {
    t.grad(th, Int32Array.of(i), e);
    for (let j = 0; j < 4; j++) acc[j] = acc[j]! + e[j]! / 200;
  }
  for (let j = 0; j < 4; j++)
    assert.ok(Math.abs(acc[j]! - full[j]!) < 1e-9 * Math.max(1, Math.abs(full[j]!)));
  // "mean" convention is the full gradient over N
  const tm = linearRegressionTarget(data, { priorVar: 2, noiseVar: 0.25, convention: "mean" });
  tm.grad(th, null, e);
  for (let j = 0; j < 4; j++)
    assert.ok(Math.abs(e[j]! * 200 - full[j]!) < 1e-9 * Math.max(1, Math.abs(full[j]!)));
});

test("logistic regression: gradient matches finite differences of the log posterior; MAP zeroes it", () => {
  const data = syntheticLogisticData(150, 3, new Rng(4));
  const t = logisticRegressionTarget(data, { priorVar: 4 });
  const logPost = (th: Float64Array) => {
    let s = 0;
    for (let i = 0; i < 150; i++) {
      let z = 0;
      for (let j = 0; j < 3; j++) z += data.X.data[i * 3 + j]! * th[j]!;
      s += data.y[i]! * z - Math.log1p(Math.exp(z));
    }
    for (let j = 0; j < 3; j++) s -= (th[j]! * th[j]!) / 8;
    return s;
  };
  const th = new Float64Array([0.2, -0.4, 0.6]);
  const g = new Float64Array(3);
  t.grad(th, null, g);
  for (let i = 0; i < 3; i++) {
    const h = 1e-5;
    const a = th.slice();
    const b = th.slice();
    a[i] = a[i]! + h;
    b[i] = b[i]! - h;
    const fd = (logPost(a) - logPost(b)) / (2 * h);
    assert.ok(Math.abs(fd - g[i]!) < 1e-5 * Math.max(1, Math.abs(g[i]!)), `grad[${i}] ${g[i]} vs FD ${fd}`);
  }
  const map = t.map();
  t.grad(map, null, g);
  for (let j = 0; j < 3; j++) assert.ok(Math.abs(g[j]!) < 1e-8, `gradient at MAP ${g[j]}`);
});

test("minibatches: distinct indices in range; a batch larger than the data is refused", () => {
  const mb = new MinibatchSampler(10, 4, new Rng(1));
  for (let k = 0; k < 50; k++) {
    const b = Array.from(mb.next());
    assert.equal(new Set(b).size, 4);
    for (const i of b) assert.ok(i >= 0 && i < 10);
  }
  assert.throws(
    () => new MinibatchSampler(10, 11, new Rng(1)),
    /--batch \(minibatch size\): expected a batch size <= the number of data rows 10, found 11/,
  );
  const data = syntheticLinearData(5, 2, 1, new Rng(2));
  data.y[3] = Number.NaN;
  assert.throws(
    () => linearRegressionTarget(data, { priorVar: 1, noiseVar: 1 }),
    /y: expected finite values, found NaN at index 3/,
  );
});
