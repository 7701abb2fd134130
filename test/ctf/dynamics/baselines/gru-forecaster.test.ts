// Tests of the GRU forecaster (src/ctf/dynamics/baselines/gru-forecaster.ts): determinism by seed, that
// it learns an exactly known linear map (a plane rotation), shapes and finiteness on all nine pairs of
// quick Lorenz, the POD path on spatio-temporal data, and config errors naming the field.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { AnsatzError } from "../../../../src/core/errors.ts";
import { svd } from "../../../../src/core/linalg.ts";
import { Mat } from "../../../../src/core/matrix.ts";
import { Rng } from "../../../../src/core/random.ts";
import {
  GRU_MODEL,
  type GruConfig,
  gruForecast,
  leadingRightSingularVectors,
} from "../../../../src/ctf/dynamics/baselines/gru-forecaster.ts";
import { loadDataset } from "../../../../src/ctf/dynamics/dataset.ts";
import { writeDataset } from "../../../../src/ctf/dynamics/dataset-writer.ts";
import { type ForecastTask, forecastTask } from "../../../../src/ctf/dynamics/forecast-model.ts";
import { PAIR_IDS } from "../../../../src/ctf/dynamics/pairs.ts";
import { lorenz } from "../../../../src/ctf/dynamics/systems/lorenz.ts";

const root = mkdtempSync(join(tmpdir(), "ansatz-gru-"));
after(() => rmSync(root, { recursive: true, force: true }));

const TINY: GruConfig = GRU_MODEL.parseConfig({ hidden: 8, window: 8, rolloutSteps: 2, steps: 4, batch: 4 });

// x_k = (cos kθ, sin kθ), θ = 2π/20: the orbit of x_{k+1} = R(θ) x_k from (1, 0). 200 training rows,
// the next 50 rows are the truth of the forecast.
const THETA = (2 * Math.PI) / 20;
const N_TRAIN = 200;
const N_PRED = 50;
function rotation(from: number, rows: number): Mat {
  const m = new Mat(rows, 2);
  for (let r = 0; r < rows; r++) {
    m.set(r, 0, Math.cos((from + r) * THETA));
    m.set(r, 1, Math.sin((from + r) * THETA));
  }
  return m;
}
const ROT_TRAIN = rotation(0, N_TRAIN);
const ROT_TRUTH = rotation(N_TRAIN, N_PRED);

function handTask(
  train: Mat,
  predRows: number,
  seed: number,
  extra: Partial<ForecastTask> = {},
): ForecastTask {
  return {
    dataset: "hand-made",
    datasetType: "dynamical",
    pair: 1,
    task: "forecast",
    train: [train],
    trainTimes: [new Float64Array(train.rows)],
    trainParams: [null],
    burnIn: null,
    predictionShape: [predRows, train.cols],
    predictionTimes: new Float64Array(predRows),
    deltaT: 1,
    seed,
    rng: new Rng(seed),
    ...extra,
  };
}

function rms(a: Mat, b: Mat): number {
  let s = 0;
  for (let i = 0; i < a.data.length; i++) s += (a.data[i]! - b.data[i]!) ** 2;
  return Math.sqrt(s / a.data.length);
}

describe("GRU forecaster", () => {
  it("learns a plane rotation: 50-step forecast RMS error < 0.05 after 200 Adam steps, > 0.5 untrained", () => {
    const cfg = GRU_MODEL.parseConfig({
      hidden: 16,
      window: 12,
      rolloutSteps: 4,
      steps: 200,
      batch: 8,
      lr: 1e-2,
    });
    const trained = rms(gruForecast(handTask(ROT_TRAIN, N_PRED, 0), cfg), ROT_TRUTH);
    const untrained = rms(gruForecast(handTask(ROT_TRAIN, N_PRED, 0), { ...cfg, steps: 0 }), ROT_TRUTH);
    // measured here: trained 1.53e-2 (seeds 0–4: 8.0e-3 … 1.9e-2), untrained 1.25 (seeds 0–4: 0.78 … 1.25);
    // the exact continuation has error 0 and the all-zero forecast has RMS error 1/√2 ≈ 0.71.
    assert.ok(trained < 0.05, `trained RMS error ${trained}`);
    assert.ok(untrained > 0.5, `untrained RMS error ${untrained}`);
    assert.ok(trained < untrained / 10, `trained ${trained} vs untrained ${untrained}`);
  });

  it("gives a bit-identical forecast for the same seed and a different one for another seed", () => {
    const a = gruForecast(handTask(ROT_TRAIN, N_PRED, 7), TINY);
    const b = gruForecast(handTask(ROT_TRAIN, N_PRED, 7), TINY);
    const c = gruForecast(handTask(ROT_TRAIN, N_PRED, 8), TINY);
    assert.deepEqual(a.data, b.data);
    assert.notDeepEqual(a.data, c.data);
  });

  it("reconstruction: row 0 is the data row, the others one-step predictions of the same shape", () => {
    const noisy = rotation(0, 60);
    const p = gruForecast(handTask(noisy, 60, 1, { task: "reconstruct", pair: 2 }), TINY);
    assert.deepEqual([p.rows, p.cols], [60, 2]);
    // no POD for dynamical data: column normalisation and back is exact up to rounding
    assert.ok(Math.abs(p.get(0, 0) - 1) < 1e-12 && Math.abs(p.get(0, 1)) < 1e-12);
    assert.ok(p.data.every(Number.isFinite));
  });

  it("returns the requested shape and finite values on all 9 pairs of quick Lorenz (tiny budget)", () => {
    const dir = join(root, "lorenz-quick");
    writeDataset(lorenz, { size: "quick", seed: 5, dir });
    const ds = loadDataset(dir);
    for (const pair of PAIR_IDS) {
      const task = forecastTask(ds, pair, 0);
      const fractions: number[] = [];
      task.onProgress = (f) => fractions.push(f);
      const p = GRU_MODEL.predict(task, TINY) as Mat;
      assert.deepEqual([p.rows, p.cols], task.predictionShape, `pair ${pair}`);
      assert.ok(p.data.every(Number.isFinite), `pair ${pair}: non-finite prediction`);
      assert.equal(fractions.at(-1), 1, `pair ${pair}: progress ends at 1`);
      assert.ok(fractions.length >= 2, `pair ${pair}: progress reported during training`);
    }
  });

  it("works on the leading POD modes of spatio-temporal data and lifts back to all columns", () => {
    // u(x, t) = sin(x − 0.3t) + 0.5 cos(2x + 0.2t) on 64 points: rank 4, captured by 4 POD modes
    const cols = 64;
    const rows = 120;
    const m = new Mat(rows, cols);
    for (let t = 0; t < rows; t++) {
      for (let j = 0; j < cols; j++) {
        const x = (2 * Math.PI * j) / cols;
        m.set(t, j, Math.sin(x - 0.3 * t) + 0.5 * Math.cos(2 * x + 0.2 * t));
      }
    }
    const cfg = { ...TINY, podModes: 4 };
    const rec = gruForecast(
      handTask(m, rows, 2, { task: "reconstruct", pair: 2, datasetType: "spatio-temporal" }),
      cfg,
    );
    // row 0 is the data row projected on 4 POD modes that span the rank-4 data: equal to rounding
    let err0 = 0;
    for (let j = 0; j < cols; j++) err0 = Math.max(err0, Math.abs(rec.get(0, j) - m.get(0, j)));
    assert.ok(err0 < 1e-8, `row 0 projection error ${err0}`);
    const fc = gruForecast(handTask(m, 30, 2, { datasetType: "spatio-temporal" }), cfg);
    assert.deepEqual([fc.rows, fc.cols], [30, cols]);
    assert.ok(fc.data.every(Number.isFinite));
  });

  it("randomised POD: leading right singular vectors match the exact SVD's (|cos| > 1 − 1e-9)", () => {
    // X = U diag(10, 5, 2, 1, 0.5, 1e-3·…) Vᵀ + noise-free, 80 × 50; compare the leading 3 vectors
    const rng = new Rng(11);
    const n = 80;
    const m = 50;
    const X = new Mat(n, m);
    for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) X.set(i, j, rng.normal() * 1e-3);
    const sig = [10, 5, 2, 1, 0.5];
    for (const s of sig) {
      const u = Array.from({ length: n }, () => rng.normal() / Math.sqrt(n));
      const v = Array.from({ length: m }, () => rng.normal() / Math.sqrt(m));
      for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) X.data[i * m + j]! += s * u[i]! * v[j]!;
    }
    const V = leadingRightSingularVectors(X.data, n, m, 3, new Rng(1));
    const exact = svd(X).V;
    for (let c = 0; c < 3; c++) {
      let dot = 0;
      for (let j = 0; j < m; j++) dot += V[j * 3 + c]! * exact.get(j, c);
      assert.ok(Math.abs(Math.abs(dot) - 1) < 1e-9, `mode ${c}: |cos| = ${Math.abs(dot)}`);
    }
  });

  it("fills defaults and rejects a bad config naming the field", () => {
    assert.deepEqual(GRU_MODEL.parseConfig({}), GRU_MODEL.defaultConfig);
    assert.equal(GRU_MODEL.parseConfig({ hidden: 5 }).hidden, 5);
    const bad: [unknown, RegExp][] = [
      [{ hidden: 0 }, /gru config\.hidden: expected a number >= 1, found 0/],
      [{ window: 2.5 }, /gru config\.window: expected an integer, found 2\.5/],
      [{ lr: -1 }, /gru config\.lr: expected a number > 0, found -1/],
      [{ steps: "many" }, /gru config\.steps: expected a number, found 'many'/],
      [{ hiden: 3 }, /gru config\.hiden: expected only the fields hidden, window/],
      [{ lrDecay: 2 }, /gru config\.lrDecay: expected a number <= 1, found 2/],
    ];
    for (const [raw, re] of bad) {
      assert.throws(
        () => GRU_MODEL.parseConfig(raw),
        (e: unknown) => e instanceof AnsatzError && e.code === "bad-config" && re.test(e.message),
        JSON.stringify(raw),
      );
    }
  });

  it("rejects a task whose prediction shape or data do not fit, naming the field", () => {
    assert.throws(
      () => gruForecast(handTask(ROT_TRAIN, 10, 0, { predictionShape: [10, 3] }), TINY),
      /gru task\.predictionShape: expected 2 columns \(as the training data\), found 3/,
    );
    const nan = ROT_TRAIN.clone();
    nan.set(3, 1, Number.NaN);
    assert.throws(() => gruForecast(handTask(nan, 10, 0), TINY), /gru task\.train\[0\]/);
  });
});
