// NG-RC (src/ctf/dynamics/baselines/ngrc.ts): feature names, the exact one-step map of a sampled linear
// ODE recovered with ridge → 0 and iterated exactly, and on quick Lorenz a pair-1 short-time score and
// every pair's shape and finiteness; a bad config names the field.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { AnsatzError } from "../../../../src/core/errors.ts";
import { Mat } from "../../../../src/core/matrix.ts";
import {
  fitNgrc,
  ngrcModel,
  ngrcRollout,
  parseNgrcConfig,
} from "../../../../src/ctf/dynamics/baselines/ngrc.ts";
import { loadDataset } from "../../../../src/ctf/dynamics/dataset.ts";
import { writeDataset } from "../../../../src/ctf/dynamics/dataset-writer.ts";
import { forecastTask } from "../../../../src/ctf/dynamics/forecast-model.ts";
import { PAIR_IDS } from "../../../../src/ctf/dynamics/pairs.ts";
import { scorePair } from "../../../../src/ctf/dynamics/score-dataset.ts";
import { lorenz } from "../../../../src/ctf/dynamics/systems/lorenz.ts";

const root = mkdtempSync(join(tmpdir(), "ansatz-ngrc-"));
after(() => rmSync(root, { recursive: true, force: true }));

// x' = B x with B = [[−a, −ω], [ω, −a]] sampled at Δt: x_{t+1} = M x_t, M = e^{−aΔt}[[c, −s], [s, c]],
// c = cos ωΔt, s = sin ωΔt (the exponential of a scaled rotation generator, closed form).
const a = 0.1;
const omega = 2;
const dt = 0.1;
const e = Math.exp(-a * dt);
const M = [
  [e * Math.cos(omega * dt), -e * Math.sin(omega * dt)],
  [e * Math.sin(omega * dt), e * Math.cos(omega * dt)],
];
function linearTrajectory(rows: number, x0: [number, number]): Mat {
  const X = new Mat(rows, 2);
  X.data[0] = x0[0];
  X.data[1] = x0[1];
  for (let t = 1; t < rows; t++) {
    for (let i = 0; i < 2; i++)
      X.data[2 * t + i] = M[i]![0]! * X.data[2 * t - 2]! + M[i]![1]! * X.data[2 * t - 1]!;
  }
  return X;
}

describe("NG-RC on a sampled linear ODE", () => {
  it("recovers the exact one-step map with ridge 0 and zero constant/quadratic weights", () => {
    const X = linearTrajectory(200, [3, -1]);
    const fit = fitNgrc([X], { k: 1, skip: 1, ridge: 0 });
    assert.deepEqual(fit.featureNames, ["1", "z0(t)", "z1(t)", "z0(t)*z0(t)", "z0(t)*z1(t)", "z1(t)*z1(t)"]);
    // Increment model: z_{t+1} − z_t = W_linᵀ z_t, so W_lin[j][i] = M[i][j] − δ_ij.
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 2; j++) {
        const got = fit.W.get(1 + j, i);
        const want = M[i]![j]! - (i === j ? 1 : 0);
        assert.ok(Math.abs(got - want) < 1e-9, `W[z${j}][${i}] = ${got}, want ${want}`);
      }
    }
    for (const row of [0, 3, 4, 5]) {
      for (let i = 0; i < 2; i++)
        assert.ok(Math.abs(fit.W.get(row, i)) < 1e-9, `${fit.featureNames[row]} → ${i}`);
    }
    // Iterating the fitted map continues the trajectory: 50 more steps equal M^t x exactly (1e-9).
    const more = linearTrajectory(251, [3, -1]);
    const { states, divergence } = ngrcRollout(fit, X, 50);
    assert.equal(divergence, null);
    for (let r = 0; r < 50; r++) {
      for (let i = 0; i < 2; i++)
        assert.ok(Math.abs(states.get(r, i) - more.get(200 + r, i)) < 1e-9, `row ${r}`);
    }
  });

  it("with k = 2, skip = 3 names the delayed features and still recovers the map", () => {
    const X = linearTrajectory(300, [1, 2]);
    const fit = fitNgrc([X], { k: 2, skip: 3, ridge: 0 });
    // 1 + 4 linear + 4·5/2 = 10 quadratic = 15 features.
    assert.equal(fit.featureNames.length, 15);
    assert.deepEqual(fit.featureNames.slice(0, 5), ["1", "z0(t)", "z1(t)", "z0(t-3)", "z1(t-3)"]);
    const { states } = ngrcRollout(fit, X, 20);
    const more = linearTrajectory(320, [1, 2]);
    for (let r = 0; r < 20; r++) {
      for (let i = 0; i < 2; i++)
        assert.ok(Math.abs(states.get(r, i) - more.get(300 + r, i)) < 1e-7, `row ${r}`);
    }
  });
});

describe("ngrc model on quick Lorenz", () => {
  it("gives the requested shape and finite values for all 9 pairs; pair 1 E1 > 90", () => {
    const { dir } = writeDataset(lorenz, { size: "quick", seed: 0, dir: join(root, "lorenz") });
    const ds = loadDataset(dir);
    const cfg = ngrcModel.defaultConfig;
    for (const id of PAIR_IDS) {
      const task = forecastTask(ds, id, 0);
      const pred = ngrcModel.predict(task, cfg) as Mat;
      assert.deepEqual(pred.shape, task.predictionShape, `pair ${id}`);
      assert.ok(pred.data.every(Number.isFinite), `pair ${id} finite`);
      if (id === 1) {
        // Measured: E1 = 98.6 (seed 0, defaults k = 3, ridge 1e-2).
        const e1 = scorePair(ds, 1, pred).E.E1!;
        assert.ok(e1 > 90, `E1 = ${e1}`);
      }
    }
  });

  it("refuses a bad config naming the field", () => {
    const check = (raw: unknown, field: RegExp) =>
      assert.throws(
        () => parseNgrcConfig(raw),
        (err: unknown) => err instanceof AnsatzError && field.test(err.message),
      );
    check({ k: 0 }, /ngrc config\.k: expected a number >= 1, found 0/);
    check({ ridge: "big" }, /ngrc config\.ridge: expected a number, found 'big'/);
    check({ skip: 2.5 }, /ngrc config\.skip/);
    check({ delays: 2 }, /ngrc config\.delays/);
  });
});
