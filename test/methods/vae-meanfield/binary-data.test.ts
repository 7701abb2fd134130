// Tests of binary spin loading (src/methods/vae-meanfield/binary-data.ts, spec vae-meanfield.md §2.2):
// ±1 and 0/1 files in .npy/.npz/.mat/.csv come back in ±1 with the encoding found (all-1s reported as
// "01", the ±1 data all +1 either way); a {−1, 0, 1} mix, a value 2, NaN, a 1-D array, 0 rows and an empty
// file are AnsatzErrors naming the file (and the row, column and value of a bad entry).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { AnsatzError } from "../../../src/core/errors.ts";
import { Mat } from "../../../src/core/matrix.ts";
import { encodeNpy } from "../../../src/core/npy.ts";
import { writeMatrix } from "../../../src/ctf/formats/matrix-file.ts";
import { encodeNpz } from "../../../src/ctf/formats/npz.ts";
import { checkSpinMatrix, loadSpinSamples } from "../../../src/methods/vae-meanfield/binary-data.ts";

const dir = mkdtempSync(join(tmpdir(), "ansatz-binary-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function npy(name: string, shape: number[], values: number[]): string {
  const p = join(dir, name);
  writeFileSync(p, encodeNpy(Float64Array.from(values), shape));
  return p;
}

function isErr(code: string, ...parts: string[]) {
  return (e: unknown) => {
    assert.ok(e instanceof AnsatzError, `not an AnsatzError: ${e}`);
    assert.equal(e.code, code, e.message);
    for (const part of parts) assert.ok(e.message.includes(part), `message lacks '${part}': ${e.message}`);
    return true;
  };
}

test("loadSpinSamples: ±1 .npy is returned as is with encoding pm1", () => {
  const p = npy("pm.npy", [2, 3], [1, -1, 1, -1, -1, 1]);
  const s = loadSpinSamples(p);
  assert.equal(s.encoding, "pm1");
  assert.equal(s.where, p);
  assert.deepEqual(s.pm1.toArray(), [
    [1, -1, 1],
    [-1, -1, 1],
  ]);
});

test("loadSpinSamples: 0/1 data in .npy, .npz, .mat and .csv → 2x − 1 with encoding 01", () => {
  const m = Mat.from([
    [0, 1, 1],
    [1, 0, 0],
  ]);
  const expected = [
    [-1, 1, 1],
    [1, -1, -1],
  ];
  const paths = [npy("a.npy", [2, 3], Array.from(m.data))];
  const npzPath = join(dir, "a.npz");
  writeFileSync(npzPath, encodeNpz([{ key: "x", data: m.data, shape: [2, 3] }]));
  paths.push(npzPath);
  for (const ext of [".mat", ".csv"]) {
    const p = join(dir, `a${ext}`);
    writeMatrix(p, m);
    paths.push(p);
  }
  for (const p of paths) {
    const s = loadSpinSamples(p);
    assert.equal(s.encoding, "01", p);
    assert.deepEqual(s.pm1.toArray(), expected, p);
  }
});

test("loadSpinSamples: only 1s → encoding 01 and all +1; only −1s → pm1; only 0s → 01 and all −1", () => {
  const ones = loadSpinSamples(npy("ones.npy", [2, 2], [1, 1, 1, 1]));
  assert.equal(ones.encoding, "01");
  assert.deepEqual(Array.from(ones.pm1.data), [1, 1, 1, 1]);
  assert.equal(loadSpinSamples(npy("m.npy", [1, 2], [-1, -1])).encoding, "pm1");
  const zeros = loadSpinSamples(npy("z.npy", [1, 2], [0, 0]));
  assert.equal(zeros.encoding, "01");
  assert.deepEqual(Array.from(zeros.pm1.data), [-1, -1]);
});

test("loadSpinSamples: a {−1, 0, 1} mix names the conflicting entry (row 1, column 2, value 0)", () => {
  const p = npy("mix.npy", [2, 3], [1, -1, 1, 1, 1, 0]);
  assert.throws(
    () => loadSpinSamples(p),
    isErr("bad-value", p, "row 1, column 2", "found 0", "row 0, column 1"),
  );
});

test("loadSpinSamples: value 2, NaN, 1-D, 3-D, 0 rows, empty file, two-array .npz are errors naming the file", () => {
  const two = npy("two.npy", [3, 2], [1, 1, 0, 0, 2, 1]);
  assert.throws(() => loadSpinSamples(two), isErr("bad-value", two, "row 2, column 0", "found 2"));
  const nan = npy("nan.npy", [1, 2], [1, Number.NaN]);
  assert.throws(() => loadSpinSamples(nan), isErr("not-finite", nan, "row 0, column 1", "NaN"));
  const oneD = npy("oned.npy", [3], [1, -1, 1]);
  assert.throws(() => loadSpinSamples(oneD), isErr("bad-shape", oneD, "1-D"));
  const threeD = npy("threed.npy", [1, 1, 2], [1, -1]);
  assert.throws(() => loadSpinSamples(threeD), isErr("bad-shape", threeD, "3-D"));
  const noRows = npy("norows.npy", [0, 5], []);
  assert.throws(() => loadSpinSamples(noRows), isErr("too-little-data", noRows));
  const empty = join(dir, "empty.npy");
  writeFileSync(empty, new Uint8Array(0));
  assert.throws(() => loadSpinSamples(empty), isErr("bad-file", empty));
  const npz2 = join(dir, "two.npz");
  const d = Float64Array.from([1, 1]);
  writeFileSync(
    npz2,
    encodeNpz([
      { key: "a", data: d, shape: [1, 2] },
      { key: "b", data: d, shape: [1, 2] },
    ]),
  );
  assert.throws(() => loadSpinSamples(npz2), isErr("bad-file", npz2, "'a', 'b'"));
  assert.throws(() => loadSpinSamples(join(dir, "missing.npy")), isErr("bad-file", "missing.npy"));
});

test("checkSpinMatrix: in-memory data; 0 columns is bad-shape", () => {
  assert.equal(checkSpinMatrix(Mat.from([[1, -1]]), "x"), "pm1");
  assert.equal(checkSpinMatrix(Mat.from([[1, 0]]), "x"), "01");
  assert.throws(() => checkSpinMatrix(new Mat(2, 0), "mem"), isErr("bad-shape", "mem"));
  assert.throws(() => checkSpinMatrix(Mat.from([[0.5]]), "mem"), isErr("bad-value", "mem row 0, column 0"));
});
