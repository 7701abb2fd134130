// Tuning and the multi-seed benchmark (src/ctf/tuning.ts; issue 4 item 5, spec ctf.md §1.4, §2.7, §2.8):
// search-space parsing and sampling, validation tasks cut from the training matrices exactly as §1.4 says,
// a spy proving that tuning never reads a test matrix (the data set's reads are recorded) and never hands
// one to a model, random search picking the better of two configs on a toy problem, and mean ± std.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { AnsatzError } from "../../src/core/errors.ts";
import { Mat } from "../../src/core/matrix.ts";
import { Rng } from "../../src/core/random.ts";
import { type Dataset, loadDataset } from "../../src/ctf/dynamics/dataset.ts";
import { writeDataset } from "../../src/ctf/dynamics/dataset-writer.ts";
import type { ForecastModel, ForecastTask } from "../../src/ctf/dynamics/forecast-model.ts";
import { PAIRS } from "../../src/ctf/dynamics/pairs.ts";
import { lorenz, lorenzRhs } from "../../src/ctf/dynamics/systems/lorenz.ts";
import { sampleOde } from "../../src/ctf/dynamics/systems/system.ts";
import { ResultsStore } from "../../src/ctf/store.ts";
import { benchmark, parseSearchSpace, sampleParams, tune, validationTask } from "../../src/ctf/tuning.ts";
import { lastValue, zerosModel } from "./fixtures/batch-models.ts";

const root = mkdtempSync(join(tmpdir(), "ansatz-tuning-"));
after(() => rmSync(root, { recursive: true, force: true }));
const dsDir = join(root, "lorenz");
let ds: Dataset;
/** Files the data set was asked for (through `ds.matrix`). */
const reads: string[] = [];
before(() => {
  writeDataset(lorenz, { size: "quick", seed: 21, dir: dsDir });
  const inner = loadDataset(dsDir);
  ds = {
    ...inner,
    matrix(f: string) {
      reads.push(f);
      return inner.matrix(f);
    },
  };
});

function throwsAnsatz(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof AnsatzError, `expected an AnsatzError, got ${String(e)}`);
    assert.match(e.message, pattern);
    return true;
  });
}

describe("search space", () => {
  it("parses the reference's types and refuses bad entries naming the field", () => {
    const s = parseSearchSpace({
      a: { type: "uniform", lower_bound: -1, upper_bound: 1 },
      b: { type: "loguniform", lower_bound: 1e-6, upper_bound: 1e-2 },
      c: { type: "randint", lower_bound: 2, upper_bound: 5 },
      d: { type: "choice", choices: ["x", 3] },
    });
    assert.deepEqual(Object.keys(s), ["a", "b", "c", "d"]);
    throwsAnsatz(
      () => parseSearchSpace({ a: { type: "normal" } }),
      /hyperparameters\.a\.type: expected uniform/,
    );
    throwsAnsatz(
      () => parseSearchSpace({ a: { type: "uniform", lower_bound: 2, upper_bound: 1 } }),
      /hyperparameters\.a\.upper_bound: expected a number > lower_bound = 2, found 1/,
    );
    throwsAnsatz(
      () => parseSearchSpace({ b: { type: "loguniform", lower_bound: 0, upper_bound: 1 } }),
      /hyperparameters\.b\.lower_bound/,
    );
    throwsAnsatz(
      () => parseSearchSpace({ d: { type: "choice", choices: [] } }),
      /hyperparameters\.d\.choices/,
    );
    throwsAnsatz(() => parseSearchSpace({}), /expected at least one parameter/);
  });

  it("samples inside the bounds: randint's upper bound is exclusive (Ray Tune), loguniform is uniform in log", () => {
    const s = parseSearchSpace({
      a: { type: "uniform", lower_bound: -1, upper_bound: 1 },
      b: { type: "loguniform", lower_bound: 1e-6, upper_bound: 1e-2 },
      c: { type: "randint", lower_bound: 2, upper_bound: 5 },
      d: { type: "choice", choices: ["x", 3] },
    });
    const rng = new Rng(7);
    const cs = new Set<unknown>();
    const ds = new Set<unknown>();
    let belowGeoMid = 0;
    const n = 2000;
    for (let i = 0; i < n; i++) {
      const p = sampleParams(s, rng);
      assert.ok((p.a as number) >= -1 && (p.a as number) < 1);
      assert.ok((p.b as number) >= 1e-6 && (p.b as number) <= 1e-2);
      if ((p.b as number) < 1e-4) belowGeoMid++;
      cs.add(p.c);
      ds.add(p.d);
    }
    assert.deepEqual([...cs].sort(), [2, 3, 4]);
    assert.deepEqual([...ds].sort(), [3, "x"]);
    // P(b < 1e-4) = 1/2 under loguniform; 2000 draws: 5 standard deviations = 5·sqrt(0.25/2000) ≈ 0.056
    assert.ok(Math.abs(belowGeoMid / n - 0.5) < 0.056, String(belowGeoMid / n));
  });
});

describe("validation tasks (spec §1.4)", () => {
  it("pair 1: the first ⌊0.8·1000⌋ = 800 rows of X1train train, rows 800…999 are the truth", () => {
    const { task, truth } = validationTask(ds, 1, 3);
    const x1 = ds.matrix("X1train.npy");
    assert.deepEqual([task.train.length, task.train[0]!.rows, truth.rows], [1, 800, 200]);
    assert.deepEqual(task.predictionShape, [200, 3]);
    assert.deepEqual(truth.data, x1.sliceRows(800, 1000).data);
    assert.deepEqual(task.train[0]!.data, x1.sliceRows(0, 800).data);
    assert.equal(task.predictionTimes[0], task.trainTimes[0]![799]! + ds.deltaT);
    assert.equal(task.seed, 3);
  });

  it("pair 2: the truth is the (noisy) training matrix itself", () => {
    const { task, truth } = validationTask(ds, 2, 0);
    assert.deepEqual(truth.data, ds.matrix("X2train.npy").data);
    assert.equal(task.task, "reconstruct");
  });

  it("pairs 8 and 9 hold out X7train and X8train; the burn-in is the held-out matrix's first M rows", () => {
    const v8 = validationTask(ds, 8, 0);
    const m = ds.matrix("X9train.npy").rows;
    assert.deepEqual(
      v8.task.train.map((x) => x.data),
      [ds.matrix("X6train.npy").data, ds.matrix("X8train.npy").data],
    );
    assert.deepEqual(v8.truth.data, ds.matrix("X7train.npy").data);
    assert.deepEqual(v8.task.burnIn!.data, ds.matrix("X7train.npy").sliceRows(0, m).data);
    // ours: r = 36, 38, 42 for X6–X8 (lorenz.ts); the held-out r = 38 is not handed over
    assert.deepEqual(v8.task.trainParams, [36, 42]);
    const v9 = validationTask(ds, 9, 0);
    assert.deepEqual(v9.truth.data, ds.matrix("X8train.npy").data);
    assert.deepEqual(v9.task.trainParams, [36, 38]);
  });
});

/** Integrates Lorenz-63 at parameter r from the last known row with RK4 (Δt/10 steps). */
function lorenzForecast(task: ForecastTask, r: number): Mat {
  const from = task.burnIn ?? task.train[task.train.length - 1]!;
  const [rows] = task.predictionShape;
  const traj = sampleOde(lorenzRhs(r), from.row(from.rows - 1).slice(), {
    dt: task.deltaT,
    substeps: 10,
    rows: rows + 1,
    transient: 0,
    where: "toy",
  });
  return traj.sliceRows(1, rows + 1);
}

describe("tuning", () => {
  it("never reads or hands over a test matrix, and picks r = 28 over r = 10 on a toy problem", async () => {
    const tests = Object.values(PAIRS).map((p) => `${p.test}.npy`);
    const fresh = loadDataset(dsDir);
    const testRows = new Set<string>();
    for (const f of tests) {
      const t = fresh.matrix(f);
      for (let i = 0; i < t.rows; i++) testRows.add(t.row(i).join(","));
    }
    let calls = 0;
    const toy: ForecastModel<{ r: number; mode: string }> = {
      id: "t-lorenz",
      title: "Lorenz RK4 at a given r",
      kind: "forecast",
      source: "test",
      defaultConfig: { r: 10, mode: "ode" },
      parseConfig: (raw) => ({ r: 10, mode: "ode", ...(raw as object) }),
      predict(task, config) {
        calls++;
        for (const m of [...task.train, ...(task.burnIn ? [task.burnIn] : [])]) {
          for (let i = 0; i < m.rows; i++) {
            assert.ok(!testRows.has(m.row(i).join(",")), `pair ${task.pair}: a test row reached the model`);
          }
        }
        return config.mode === "last" ? lastValue(task) : lorenzForecast(task, config.r);
      },
    };
    reads.length = 0;
    const res = await tune({
      dataset: ds,
      model: toy,
      space: parseSearchSpace({ r: { type: "choice", choices: [10, 28] } }),
      pairs: [1, 6],
      nTrials: 6,
      seed: 4,
      seeds: [1, 2],
    });
    assert.equal(reads.filter((f) => /test/.test(f)).length, 0, `test matrices read: ${reads.join(", ")}`);
    assert.ok(reads.includes("X1train.npy") && reads.includes("X4train.npy"));
    assert.deepEqual(res.bestConfig, { r: 28, mode: "ode" });
    assert.equal(res.trials.length, 6);
    const seenR = new Set(res.trials.map((t) => (t.config as { r: number }).r));
    assert.deepEqual(
      [...seenR].sort((a, b) => a - b),
      [10, 28],
      "both configs were sampled",
    );
    const t10 = res.trials.find((t) => (t.config as { r: number }).r === 10)!;
    assert.ok(res.best.objective > t10.objective, `${res.best.objective} vs ${t10.objective}`);
    // each distinct config is evaluated once: 2 configs × 2 pairs × 2 seeds predict calls
    assert.equal(calls, 8);
    assert.equal(res.trials.filter((t) => t.sameAs !== null).length, 4);
    // the objective is the sum of raw metrics over pairs 1 and 6 (short_time + long_time each)
    const u = res.best.units.filter((x) => x.seed === 1);
    const sum = u.reduce((s, x) => s + Object.values(x.metrics).reduce((a, b) => a + b, 0), 0);
    assert.equal(res.best.perSeed[0], sum);
  });

  it("a sample parseConfig refuses is recorded, and a failing predict scores −100 per metric", async () => {
    const picky: ForecastModel<{ k: number }> = {
      ...zerosModel,
      id: "t-picky",
      defaultConfig: { k: 1 },
      parseConfig(raw) {
        const k = (raw as { k: number }).k;
        if (k === 3) throw AnsatzError.expected("bad-config", "k", "not 3", "3");
        return { k };
      },
      predict(task, config) {
        if (config.k === 2) throw new Error("boom");
        return new Mat(task.predictionShape[0], task.predictionShape[1]);
      },
    };
    const res = await tune({
      dataset: ds,
      model: picky,
      space: { k: { type: "randint", lower_bound: 1, upper_bound: 4 } },
      pairs: [1],
      nTrials: 12,
      seed: 1,
    });
    const byK = (k: number) => res.trials.find((t) => t.params.k === k)!;
    assert.match(byK(3).error!, /k: expected not 3/);
    assert.equal(byK(3).objective, Number.NEGATIVE_INFINITY);
    assert.equal(byK(2).objective, -200);
    assert.match(byK(2).units[0]!.reason!, /predict threw: boom/);
    // zeros on pair 1: short_time 0 exactly, long_time (histogram) negative
    assert.equal(byK(1).units[0]!.metrics.short_time, 0);
    assert.deepEqual(res.bestConfig, { k: 1 });
  });
});

describe("benchmark", () => {
  it("runs the reference's five seeds and reports mean ± std (std 0 for a deterministic model)", async () => {
    const store = ResultsStore.open(join(root, "bench", "ansatz.db"));
    const row = await benchmark({ dataset: ds, model: zerosModel, pairs: [1, 2], store });
    assert.equal(row.seeds, 5);
    assert.deepEqual(
      [...new Set(store.units().map((u) => u.seed))].sort((a, b) => a - b),
      [42, 123, 777, 1337, 2025],
    );
    assert.equal(row.E.E1, 0);
    assert.equal(row.E.E3, 0);
    assert.equal(row.std, 0);
    const two = await benchmark({ dataset: ds, model: zerosModel, pairs: [1, 2], seeds: [42, 123], store });
    assert.equal(two.seeds, 2);
    assert.equal(two.std, null);
    store.close();
  });
});
