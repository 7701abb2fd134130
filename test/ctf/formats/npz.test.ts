// Tests of src/ctf/formats/npz.ts (spec ctf.md §1.8, §4 test 14): reading archives written by numpy
// 2.4 (np.savez: stored entries with numpy's ZIP64 local headers; np.savez_compressed: deflated
// entries), one array or several, write → read bit-identical in both modes, CRC and truncation
// errors naming the file. Fixtures: base64 of the bytes written by the command in the comment, run as
//   python3 -c "import numpy as np, io, base64; f = io.BytesIO(); <command>; print(base64.b64encode(f.getvalue()).decode())"
// with A = np.arange(6, dtype='<f8').reshape(2, 3) / 4 and R = np.random.default_rng(0).standard_normal((4, 3)).
// The archives written here were checked once to load in numpy 2.4 (np.load(path)['arr_0'] equal to
// the matrix, stored and compressed), see the report of issue 3; the test itself never calls python.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { AnsatzError } from "../../../src/core/errors.ts";
import { encodeNpy } from "../../../src/core/npy.ts";
import { decodeNpz, encodeNpz, readNpz, writeNpz } from "../../../src/ctf/formats/npz.ts";
import { assertBitIdentical, awkwardMatrix, tempDir } from "./helpers.ts";

const NPZ = {
  // np.savez(f, A)
  stored:
    "UEsDBC0AAAAAAAAAIQA0MXjI//////////8JABQAYXJyXzAubnB5AQAQALAAAAAAAAAAsAAAAAAAAACTTlVNUFkBAHYAeydkZXNjcic6ICc8ZjgnLCAnZm9ydHJhbl9vcmRlcic6IEZhbHNlLCAnc2hhcGUnOiAoMiwgMyksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgCgAAAAAAAAAAAAAAAAAA0D8AAAAAAADgPwAAAAAAAOg/AAAAAAAA8D8AAAAAAAD0P1BLAQItAy0AAAAAAAAAIQA0MXjIsAAAALAAAAAJAAAAAAAAAAAAAACAAQAAAABhcnJfMC5ucHlQSwUGAAAAAAEAAQA3AAAA6wAAAAAA",
  // np.savez_compressed(f, x=R)
  deflated:
    "UEsDBC0AAAAIAAAAIQBGklJT//////////8FABQAeC5ucHkBABAA4AAAAAAAAACtAAAAAAAAAJvsF+obEMnIUMZQrZ6SWpxcpG6loG6TZqGuo6Cell9UUpSYF59flJIKEndLzClOBYoXZyQWpAL5GiY6CsaaOgq1CmQDLseW251vxQ/Yn3Hd+/L8iwP7czdkLAmve2L/4UrLm923dtm/dX4mYaLycP+zi+emxqtct7cR2Kumf/eL/eI9mXtq/N7Za6y/dfB/y7P9u0/Mmapl/2X/7y8Knnc/Pt7/mKf78FqNpfYAUEsBAi0DLQAAAAgAAAAhAEaSUlOtAAAA4AAAAAUAAAAAAAAAAAAAAIABAAAAAHgubnB5UEsFBgAAAAABAAEAMwAAAOQAAAAAAA==",
  // np.savez(f, a=A, b=np.ones(2))
  two: "UEsDBC0AAAAAAAAAIQA0MXjI//////////8FABQAYS5ucHkBABAAsAAAAAAAAACwAAAAAAAAAJNOVU1QWQEAdgB7J2Rlc2NyJzogJzxmOCcsICdmb3J0cmFuX29yZGVyJzogRmFsc2UsICdzaGFwZSc6ICgyLCAzKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAKAAAAAAAAAAAAAAAAAADQPwAAAAAAAOA/AAAAAAAA6D8AAAAAAADwPwAAAAAAAPQ/UEsDBC0AAAAAAAAAIQB01qxr//////////8FABQAYi5ucHkBABAAkAAAAAAAAACQAAAAAAAAAJNOVU1QWQEAdgB7J2Rlc2NyJzogJzxmOCcsICdmb3J0cmFuX29yZGVyJzogRmFsc2UsICdzaGFwZSc6ICgyLCksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAKAAAAAAAA8D8AAAAAAADwP1BLAQItAy0AAAAAAAAAIQA0MXjIsAAAALAAAAAFAAAAAAAAAAAAAACAAQAAAABhLm5weVBLAQItAy0AAAAAAAAAIQB01qxrkAAAAJAAAAAFAAAAAAAAAAAAAACAAecAAABiLm5weVBLBQYAAAAAAgACAGYAAACuAQAAAAA=",
  // np.savez(f, np.array([1.5, -2.0, 3.25]))
  oneD: "UEsDBC0AAAAAAAAAIQDrDS8H//////////8JABQAYXJyXzAubnB5AQAQAJgAAAAAAAAAmAAAAAAAAACTTlVNUFkBAHYAeydkZXNjcic6ICc8ZjgnLCAnZm9ydHJhbl9vcmRlcic6IEZhbHNlLCAnc2hhcGUnOiAoMywpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgCgAAAAAAAPg/AAAAAAAAAMAAAAAAAAAKQFBLAQItAy0AAAAAAAAAIQDrDS8HmAAAAJgAAAAJAAAAAAAAAAAAAACAAQAAAABhcnJfMC5ucHlQSwUGAAAAAAEAAQA3AAAA0wAAAAAA",
};
const bytes = (b64: string) => new Uint8Array(Buffer.from(b64, "base64"));
/** R above, printed by python3 -c "import numpy as np; print(np.random.default_rng(0).standard_normal((4, 3)).tolist())". */
const R = [
  [0.1257302210933933, -0.1321048632913019, 0.6404226504432821],
  [0.10490011715303971, -0.535669373161111, 0.36159505490948474],
  [1.3040000451301372, 0.9470809631292422, -0.7037352358069926],
  [-1.2654214710460525, -0.6232744625373522, 0.0413259793472436],
];

function namesFile(file: string) {
  return (e: unknown) => e instanceof AnsatzError && e.code === "bad-file" && e.message.includes(file);
}

describe("npz archives", () => {
  const dir = tempDir();
  const put = (name: string, b: Uint8Array) => {
    const f = join(dir, name);
    writeFileSync(f, b);
    return f;
  };

  it("reads np.savez output (stored, ZIP64 local header) as A, key arr_0", () => {
    const entries = decodeNpz(bytes(NPZ.stored), "stored.npz");
    assert.deepEqual(
      entries.map((e) => [e.key, e.array.shape]),
      [["arr_0", [2, 3]]],
    );
    assert.deepEqual(readNpz(put("stored.npz", bytes(NPZ.stored))).toArray(), [
      [0, 0.25, 0.5],
      [0.75, 1, 1.25],
    ]);
  });

  it("reads np.savez_compressed output (deflated) as R exactly", () => {
    assert.deepEqual(readNpz(put("deflated.npz", bytes(NPZ.deflated))).toArray(), R);
  });

  it("reads a 1-D array as a column; several arrays need a key", () => {
    const m = readNpz(put("vec.npz", bytes(NPZ.oneD)));
    assert.deepEqual(m.shape, [3, 1]);
    assert.deepEqual(Array.from(m.data), [1.5, -2, 3.25]);
    const f = put("two.npz", bytes(NPZ.two));
    assert.throws(
      () => readNpz(f),
      /two\.npz: expected an \.npz holding a single array, found 2 arrays 'a', 'b'/,
    );
    assert.deepEqual(readNpz(f, { key: "b" }).toArray(), [[1], [1]]);
    assert.throws(() => readNpz(f, { key: "c" }), namesFile(f));
  });

  for (const compressed of [false, true]) {
    it(`round-trips float64 bit for bit (${compressed ? "np.savez_compressed" : "np.savez"} layout)`, () => {
      const m = awkwardMatrix(9, 4, 5);
      m.data[10] = Number.NaN;
      m.data[11] = Number.NEGATIVE_INFINITY;
      const f = join(dir, `rt-${compressed}.npz`);
      writeNpz(f, m, { compressed });
      assertBitIdentical(readNpz(f), m);
      // deterministic bytes: the same matrix gives the same archive
      const again = encodeNpz([{ key: "arr_0", data: m.data, shape: [9, 4] }], { compressed });
      assert.deepEqual(new Uint8Array(readFileSync(f)), again);
    });
  }

  it("stores the entry arr_0.npy with exactly the np.save bytes (method 0) when uncompressed", () => {
    const data = Float64Array.of(0, 0.25, 0.5, 0.75, 1, 1.25);
    const zip = encodeNpz([{ key: "arr_0", data, shape: [2, 3] }]);
    const npy = encodeNpy(data, [2, 3]);
    // local header (30 bytes) + "arr_0.npy" (9 bytes), then the data
    assert.equal(new DataView(zip.buffer).getUint16(8, true), 0);
    assert.deepEqual(zip.subarray(39, 39 + npy.length), npy);
  });

  it("detects a flipped data byte by CRC-32 and names the file and the entry", () => {
    const b = bytes(NPZ.stored);
    b[59 + 128 + 5]! ^= 0x01; // inside the float data of arr_0.npy (data start 59, npy header 128)
    const f = put("crc.npz", b);
    assert.throws(
      () => readNpz(f),
      (e: unknown) => namesFile(f)(e) && /arr_0\.npy.*CRC-32/.test((e as Error).message),
    );
  });

  it("names the file for corrupt deflate data, truncation, a non-zip file and an empty file", () => {
    const d = bytes(NPZ.deflated);
    d[55 + 80]! ^= 0xff;
    const f1 = put("bad-deflate.npz", d);
    assert.throws(() => readNpz(f1), namesFile(f1));
    const f2 = put("trunc.npz", bytes(NPZ.stored).subarray(0, 200));
    assert.throws(() => readNpz(f2), namesFile(f2));
    const f3 = put("text.npz", new TextEncoder().encode("definitely not a zip archive, just text"));
    assert.throws(() => readNpz(f3), namesFile(f3));
    const f4 = put("empty.npz", new Uint8Array(0));
    assert.throws(() => readNpz(f4), namesFile(f4));
  });
});
