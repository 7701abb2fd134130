// Tests of the matmul kernels (src/engine/kernels/): the JS register-tiled kernels and the WASM-SIMD
// kernels against a naive triple loop in float64 on random shapes (1×1×1, sizes that are not
// multiples of the micro-tile, sizes that cross the KC/MC/NC cache blocks), all four transpose
// combinations; the selection rule and `kernelInfo()`; the ANSATZ_KERNEL override.
// Error bound: each entry of C = Σ_p a_ip·b_pj is compared with |c − ref| ≤ tol · Σ_p |a_ip|·|b_pj|
// (the standard forward error bound of a dot product, Higham, "Accuracy and Stability of Numerical
// Algorithms", §3.1: |error| ≤ γ_k Σ|a||b|); tol = 1e-12 for float64, 1e-5 for float32.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { Rng } from "../../src/core/random.ts";
import { getMatmulKernel, kernelInfo, listMatmulKernels } from "../../src/engine/kernels/index.ts";
import { jsTiledF32, jsTiledF64 } from "../../src/engine/kernels/js-tiled.ts";
import type { FloatArray, MatmulKernel } from "../../src/engine/kernels/matmul-kernel.ts";
import { WASM_PATH, wasmKernelF32, wasmKernelF64 } from "../../src/engine/kernels/wasm-simd.ts";

const root = join(fileURLToPath(new URL(".", import.meta.url)), "..", "..");

// The WASM module is built from source by the install script; build it here if it is missing, so
// the WASM tests below run (they fail, not skip, when the module cannot be built or loaded).
if (!existsSync(WASM_PATH)) {
  execFileSync(process.execPath, [join(root, "scripts", "build-wasm.mjs")], { stdio: "pipe" });
}

/** Naive C = op(A)·op(B) in float64, plus the error scale Σ_p |a_ip|·|b_pj| per entry. */
function reference(a: FloatArray, b: FloatArray, m: number, k: number, n: number, tA: boolean, tB: boolean) {
  const c = new Float64Array(m * n);
  const scale = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      let t = 0;
      for (let p = 0; p < k; p++) {
        const x = a[tA ? p * m + i : i * k + p]! * b[tB ? j * k + p : p * n + j]!;
        s += x;
        t += Math.abs(x);
      }
      c[i * n + j] = s;
      scale[i * n + j] = t;
    }
  }
  return { c, scale };
}

function randomArray(rng: Rng, len: number, f32: boolean): FloatArray {
  const out = f32 ? new Float32Array(len) : new Float64Array(len);
  for (let i = 0; i < len; i++) out[i] = rng.uniformRange(-1, 1);
  return out;
}

/** Runs `kernel` on random operands of the given shape; returns the worst |c−ref| / scale. */
function worstError(
  kernel: MatmulKernel,
  rng: Rng,
  m: number,
  k: number,
  n: number,
  tA: boolean,
  tB: boolean,
) {
  const f32 = kernel.dtype === "float32";
  const a = randomArray(rng, m * k, f32);
  const b = randomArray(rng, k * n, f32);
  const c = f32 ? new Float32Array(m * n) : new Float64Array(m * n);
  c.fill(Number.NaN); // C must be overwritten, not accumulated into
  kernel.matmul(a, b, c, m, k, n, tA, tB);
  const ref = reference(a, b, m, k, n, tA, tB);
  let worst = 0;
  for (let i = 0; i < m * n; i++) {
    const err = Math.abs(c[i]! - ref.c[i]!) / Math.max(ref.scale[i]!, Number.MIN_VALUE);
    if (!(err <= worst)) worst = Number.isNaN(err) ? Number.POSITIVE_INFINITY : err;
  }
  return worst;
}

// Shapes (m, k, n): degenerate, odd, not multiples of 4 or 8, and crossing the blocks of both
// kernels (JS: KC 256, MC 128, NC 1024; WASM: KC 256, MC 64, NC 512).
const SHAPES: [number, number, number][] = [
  [1, 1, 1],
  [1, 7, 1],
  [2, 3, 5],
  [7, 1, 9],
  [5, 9, 3],
  [13, 17, 11],
  [4, 8, 8],
  [33, 64, 31],
  [130, 300, 70],
  [3, 260, 1030],
  [67, 513, 9],
];
const TRANSPOSES: [boolean, boolean][] = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
];

function checkKernel(kernel: MatmulKernel, tol: number, seed: number): void {
  const rng = new Rng(seed);
  for (const [m, k, n] of SHAPES) {
    for (const [tA, tB] of TRANSPOSES) {
      const err = worstError(kernel, rng, m, k, n, tA, tB);
      assert.ok(
        err <= tol,
        `${kernel.name} m=${m} k=${k} n=${n} transA=${tA} transB=${tB}: error ${err} > ${tol}`,
      );
    }
  }
}

describe("JS register-tiled kernels", () => {
  it("js-tiled-f64 equals the naive product to 1e-12 relative on all shapes and transposes", () => {
    checkKernel(jsTiledF64, 1e-12, 1);
  });
  it("js-tiled-f32 equals the naive product to 1e-5 relative on all shapes and transposes", () => {
    checkKernel(jsTiledF32, 1e-5, 2);
  });
  it("computes a known 2×3 · 3×2 product exactly: [[1,2,3],[4,5,6]]·[[7,8],[9,10],[11,12]] = [[58,64],[139,154]]", () => {
    const a = Float64Array.of(1, 2, 3, 4, 5, 6);
    const b = Float64Array.of(7, 8, 9, 10, 11, 12);
    const c = new Float64Array(4);
    jsTiledF64.matmul(a, b, c, 2, 3, 2, false, false);
    assert.deepEqual(Array.from(c), [58, 64, 139, 154]);
  });
  it("js-tiled-f32 accumulates in float64 and rounds once: 1 + 2⁻²⁴ + 2⁻²⁴ = 1 + 2⁻²³ (float32 steps give 1)", () => {
    // In float32, 1 + 2⁻²⁴ is a tie that rounds to 1 (IEEE 754 round-half-even), so a float32
    // accumulator returns 1; the exact sum 1 + 2⁻²³ is a float32 number (the successor of 1).
    const want = 1 + 2 ** -23;
    for (const [m, n] of [
      [1, 8], // direct loops (row updates C[i,:] += a·B[p,:])
      [16, 16], // packed path (16·16·9 > 2048 multiply-adds)
    ] as const) {
      const k = 9;
      const a = new Float32Array(m * k);
      for (let i = 0; i < m; i++) a.set([1, 2 ** -24, 2 ** -24], i * k);
      const b = new Float32Array(k * n).fill(1);
      const c = new Float32Array(m * n);
      jsTiledF32.matmul(a, b, c, m, k, n, false, false);
      assert.ok(
        c.every((v) => v === want),
        `m=${m} n=${n}: got ${c[0]}`,
      );
    }
  });
  it("k = 0 gives a zero matrix, m = 0 or n = 0 writes nothing", () => {
    const c = Float64Array.of(5, 5, 5, 5);
    jsTiledF64.matmul(new Float64Array(0), new Float64Array(0), c, 2, 0, 2, false, false);
    assert.deepEqual(Array.from(c), [0, 0, 0, 0]);
    const d = Float64Array.of(5);
    jsTiledF64.matmul(new Float64Array(0), new Float64Array(3), d, 0, 3, 1, false, false);
    assert.deepEqual(Array.from(d), [5]);
  });
});

describe("WASM-SIMD kernels", () => {
  const w64 = wasmKernelF64();
  const w32 = wasmKernelF32();
  it("the module is built and loads (Node 20 supports WebAssembly SIMD)", () => {
    assert.ok(existsSync(WASM_PATH), `${WASM_PATH} missing after running scripts/build-wasm.mjs`);
    assert.ok(w64 !== null && w32 !== null, `WASM kernels unavailable: ${kernelInfo().wasmProblem}`);
    assert.equal(w64.name, "wasm-simd-f64");
    assert.equal(w32.name, "wasm-simd-f32");
  });
  it("wasm-simd-f64 equals the naive product to 1e-12 relative on all shapes and transposes", () => {
    checkKernel(w64!, 1e-12, 3);
  });
  it("wasm-simd-f32 equals the naive product to 1e-5 relative on all shapes and transposes", () => {
    checkKernel(w32!, 1e-5, 4);
  });
  it("stays correct after its memory grows (a small product, a large one, a small one again)", () => {
    const rng = new Rng(5);
    assert.ok(worstError(w64!, rng, 3, 4, 5, false, false) <= 1e-12);
    assert.ok(worstError(w64!, rng, 200, 300, 600, false, true) <= 1e-12);
    assert.ok(worstError(w64!, rng, 9, 10, 11, true, false) <= 1e-12);
  });
  it("computes [[1,2,3],[4,5,6]]·[[7,8],[9,10],[11,12]] = [[58,64],[139,154]] in float32; k = 0 gives zeros", () => {
    const c = new Float32Array(4);
    w32!.matmul(
      Float32Array.of(1, 2, 3, 4, 5, 6),
      Float32Array.of(7, 8, 9, 10, 11, 12),
      c,
      2,
      3,
      2,
      false,
      false,
    );
    assert.deepEqual(Array.from(c), [58, 64, 139, 154]);
    const z = Float64Array.of(5, 5);
    w64!.matmul(new Float64Array(0), new Float64Array(0), z, 1, 0, 2, false, false);
    assert.deepEqual(Array.from(z), [0, 0]); // k = 0: an empty sum
  });
});

describe("scripts/build-wasm.mjs", () => {
  const script = join(root, "scripts", "build-wasm.mjs");
  it("assembles matmul.wat into a valid module that exports memory, gemm, pack and relu", () => {
    const bytes = readFileSync(WASM_PATH);
    assert.deepEqual(Array.from(bytes.subarray(0, 4)), [0x00, 0x61, 0x73, 0x6d]); // "\0asm"
    type WasmModuleApi = { new (b: Uint8Array): object; exports(m: object): { name: string }[] };
    const Module = (globalThis as unknown as { WebAssembly: { Module: WasmModuleApi } }).WebAssembly.Module;
    const names = Module.exports(new Module(bytes)).map((e) => e.name);
    assert.deepEqual(names.sort(), [
      "gemm_f32",
      "gemm_f64",
      "memory",
      "pack_f32",
      "pack_f64",
      "relu_f64",
      "relu_grad_f64",
    ]);
  });
  it("prints one line and exits 0 when wabt is not installed (a copy outside the repository)", () => {
    const dir = mkdtempSync(join(tmpdir(), "ansatz-build-wasm-"));
    try {
      copyFileSync(script, join(dir, "build-wasm.mjs"));
      const out = execFileSync(process.execPath, [join(dir, "build-wasm.mjs")], { encoding: "utf8" });
      assert.equal(
        out,
        "build-wasm: wabt is not installed; skipped build/matmul.wasm (the engine will use JS kernels)\n",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("kernel selection", () => {
  it("auto mode picks WASM for each dtype and it is correct below and above the size threshold", () => {
    const info = kernelInfo();
    assert.equal(info.mode, "auto");
    assert.equal(info.wasmSimd, true);
    assert.equal(info.wasmBuilt, true);
    assert.equal(info.wasmLoaded, true);
    assert.equal(info.threads, 1);
    assert.equal(info.float64, "wasm-simd-f64");
    assert.equal(info.float32, "wasm-simd-f32");
    assert.equal(info.smallProducts, "js-tiled below 512 multiply-adds");
    assert.equal(info.wasmProblem, undefined);
    const rng = new Rng(6);
    for (const dtype of ["float64", "float32"] as const) {
      const k = getMatmulKernel(dtype);
      assert.equal(k.dtype, dtype);
      const tol = dtype === "float64" ? 1e-12 : 1e-5;
      assert.ok(worstError(k, rng, 3, 3, 3, true, false) <= tol); // 27 MACs: JS
      assert.ok(worstError(k, rng, 20, 30, 10, false, true) <= tol); // 6000 MACs: WASM
    }
  });
  it("lists JS and WASM kernels per dtype", () => {
    assert.deepEqual(
      listMatmulKernels("float64").map((k) => k.name),
      ["js-tiled-f64", "wasm-simd-f64"],
    );
    assert.deepEqual(
      listMatmulKernels("float32").map((k) => k.name),
      ["js-tiled-f32", "wasm-simd-f32"],
    );
  });
  it("ANSATZ_KERNEL=js forces the JS kernels; a bad value is an AnsatzError naming the variable", () => {
    const script =
      "import {kernelInfo} from './src/engine/kernels/index.ts';" +
      "try { const i = kernelInfo(); console.log(i.mode, i.float64, i.float32, i.smallProducts); }" +
      "catch (e) { console.log(e.name, e.message); }";
    const run = (value: string) =>
      execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
        cwd: root,
        env: { ...process.env, ANSATZ_KERNEL: value },
        encoding: "utf8",
      }).trim();
    assert.equal(run("js"), "js js-tiled-f64 js-tiled-f32 none");
    assert.equal(run("blas"), 'AnsatzError ANSATZ_KERNEL: expected "js", "wasm" or "auto", found "blas"');
  });
});
