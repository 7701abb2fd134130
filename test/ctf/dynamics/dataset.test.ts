// A CTF data set on disk (spec ctf.md §1.8, acceptance tests 10, 11, 14 and the bad inputs):
// our generated sets written and re-read, caching, the reference's own layout (its YAML unchanged,
// `.mat` matrices) loading, and every malformed input refused with an AnsatzError naming the file.
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { AnsatzError } from "../../../src/core/errors.ts";
import { Mat } from "../../../src/core/matrix.ts";
import { loadDataset, pairInputs, pairTruth } from "../../../src/ctf/dynamics/dataset.ts";
import { writeDataset } from "../../../src/ctf/dynamics/dataset-writer.ts";
import { generateMatrices } from "../../../src/ctf/dynamics/generate.ts";
import { PAIR_IDS, type PairId } from "../../../src/ctf/dynamics/pairs.ts";
import { readPredictions, scorePair, scoreSubmission } from "../../../src/ctf/dynamics/score-dataset.ts";
import { lorenz } from "../../../src/ctf/dynamics/systems/lorenz.ts";
import { writeKaggleCsv } from "../../../src/ctf/formats/kaggle-csv.ts";
import { encodeMat5, writeMat5 } from "../../../src/ctf/formats/mat5.ts";
import { writeNpy } from "../../../src/ctf/formats/npy-file.ts";

const root = mkdtempSync(join(tmpdir(), "ansatz-dataset-"));
after(() => rmSync(root, { recursive: true, force: true }));
const refYaml = fileURLToPath(new URL("../fixtures/ODE_Lorenz.yaml", import.meta.url));

function throwsAnsatz(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof AnsatzError, `expected an AnsatzError, got ${String(e)}`);
    assert.match(e.message, pattern);
    return true;
  });
}

describe("generated data sets on disk", () => {
  const dir = join(root, "lorenz");

  it("writes the reference layout and reads back the generated matrices exactly", () => {
    const res = writeDataset(lorenz, { size: "quick", seed: 3, dir });
    assert.equal(res.cached, false);
    const ds = loadDataset(dir);
    assert.equal(ds.name, "lorenz");
    assert.equal(ds.deltaT, 0.05);
    assert.ok(
      ds.lyapunovTime !== null && ds.lyapunovTime > 1 && ds.lyapunovTime < 1.2,
      `T_λ ${ds.lyapunovTime}`,
    );
    const gen = generateMatrices(lorenz, { size: "quick", seed: 3 });
    for (const id of PAIR_IDS) {
      const inputs = pairInputs(ds, id);
      assert.deepEqual(inputs.predictionShape, gen.test[id - 1]!.shape, `pair ${id} shape`);
      assert.deepEqual(pairTruth(ds, id).data, gen.test[id - 1]!.data, `pair ${id} truth`);
    }
    // Pairs 8 and 9: X6–X8 train and the burn-in X9train / X10train (spec §1.2).
    const p8 = pairInputs(ds, 8);
    assert.equal(p8.train.length, 3);
    assert.deepEqual(p8.burnIn!.data, gen.train[8]!.data);
    assert.deepEqual(pairInputs(ds, 9).burnIn!.data, gen.train[9]!.data);
    // Time axis §1.3: t[i] = (start + i)·Δt; X1test starts where X1train ends.
    const p1 = pairInputs(ds, 1);
    const start = ds.config.metadata.matrix_start_index["X1test.npy"]!;
    assert.equal(start, p1.train[0]!.rows);
    assert.equal(p1.predictionTimes[0], start * 0.05);
    assert.equal(p1.predictionTimes[7], (start + 7) * 0.05);
  });

  it("a second generation with the same seed and size does nothing; another seed replaces the set", () => {
    const yaml = join(dir, "lorenz.yaml");
    const before = statSync(yaml).mtimeMs;
    assert.equal(writeDataset(lorenz, { size: "quick", seed: 3, dir }).cached, true);
    assert.equal(statSync(yaml).mtimeMs, before);
    const old = pairTruth(loadDataset(dir), 1).data.slice();
    assert.equal(writeDataset(lorenz, { size: "quick", seed: 4, dir }).cached, false);
    assert.notDeepEqual(pairTruth(loadDataset(dir), 1).data, old);
  });

  it("refuses to replace a directory that is not a generated data set", () => {
    const mine = join(root, "my-notes");
    mkdirSync(mine);
    writeFileSync(join(mine, "thesis.txt"), "keep me");
    throwsAnsatz(
      () => writeDataset(lorenz, { size: "quick", seed: 0, dir: mine }),
      /my-notes: expected a new directory/,
    );
  });

  it("perfect predictions score 100 on every E; a Kaggle CSV scores as the matrices do", () => {
    const ds = loadDataset(dir);
    const perfect = new Map<PairId, Mat>(PAIR_IDS.map((id) => [id, pairTruth(ds, id)]));
    const res = scoreSubmission(ds, perfect);
    assert.equal(res.profile.composite, 100);
    for (const v of Object.values(res.profile.E)) assert.equal(v, 100);
    // A mixed submission through a Kaggle CSV gives the same profile as the matrices.
    const mixed = new Map<PairId, Mat>(
      PAIR_IDS.map((id) => {
        const t = pairTruth(ds, id);
        const p = new Mat(
          t.rows,
          t.cols,
          t.data.map((v, i) => (id % 2 ? 0.9 * v + (i % 7) * 0.01 : 0)),
        );
        return [id, p];
      }),
    );
    const csv = join(root, "submission.csv");
    writeKaggleCsv(
      csv,
      PAIR_IDS.map((id) => ({
        pairId: id,
        timesteps: pairInputs(ds, id).predictionTimes,
        prediction: mixed.get(id)!,
      })),
    );
    const fromCsv = scoreSubmission(ds, readPredictions(ds, csv));
    assert.deepEqual(fromCsv.profile, scoreSubmission(ds, mixed).profile);
    assert.equal(scorePair(ds, 2, mixed.get(2)!).E.E3, 0); // zeros on a reconstruction pair: exactly 0
  });
});

describe("the reference's own layout loads unchanged", () => {
  // data/ODE_Lorenz/ODE_Lorenz.yaml as published (copied byte for byte), .mat matrices of the listed shapes.
  const dir = join(root, "ODE_Lorenz");
  const gen = generateMatrices(lorenz, { size: "full", seed: 1 });
  mkdirSync(join(dir, "train"), { recursive: true });
  mkdirSync(join(dir, "test"), { recursive: true });
  copyFileSync(refYaml, join(dir, "ODE_Lorenz.yaml"));
  for (const [i, m] of gen.train.entries()) writeMat5(join(dir, "train", `X${i + 1}train.mat`), m);
  for (const [i, m] of gen.test.entries()) writeMat5(join(dir, "test", `X${i + 1}test.mat`), m);

  it("reads the YAML (old `k` key), the .mat matrices, the pairs and the burn-in", () => {
    const ds = loadDataset(dir);
    assert.equal(ds.name, "ODE_Lorenz");
    assert.deepEqual(
      [ds.evalParams.kShort, ds.evalParams.kLong, ds.evalParams.modes, ds.evalParams.bins],
      [20, 20, 500, 41],
    );
    assert.equal(ds.lyapunovTime, null);
    const p9 = pairInputs(ds, 9);
    assert.deepEqual(p9.predictionShape, [1000, 3]);
    assert.deepEqual(p9.burnIn!.shape, [100, 3]);
    assert.equal(p9.predictionTimes[0], 10000 * 0.05);
    // Zero prediction (spec acceptance test 9, Lorenz): short-time and reconstruction exactly 0.
    const zeros = new Map<PairId, Mat>(
      PAIR_IDS.map((id) => [id, new Mat(...pairInputs(ds, id).predictionShape)]),
    );
    const res = scoreSubmission(ds, zeros);
    for (const e of ["E1", "E3", "E5", "E7", "E9", "E11", "E12"] as const)
      assert.equal(res.profile.E[e], 0, e);
    for (const e of ["E2", "E4", "E6", "E8", "E10"] as const) {
      assert.ok(res.profile.E[e] < 0 && res.profile.E[e] >= -100, `${e} = ${res.profile.E[e]}`);
    }
  });

  it("a missing matrix names the file", () => {
    const bad = join(root, "missing");
    mkdirSync(join(bad, "train"), { recursive: true });
    copyFileSync(refYaml, join(bad, "missing.yaml"));
    throwsAnsatz(
      () => pairInputs(loadDataset(bad), 1),
      /train\/X1train\.mat: expected the matrix X1train\.mat/,
    );
  });

  it("a wrong shape names the file, the expected and the found shape", () => {
    const bad = join(root, "wrongshape");
    mkdirSync(join(bad, "train"), { recursive: true });
    copyFileSync(refYaml, join(bad, "wrongshape.yaml"));
    writeMat5(join(bad, "train", "X1train.mat"), new Mat(10, 3));
    throwsAnsatz(
      () => pairInputs(loadDataset(bad), 1),
      /X1train\.mat: expected shape \[10000, 3\].*found shape \[10, 3\]/,
    );
  });

  it("a YAML without pairs names the file and the field", () => {
    const bad = join(root, "nopairs");
    mkdirSync(bad);
    writeFileSync(
      join(bad, "nopairs.yaml"),
      "type: dynamical\nevaluation_params: {k: 20, modes: 500, bins: 41}\n",
    );
    throwsAnsatz(() => loadDataset(bad), /nopairs\.yaml.*pairs/);
  });

  it("a truncated .npy names the file", () => {
    const bad = join(root, "truncated");
    writeDataset(lorenz, { size: "quick", seed: 0, dir: bad });
    const f = join(bad, "train", "X1train.npy");
    writeNpy(f, new Mat(1000, 3));
    const whole = readFileSync(f);
    writeFileSync(f, whole.subarray(0, whole.length - 100));
    throwsAnsatz(() => pairInputs(loadDataset(bad), 1), /X1train\.npy/);
  });

  it("a .mat with two variables names the file", () => {
    const bad = join(root, "twovars");
    mkdirSync(join(bad, "train"), { recursive: true });
    copyFileSync(refYaml, join(bad, "twovars.yaml"));
    const a = encodeMat5(new Mat(10000, 3), "a");
    const b = encodeMat5(new Mat(10000, 3), "b");
    const both = new Uint8Array(a.length + b.length - 128);
    both.set(a, 0);
    both.set(b.subarray(128), a.length); // a MAT-file is one 128-byte header then its data elements
    writeFileSync(join(bad, "train", "X1train.mat"), both);
    throwsAnsatz(
      () => pairInputs(loadDataset(bad), 1),
      /X1train\.mat: expected a MAT-file holding one variable, found 2/,
    );
  });
});
