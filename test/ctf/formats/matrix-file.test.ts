// Tests of src/ctf/formats/matrix-file.ts (spec ctf.md §1.8, §4 test 14): readMatrix/writeMatrix
// dispatch on the extension (case-insensitive), every format round-trips float64 bit for bit, the
// files are what the format-specific readers expect, and an unknown extension names the file.
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { AnsatzError } from "../../../src/core/errors.ts";
import { readCsv } from "../../../src/ctf/formats/csv.ts";
import { readMat5Variables } from "../../../src/ctf/formats/mat5.ts";
import { matrixExtension, readMatrix, writeMatrix } from "../../../src/ctf/formats/matrix-file.ts";
import { readNpyArray } from "../../../src/ctf/formats/npy-file.ts";
import { readNpzArrays } from "../../../src/ctf/formats/npz.ts";
import { assertBitIdentical, awkwardMatrix, tempDir } from "./helpers.ts";

describe("matrix files by extension", () => {
  const dir = tempDir();
  const m = awkwardMatrix(20, 3, 2);

  for (const ext of [".npy", ".npz", ".mat", ".csv", ".NPY", ".Mat"]) {
    it(`round-trips ${ext} bit for bit`, () => {
      const f = join(dir, `X3test${ext}`);
      writeMatrix(f, m);
      assertBitIdentical(readMatrix(f), m);
    });
  }

  it("writes the format the extension names, with the given .mat name, .npz key and CSV header", () => {
    writeMatrix(join(dir, "a.npy"), m);
    assert.deepEqual(readNpyArray(join(dir, "a.npy")).shape, [20, 3]);
    writeMatrix(join(dir, "b.npz"), m, { name: "X", compressed: true });
    assert.deepEqual(
      readNpzArrays(join(dir, "b.npz")).map((e) => e.key),
      ["X"],
    );
    writeMatrix(join(dir, "c.mat"), m, { name: "truth" });
    assert.deepEqual(
      readMat5Variables(join(dir, "c.mat")).map((v) => v.name),
      ["truth"],
    );
    assertBitIdentical(readMatrix(join(dir, "c.mat"), { name: "truth" }), m);
    writeMatrix(join(dir, "d.csv"), m, { columns: ["x", "y", "z"] });
    assert.deepEqual(readCsv(join(dir, "d.csv")).columns, ["x", "y", "z"]);
  });

  it("names the file for an unknown or missing extension", () => {
    assert.equal(matrixExtension("/a/b/X1train.MAT"), ".mat");
    assert.throws(
      () => readMatrix("/data/X1train.h5"),
      (e: unknown) =>
        e instanceof AnsatzError &&
        e.message ===
          "/data/X1train.h5: expected a matrix file ending in .npy, .npz, .mat, .csv, found '.h5'",
    );
    assert.throws(
      () => writeMatrix(join(dir, "noext"), m),
      /noext: expected a matrix file .* found no extension/,
    );
  });
});
