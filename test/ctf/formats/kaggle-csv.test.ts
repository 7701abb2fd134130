// Tests of src/ctf/formats/kaggle-csv.ts (spec ctf.md §1.8, §4 test 13): a Lorenz submission built
// from the shapes and start indices of ODE_Lorenz.yaml has 7 × 1000 + 2 × 10000 = 27 000 rows with
// ids 1_0 … 9_999, header id,pair_id,timestep,x,y,z, timesteps t[i] = (start + i)·Δt (§1.3), and
// reads back into bit-identical per-pair matrices; malformed files name the file, row and column.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { AnsatzError } from "../../../src/core/errors.ts";
import { Mat } from "../../../src/core/matrix.ts";
import { Rng } from "../../../src/core/random.ts";
import { readDatasetYaml } from "../../../src/ctf/formats/dataset-yaml.ts";
import {
  formatKaggleCsv,
  type KagglePairPrediction,
  kaggleFeatureColumns,
  parseKaggleCsv,
  readKaggleCsv,
  writeKaggleCsv,
} from "../../../src/ctf/formats/kaggle-csv.ts";
import { assertBitIdentical, tempDir } from "./helpers.ts";

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures");

/** Seeded predictions for every pair of ODE_Lorenz.yaml, shaped like its test matrices. */
function lorenzSubmission(): { pairs: KagglePairPrediction[]; expectedRows: Map<number, number> } {
  const cfg = readDatasetYaml(join(FIXTURES, "ODE_Lorenz.yaml"));
  const rng = new Rng(2024);
  const pairs: KagglePairPrediction[] = [];
  const expectedRows = new Map<number, number>();
  for (const p of cfg.pairs) {
    const [rows, cols] = cfg.metadata.matrix_shapes[p.test]!;
    const start = cfg.metadata.matrix_start_index[p.test]!;
    const prediction = new Mat(rows, cols);
    rng.fillNormal(prediction.data, 0, 10);
    const timesteps = Float64Array.from({ length: rows }, (_, i) => (start + i) * cfg.metadata.delta_t);
    pairs.push({ pairId: p.id, timesteps, prediction });
    expectedRows.set(p.id, rows);
  }
  return { pairs, expectedRows };
}

function namesCell(re: RegExp) {
  return (e: unknown) => e instanceof AnsatzError && e.code === "bad-file" && re.test(e.message);
}

const SMALL = "id,pair_id,timestep,x,y,z\n1_0,1,500,1,2,3\n1_1,1,500.05,4,5,6\n2_0,2,0,7,8,9\n";

describe("Kaggle submission CSV", () => {
  const dir = tempDir();

  it("writes 27 000 Lorenz rows with ids 1_0 … 9_999 and reads them back bit for bit", () => {
    const { pairs, expectedRows } = lorenzSubmission();
    const f = join(dir, "submission.csv");
    writeKaggleCsv(f, pairs);
    const lines = readFileSync(f, "utf8").trimEnd().split("\n");
    assert.equal(lines.length, 1 + 27000);
    assert.equal(lines[0], "id,pair_id,timestep,x,y,z");
    assert.ok(lines[1]!.startsWith("1_0,1,500,"), lines[1]); // X1test starts at 10000 · 0.05
    assert.ok(lines[1001]!.startsWith("2_0,2,0,"), lines[1001]);
    assert.ok(lines[27000]!.startsWith("9_999,9,"), lines[27000]);
    const sub = readKaggleCsv(f, { expectedRows, featureCount: 3 });
    assert.deepEqual(sub.columns, ["x", "y", "z"]);
    assert.deepEqual(
      sub.pairs.map((p) => [p.pairId, p.prediction.rows]),
      [1, 2, 3, 4, 5, 6, 7, 8, 9].map((id) => [id, id === 2 || id === 4 ? 10000 : 1000]),
    );
    for (const [k, p] of sub.pairs.entries()) {
      assertBitIdentical(p.prediction, pairs[k]!.prediction);
      assert.deepEqual(p.timesteps, Float64Array.from(pairs[k]!.timesteps));
    }
  });

  it("accepts pairs in any order and returns them sorted by pair id", () => {
    const text = "id,pair_id,timestep,x,y,z\n2_0,2,0,7,8,9\n1_0,1,500,1,2,3\n1_1,1,500.05,4,5,6\n";
    const sub = parseKaggleCsv(text, "s.csv");
    assert.deepEqual(
      sub.pairs.map((p) => p.pairId),
      [1, 2],
    );
    assert.deepEqual(sub.pairs[0]!.prediction.toArray(), [
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  it("uses x,y,z for 3 features and f1…fN otherwise", () => {
    assert.deepEqual(kaggleFeatureColumns(3), ["x", "y", "z"]);
    assert.deepEqual(kaggleFeatureColumns(4), ["f1", "f2", "f3", "f4"]);
    const text = formatKaggleCsv([{ pairId: 3, timesteps: [0.5, 1], prediction: Mat.from([[1], [-0]]) }]);
    assert.equal(text, "id,pair_id,timestep,f1\n3_0,3,0.5,1\n3_1,3,1,-0\n");
  });

  it("names the row and column of a wrong id, a non-increasing timestep, a bad pair id or a non-number", () => {
    assert.throws(
      () => parseKaggleCsv(SMALL.replace("1_1,", "1_2,"), "s.csv"),
      namesCell(/^s\.csv: row 2 \(line 3\), column 1 \('id'\): expected '1_1' \(row 1 of pair 1/),
    );
    assert.throws(
      () => parseKaggleCsv(SMALL.replace("500.05", "499"), "s.csv"),
      namesCell(
        /^s\.csv: row 2 \(line 3\), column 3 \('timestep'\): expected a finite timestep greater than the pair's previous one \(after 500\)/,
      ),
    );
    assert.throws(
      () => parseKaggleCsv(SMALL.replace("2_0,2,", "2_0,2.5,"), "s.csv"),
      namesCell(/^s\.csv: row 3 \(line 4\), column 2 \('pair_id'\): expected a pair id/),
    );
    assert.throws(
      () => parseKaggleCsv(SMALL.replace("4,5,6", "4,,6"), "s.csv"),
      namesCell(/^s\.csv: row 2 \(line 3\), column 5 \('y'\): expected a number, found an empty cell/),
    );
    assert.throws(
      () => parseKaggleCsv(SMALL.replace("4,5,6", "4,5"), "s.csv"),
      namesCell(/^s\.csv: row 2 \(line 3\): expected 6 cells/),
    );
  });

  it("checks the header, the feature count and the rows per pair", () => {
    assert.throws(
      () => parseKaggleCsv(SMALL.replace("pair_id", "pair"), "h.csv"),
      namesCell(/^h\.csv: line 1 \(header\): expected columns id,pair_id,timestep/),
    );
    assert.throws(
      () => parseKaggleCsv(SMALL, "h.csv", { featureCount: 1024 }),
      namesCell(/expected 1024 feature columns, found 3/),
    );
    const expectedRows = new Map([
      [1, 2],
      [2, 2],
    ]);
    assert.throws(
      () => parseKaggleCsv(SMALL, "n.csv", { expectedRows }),
      namesCell(/^n\.csv: pair 2: expected 2 rows, found 1 rows/),
    );
    assert.throws(
      () => parseKaggleCsv(SMALL, "n.csv", { expectedRows: { 1: 2 } }),
      namesCell(/^n\.csv: pair_id 2: expected one of the pairs 1/),
    );
    assert.throws(() => parseKaggleCsv("", "empty.csv"), namesCell(/^empty\.csv: expected a header/));
  });

  it("refuses to write mismatched timesteps, repeated pairs or unequal widths", () => {
    const p = { pairId: 1, timesteps: [0, 1], prediction: new Mat(2, 3) };
    assert.throws(
      () => formatKaggleCsv([{ ...p, timesteps: [0] }]),
      /pair 1 timesteps: expected 2 \(one per prediction row\), found 1/,
    );
    assert.throws(() => formatKaggleCsv([p, p]), /expected each pair once/);
    assert.throws(
      () => formatKaggleCsv([p, { ...p, pairId: 2, prediction: new Mat(2, 4) }]),
      /pair 2 prediction: expected 3 columns, found 4/,
    );
    assert.throws(
      () => formatKaggleCsv([{ ...p, timesteps: [1, 1] }]),
      /timesteps\[1\]: expected finite, strictly increasing times/,
    );
  });
});
