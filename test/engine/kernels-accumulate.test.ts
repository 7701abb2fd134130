// Tests of the kernel features added for the training step (src/engine/kernels/): `accumulate`
// (C += op(A)·op(B), used to add gradients in place and to start a linear layer from its bias) for the
// JS and WASM kernels, and the WASM float64 ReLU (forward and gradient mask) against Math.max and the
// JS rule 1[x > 0]. Expected values: C₀ + the naive triple loop, with the dot-product error bound of
// kernels.test.ts (|error| ≤ tol·(|C₀| + Σ_p |a_ip||b_pj|), Higham §3.1); ReLU values are exact.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Rng } from "../../src/core/random.ts";
import { listMatmulKernels } from "../../src/engine/kernels/index.ts";
import type { FloatArray, MatmulKernel } from "../../src/engine/kernels/matmul-kernel.ts";
import { wasmReluF64 } from "../../src/engine/kernels/wasm-simd.ts";

function fill(rng: Rng, len: number, f32: boolean): FloatArray {
  const out = f32 ? new Float32Array(len) : new Float64Array(len);
  for (let i = 0; i < len; i++) out[i] = rng.uniformRange(-1, 1);
  return out;
}

function worstAccumulateError(
  kernel: MatmulKernel,
  rng: Rng,
  m: number,
  k: number,
  n: number,
  tA: boolean,
  tB: boolean,
) {
  const f32 = kernel.dtype === "float32";
  const a = fill(rng, m * k, f32);
  const b = fill(rng, k * n, f32);
  const c0 = fill(rng, m * n, f32);
  const c = c0.slice();
  kernel.matmul(a, b, c, m, k, n, tA, tB, true);
  let worst = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = c0[i * n + j]!;
      let t = Math.abs(s);
      for (let p = 0; p < k; p++) {
        const x = a[tA ? p * m + i : i * k + p]! * b[tB ? j * k + p : p * n + j]!;
        s += x;
        t += Math.abs(x);
      }
      const err = Math.abs(c[i * n + j]! - s) / t;
      if (!(err <= worst)) worst = Number.isNaN(err) ? Number.POSITIVE_INFINITY : err;
    }
  }
  return worst;
}

describe("matmul with accumulate", () => {
  // Tiny (direct JS loop), odd, and crossing the KC = 256 depth block (several accumulating passes).
  const shapes: [number, number, number][] = [
    [2, 3, 5],
    [13, 17, 11],
    [33, 64, 31],
    [9, 300, 70],
  ];
  for (const dtype of ["float64", "float32"] as const) {
    for (const kernel of listMatmulKernels(dtype)) {
      it(`${kernel.name} adds op(A)·op(B) to C (all transposes, tol ${dtype === "float64" ? "1e-12" : "1e-5"})`, () => {
        const rng = new Rng(11);
        const tol = dtype === "float64" ? 1e-12 : 1e-5;
        for (const [m, k, n] of shapes) {
          for (const [tA, tB] of [
            [false, false],
            [true, false],
            [false, true],
            [true, true],
          ] as const) {
            const err = worstAccumulateError(kernel, rng, m, k, n, tA, tB);
            assert.ok(err <= tol, `${kernel.name} ${m}×${k}×${n} tA=${tA} tB=${tB}: ${err} > ${tol}`);
          }
        }
      });
    }
  }
  it("k = 0 leaves C unchanged with accumulate (an empty sum added)", () => {
    for (const kernel of listMatmulKernels("float64")) {
      const c = Float64Array.of(5, -3);
      kernel.matmul(new Float64Array(0), new Float64Array(0), c, 1, 0, 2, false, false, true);
      assert.deepEqual(Array.from(c), [5, -3], kernel.name);
    }
  });
});

describe("WASM float64 ReLU", () => {
  const relu = wasmReluF64();
  it("is available (the module is built by the install step)", () => {
    assert.ok(relu !== null);
  });
  it("forward equals Math.max(x, 0) bit for bit, odd length, with NaN, ±0, ±Inf and a subnormal", () => {
    const rng = new Rng(3);
    const x = fill(rng, 1001, false) as Float64Array;
    x.set([Number.NaN, -0, 0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 5e-324, -5e-324], 0);
    x[1000] = -2;
    const o = new Float64Array(x.length);
    relu!.forward(x, o);
    for (let i = 0; i < x.length; i++) assert.ok(Object.is(o[i], Math.max(x[i]!, 0)), `x[${i}] = ${x[i]}`);
  });
  it("backward zeroes g exactly where the JS rule !(x > 0) does (o = relu(x)), odd length", () => {
    const rng = new Rng(4);
    const x = fill(rng, 777, false) as Float64Array;
    x.set([Number.NaN, -0, 0, 5e-324, -1], 0);
    x[776] = 0;
    const o = new Float64Array(x.length);
    relu!.forward(x, o);
    const g = fill(rng, x.length, false) as Float64Array;
    const want = g.map((v, i) => (x[i]! > 0 ? v : 0));
    relu!.backward(g, o);
    assert.deepEqual(Array.from(g), Array.from(want));
  });
});
