// Tests of the .npy codec (src/core/npy.ts) against files written by numpy 2.4: encodeNpy must be
// byte-identical to np.save, decodeNpy must read every simple dtype in either byte order, C and
// Fortran order, and format versions 1.0, 2.0 and 3.0; malformed input is an AnsatzError naming the
// file. The fixtures below are base64 of the bytes written by the python command in the comment
// above each, run as:
//   python3 -c "import numpy as np, io, base64; f = io.BytesIO(); <command>; print(base64.b64encode(f.getvalue()).decode())"
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodeNpy, encodeNpy } from "../../src/core/npy.ts";
import { Rng } from "../../src/core/random.ts";

const NPY = {
  // np.save(f, np.arange(6, dtype='<f8').reshape(2, 3) / 4)
  f8_2x3:
    "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsIDMpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAAAAAAAAAAAAANA/AAAAAAAA4D8AAAAAAADoPwAAAAAAAPA/AAAAAAAA9D8=",
  // np.save(f, np.array([1.5, -2.25, 3], dtype='<f4'))
  f4_3: "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDMsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAMA/AAAQwAAAQEA=",
  // np.save(f, np.array(3.5))
  f8_scalar:
    "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKCksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAAAMQA==",
  // np.save(f, np.zeros((0, 3)))
  f8_0x3:
    "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDAsIDMpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAo=",
  // np.save(f, np.arange(12, dtype='<f4') - 5.5)
  f4_12:
    "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDEyLCksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAALDAAACQwAAAYMAAACDAAADAvwAAAL8AAAA/AADAPwAAIEAAAGBAAACQQAAAsEA=",
  // np.save(f, np.asfortranarray(np.arange(6, dtype='<i4').reshape(2, 3)))
  i4_fortran:
    "k05VTVBZAQB2AHsnZGVzY3InOiAnPGk0JywgJ2ZvcnRyYW5fb3JkZXInOiBUcnVlLCAnc2hhcGUnOiAoMiwgMyksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAwAAAAEAAAAEAAAAAgAAAAUAAAA=",
  // np.save(f, np.asfortranarray(np.arange(24, dtype='<f8').reshape(2, 3, 4)))
  f8_fortran_3d:
    "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY4JywgJ2ZvcnRyYW5fb3JkZXInOiBUcnVlLCAnc2hhcGUnOiAoMiwgMywgNCksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAAAAAAAAAAAAAChAAAAAAAAAEEAAAAAAAAAwQAAAAAAAACBAAAAAAAAANEAAAAAAAADwPwAAAAAAACpAAAAAAAAAFEAAAAAAAAAxQAAAAAAAACJAAAAAAAAANUAAAAAAAAAAQAAAAAAAACxAAAAAAAAAGEAAAAAAAAAyQAAAAAAAACRAAAAAAAAANkAAAAAAAAAIQAAAAAAAAC5AAAAAAAAAHEAAAAAAAAAzQAAAAAAAACZAAAAAAAAAN0A=",
  // np.save(f, np.array([1.0, -0.5, 1e300], dtype='>f8'))
  be_f8:
    "k05VTVBZAQB2AHsnZGVzY3InOiAnPmY4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDMsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAo/8AAAAAAAAL/gAAAAAAAAfjfkPIgAdZw=",
  // np.save(f, np.array([-7, 65536], dtype='>i4'))
  be_i4:
    "k05VTVBZAQB2AHsnZGVzY3InOiAnPmk0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAr////5AAEAAA==",
  // np.save(f, np.array([True, False, True]))
  b1: "k05VTVBZAQB2AHsnZGVzY3InOiAnfGIxJywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDMsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoBAAE=",
  // np.save(f, np.array([-(2**53), 2**53], dtype='<i8'))
  i8: "k05VTVBZAQB2AHsnZGVzY3InOiAnPGk4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAADg/wAAAAAAACAA",
  // np.save(f, np.array([2**53], dtype='<u8'))
  u8: "k05VTVBZAQB2AHsnZGVzY3InOiAnPHU4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDEsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAAAgAA==",
  // np.save(f, np.array([4294967295], dtype='<u4'))
  u4: "k05VTVBZAQB2AHsnZGVzY3InOiAnPHU0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDEsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAr/////",
  // np.save(f, np.array([-32768, 32767], dtype='<i2'))
  i2: "k05VTVBZAQB2AHsnZGVzY3InOiAnPGkyJywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAgP9/",
  // np.save(f, np.array([0, 65535], dtype='<u2'))
  u2: "k05VTVBZAQB2AHsnZGVzY3InOiAnPHUyJywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAP//",
  // np.save(f, np.array([-128, 127], dtype='|i1'))
  i1: "k05VTVBZAQB2AHsnZGVzY3InOiAnfGkxJywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAqAfw==",
  // np.save(f, np.array([0, 255], dtype='|u1'))
  u1: "k05VTVBZAQB2AHsnZGVzY3InOiAnfHUxJywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoA/w==",
  // np.save(f, np.array([1.0, -2.5, 65504.0, 2**-24], dtype='<f2'))
  f2: "k05VTVBZAQB2AHsnZGVzY3InOiAnPGYyJywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDQsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAPADB/3sBAA==",
  // np.save(f, np.array([2**53 + 1], dtype='<i8'))
  i8_inexact:
    "k05VTVBZAQB2AHsnZGVzY3InOiAnPGk4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDEsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoBAAAAAAAgAA==",
  // np.save(f, np.array([1 + 2j]))
  c16: "k05VTVBZAQB2AHsnZGVzY3InOiAnPGMxNicsICdmb3J0cmFuX29yZGVyJzogRmFsc2UsICdzaGFwZSc6ICgxLCksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAADwPwAAAAAAAABA",
  // np.save(f, np.zeros(2, dtype=[('x', '<f8'), ('y', '<i4')]))
  structured:
    "k05VTVBZAQB2AHsnZGVzY3InOiBbKCd4JywgJzxmOCcpLCAoJ3knLCAnPGk0JyldLCAnZm9ydHJhbl9vcmRlcic6IEZhbHNlLCAnc2hhcGUnOiAoMiwpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
  // np.lib.format.write_array(f, np.array([[1.0, 2.0]]), version=(2, 0))
  v2: "k05VTVBZAgB0AAAAeydkZXNjcic6ICc8ZjgnLCAnZm9ydHJhbl9vcmRlcic6IEZhbHNlLCAnc2hhcGUnOiAoMSwgMiksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAADwPwAAAAAAAABA",
  // np.lib.format.write_array(f, np.array([[1.0, 2.0]]), version=(3, 0))
  v3: "k05VTVBZAwB0AAAAeydkZXNjcic6ICc8ZjgnLCAnZm9ydHJhbl9vcmRlcic6IEZhbHNlLCAnc2hhcGUnOiAoMSwgMiksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAADwPwAAAAAAAABA",
};

const bytes = (b64: string) => new Uint8Array(Buffer.from(b64, "base64"));

describe("encodeNpy", () => {
  it("writes exactly the bytes of np.save for float64 and float32 arrays of rank 0, 1 and 2", () => {
    assert.deepEqual(encodeNpy(Float64Array.of(0, 0.25, 0.5, 0.75, 1, 1.25), [2, 3]), bytes(NPY.f8_2x3));
    assert.deepEqual(encodeNpy(Float32Array.of(1.5, -2.25, 3), [3]), bytes(NPY.f4_3));
    assert.deepEqual(encodeNpy(Float64Array.of(3.5), []), bytes(NPY.f8_scalar));
    assert.deepEqual(encodeNpy(new Float64Array(0), [0, 3]), bytes(NPY.f8_0x3));
    const f4 = Float32Array.from({ length: 12 }, (_, i) => i - 5.5);
    assert.deepEqual(encodeNpy(f4, [12]), bytes(NPY.f4_12));
  });
  it("pads the header so the data start at a multiple of 64 bytes (128 for a 2-D array)", () => {
    const out = encodeNpy(new Float64Array(6), [2, 3]);
    assert.equal(out.length, 128 + 6 * 8);
    assert.equal(out[127], 0x0a);
    assert.equal(out[8]! + 256 * out[9]!, 118);
  });
  it("encodes a view into a larger buffer (non-zero byteOffset) from its own start", () => {
    const big = Float64Array.of(9, 0, 0.25, 0.5, 0.75, 1, 1.25, 9);
    assert.deepEqual(encodeNpy(big.subarray(1, 7), [2, 3]), bytes(NPY.f8_2x3));
  });
  it("rejects a shape that does not match the data length or is not made of non-negative integers", () => {
    assert.throws(() => encodeNpy(new Float64Array(5), [2, 3]), {
      name: "AnsatzError",
      message: "encodeNpy data: expected 6 values for shape (2, 3), found 5 values",
    });
    assert.throws(
      () => encodeNpy(new Float64Array(0), [-1]),
      /encodeNpy shape: expected non-negative integers/,
    );
    assert.throws(() => encodeNpy(new Float64Array(2), [2.5]), /encodeNpy shape/);
  });
});

describe("decodeNpy", () => {
  it("reads float64 and float32 C-order files, including rank 0 and empty arrays", () => {
    const a = decodeNpy(bytes(NPY.f8_2x3), "a.npy");
    assert.deepEqual(a, {
      dtype: "<f8",
      shape: [2, 3],
      data: Float64Array.of(0, 0.25, 0.5, 0.75, 1, 1.25),
      fortranOrder: false,
    });
    const b = decodeNpy(bytes(NPY.f4_3), "b.npy");
    assert.equal(b.dtype, "<f4");
    assert.deepEqual(Array.from(b.data), [1.5, -2.25, 3]);
    const s = decodeNpy(bytes(NPY.f8_scalar), "s.npy");
    assert.deepEqual(s.shape, []);
    assert.deepEqual(Array.from(s.data), [3.5]);
    const e = decodeNpy(bytes(NPY.f8_0x3), "e.npy");
    assert.deepEqual(e.shape, [0, 3]);
    assert.equal(e.data.length, 0);
  });
  it("transposes Fortran-order arrays to row-major (2-D int32 and 3-D float64)", () => {
    const a = decodeNpy(bytes(NPY.i4_fortran), "f.npy");
    assert.equal(a.fortranOrder, true);
    assert.equal(a.dtype, "<i4");
    assert.deepEqual(Array.from(a.data), [0, 1, 2, 3, 4, 5]); // np.arange(6).reshape(2, 3) in C order
    const b = decodeNpy(bytes(NPY.f8_fortran_3d), "f3.npy");
    assert.deepEqual(b.shape, [2, 3, 4]);
    assert.deepEqual(
      Array.from(b.data),
      Array.from({ length: 24 }, (_, i) => i),
    );
  });
  it("reads big-endian, bool, integer and half-precision dtypes as exact float64 values", () => {
    const cases: [keyof typeof NPY, string, number[]][] = [
      ["be_f8", ">f8", [1, -0.5, 1e300]],
      ["be_i4", ">i4", [-7, 65536]],
      ["b1", "|b1", [1, 0, 1]],
      ["i8", "<i8", [-(2 ** 53), 2 ** 53]],
      ["u8", "<u8", [2 ** 53]],
      ["u4", "<u4", [4294967295]],
      ["i2", "<i2", [-32768, 32767]],
      ["u2", "<u2", [0, 65535]],
      ["i1", "|i1", [-128, 127]],
      ["u1", "|u1", [0, 255]],
      ["f2", "<f2", [1, -2.5, 65504, 2 ** -24]],
    ];
    for (const [name, dtype, values] of cases) {
      const a = decodeNpy(bytes(NPY[name]), `${name}.npy`);
      assert.equal(a.dtype, dtype, name);
      assert.deepEqual(Array.from(a.data), values, name);
    }
  });
  it("reads format versions 2.0 and 3.0", () => {
    for (const name of ["v2", "v3"] as const) {
      const a = decodeNpy(bytes(NPY[name]), `${name}.npy`);
      assert.deepEqual(a.shape, [1, 2]);
      assert.deepEqual(Array.from(a.data), [1, 2]);
    }
  });
  it("decodes a Uint8Array that is a view at an odd offset into a larger buffer", () => {
    const src = bytes(NPY.f8_2x3);
    const big = new Uint8Array(src.length + 3);
    big.set(src, 1);
    const a = decodeNpy(big.subarray(1, 1 + src.length), "view.npy");
    assert.deepEqual(Array.from(a.data), [0, 0.25, 0.5, 0.75, 1, 1.25]);
  });
});

describe("Node Buffers", () => {
  it("decodes a Buffer from the shared pool (whose own slice() is a view) to exactly its values", () => {
    // Buffer.from of a small array lives in Node's 8 KiB pool: buffer.slice() would view the whole pool.
    const bytes = Buffer.from(encodeNpy(Float64Array.of(1.5, -2, 3), [3]));
    const decoded = decodeNpy(bytes, "pooled.npy");
    assert.deepEqual(decoded.shape, [3]);
    assert.deepEqual(Array.from(decoded.data), [1.5, -2, 3]);
  });
});

describe("round trips", () => {
  it("decodeNpy(encodeNpy(x)) returns x exactly for random float64 and float32 arrays", () => {
    const rng = new Rng(11);
    for (const shape of [[7], [3, 5], [2, 3, 4], [1, 1, 1, 1]]) {
      const n = shape.reduce((p, d) => p * d, 1);
      const x64 = Float64Array.from({ length: n }, () => rng.normal());
      const r64 = decodeNpy(encodeNpy(x64, shape), "r64.npy");
      assert.deepEqual(r64, { dtype: "<f8", shape, data: x64, fortranOrder: false });
      const x32 = Float32Array.from({ length: n }, () => rng.normal());
      const r32 = decodeNpy(encodeNpy(x32, shape), "r32.npy");
      assert.equal(r32.dtype, "<f4");
      assert.deepEqual(r32.data, Float64Array.from(x32));
    }
  });
});

describe("malformed files", () => {
  const header = (text: string, version = 1) => {
    const h = Buffer.from(text, "latin1");
    const pre = version === 1 ? 10 : 12;
    const out = new Uint8Array(pre + h.length);
    out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
    if (version === 1) out.set([h.length & 0xff, h.length >> 8], 8);
    else new DataView(out.buffer).setUint32(8, h.length, true);
    out.set(h, pre);
    return out;
  };
  const fails = (b: Uint8Array, message: RegExp) =>
    assert.throws(
      () => decodeNpy(b, "X3train.npy"),
      (e: Error) => {
        assert.equal(e.name, "AnsatzError");
        assert.match(e.message, /^X3train\.npy: expected /);
        assert.match(e.message, message);
        return true;
      },
    );
  it("names the file and what was wrong", () => {
    fails(new TextEncoder().encode("a,b\n1,2\n"), /starting with "\\x93NUMPY", found bytes \[61 2c 62/);
    fails(new Uint8Array(3), /\(3 bytes\)/);
    const v4 = bytes(NPY.f8_2x3);
    v4[6] = 4;
    fails(v4, /version 1\.0, 2\.0 or 3\.0, found version 4\.0/);
    const truncated = bytes(NPY.f8_2x3).subarray(0, 150);
    fails(truncated, /expected 48 data bytes \(shape \(2, 3\) of '<f8'\), found 22 bytes/);
    fails(bytes(NPY.f8_2x3).subarray(0, 60), /truncated header/);
    fails(bytes(NPY.c16), /numeric dtype .*found dtype '<c16'/);
    fails(bytes(NPY.structured), /structured arrays are not supported/);
    fails(bytes(NPY.i8_inexact), /exactly representable in float64, found 9007199254740993 at index 0/);
    fails(header("{'descr': '<f8', 'shape': (1,), }\n"), /key 'fortran_order'/);
    fails(header("{'descr': '<f8', 'fortran_order': False, 'shape': (1.5,), }\n"), /valid \.npy header/);
    fails(header("{'descr': '<f8', 'fortran_order': 0, 'shape': (1,), }\n"), /'fortran_order' True or False/);
    fails(header("{'descr': '<f8', 'fortran_order': False, 'shape': (-1,), }\n"), /non-negative integers/);
    fails(header("{'descr': '<f8', 'fortran_order': False, 'shape': (1,) \n"), /valid \.npy header/);
    fails(header("['descr']\n", 2), /a header dict/);
  });
});
