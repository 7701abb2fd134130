// Tests of src/ctf/formats/npy-file.ts (spec ctf.md §4 test 14): write → read is bit-identical for
// float64, the file is byte-identical to np.save, 1-D arrays read as a column, other ranks and
// malformed files raise an AnsatzError naming the file. Fixtures are base64 of np.save output:
//   python3 -c "import numpy as np, io, base64; f = io.BytesIO(); <command>; print(base64.b64encode(f.getvalue()).decode())"
import assert from "node:assert/strict";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { AnsatzError } from "../../../src/core/errors.ts";
import { Mat } from "../../../src/core/matrix.ts";
import { encodeNpy } from "../../../src/core/npy.ts";
import { readNpy, writeNpy } from "../../../src/ctf/formats/npy-file.ts";
import { assertBitIdentical, awkwardMatrix, tempDir } from "./helpers.ts";

const NPY = {
  // np.save(f, np.arange(6, dtype='<f8').reshape(2, 3) / 4)
  f8_2x3:
    "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsIDMpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAAAAAAAAAAAAANA/AAAAAAAA4D8AAAAAAADoPwAAAAAAAPA/AAAAAAAA9D8=",
  // np.save(f, np.array([1.5, -2.25, 3], dtype='<f4'))
  f4_3: "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDMsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAMA/AAAQwAAAQEA=",
};
const bytes = (b64: string) => Buffer.from(b64, "base64");

/** An AnsatzError whose message names `file`. */
function namesFile(file: string, code?: string) {
  return (e: unknown) =>
    e instanceof AnsatzError && e.message.includes(file) && (code === undefined || e.code === code);
}

describe("npy files", () => {
  const dir = tempDir();

  it("round-trips a float64 matrix bit for bit (−0, subnormal, max, 0.1, 1/3, NaN)", () => {
    const m = awkwardMatrix(7, 5, 11);
    m.data[7] = Number.NaN;
    const f = join(dir, "X1train.npy");
    writeNpy(f, m);
    assertBitIdentical(readNpy(f), m);
    assert.deepEqual(
      readdirSync(dir).filter((n) => n.endsWith(".tmp")),
      [],
    );
  });

  it("writes exactly the bytes of np.save", () => {
    const f = join(dir, "a.npy");
    writeNpy(f, new Mat(2, 3, Float64Array.from([0, 0.25, 0.5, 0.75, 1, 1.25])));
    assert.deepEqual(readFileSync(f), bytes(NPY.f8_2x3));
  });

  it("reads numpy's file as the 2 × 3 matrix [[0, .25, .5], [.75, 1, 1.25]]", () => {
    const f = join(dir, "np.npy");
    writeFileSync(f, bytes(NPY.f8_2x3));
    assert.deepEqual(readNpy(f).toArray(), [
      [0, 0.25, 0.5],
      [0.75, 1, 1.25],
    ]);
  });

  it("reads a 1-D array of length 3 as a 3 × 1 column (rows are time)", () => {
    const f = join(dir, "vec.npy");
    writeFileSync(f, bytes(NPY.f4_3));
    const m = readNpy(f);
    assert.deepEqual(m.shape, [3, 1]);
    assert.deepEqual(Array.from(m.data), [1.5, -2.25, 3]);
  });

  it("refuses a 3-D array, naming the file and the shape [2, 3, 4]", () => {
    const f = join(dir, "cube.npy");
    writeFileSync(f, encodeNpy(new Float64Array(24), [2, 3, 4]));
    assert.throws(() => readNpy(f), namesFile(f, "bad-shape"));
    assert.throws(() => readNpy(f), /shape \[2, 3, 4\]/);
  });

  it("refuses a 0-D array", () => {
    const f = join(dir, "scalar.npy");
    writeFileSync(f, encodeNpy(new Float64Array([3.5]), []));
    assert.throws(() => readNpy(f), namesFile(f, "bad-shape"));
  });

  it("names the file when it is truncated, not .npy, or missing", () => {
    const f = join(dir, "trunc.npy");
    writeFileSync(f, bytes(NPY.f8_2x3).subarray(0, 150));
    assert.throws(() => readNpy(f), namesFile(f, "bad-file"));
    const g = join(dir, "text.npy");
    writeFileSync(g, "not numpy at all");
    assert.throws(() => readNpy(g), namesFile(g, "bad-file"));
    const h = join(dir, "missing.npy");
    assert.throws(() => readNpy(h), namesFile(h, "bad-file"));
  });
});
