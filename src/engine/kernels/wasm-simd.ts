// Loader and driver of the WASM-SIMD matmul kernels (src/engine/kernels/matmul.wat, assembled into
// build/matmul.wasm by scripts/build-wasm.mjs). The module is compiled synchronously on first use
// from the file bytes. Each call copies A and B as stored into the module's linear memory (one
// memcpy each), packs them block by block inside the module (the GotoBLAS panel layout the .wat
// documents, zero-padded so every tile is full), runs the SIMD inner loops on each KC-deep block,
// and copies the padded C out (with `accumulate`, C is copied in first and the product added to
// it). The memory grows on demand and is kept between calls. Blocking: Goto & van de Geijn, ACM TOMS 34(3).
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { matmulTiledF32, matmulTiledF64 } from "./js-tiled.ts";
import type { FloatArray, MatmulKernel } from "./matmul-kernel.ts";

/** Where the build script writes the module (repository root/build/matmul.wasm). */
export const WASM_PATH = fileURLToPath(new URL("../../../build/matmul.wasm", import.meta.url));

/** Micro-tile: MR rows × NR columns (f32: 4 × 8, f64: 4 × 4); see matmul.wat. */
const MR = 4;
const NR_F32 = 8;
const NR_F64 = 4;
/** Cache blocking (elements): A block MC × KC, B block KC × NC. */
const KC = 256;
const MC = 64;
const NC = 512;
const PAGE = 65536;

/** The part of the WebAssembly JS API used here (tsconfig's libs do not declare it). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
const WA = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/**
 * Smallest module that uses a v128 instruction (i8x16.splat + i8x16.popcnt): it validates only
 * where WebAssembly SIMD is supported (the probe of the wasm-feature-detect project).
 */
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98,
  11,
]);

/** True when this runtime supports fixed-width WebAssembly SIMD. */
export function wasmSimdSupported(): boolean {
  try {
    return WA?.validate(SIMD_PROBE) === true;
  } catch {
    return false;
  }
}

type GemmFn = (
  ap: number,
  bp: number,
  c: number,
  mc: number,
  nc: number,
  kc: number,
  ldc: number,
  first: number,
) => void;

type ReluFn = (src: number, dst: number, n: number) => void;
type PackF64 = (src: number, rs: number, cs: number, dst: number, nr: number, nc: number) => void;
type PackF32 = (src: number, rs: number, cs: number, dst: number, nr: number, nc: number, r: number) => void;

interface Loaded {
  memory: WasmMemory;
  gemmF32: GemmFn;
  gemmF64: GemmFn;
  packF64: PackF64;
  packF32: PackF32;
  reluF64: ReluFn;
  reluGradF64: ReluFn;
  f32: Float32Array;
  f64: Float64Array;
}

/** Load state: undefined = not tried yet; null = unavailable (see `wasmStatus().reason`). */
let loaded: Loaded | null | undefined;
let reason = "";

function load(): Loaded | null {
  if (loaded !== undefined) return loaded;
  loaded = null;
  if (WA === undefined || !wasmSimdSupported()) {
    reason = "this runtime has no WebAssembly SIMD";
    return null;
  }
  if (!existsSync(WASM_PATH)) {
    reason = `${WASM_PATH} not built (run node scripts/build-wasm.mjs)`;
    return null;
  }
  try {
    const mod = new WA.Module(readFileSync(WASM_PATH));
    const ex = new WA.Instance(mod, {}).exports;
    const memory = ex.memory as WasmMemory;
    loaded = {
      memory,
      gemmF32: ex.gemm_f32 as GemmFn,
      gemmF64: ex.gemm_f64 as GemmFn,
      packF64: ex.pack_f64 as PackF64,
      packF32: ex.pack_f32 as PackF32,
      reluF64: ex.relu_f64 as ReluFn,
      reluGradF64: ex.relu_grad_f64 as ReluFn,
      f32: new Float32Array(memory.buffer),
      f64: new Float64Array(memory.buffer),
    };
    reason = "";
  } catch (e) {
    reason = `${WASM_PATH} failed to load: ${e instanceof Error ? e.message : String(e)}`;
  }
  return loaded;
}

/** Whether the WASM kernels are usable, and if not why (shown by `ansatz info`). */
export function wasmStatus(): { simd: boolean; built: boolean; loaded: boolean; reason: string } {
  const l = load();
  return { simd: wasmSimdSupported(), built: existsSync(WASM_PATH), loaded: l !== null, reason };
}

/** The most linear memory the kernels ask for (bytes); larger products go to the JS kernel. */
const MAX_BYTES = 2 ** 31;

/** Grows the memory to at least `bytes` and refreshes the typed views; false if it cannot. */
function ensureBytes(l: Loaded, bytes: number): boolean {
  const have = l.memory.buffer.byteLength;
  if (have >= bytes) return true;
  if (bytes > MAX_BYTES) return false;
  try {
    l.memory.grow(Math.ceil((bytes - have) / PAGE));
  } catch {
    return false; // the engine refused to grow the memory: out of address space
  }
  l.f32 = new Float32Array(l.memory.buffer);
  l.f64 = new Float64Array(l.memory.buffer);
  return true;
}

const roundUp = (x: number, r: number) => Math.ceil(x / r) * r;

function drive(
  l: Loaded,
  f64: boolean,
  a: FloatArray,
  b: FloatArray,
  c: FloatArray,
  m: number,
  k: number,
  n: number,
  transA: boolean,
  transB: boolean,
  accumulate: boolean,
): void {
  if (m === 0 || n === 0) return;
  if (k === 0) {
    if (!accumulate) c.fill(0, 0, m * n);
    return;
  }
  const NR = f64 ? NR_F64 : NR_F32;
  const es = f64 ? 8 : 4;
  const mk = m * k;
  const kn = k * n;
  const kcMax = Math.min(KC, k);
  const aElems = roundUp(Math.min(MC, m), MR) * kcMax;
  const bElems = roundUp(Math.min(NC, n), NR) * kcMax;
  const ldc = roundUp(n, NR);
  const cElems = roundUp(m, MR) * ldc;
  // Layout (elements, each region 16-byte aligned): [A as stored][B as stored][A block][B block][C padded].
  const aRaw = 0;
  const bRaw = roundUp(mk, 4);
  const aOff = bRaw + roundUp(kn, 4);
  const bOff = aOff + roundUp(aElems, 4);
  const cOff = bOff + roundUp(bElems, 4);
  if (!ensureBytes(l, (cOff + cElems) * es)) {
    // The operands do not fit in a 32-bit linear memory: use the JS kernel (same contract, no size limit).
    if (f64) {
      matmulTiledF64(
        a as Float64Array,
        b as Float64Array,
        c as Float64Array,
        m,
        k,
        n,
        transA,
        transB,
        accumulate,
      );
    } else {
      matmulTiledF32(
        a as Float32Array,
        b as Float32Array,
        c as Float32Array,
        m,
        k,
        n,
        transA,
        transB,
        accumulate,
      );
    }
    return;
  }
  const mem = f64 ? l.f64 : l.f32;
  mem.set(a.length === mk ? a : a.subarray(0, mk), aRaw);
  mem.set(b.length === kn ? b : b.subarray(0, kn), bRaw);
  if (accumulate) {
    if (ldc === n) mem.set(c.length === m * n ? c : c.subarray(0, m * n), cOff);
    else for (let i = 0; i < m; i++) mem.set(c.subarray(i * n, i * n + n), cOff + i * ldc);
  }
  const gemm = f64 ? l.gemmF64 : l.gemmF32;
  // Byte strides of op(A)[i, p] and of op(B)ᵀ[j, p] in the raw copies.
  const ars = (transA ? 1 : k) * es;
  const acs = (transA ? m : 1) * es;
  const brs = (transB ? k : 1) * es;
  const bcs = (transB ? 1 : n) * es;
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    const ncp = roundUp(nc, NR);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      const first = pc === 0 && !accumulate ? 1 : 0;
      const bSrc = bRaw * es + jc * brs + pc * bcs;
      if (f64) l.packF64(bSrc, brs, bcs, bOff * es, nc, kc);
      else l.packF32(bSrc, brs, bcs, bOff * es, nc, kc, NR);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic);
        const aSrc = aRaw * es + ic * ars + pc * acs;
        if (f64) l.packF64(aSrc, ars, acs, aOff * es, mc, kc);
        else l.packF32(aSrc, ars, acs, aOff * es, mc, kc, MR);
        gemm(aOff * es, bOff * es, (cOff + ic * ldc + jc) * es, roundUp(mc, MR), ncp, kc, ldc, first);
      }
    }
  }
  if (ldc === n) {
    c.set(mem.subarray(cOff, cOff + m * n));
  } else {
    for (let i = 0; i < m; i++) c.set(mem.subarray(cOff + i * ldc, cOff + i * ldc + n), i * n);
  }
}

/** The float32 WASM-SIMD kernel, or null when the module is unavailable (see wasmStatus). */
export function wasmKernelF32(): MatmulKernel | null {
  const l = load();
  if (!l) return null;
  return {
    name: "wasm-simd-f32",
    dtype: "float32",
    matmul(a, b, c, m, k, n, transA, transB, accumulate = false) {
      drive(l, false, a, b, c, m, k, n, transA, transB, accumulate);
    },
  };
}

/** The float64 WASM-SIMD kernel, or null when the module is unavailable (see wasmStatus). */
export function wasmKernelF64(): MatmulKernel | null {
  const l = load();
  if (!l) return null;
  return {
    name: "wasm-simd-f64",
    dtype: "float64",
    matmul(a, b, c, m, k, n, transA, transB, accumulate = false) {
      drive(l, true, a, b, c, m, k, n, transA, transB, accumulate);
    },
  };
}

/** float64 ReLU and its gradient mask run in the module (see matmul.wat); the arrays are copied in and out. */
export interface ReluKernelF64 {
  /** o = max(x, 0) elementwise (NaN stays NaN). */
  forward(x: Float64Array, o: Float64Array): void;
  /** g[i] = 0 wherever o[i] > 0 fails (o: the ReLU output), in place. */
  backward(g: Float64Array, o: Float64Array): void;
}

/** The WASM float64 ReLU, or null when the module is unavailable (see wasmStatus). */
export function wasmReluF64(): ReluKernelF64 | null {
  const l = load();
  if (!l) return null;
  return {
    forward(x, o) {
      const n = x.length;
      if (!ensureBytes(l, n * 8)) {
        for (let i = 0; i < n; i++) o[i] = Math.max(x[i]!, 0);
        return;
      }
      const mem = l.f64;
      mem.set(x, 0);
      l.reluF64(0, 0, n);
      o.set(mem.subarray(0, n));
    },
    backward(g, o) {
      const n = g.length;
      const oOff = roundUp(n, 2);
      if (!ensureBytes(l, (oOff + n) * 8)) {
        for (let i = 0; i < n; i++) if (!(o[i]! > 0)) g[i] = 0;
        return;
      }
      const mem = l.f64;
      mem.set(g, 0);
      mem.set(o, oOff);
      l.reluGradF64(0, oOff * 8, n);
      g.set(mem.subarray(0, n));
    },
  };
}
