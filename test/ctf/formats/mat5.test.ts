// Tests of src/ctf/formats/mat5.ts (spec ctf.md §1.8, §4 test 14): MAT v5 files written by
// scipy 1.17 (scipy.io.savemat: double, single, int16, zlib-compressed, 3-D, two variables, char) and
// two built by hand from MathWorks' "MAT-File Format" (a big-endian file; a MATLAB-style file whose
// double matrix is stored as miUINT8 inside miCOMPRESSED with a small-element name), each checked to
// load in scipy.io.loadmat(..., mat_dtype=True) with the values below. Fixtures from savemat are
//   python3 -c "import numpy as np, io, base64, scipy.io as sio; f = io.BytesIO(); <command>; print(base64.b64encode(f.getvalue()).decode())"
// with A = np.arange(6, dtype='<f8').reshape(2, 3) / 4 and R = np.random.default_rng(0).standard_normal((4, 3)).
// The hand-built ones came from this python (e = '>' or '<'):
//   pad8 = lambda b: b + b'\0' * (-len(b) % 8)
//   elem = lambda e, t, p: struct.pack(e + 'II', t, len(p)) + pad8(p)
//   small = lambda e, t, p: struct.pack(e + 'I', (len(p) << 16) | t) + p + b'\0' * (4 - len(p))
//   header = lambda e, text: text.ljust(116).encode() + b' ' * 8 + struct.pack(e + 'H', 0x0100) + (b'IM' if e == '<' else b'MI')
//   matrix = lambda e, cls, dims, name, real: elem(e, 14, elem(e, 6, struct.pack(e + 'II', cls, 0))
//       + elem(e, 5, struct.pack(e + '%di' % len(dims), *dims)) + small(e, 1, name) + real)
//   B = np.array([[1.5, -2.0, 1e-300], [np.pi, -0.0, 6.02e23]]); U = np.array([[1, 2, 3], [250, 0, 7]], dtype=float)
//   be = header('>', 'MATLAB 5.0 MAT-file, hand-built big-endian') + matrix('>', 6, [2, 3], b'BE', elem('>', 9, struct.pack('>6d', *B.T.ravel())))
//   inner = matrix('<', 6, [2, 3], b'U', elem('<', 2, bytes(U.T.ravel().astype(np.uint8))))
//   le = header('<', 'MATLAB 5.0 MAT-file, hand-built, double stored as miUINT8') + struct.pack('<II', 15, len(zlib.compress(inner))) + zlib.compress(inner)
// Files written by writeMat5 were checked once to load in scipy.io.loadmat with the same bytes
// (d['X1train'].tobytes() equal to the matrix); the test itself never calls python.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { AnsatzError } from "../../../src/core/errors.ts";
import { Mat } from "../../../src/core/matrix.ts";
import {
  decodeMat5,
  defaultMatVariableName,
  encodeMat5,
  readMat5,
  writeMat5,
} from "../../../src/ctf/formats/mat5.ts";
import { assertBitIdentical, awkwardMatrix, tempDir } from "./helpers.ts";

const MAT = {
  // sio.savemat(f, {'X1train': A})
  plain:
    "TUFUTEFCIDUuMCBNQVQtZmlsZSBQbGF0Zm9ybTogcG9zaXgsIENyZWF0ZWQgb246IEZyaSBEZWMgIDQgMjE6MjI6MjQgMjAyNgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABSU0OAAAAaAAAAAYAAAAIAAAABgAAAAAAAAAFAAAACAAAAAIAAAADAAAAAQAAAAcAAABYMXRyYWluAAkAAAAwAAAAAAAAAAAAAAAAAAAAAADoPwAAAAAAANA/AAAAAAAA8D8AAAAAAADgPwAAAAAAAPQ/",
  // sio.savemat(f, {'X1train': R}, do_compression=True)
  zlib: "TUFUTEFCIDUuMCBNQVQtZmlsZSBQbGF0Zm9ybTogcG9zaXgsIENyZWF0ZWQgb246IEZyaSBEZWMgIDQgMjE6MjI6MjQgMjAyNgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABSU0PAAAAlgAAAHic42NgYJgBxGxAzAGlQYAVymcBYmYgZgRidiCOMCwpSszMY+AEshOA2LHldudb8QP2H660vNl9a5e9jcBeNf27X+x3n5gzVcv+y/4zrntfnn9xYP9b52cSJioP9y/ek7mnxu+d/e8vCp53Pz7en7shY0l43RP7ZxfPTY1XuW6vsf7Wwf8tz/Y/5uk+vFZjqT0AjXM8zQ==",
  // sio.savemat(f, {'s': A.astype('<f4')})
  single:
    "TUFUTEFCIDUuMCBNQVQtZmlsZSBQbGF0Zm9ybTogcG9zaXgsIENyZWF0ZWQgb246IEZyaSBEZWMgIDQgMjE6MjI6MjQgMjAyNgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABSU0OAAAASAAAAAYAAAAIAAAABwAAAAAAAAAFAAAACAAAAAIAAAADAAAAAQABAHMAAAAHAAAAGAAAAAAAAAAAAEA/AACAPgAAgD8AAAA/AACgPw==",
  // sio.savemat(f, {'k': np.array([[-3, 7], [32767, -32768]], dtype='<i2')})
  int16:
    "TUFUTEFCIDUuMCBNQVQtZmlsZSBQbGF0Zm9ybTogcG9zaXgsIENyZWF0ZWQgb246IEZyaSBEZWMgIDQgMjE6MjI6MjQgMjAyNgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABSU0OAAAAOAAAAAYAAAAIAAAACgAAAAAAAAAFAAAACAAAAAIAAAACAAAAAQABAGsAAAADAAAACAAAAP3//38HAACA",
  // sio.savemat(f, {'cube': np.zeros((2, 3, 4))})
  cube: "TUFUTEFCIDUuMCBNQVQtZmlsZSBQbGF0Zm9ybTogcG9zaXgsIENyZWF0ZWQgb246IEZyaSBEZWMgIDQgMjE6MjI6MjQgMjAyNgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABSU0OAAAA+AAAAAYAAAAIAAAABgAAAAAAAAAFAAAADAAAAAIAAAADAAAABAAAAAAAAAABAAQAY3ViZQkAAADAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
  // sio.savemat(f, {'a': A, 'b': A})
  two: "TUFUTEFCIDUuMCBNQVQtZmlsZSBQbGF0Zm9ybTogcG9zaXgsIENyZWF0ZWQgb246IEZyaSBEZWMgIDQgMjE6MjI6MjQgMjAyNgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABSU0OAAAAYAAAAAYAAAAIAAAABgAAAAAAAAAFAAAACAAAAAIAAAADAAAAAQABAGEAAAAJAAAAMAAAAAAAAAAAAAAAAAAAAAAA6D8AAAAAAADQPwAAAAAAAPA/AAAAAAAA4D8AAAAAAAD0Pw4AAABgAAAABgAAAAgAAAAGAAAAAAAAAAUAAAAIAAAAAgAAAAMAAAABAAEAYgAAAAkAAAAwAAAAAAAAAAAAAAAAAAAAAADoPwAAAAAAANA/AAAAAAAA8D8AAAAAAADgPwAAAAAAAPQ/",
  // sio.savemat(f, {'name': 'hello'})
  char: "TUFUTEFCIDUuMCBNQVQtZmlsZSBQbGF0Zm9ybTogcG9zaXgsIENyZWF0ZWQgb246IEZyaSBEZWMgIDQgMjE6MjI6MjQgMjAyNgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABSU0OAAAAOAAAAAYAAAAIAAAABAAAAAAAAAAFAAAACAAAAAEAAAAFAAAAAQAEAG5hbWUQAAAABQAAAGhlbGxvAAAA",
  // be (hand-built, big-endian), variable 'BE' = B
  bigEndian:
    "TUFUTEFCIDUuMCBNQVQtZmlsZSwgaGFuZC1idWlsdCBiaWctZW5kaWFuICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAEATUkAAAAOAAAAYAAAAAYAAAAIAAAABgAAAAAAAAAFAAAACAAAAAIAAAADAAIAAUJFAAAAAAAJAAAAMD/4AAAAAAAAQAkh+1RELRjAAAAAAAAAAIAAAAAAAAAAAaVuH8L481lE396fEKjTYQ==",
  // le (hand-built, miCOMPRESSED, double stored as miUINT8), variable 'U' = U
  uint8Zlib:
    "TUFUTEFCIDUuMCBNQVQtZmlsZSwgaGFuZC1idWlsdCwgZG91YmxlIHN0b3JlZCBhcyBtaVVJTlQ4ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAABSU0PAAAALAAAAHic42NgYLAAYjYg5oDSIMAK5TMBMTMQMwJhKJQPUsP4i4mBmZ2BAQAlsQHT",
};
const bytes = (b64: string) => new Uint8Array(Buffer.from(b64, "base64"));
const A = [
  [0, 0.25, 0.5],
  [0.75, 1, 1.25],
];
/** R, printed by python3 -c "import numpy as np; print(np.random.default_rng(0).standard_normal((4, 3)).tolist())". */
const R = [
  [0.1257302210933933, -0.1321048632913019, 0.6404226504432821],
  [0.10490011715303971, -0.535669373161111, 0.36159505490948474],
  [1.3040000451301372, 0.9470809631292422, -0.7037352358069926],
  [-1.2654214710460525, -0.6232744625373522, 0.0413259793472436],
];

function namesFile(file: string, code = "bad-file") {
  return (e: unknown) => e instanceof AnsatzError && e.code === code && e.message.includes(file);
}

describe("MAT v5 files", () => {
  const dir = tempDir();
  const put = (name: string, b: Uint8Array) => {
    const f = join(dir, name);
    writeFileSync(f, b);
    return f;
  };

  it("reads scipy's uncompressed double matrix as A, column-major → row-major", () => {
    assert.deepEqual(readMat5(put("plain.mat", bytes(MAT.plain))).toArray(), A);
    const vars = decodeMat5(bytes(MAT.plain), "plain.mat");
    assert.deepEqual(
      vars.map((v) => [v.name, v.className, v.dims]),
      [["X1train", "double", [2, 3]]],
    );
  });

  it("reads a zlib-compressed (miCOMPRESSED) matrix as R exactly", () => {
    assert.deepEqual(readMat5(put("zlib.mat", bytes(MAT.zlib))).toArray(), R);
  });

  it("reads single and int16 classes, converting to float64", () => {
    assert.deepEqual(readMat5(put("single.mat", bytes(MAT.single))).toArray(), A);
    assert.deepEqual(readMat5(put("int16.mat", bytes(MAT.int16))).toArray(), [
      [-3, 7],
      [32767, -32768],
    ]);
  });

  it("reads a big-endian file as B, keeping −0 and 1e-300", () => {
    const m = readMat5(put("be.mat", bytes(MAT.bigEndian)));
    assert.deepEqual(m.toArray(), [
      [1.5, -2, 1e-300],
      [Math.PI, -0, 6.02e23],
    ]);
    assert.ok(Object.is(m.get(1, 1), -0));
  });

  it("reads a MATLAB-style double stored as miUINT8 with a small-element name as U", () => {
    assert.deepEqual(readMat5(put("u8.mat", bytes(MAT.uint8Zlib))).toArray(), [
      [1, 2, 3],
      [250, 0, 7],
    ]);
  });

  it("refuses a 3-D variable, two variables without a name, and a char variable, naming the file", () => {
    const cube = put("cube.mat", bytes(MAT.cube));
    assert.throws(() => readMat5(cube), namesFile(cube, "bad-shape"));
    assert.throws(() => readMat5(cube), /shape \[2, 3, 4\]/);
    const two = put("two.mat", bytes(MAT.two));
    assert.throws(
      () => readMat5(two),
      /two\.mat: expected a MAT-file holding one variable, found 2 variables 'a', 'b'/,
    );
    assert.deepEqual(readMat5(two, { name: "b" }).toArray(), A);
    const chr = put("char.mat", bytes(MAT.char));
    assert.throws(
      () => readMat5(chr),
      /char\.mat \(variable 'name'\): expected a real numeric matrix, found a char variable/,
    );
  });

  it("round-trips float64 bit for bit (−0, subnormal, max, NaN, ±Inf)", () => {
    const m = awkwardMatrix(11, 3, 7);
    m.data[6] = Number.NaN;
    m.data[7] = Number.POSITIVE_INFINITY;
    m.data[8] = Number.NEGATIVE_INFINITY;
    const f = join(dir, "X1train.mat");
    writeMat5(f, m);
    assertBitIdentical(readMat5(f), m);
    assert.deepEqual(
      decodeMat5(new Uint8Array(readFileSync(f)), f).map((v) => v.name),
      ["X1train"],
    );
  });

  it("writes the layout of MAT v5: 128-byte header, 'IM', one miMATRIX of 8·n + 64 bytes for a 4-char name", () => {
    const m = new Mat(2, 3, Float64Array.from([0, 0.25, 0.5, 0.75, 1, 1.25]));
    const b = encodeMat5(m, "Xabc");
    const v = new DataView(b.buffer);
    assert.equal(b.length, 128 + 8 + 16 + 16 + 8 + 8 + 8 + 6 * 8);
    assert.equal(String.fromCharCode(b[126]!, b[127]!), "IM");
    assert.equal(v.getUint16(124, true), 0x0100);
    assert.deepEqual([v.getUint32(128, true), v.getUint32(132, true)], [14, 16 + 16 + 16 + 8 + 48]);
    // real part column-major: 0, 0.75, 0.25, 1, 0.5, 1.25
    const real = Array.from({ length: 6 }, (_, k) => v.getFloat64(b.length - 48 + 8 * k, true));
    assert.deepEqual(real, [0, 0.75, 0.25, 1, 0.5, 1.25]);
  });

  it("names the variable after the file stem when it is a MATLAB identifier, else X", () => {
    assert.equal(defaultMatVariableName("/data/ODE_Lorenz/train/X10train.mat"), "X10train");
    assert.equal(defaultMatVariableName("/tmp/1-bad name.mat"), "X");
    assert.throws(() => encodeMat5(new Mat(1, 1), "9lives"), AnsatzError);
  });

  it("names the file for truncated, corrupt-zlib, v7.3, v4-like and empty files", () => {
    const t = put("trunc.mat", bytes(MAT.plain).subarray(0, 200));
    assert.throws(() => readMat5(t), namesFile(t));
    const z = bytes(MAT.zlib);
    z[150]! ^= 0xff;
    z[151]! ^= 0xff;
    const zf = put("corrupt.mat", z);
    assert.throws(() => readMat5(zf), namesFile(zf));
    const h = new Uint8Array(600);
    h.set(new TextEncoder().encode("MATLAB 7.3 MAT-file, Platform: GLNXA64, Created on: HDF5 schema 1.00 ."));
    const v73 = put("v73.mat", h);
    assert.throws(
      () => readMat5(v73),
      /v73\.mat: expected a MAT-file version 5.*found a MAT-file version 7\.3/,
    );
    const v4 = put("v4.mat", new Uint8Array(200));
    assert.throws(() => readMat5(v4), namesFile(v4));
    const empty = put("empty.mat", new Uint8Array(0));
    assert.throws(() => readMat5(empty), namesFile(empty));
  });
});
