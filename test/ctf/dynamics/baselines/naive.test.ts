// Tests of the naive baselines (src/ctf/dynamics/baselines/naive.ts): exact outputs on hand-made tasks
// (zeros; column means; last row; burn-in for pairs 8/9; the noisy matrix itself for `last` on 2/4),
// exact shapes on all nine pairs of a quick Lorenz data set, and config errors naming the field.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { AnsatzError } from "../../../../src/core/errors.ts";
import { Mat } from "../../../../src/core/matrix.ts";
import { Rng } from "../../../../src/core/random.ts";
import {
  averageModel,
  lastModel,
  NAIVE_MODELS,
  zerosModel,
} from "../../../../src/ctf/dynamics/baselines/naive.ts";
import { loadDataset } from "../../../../src/ctf/dynamics/dataset.ts";
import { writeDataset } from "../../../../src/ctf/dynamics/dataset-writer.ts";
import { type ForecastTask, forecastTask } from "../../../../src/ctf/dynamics/forecast-model.ts";
import { PAIR_IDS, type PairId } from "../../../../src/ctf/dynamics/pairs.ts";
import { lorenz } from "../../../../src/ctf/dynamics/systems/lorenz.ts";

const root = mkdtempSync(join(tmpdir(), "ansatz-naive-"));
after(() => rmSync(root, { recursive: true, force: true }));

function task(pair: PairId, train: Mat[], burnIn: Mat | null, rows: number): ForecastTask {
  const kind = pair === 2 || pair === 4 ? "reconstruct" : pair >= 8 ? "forecast-parametric" : "forecast";
  return {
    dataset: "hand",
    datasetType: "dynamical",
    pair,
    task: kind,
    train,
    trainTimes: train.map((m) => new Float64Array(m.rows)),
    trainParams: train.map(() => null),
    burnIn,
    predictionShape: [rows, train[0]!.cols],
    predictionTimes: new Float64Array(rows),
    deltaT: 0.1,
    seed: 0,
    rng: new Rng(0),
  };
}

const A = Mat.from([
  [1, 2],
  [3, 4],
  [5, 9],
]);

describe("naive baselines on hand-made tasks", () => {
  it("zeros: the all-zero matrix of the requested shape", () => {
    const p = zerosModel.predict(task(1, [A], null, 4), {}) as Mat;
    assert.deepEqual(p.shape, [4, 2]);
    assert.deepEqual(Array.from(p.data), [0, 0, 0, 0, 0, 0, 0, 0]);
  });
  it("average: column means (1+3+5)/3 = 3 and (2+4+9)/3 = 5, repeated", () => {
    const p = averageModel.predict(task(1, [A], null, 2), {}) as Mat;
    assert.deepEqual(p.toArray(), [
      [3, 5],
      [3, 5],
    ]);
  });
  it("last: the last training row [5, 9], repeated", () => {
    const p = lastModel.predict(task(3, [A], null, 3), {}) as Mat;
    assert.deepEqual(p.toArray(), [
      [5, 9],
      [5, 9],
      [5, 9],
    ]);
  });
  it("pairs 8/9: average and last use the burn-in only (reference run.py)", () => {
    const burn = Mat.from([
      [10, 20],
      [30, 60],
    ]);
    const t = task(8, [A, A, A], burn, 2);
    assert.deepEqual((averageModel.predict(t, {}) as Mat).toArray(), [
      [20, 40],
      [20, 40],
    ]);
    assert.deepEqual((lastModel.predict(t, {}) as Mat).toArray(), [
      [30, 60],
      [30, 60],
    ]);
  });
  it("pairs 2/4: last returns the noisy matrix itself, average the column means over the window", () => {
    const t = task(2, [A], null, 3);
    assert.deepEqual((lastModel.predict(t, {}) as Mat).toArray(), A.toArray());
    assert.deepEqual((averageModel.predict(t, {}) as Mat).toArray(), [
      [3, 5],
      [3, 5],
      [3, 5],
    ]);
  });
  it("refuses a burn-in with the wrong column count, naming it", () => {
    const t = task(9, [A, A, A], Mat.from([[1, 2, 3]]), 2);
    assert.throws(
      () => averageModel.predict(t, {}),
      (e: unknown) =>
        e instanceof AnsatzError && /average: burnIn: expected shape \[>= 1, 2\]/.test(e.message),
    );
  });
  it("refuses NaN training data, naming the matrix and index", () => {
    const bad = A.clone();
    bad.data[3] = Number.NaN;
    assert.throws(
      () => lastModel.predict(task(1, [bad], null, 2), {}),
      (e: unknown) =>
        e instanceof AnsatzError &&
        /last: train\[0\]: expected finite values, found NaN at index 3/.test(e.message),
    );
  });
  it("config: {} is valid, an unknown field is named", () => {
    assert.deepEqual(zerosModel.parseConfig({}), {});
    assert.deepEqual(zerosModel.parseConfig(undefined), {});
    assert.throws(
      () => averageModel.parseConfig({ window: 3 }),
      (e: unknown) =>
        e instanceof AnsatzError &&
        e.message ===
          "average config: window: expected no fields (the model takes no options), found an unknown field",
    );
  });
});

describe("naive baselines on quick Lorenz (seed 0)", () => {
  const { dir } = writeDataset(lorenz, { size: "quick", seed: 0, dir: join(root, "lorenz") });
  const ds = loadDataset(dir);
  for (const model of NAIVE_MODELS) {
    it(`${model.id}: the exact requested shape and finite values on pairs 1–9`, () => {
      for (const pair of PAIR_IDS) {
        const t = forecastTask(ds, pair, 0);
        const p = model.predict(t, model.defaultConfig) as Mat;
        assert.deepEqual(p.shape, t.predictionShape, `pair ${pair}`);
        assert.ok(p.data.every(Number.isFinite), `pair ${pair}`);
      }
    });
  }
  it("last on pair 1 repeats the last row of X1train exactly", () => {
    const t = forecastTask(ds, 1, 0);
    const p = lastModel.predict(t, {}) as Mat;
    const last = Array.from(t.train[0]!.row(t.train[0]!.rows - 1));
    assert.deepEqual(Array.from(p.row(0)), last);
    assert.deepEqual(Array.from(p.row(p.rows - 1)), last);
  });
});
