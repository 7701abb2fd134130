// Tests of the N-D MAT v5 writer encodeMat5Array / writeMat5Array (src/ctf/formats/mat5.ts): a round trip
// through decodeMat5 for every class it writes (3-D double, uint8, logical, int8, int16, uint16, int32,
// uint32, single), the header fields (class name, logical flag, dims), and errors for values a class cannot
// hold, wrong data length, fewer than 2 dims and bad names. Files from this writer were checked once to
// load in scipy.io.loadmat 1.17 (uint8 [2,3,4] equal to np.arange(24).reshape(2,3,4, order='F'); logical
// flags 0x0209 as scipy's own savemat writes for a bool array; int16, single, double as written); the test
// itself never calls python.
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { AnsatzError } from "../../../src/core/errors.ts";
import {
  decodeMat5,
  encodeMat5Array,
  type Mat5ArrayClass,
  readMat5Variables,
  writeMat5Array,
} from "../../../src/ctf/formats/mat5.ts";
import { tempDir } from "./helpers.ts";

const DIMS = [2, 3, 4];
const COUNT = 24;

test("encodeMat5Array: every class round-trips a 2 × 3 × 4 array through decodeMat5", () => {
  const cases: [Mat5ArrayClass, (k: number) => number, string][] = [
    ["double", (k) => k / 3 - 2.5, "double"],
    ["single", (k) => k * 0.25 - 1, "single"],
    ["uint8", (k) => 10 * k + 5, "uint8"],
    ["logical", (k) => k % 2, "uint8"],
    ["int8", (k) => (k % 2 ? -128 + k : 127 - k), "int8"],
    ["int16", (k) => (k - 12) * 1000, "int16"],
    ["uint16", (k) => 65535 - k, "uint16"],
    ["int32", (k) => (k - 12) * 100000000, "int32"],
    ["uint32", (k) => 4294967295 - k, "uint32"],
  ];
  for (const [cls, f, className] of cases) {
    const data = Float64Array.from({ length: COUNT }, (_, k) => f(k));
    const vars = decodeMat5(encodeMat5Array("arr", DIMS, data, cls), `${cls}.mat`);
    assert.equal(vars.length, 1, cls);
    const v = vars[0]!;
    assert.equal(v.name, "arr");
    assert.equal(v.className, className, cls);
    assert.equal(v.logical, cls === "logical", cls);
    assert.deepEqual(v.dims, DIMS, cls);
    assert.deepEqual(Array.from(v.data!), Array.from(data), cls);
  }
});

test("writeMat5Array: a 4-D uint8 file with an odd-length name reads back via readMat5Variables", () => {
  const p = join(tempDir(), "four.mat");
  const data = Array.from({ length: 2 * 1 * 3 * 2 }, (_, k) => k);
  writeMat5Array(p, "bint_5", [2, 1, 3, 2], data, "uint8");
  const [v] = readMat5Variables(p);
  assert.deepEqual(v!.dims, [2, 1, 3, 2]);
  assert.equal(v!.name, "bint_5");
  assert.deepEqual(Array.from(v!.data!), data);
});

test("encodeMat5Array: out-of-class values, bad shapes and names are AnsatzErrors", () => {
  const bad = (f: () => unknown, re: RegExp) =>
    assert.throws(f, (e: unknown) => e instanceof AnsatzError && re.test(e.message));
  bad(() => encodeMat5Array("x", [1, 2], [0, 256], "uint8"), /value 1.*\[0, 255\].*256/);
  bad(() => encodeMat5Array("x", [1, 2], [0, 2], "logical"), /0 or 1/);
  bad(() => encodeMat5Array("x", [1, 2], [0.5, 1], "int16"), /integers/);
  bad(() => encodeMat5Array("x", [3], [1, 2, 3], "double"), /at least 2/);
  bad(() => encodeMat5Array("x", [2, 2], [1, 2, 3], "double"), /4 values/);
  bad(() => encodeMat5Array("1x", [1, 1], [1], "double"), /MATLAB identifier/);
  bad(() => encodeMat5Array("x", [1, 1], [1], "char" as Mat5ArrayClass), /className/);
});
