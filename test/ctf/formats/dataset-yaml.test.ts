// Tests of src/ctf/formats/dataset-yaml.ts (spec ctf.md §1.5, §1.8): the reference data set YAMLs
// (test/ctf/fixtures/ODE_Lorenz.yaml and PDE_KS.yaml, unchanged copies of
// /work/shared/specs/ctf-reference/, ctf4science MIT) load with the values of §1.5; the older `k`
// fills k_short and k_long; write → read gives the same configuration; bad files raise an AnsatzError
// naming the file, the field path, its line, what was expected and what was found.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { AnsatzError } from "../../../src/core/errors.ts";
import {
  formatDatasetYaml,
  parseDatasetYaml,
  readDatasetYaml,
  validateDatasetConfig,
  writeDatasetYaml,
} from "../../../src/ctf/formats/dataset-yaml.ts";
import { tempDir } from "./helpers.ts";

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures");
const LORENZ = join(FIXTURES, "ODE_Lorenz.yaml");
const KS = join(FIXTURES, "PDE_KS.yaml");
const lorenzText = readFileSync(LORENZ, "utf8");

/** Parses the Lorenz YAML with one textual edit; the edit must apply. */
function lorenzWith(from: string, to: string): () => unknown {
  assert.ok(lorenzText.includes(from), `fixture contains ${JSON.stringify(from)}`);
  return () => parseDatasetYaml(lorenzText.replace(from, to), "L.yaml");
}

function message(re: RegExp) {
  return (e: unknown) => e instanceof AnsatzError && e.code === "bad-config" && re.test(e.message);
}

describe("data set YAML", () => {
  it("loads ODE_Lorenz.yaml unchanged with the values of spec §1.5", () => {
    const c = readDatasetYaml(LORENZ);
    assert.equal(c.type, "dynamical");
    assert.deepEqual(c.evaluation_params, { k_short: 20, k_long: 20, modes: 500, bins: 41 });
    assert.deepEqual(
      c.pairs.map((p) => p.id),
      [1, 2, 3, 4, 5, 6, 7, 8, 9],
    );
    assert.deepEqual(c.pairs[7], {
      id: 8,
      train: ["X6train.mat", "X7train.mat", "X8train.mat"],
      test: "X8test.mat",
      initialization: "X9train.mat",
      metrics: ["short_time"],
    });
    assert.deepEqual(c.pairs[0]!.metrics, ["short_time", "long_time"]);
    assert.equal(c.metadata.delta_t, 0.05);
    assert.equal(c.metadata.spatial_dimension, 3);
    assert.equal(Object.keys(c.metadata.matrix_shapes).length, 19);
    assert.deepEqual(c.metadata.matrix_shapes["X2test.mat"], [10000, 3]);
    assert.equal(c.metadata.matrix_start_index["X9train.mat"], 9900);
    assert.equal(c.metadata.matrix_start_index["X6test.mat"], 100);
    assert.deepEqual(c.evaluations, { long_time: "histogram_L2_error" });
    assert.deepEqual(c.visualizations, ["trajectories", "histograms"]);
  });

  it("loads PDE_KS.yaml unchanged (no bins, spectral long-time score, 1024 columns)", () => {
    const c = readDatasetYaml(KS);
    assert.equal(c.type, "spatio-temporal");
    assert.deepEqual(c.evaluation_params, { k_short: 20, k_long: 20, modes: 100 });
    assert.equal(c.metadata.delta_t, 0.025);
    assert.deepEqual(c.metadata.matrix_shapes["X4train.mat"], [100, 1024]);
    assert.equal(c.metadata.matrix_start_index["X10train.mat"], 9900);
    assert.equal(c.evaluations.long_time, "spectral_L2_error");
    assert.deepEqual(c.visualizations, ["psd", "2d_comparison"]);
  });

  it("reads k_short and k_long (reference PR #11) and lets them override k", () => {
    const c = lorenzWith("  k: 20\n", "  k_short: 15\n  k_long: 30\n")() as ReturnType<
      typeof parseDatasetYaml
    >;
    assert.equal(c.evaluation_params.k_short, 15);
    assert.equal(c.evaluation_params.k_long, 30);
    const d = lorenzWith("  k: 20\n", "  k: 20\n  k_long: 7\n")() as ReturnType<typeof parseDatasetYaml>;
    assert.deepEqual([d.evaluation_params.k_short, d.evaluation_params.k_long], [20, 7]);
  });

  it("writes what it reads: k_short/k_long, inline lists, unknown keys kept", () => {
    const dir = tempDir();
    for (const src of [LORENZ, KS]) {
      const c = readDatasetYaml(src);
      const f = join(dir, "out.yaml");
      writeDatasetYaml(f, { ...c, name: "kept" });
      const back = readDatasetYaml(f);
      assert.deepEqual(back, { ...c, name: "kept" });
    }
    const text = formatDatasetYaml(readDatasetYaml(LORENZ));
    assert.ok(
      text.startsWith(
        "type: dynamical\nevaluation_params:\n  k_short: 20\n  k_long: 20\n  modes: 500\n  bins: 41\n",
      ),
    );
    assert.ok(text.includes("    train: [X6train.mat, X7train.mat, X8train.mat]\n"));
    assert.ok(text.includes("    X1test.mat: [1000, 3]\n"));
  });

  it("names file, field, line, expected and found for a missing field", () => {
    assert.throws(
      lorenzWith("  delta_t: 0.05\n", ""),
      (e: unknown) =>
        e instanceof AnsatzError &&
        e.message ===
          "L.yaml: metadata.delta_t (line 46): expected a number, found nothing (the field is missing)",
    );
  });

  it("names the pair (index and id) for a burn-in file missing from metadata", () => {
    assert.throws(
      lorenzWith("initialization: X9train.mat", "initialization: X11train.mat"),
      message(
        /^L\.yaml: pairs\[7\]\.initialization \(pair id 8\) \(line 38\): expected a file listed in metadata\.matrix_shapes/,
      ),
    );
  });

  it("refuses a wrong type, unknown metric, missing k, repeated id, missing bins, path in a file name, bad shape", () => {
    assert.throws(
      lorenzWith("type: dynamical", "type: ode"),
      message(/type \(line 1\): expected one of dynamical, spatio-temporal, found a string 'ode'/),
    );
    assert.throws(
      lorenzWith("metrics: [reconstruction]", "metrics: [recon]"),
      message(
        /pairs\[1\]\.metrics\[0\] \(pair id 2\).*expected one of short_time, long_time, reconstruction/,
      ),
    );
    assert.throws(
      lorenzWith("  k: 20\n", ""),
      message(/evaluation_params\.k_short \(line 3\): expected a positive integer \(or 'k'/),
    );
    assert.throws(
      lorenzWith("  - id: 3 #", "  - id: 2 #"),
      message(/pairs\[2\]\.id \(pair id 2\).*expected a pair id not used before/),
    );
    assert.throws(
      lorenzWith("  bins: 41\n", ""),
      message(/evaluation_params\.bins.*histogram long-time score needs a bin count/),
    );
    assert.throws(
      lorenzWith("test: X1test.mat", "test: ../X1test.mat"),
      message(/pairs\[0\]\.test.*a file name without a directory part/),
    );
    assert.throws(
      lorenzWith("X1train.mat: [10000, 3]", "X1train.mat: [10000]"),
      message(/metadata\.matrix_shapes\['X1train\.mat'\].*expected at least 2 items, found a list \[10000\]/),
    );
    assert.throws(
      lorenzWith("  delta_t: 0.05", "  delta_t: -0.05"),
      message(/metadata\.delta_t.*expected a number > 0, found a number -0\.05/),
    );
  });

  it("reports YAML syntax errors and duplicate keys with line and column", () => {
    assert.throws(
      lorenzWith("  modes: 500", "  modes: [500"),
      message(/^L\.yaml: line 5, column 3: expected valid YAML/),
    );
    assert.throws(
      lorenzWith("type: dynamical", "type: dynamical\ntype: x"),
      message(/^L\.yaml: line 2, column 1: expected valid YAML, found Map keys must be unique/),
    );
    assert.throws(
      () => parseDatasetYaml("- just a list\n", "list.yaml"),
      message(/^list\.yaml: expected a YAML mapping/),
    );
  });

  it("validates configurations built in code with the same messages", () => {
    const c = readDatasetYaml(KS);
    assert.throws(
      () => validateDatasetConfig({ ...c, pairs: [] }, "built"),
      (e: unknown) =>
        e instanceof AnsatzError && e.message === "built: pairs: expected at least 1 item, found a list []",
    );
  });
});
