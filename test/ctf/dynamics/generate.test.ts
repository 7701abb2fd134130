// Tests of src/ctf/dynamics/generate.ts: the full layout is the reference table of spec ctf.md §1.5
// (shapes and start indices as in the reference ODE_Lorenz.yaml), the quick layout, determinism per
// seed, trajectory consistency (train → test continuity, X2test/X4test are the clean truths), the
// documented noise σ, the parameter per matrix (§1.2) and the time axis t[i] = (start + i)·Δt (§1.3).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AnsatzError } from "../../../src/core/errors.ts";
import { Mat } from "../../../src/core/matrix.ts";
import { Rk4Stepper } from "../../../src/core/ode/rk4.ts";
import { generateMatrices, layoutFor, matrixTimes } from "../../../src/ctf/dynamics/generate.ts";
import { ks } from "../../../src/ctf/dynamics/systems/ks.ts";
import { lorenz, lorenzRhs } from "../../../src/ctf/dynamics/systems/lorenz.ts";
import { SYSTEMS } from "../../../src/ctf/dynamics/systems/registry.ts";

// metadata.matrix_shapes (rows) and matrix_start_index of the reference ODE_Lorenz.yaml / PDE_KS.yaml.
const FULL_ROWS: Record<string, number> = {
  X1train: 10000,
  X2train: 10000,
  X3train: 10000,
  X4train: 100,
  X5train: 100,
  X6train: 10000,
  X7train: 10000,
  X8train: 10000,
  X9train: 100,
  X10train: 100,
  X1test: 1000,
  X2test: 10000,
  X3test: 1000,
  X4test: 10000,
  X5test: 1000,
  X6test: 1000,
  X7test: 1000,
  X8test: 1000,
  X9test: 1000,
};
const FULL_START: Record<string, number> = {
  X1train: 0,
  X2train: 0,
  X3train: 0,
  X4train: 0,
  X5train: 0,
  X6train: 0,
  X7train: 0,
  X8train: 0,
  X9train: 9900,
  X10train: 9900,
  X1test: 10000,
  X2test: 0,
  X3test: 10000,
  X4test: 0,
  X5test: 10000,
  X6test: 100,
  X7test: 100,
  X8test: 10000,
  X9test: 10000,
};

function byName(rec: { name: string }[]): string[] {
  return rec.map((m) => m.name);
}

/** Per-column population std of the entries of a matrix. */
function colStd(m: Mat): number[] {
  const out: number[] = [];
  for (let j = 0; j < m.cols; j++) {
    const c = m.col(j);
    const mean = c.reduce((a, b) => a + b, 0) / c.length;
    out.push(Math.sqrt(c.reduce((a, b) => a + (b - mean) ** 2, 0) / c.length));
  }
  return out;
}

describe("layoutFor", () => {
  it("full: the 19 shapes and start indices of the reference table (§1.5, ODE_Lorenz.yaml)", () => {
    const l = layoutFor("full");
    assert.deepEqual(byName(l.matrices), Object.keys(FULL_ROWS));
    for (const m of l.matrices) {
      assert.equal(m.rows, FULL_ROWS[m.name], `${m.name} rows`);
      assert.equal(m.start, FULL_START[m.name], `${m.name} start`);
    }
  });

  it("full: noise on X2train (medium), X3train (high), X5train (medium) only; pair trajectories (§1.2)", () => {
    const l = layoutFor("full");
    const get = (n: string) => l.matrices.find((m) => m.name === n)!;
    const noisy = l.matrices.filter((m) => m.noise !== "none").map((m) => `${m.name}:${m.noise}`);
    assert.deepEqual(noisy, ["X2train:medium", "X3train:high", "X5train:medium"]);
    // Same trajectory: X1train/X1test; X2train/X2test/X3test; X3train/X4test/X5test; X4train/X6test;
    // X5train/X7test; X9train/X8test (interpolation); X10train/X9test (extrapolation).
    const same = [
      ["X1train", "X1test"],
      ["X2train", "X2test", "X3test"],
      ["X3train", "X4test", "X5test"],
      ["X4train", "X6test"],
      ["X5train", "X7test"],
      ["X9train", "X8test"],
      ["X10train", "X9test"],
    ];
    for (const group of same) {
      const ids = new Set(group.map((n) => get(n).trajectory));
      assert.equal(ids.size, 1, group.join(", "));
    }
    const slot = (n: string) => l.trajectories[get(n).trajectory - 1]!.param;
    assert.deepEqual(["X1train", "X6train", "X7train", "X8train", "X9train", "X10train"].map(slot), [
      "default",
      "train0",
      "train1",
      "train2",
      "interpolation",
      "extrapolation",
    ]);
    assert.equal(new Set(l.matrices.map((m) => m.trajectory)).size, 10);
  });

  it("quick: long windows 1000 (÷10), limited/burn-in 100, forecasts 500 from 1000 (X6/X7 test from 100)", () => {
    const l = layoutFor("quick");
    const get = (n: string) => l.matrices.find((m) => m.name === n)!;
    assert.deepEqual([get("X1train").rows, get("X2test").rows, get("X4train").rows], [1000, 1000, 100]);
    assert.deepEqual([get("X9train").start, get("X9train").rows], [900, 100]);
    assert.deepEqual([get("X1test").start, get("X1test").rows], [1000, 500]);
    assert.deepEqual([get("X6test").start, get("X6test").rows], [100, 500]);
    assert.throws(
      () => layoutFor("huge" as "full"),
      (e: unknown) => e instanceof AnsatzError && /size/.test(e.message),
    );
  });
});

describe("generateMatrices (quick)", () => {
  const seed = 11;
  const g = generateMatrices(lorenz, { size: "quick", seed });

  it("Lorenz: shapes and start indices follow layoutFor('quick') with 3 columns", () => {
    assert.equal(g.train.length, 10);
    assert.equal(g.test.length, 9);
    for (const m of layoutFor("quick").matrices) {
      const mat = (m.kind === "train" ? g.train : g.test)[m.index - 1]!;
      assert.deepEqual(mat.shape, [m.rows, 3], m.name);
      assert.deepEqual(g.meta.shapes[m.name], [m.rows, 3]);
      assert.equal(g.meta.startIndex[m.name], m.start);
    }
    assert.equal(g.meta.deltaT, 0.05);
  });

  it("is bit-identical for the same seed and differs for another seed", () => {
    const again = generateMatrices(lorenz, { size: "quick", seed });
    for (let i = 0; i < 10; i++) assert.deepEqual(again.train[i]!.data, g.train[i]!.data, `X${i + 1}train`);
    for (let i = 0; i < 9; i++) assert.deepEqual(again.test[i]!.data, g.test[i]!.data, `X${i + 1}test`);
    const other = generateMatrices(lorenz, { size: "quick", seed: seed + 1 });
    assert.notDeepEqual(other.train[0]!.data, g.train[0]!.data);
  });

  it("test windows continue their training trajectories: one Δt (10 RK4 steps of 0.005) apart", () => {
    const cases: [Mat, Mat, number][] = [
      [g.train[0]!, g.test[0]!, 28], // X1train → X1test
      [g.train[3]!, g.test[5]!, 28], // X4train → X6test
      [g.train[8]!, g.test[7]!, 40], // X9train (burn-in) → X8test, r = 40 (interpolation)
      [g.train[9]!, g.test[8]!, 44], // X10train → X9test, r = 44 (extrapolation)
      [g.test[1]!, g.test[2]!, 28], // X2test (clean truth) → X3test
    ];
    for (const [a, b, r] of cases) {
      const y = Float64Array.from(a.row(a.rows - 1));
      const st = new Rk4Stepper(lorenzRhs(r), 3);
      for (let j = 0; j < 10; j++) st.step(0, y, 0.005);
      assert.deepEqual(Array.from(y), Array.from(b.row(0)));
    }
  });

  it("parameters per matrix: r = 28 for X1–X5, 36/38/42 for X6–X8train, 40 for X9train/X8test, 44 for X10train/X9test", () => {
    const p = g.meta.params;
    assert.deepEqual(
      [p.X1train, p.X5train, p.X6train, p.X7train, p.X8train, p.X9train, p.X8test, p.X10train, p.X9test],
      [28, 28, 36, 38, 42, 40, 40, 44, 44],
    );
  });

  it("noise: X2train − X2test has std 0.25·std(clean) and X3train − X4test 0.5·std(clean) per variable (5 %)", () => {
    // Clean trajectory T2 = X2test rows 0–999 followed by X3test rows 1000–1499; T3 = X4test + X5test.
    const cases: [Mat, Mat, Mat, number, string][] = [
      [g.train[1]!, g.test[1]!, g.test[2]!, 0.25, "X2train"],
      [g.train[2]!, g.test[3]!, g.test[4]!, 0.5, "X3train"],
    ];
    for (const [noisy, truth, tail, fraction, name] of cases) {
      const cols = noisy.cols;
      const all = new Float64Array((truth.rows + tail.rows) * cols);
      all.set(truth.data);
      all.set(tail.data, truth.data.length);
      const cleanStd = colStd(new Mat(truth.rows + tail.rows, cols, all));
      const diff = noisy.clone();
      for (let i = 0; i < diff.data.length; i++) diff.data[i] = noisy.data[i]! - truth.data[i]!;
      const noiseStd = colStd(diff);
      for (let j = 0; j < cols; j++) {
        const sigma = fraction * cleanStd[j]!;
        assert.ok(Math.abs(g.meta.noise[name]!.sigma[j]! - sigma) < 1e-9 * sigma, `${name} recorded σ[${j}]`);
        assert.ok(Math.abs(noiseStd[j]! / sigma - 1) < 0.05, `${name} σ[${j}]: ${noiseStd[j]} vs ${sigma}`);
      }
    }
    assert.deepEqual(Object.keys(g.meta.noise).sort(), ["X2train", "X3train", "X5train"]);
    assert.equal(g.meta.noise.X5train!.fraction, 0.25);
  });

  it("progress is reported from 0 to 1, non-decreasing", () => {
    const seen: number[] = [];
    generateMatrices(lorenz, { size: "quick", seed: 1, onProgress: (f) => seen.push(f) });
    assert.equal(seen[0], 0);
    assert.equal(seen[seen.length - 1], 1);
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i]! >= seen[i - 1]!, `progress went back at ${i}`);
  });

  it("every other system generates finite matrices of the quick shapes", () => {
    for (const s of SYSTEMS.filter((x) => x.id !== "lorenz" && x.id !== "ks")) {
      const out = generateMatrices(s, { size: "quick", seed: 3 });
      for (const m of layoutFor("quick").matrices) {
        const mat = (m.kind === "train" ? out.train : out.test)[m.index - 1]!;
        assert.deepEqual(mat.shape, [m.rows, s.dimension], `${s.id} ${m.name}`);
        assert.ok(mat.data.every(Number.isFinite), `${s.id} ${m.name} finite`);
      }
    }
  });

  it("KS: quick shapes × 1024 and pooled noise σ = 0.8·std (5 %) on X2train (§2.10)", () => {
    const out = generateMatrices(ks, { size: "quick", seed: 5 });
    assert.deepEqual(out.train[0]!.shape, [1000, 1024]);
    assert.deepEqual(out.test[0]!.shape, [500, 1024]);
    const noisy = out.train[1]!;
    const truth = out.test[1]!;
    let ss = 0;
    for (let i = 0; i < noisy.data.length; i++) ss += (noisy.data[i]! - truth.data[i]!) ** 2;
    const noiseStd = Math.sqrt(ss / noisy.data.length);
    const sigma = out.meta.noise.X2train!.sigma;
    assert.ok(
      sigma.every((v) => v === sigma[0]),
      "pooled: one σ for all columns",
    );
    assert.ok(Math.abs(noiseStd / sigma[0]! - 1) < 0.05, `noise std ${noiseStd} vs σ ${sigma[0]}`);
    // signal std ≈ 1.2 at μ = 1 (§1.6), so σ ≈ 0.96
    assert.ok(sigma[0]! > 0.8 && sigma[0]! < 1.2, `σ = ${sigma[0]}`);
  });

  it("rejects a non-integer seed", () => {
    assert.throws(
      () => generateMatrices(lorenz, { size: "quick", seed: 1.5 }),
      (e: unknown) => e instanceof AnsatzError && /seed/.test(e.message),
    );
  });
});

describe("time axis (§1.3)", () => {
  it("t[i] = (start + i)·Δt: X1test of full Lorenz starts at 500.00, X9train at 495.00, KS X1test at 250", () => {
    assert.deepEqual(Array.from(matrixTimes(10000, 3, 0.05)), [500, 10001 * 0.05, 10002 * 0.05]);
    assert.equal(matrixTimes(9900, 100, 0.05)[0], 495);
    assert.ok(Math.abs(matrixTimes(9900, 100, 0.05)[99]! - 499.95) < 1e-9);
    assert.equal(matrixTimes(10000, 1000, 0.025)[0], 250);
    assert.ok(Math.abs(matrixTimes(100, 1000, 0.025)[999]! - 27.475) < 1e-9);
  });
});
