// SINDy (src/ctf/dynamics/baselines/sindy.ts, sindy-library.ts): pysindy's library names, exact finite
// differences and Savitzky–Golay on polynomials, STLSQ on an exactly sparse system, the Lorenz
// coefficients from clean data (issue 4: to 1e-2), a bounded blow-up, and every pair of quick Lorenz
// and quick KS with the requested shape and finite values.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { AnsatzError } from "../../../../src/core/errors.ts";
import { Mat } from "../../../../src/core/matrix.ts";
import { rk4 } from "../../../../src/core/ode/rk4.ts";
import { Rng } from "../../../../src/core/random.ts";
import { savitzkyGolay } from "../../../../src/ctf/dynamics/baselines/learned-data.ts";
import {
  fitSindy,
  integrateBounded,
  parseSindyConfig,
  sindyModel,
} from "../../../../src/ctf/dynamics/baselines/sindy.ts";
import {
  centralDifference,
  polynomialLibrary,
  stlsq,
} from "../../../../src/ctf/dynamics/baselines/sindy-library.ts";
import { loadDataset } from "../../../../src/ctf/dynamics/dataset.ts";
import { writeDataset } from "../../../../src/ctf/dynamics/dataset-writer.ts";
import { forecastTask } from "../../../../src/ctf/dynamics/forecast-model.ts";
import { PAIR_IDS } from "../../../../src/ctf/dynamics/pairs.ts";
import { scorePair } from "../../../../src/ctf/dynamics/score-dataset.ts";
import { ks } from "../../../../src/ctf/dynamics/systems/ks.ts";
import { lorenz, lorenzRhs } from "../../../../src/ctf/dynamics/systems/lorenz.ts";

const root = mkdtempSync(join(tmpdir(), "ansatz-sindy-"));
after(() => rmSync(root, { recursive: true, force: true }));

function throwsField(fn: () => unknown, field: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof AnsatzError, `expected an AnsatzError, got ${String(e)}`);
    assert.match(e.message, field);
    return true;
  });
}

describe("polynomial library, finite differences, Savitzky–Golay", () => {
  it("names the order-2 terms of 3 variables as pysindy does", () => {
    // python3 -c "import pysindy as ps, numpy as np; l=ps.PolynomialLibrary(degree=2).fit(np.ones((3,3))); print(l.get_feature_names())"
    const lib = polynomialLibrary(3, 2);
    assert.deepEqual(lib.names, ["1", "x0", "x1", "x2", "x0^2", "x0 x1", "x0 x2", "x1^2", "x1 x2", "x2^2"]);
    // C(3 + 3, 3) = 20 monomials of degree ≤ 3 in 3 variables; the last is x2^3.
    const lib3 = polynomialLibrary(3, 3);
    assert.equal(lib3.names.length, 20);
    assert.equal(lib3.names[10], "x0^3");
    assert.equal(lib3.names[11], "x0^2 x1");
    const out = new Float64Array(10);
    lib.evaluate([2, 3, 5], out);
    assert.deepEqual(Array.from(out), [1, 2, 3, 5, 4, 6, 10, 9, 15, 25]);
  });

  it("differentiates a quadratic exactly, ends included (second-order formulas)", () => {
    // x(t) = 3t² − t + 2 sampled at t = 0.5 i: x'(t) = 6t − 1 exactly for central and one-sided formulas.
    const h = 0.5;
    const X = new Mat(7, 1);
    for (let i = 0; i < 7; i++) X.data[i] = 3 * (h * i) ** 2 - h * i + 2;
    const d = centralDifference(X, h);
    for (let i = 0; i < 7; i++) assert.ok(Math.abs(d.data[i]! - (6 * h * i - 1)) < 1e-12, `row ${i}`);
  });

  it("Savitzky–Golay of degree 2 returns a quadratic unchanged, edges included", () => {
    const X = new Mat(20, 2);
    for (let i = 0; i < 20; i++) {
      X.data[2 * i] = 0.5 * i * i - 3 * i + 1;
      X.data[2 * i + 1] = -i + 4;
    }
    const s = savitzkyGolay(X, 7, 2);
    for (let i = 0; i < 40; i++) assert.ok(Math.abs(s.data[i]! - X.data[i]!) < 1e-9, `entry ${i}`);
  });
});

describe("STLSQ", () => {
  it("recovers an exactly sparse linear system exactly", () => {
    const rng = new Rng(7);
    const theta = new Mat(200, 6);
    rng.fillNormal(theta.data);
    // Ξ (6 × 2): column 0 = [0, 1.5, 0, −2, 0, 0], column 1 = [0.7, 0, 0, 0, 0, 3].
    const xi = Mat.from([
      [0, 0.7],
      [1.5, 0],
      [0, 0],
      [-2, 0],
      [0, 0],
      [0, 3],
    ]);
    const dX = theta.matmul(xi);
    const r = stlsq(theta, dX, { threshold: 0.1, ridge: 0, maxIter: 10 });
    assert.ok(r.converged);
    for (let i = 0; i < 12; i++) {
      if (xi.data[i] === 0) assert.equal(r.coef.data[i], 0, `zero term ${i}`);
      else assert.ok(Math.abs(r.coef.data[i]! - xi.data[i]!) < 1e-12, `term ${i}: ${r.coef.data[i]}`);
    }
  });
});

describe("SINDy on Lorenz", () => {
  it("recovers σ = 10, ρ = 28, β = 8/3 and the zero terms from clean data to 1e-2", () => {
    // Clean Lorenz-63 (σ 10, ρ 28, β 8/3), RK4 at Δt = 0.001 after a 5-time-unit transient, 5000 rows.
    const warm = rk4(lorenzRhs(28), new Float64Array([1, 1, 20]), { dt: 0.001, steps: 5000 });
    const tr = rk4(lorenzRhs(28), warm.y.row(warm.y.rows - 1).slice(), { dt: 0.001, steps: 4999 });
    const fit = fitSindy([tr.y], 0.001, { order: 2, threshold: 0.1, ridge: 0, maxIter: 20 });
    const names = fit.library.names;
    // ẋ = −10 x0 + 10 x1; ẏ = 28 x0 − x1 − x0 x2; ż = −8/3 x2 + x0 x1.
    const expected: Record<string, [number, number, number]> = {
      x0: [-10, 28, 0],
      x1: [10, -1, 0],
      x2: [0, 0, -8 / 3],
      "x0 x1": [0, 0, 1],
      "x0 x2": [0, -1, 0],
    };
    for (let a = 0; a < names.length; a++) {
      const want = expected[names[a]!] ?? [0, 0, 0];
      for (let j = 0; j < 3; j++) {
        const got = fit.coef.get(a, j);
        if (want[j] === 0) assert.equal(got, 0, `${names[a]} in equation ${j}`);
        else assert.ok(Math.abs(got - want[j]!) < 1e-2, `${names[a]} in equation ${j}: ${got} vs ${want[j]}`);
      }
    }
  });
});

describe("bounded integration", () => {
  it("stops y' = y² (y = 1/(1 − t)) when it leaves the box and repeats the last good state", () => {
    // From y(0) = 1 with Δt 0.1: y(0.8) = 5, y(0.9) = 10, so with the box |y| ≤ 6 the first bad row
    // is t = 0.9, prediction row 8 (row i is t = 0.1(i+1)), and rows 8… repeat y(0.8) ≈ 5.
    const { states, divergence } = integrateBounded(
      (_t, y, d) => {
        d[0] = y[0]! * y[0]!;
      },
      new Float64Array([1]),
      {
        dt: 0.1,
        rows: 15,
        substeps: 20,
        centre: new Float64Array([0]),
        bound: new Float64Array([6]),
      },
    );
    assert.ok(divergence);
    assert.equal(divergence.row, 8);
    assert.match(divergence.message, /diverged at prediction row 8/);
    assert.ok(Math.abs(states.data[7]! - 5) < 1e-4, `y(0.8) = ${states.data[7]}`);
    for (let r = 8; r < 15; r++) assert.equal(states.data[r], states.data[7]);
  });
});

describe("sindy model on quick data sets", () => {
  it("gives the requested shape and finite values for all 9 pairs of quick Lorenz; pair 1 E1 > 80", () => {
    const { dir } = writeDataset(lorenz, { size: "quick", seed: 0, dir: join(root, "lorenz") });
    const ds = loadDataset(dir);
    const cfg = sindyModel.defaultConfig;
    for (const id of PAIR_IDS) {
      const task = forecastTask(ds, id, 0);
      const pred = sindyModel.predict(task, cfg) as Mat;
      assert.deepEqual(pred.shape, task.predictionShape, `pair ${id}`);
      assert.ok(pred.data.every(Number.isFinite), `pair ${id} finite`);
      if (id === 1) {
        // Measured: E1 = 90.8 (seed 0, defaults).
        const e1 = scorePair(ds, 1, pred).E.E1!;
        assert.ok(e1 > 80, `E1 = ${e1}`);
      }
    }
  });

  it("gives the requested shape and finite values for all 9 pairs of quick KS (4 POD modes)", () => {
    const { dir } = writeDataset(ks, { size: "quick", seed: 0, dir: join(root, "ks") });
    const ds = loadDataset(dir);
    const cfg = parseSindyConfig({ podModes: 4 });
    for (const id of PAIR_IDS) {
      const task = forecastTask(ds, id, 0);
      const pred = sindyModel.predict(task, cfg) as Mat;
      assert.deepEqual(pred.shape, task.predictionShape, `pair ${id}`);
      assert.ok(pred.data.every(Number.isFinite), `pair ${id} finite`);
    }
  });

  it("refuses a bad config naming the field", () => {
    throwsField(
      () => parseSindyConfig({ threshold: -1 }),
      /sindy config\.threshold: expected a number >= 0, found -1/,
    );
    throwsField(() => parseSindyConfig({ reconstructWindow: 4 }), /sindy config\.reconstructWindow/);
    throwsField(() => parseSindyConfig({ order: 1.5 }), /sindy config\.order/);
    throwsField(() => parseSindyConfig({ tresh: 1 }), /sindy config\.tresh: expected only the fields/);
  });
});
