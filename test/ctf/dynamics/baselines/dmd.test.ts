// Tests of exact DMD and Hankel DMD (src/ctf/dynamics/baselines/dmd.ts, hankel-dmd.ts): on a known
// linear system x_{k+1} = A x_k (A = S J S⁻¹, J block-diagonal with chosen eigenvalues) DMD recovers the
// eigenvalues to 1e-10 and forecasts A^k x to 1e-8; Hankel DMD with 2m delays recovers the frequencies
// of a sum of m sinusoids to 1e-8; both return the exact shape for all nine pairs of quick Lorenz with
// finite values; config errors name the field.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { AnsatzError } from "../../../../src/core/errors.ts";
import { inverse, svd } from "../../../../src/core/linalg.ts";
import { Mat } from "../../../../src/core/matrix.ts";
import { Rng } from "../../../../src/core/random.ts";
import {
  dmdModel,
  fitDmd,
  mgsQr,
  snapshotPairs,
  truncatedSvd,
} from "../../../../src/ctf/dynamics/baselines/dmd.ts";
import { delayPairs, hankelDmdModel } from "../../../../src/ctf/dynamics/baselines/hankel-dmd.ts";
import { DMD_AND_NAIVE_MODELS } from "../../../../src/ctf/dynamics/baselines/index.ts";
import { loadDataset } from "../../../../src/ctf/dynamics/dataset.ts";
import { writeDataset } from "../../../../src/ctf/dynamics/dataset-writer.ts";
import { type ForecastTask, forecastTask } from "../../../../src/ctf/dynamics/forecast-model.ts";
import { PAIR_IDS } from "../../../../src/ctf/dynamics/pairs.ts";
import { lorenz } from "../../../../src/ctf/dynamics/systems/lorenz.ts";

const root = mkdtempSync(join(tmpdir(), "ansatz-dmd-"));
after(() => rmSync(root, { recursive: true, force: true }));

function forecastTaskOf(train: Mat, rows: number): ForecastTask {
  return {
    dataset: "hand",
    datasetType: "dynamical",
    pair: 1,
    task: "forecast",
    train: [train],
    trainTimes: [new Float64Array(train.rows)],
    trainParams: [null],
    burnIn: null,
    predictionShape: [rows, train.cols],
    predictionTimes: new Float64Array(rows),
    deltaT: 0.1,
    seed: 0,
    rng: new Rng(0),
  };
}

/** Sorted (re, im) pairs, for comparing eigenvalue sets. */
function sortedEigs(re: ArrayLike<number>, im: ArrayLike<number>): [number, number][] {
  return Array.from(re, (r, i) => [r, im[i]!] as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

// Eigenvalues 0.9 e^{±0.3i}, 0.8 e^{±1.1i}, 0.95: J = diag(R(0.9, 0.3), R(0.8, 1.1), 0.95), R(ρ, θ) = ρ[[cos, −sin], [sin, cos]]
const EIGS: [number, number][] = [
  [0.9 * Math.cos(0.3), 0.9 * Math.sin(0.3)],
  [0.9 * Math.cos(0.3), -0.9 * Math.sin(0.3)],
  [0.8 * Math.cos(1.1), 0.8 * Math.sin(1.1)],
  [0.8 * Math.cos(1.1), -0.8 * Math.sin(1.1)],
  [0.95, 0],
];
function linearSystem(): { A: Mat; X: Mat } {
  const J = new Mat(5, 5);
  const block = (o: number, rho: number, th: number) => {
    J.set(o, o, rho * Math.cos(th));
    J.set(o, o + 1, -rho * Math.sin(th));
    J.set(o + 1, o, rho * Math.sin(th));
    J.set(o + 1, o + 1, rho * Math.cos(th));
  };
  block(0, 0.9, 0.3);
  block(2, 0.8, 1.1);
  J.set(4, 4, 0.95);
  const rng = new Rng(7);
  const S = new Mat(5, 5, rng.fillNormal(new Float64Array(25)));
  const A = S.matmul(J).matmul(inverse(S));
  const X = new Mat(40, 5);
  X.data.set(rng.fillNormal(new Float64Array(5)), 0);
  for (let k = 1; k < 40; k++) {
    const x = A.matmul(new Mat(5, 1, X.row(k - 1).slice()));
    X.data.set(x.data, k * 5);
  }
  return { A, X };
}

describe("exact DMD on a known linear system", () => {
  const { A, X } = linearSystem();
  it("recovers the eigenvalues 0.9e^{±0.3i}, 0.8e^{±1.1i}, 0.95 to 1e-10", () => {
    const { X: Xs, Y } = snapshotPairs([X], null);
    const fit = fitDmd(Xs, Y, { rank: 5, energy: 1, maxRank: 5, rng: new Rng(0) });
    assert.equal(fit.rank, 5);
    const got = sortedEigs(fit.eigRe, fit.eigIm);
    const want = sortedEigs(
      EIGS.map((e) => e[0]),
      EIGS.map((e) => e[1]),
    );
    for (let i = 0; i < 5; i++) {
      assert.ok(
        Math.hypot(got[i]![0] - want[i]![0], got[i]![1] - want[i]![1]) < 1e-10,
        `${got[i]} vs ${want[i]}`,
      );
    }
  });
  it("forecasts x_k = A^k x_last for 30 steps to 1e-8 (no centring)", () => {
    const cfg = dmdModel.parseConfig({ rank: 5, center: false });
    const p = dmdModel.predict(forecastTaskOf(X, 30), cfg) as Mat;
    assert.deepEqual(p.shape, [30, 5]);
    let x = new Mat(5, 1, X.row(X.rows - 1).slice());
    for (let k = 0; k < 30; k++) {
      x = A.matmul(x);
      for (let i = 0; i < 5; i++) assert.ok(Math.abs(p.get(k, i) - x.data[i]!) < 1e-8, `step ${k + 1}, ${i}`);
    }
  });
  it("rank 2 keeps only 2 eigenvalues (truncation is applied)", () => {
    const { X: Xs, Y } = snapshotPairs([X], null);
    const fit = fitDmd(Xs, Y, { rank: 2, energy: 1, maxRank: 100, rng: new Rng(0) });
    assert.equal(fit.rank, 2);
    assert.equal(fit.eigRe.length, 2);
  });
});

describe("DMD helpers", () => {
  it("mgsQr: Q has orthonormal columns and Q R = A (1e-12)", () => {
    const A = new Mat(30, 6, new Rng(3).fillNormal(new Float64Array(180)));
    const { Q, R } = mgsQr(A);
    const QtQ = Q.transpose().matmul(Q);
    const QR = Q.matmul(R);
    for (let i = 0; i < 6; i++)
      for (let j = 0; j < 6; j++) assert.ok(Math.abs(QtQ.get(i, j) - (i === j ? 1 : 0)) < 1e-12);
    for (let i = 0; i < A.data.length; i++) assert.ok(Math.abs(QR.data[i]! - A.data[i]!) < 1e-12);
  });
  it("truncatedSvd (randomized path, 250×300 of exact rank 4) gives the 4 singular values to 1e-9", () => {
    const rng = new Rng(5);
    const L = new Mat(250, 4, rng.fillNormal(new Float64Array(1000)));
    const Rm = new Mat(4, 300, rng.fillNormal(new Float64Array(1200)));
    const M = L.matmul(Rm);
    const exact = truncatedSvd(M, 4, rng); // min(250, 300) > 200: the randomized path
    const ref = svd(M).s; // core SVD (Golub–Kahan–Reinsch)
    for (let i = 0; i < 4; i++) assert.ok(Math.abs(exact.s[i]! - ref[i]!) < 1e-9 * ref[0]!);
    // U's columns are orthonormal singular vectors: ‖Mᵀ u_i‖ = s_i
    const MtU = M.transpose().matmul(exact.U);
    for (let i = 0; i < 4; i++) {
      let n2 = 0;
      for (let r = 0; r < 300; r++) n2 += MtU.get(r, i) ** 2;
      assert.ok(Math.abs(Math.sqrt(n2) - ref[i]!) < 1e-9 * ref[0]!);
    }
    // Frobenius norm² = Σ s_i² for an exact rank-4 matrix
    const sum = Array.from(exact.s).reduce((a, s) => a + s * s, 0);
    assert.ok(Math.abs(sum - exact.total) < 1e-9 * exact.total);
  });
});

describe("Hankel DMD", () => {
  // x_t = sin(1.3·tΔt) + 0.5 cos(3.1·tΔt + 0.3), Δt = 0.1: two sinusoids, 4 delays, rank 4
  const dt = 0.1;
  const signal = (t: number) => Math.sin(1.3 * t * dt) + 0.5 * Math.cos(3.1 * t * dt + 0.3);
  const X = new Mat(
    60,
    1,
    Float64Array.from({ length: 60 }, (_, t) => signal(t)),
  );
  it("recovers the frequencies ±1.3 and ±3.1 (|λ| = 1) to 1e-8 with 2m = 4 delays", () => {
    const { X: Xs, Y } = delayPairs([X], 4);
    const fit = fitDmd(Xs, Y, { rank: 4, energy: 1, maxRank: 4, rng: new Rng(0) });
    const omegas = Array.from(fit.eigRe, (r, i) => Math.atan2(fit.eigIm[i]!, r) / dt).sort((a, b) => a - b);
    const want = [-3.1, -1.3, 1.3, 3.1];
    for (let i = 0; i < 4; i++) assert.ok(Math.abs(omegas[i]! - want[i]!) < 1e-8, `${omegas}`);
    for (let i = 0; i < 4; i++) assert.ok(Math.abs(Math.hypot(fit.eigRe[i]!, fit.eigIm[i]!) - 1) < 1e-8);
  });
  it("forecasts the signal's continuation for 100 steps to 1e-8", () => {
    const cfg = hankelDmdModel.parseConfig({ delays: 4, rank: 4, center: false });
    const p = hankelDmdModel.predict(forecastTaskOf(X, 100), cfg) as Mat;
    assert.deepEqual(p.shape, [100, 1]);
    for (let k = 0; k < 100; k++) assert.ok(Math.abs(p.data[k]! - signal(60 + k)) < 1e-8, `step ${k}`);
  });
  it("refuses more delays than the start matrix allows, naming delays", () => {
    const cfg = hankelDmdModel.parseConfig({ delays: 60 });
    assert.throws(
      () => hankelDmdModel.predict(forecastTaskOf(X, 10), cfg),
      (e: unknown) =>
        e instanceof AnsatzError && /^hankel-dmd config: delays: expected at most 59/.test(e.message),
    );
  });
});

describe("config errors name the field", () => {
  const cases: [typeof dmdModel | typeof hankelDmdModel, unknown, string][] = [
    [dmdModel, { rank: 0 }, "dmd config: rank: expected an integer >= 1, found 0"],
    [dmdModel, { rank: 2.5 }, "dmd config: rank: expected an integer >= 1, found 2.5"],
    [dmdModel, { energy: 1.5 }, "dmd config: energy: expected a number in (0, 1], found 1.5"],
    [dmdModel, { center: "yes" }, 'dmd config: center: expected true or false, found "yes"'],
    [hankelDmdModel, { delays: 0 }, "hankel-dmd config: delays: expected an integer >= 1, found 0"],
    [
      dmdModel,
      { rnak: 3 },
      "dmd config: rnak: expected one of the fields rank, energy, maxRank, center, stabilize, found an unknown field",
    ],
  ];
  for (const [model, raw, msg] of cases) {
    it(msg, () => {
      assert.throws(
        () => (model.parseConfig as (r: unknown) => unknown)(raw),
        (e: unknown) => e instanceof AnsatzError && e.code === "bad-config" && e.message === msg,
      );
    });
  }
  it("defaults: dmd rank null (energy 0.9999, maxRank 100), centred, stabilized; hankel delays 32", () => {
    assert.deepEqual(dmdModel.defaultConfig, {
      rank: null,
      energy: 0.9999,
      maxRank: 100,
      center: true,
      stabilize: true,
    });
    assert.equal(hankelDmdModel.defaultConfig.delays, 32);
  });
});

describe("every model of DMD_AND_NAIVE_MODELS on quick Lorenz (seed 0)", () => {
  const { dir } = writeDataset(lorenz, { size: "quick", seed: 0, dir: join(root, "lorenz") });
  const ds = loadDataset(dir);
  // Hankel DMD with 8 delays here to keep the test fast (the default 32 takes ~7 s for the nine pairs)
  const configs: Record<string, unknown> = { "hankel-dmd": { delays: 8 } };
  for (const model of DMD_AND_NAIVE_MODELS) {
    it(`${model.id}: exact requested shape, finite values on its pairs`, async () => {
      const cfg = model.parseConfig(configs[model.id] ?? {});
      for (const pair of PAIR_IDS) {
        if (model.pairs && !model.pairs.includes(pair)) continue;
        const t = forecastTask(ds, pair, 0);
        const p = await model.predict(t, cfg);
        assert.deepEqual(p.shape, t.predictionShape, `pair ${pair}`);
        assert.ok(p.data.every(Number.isFinite), `pair ${pair}`);
      }
    });
  }
  it("dmd is deterministic: the same task twice gives bit-identical forecasts", () => {
    const a = dmdModel.predict(forecastTask(ds, 8, 0), dmdModel.defaultConfig) as Mat;
    const b = dmdModel.predict(forecastTask(ds, 8, 0), dmdModel.defaultConfig) as Mat;
    assert.deepEqual(a.data, b.data);
  });
});
