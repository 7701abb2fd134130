// Loader and driver of the WASM-SIMD matmul kernels (src/engine/kernels/matmul.wat, assembled into
// build/matmul.wasm by scripts/build-wasm.mjs). The module is compiled synchronously on first use
// from the file bytes. Each call packs op(A) and op(B) block by block straight into the module's
// linear memory (the copy-in, in the GotoBLAS panel layout the .wat documents, zero-padded so every
// tile is full), runs the SIMD inner loops on each KC-deep block, and copies the padded C out. The
// memory grows on demand and is kept between calls. Blocking: Goto & van de Geijn, ACM TOMS 34(3).
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { matmulTiledF32, matmulTiledF64, packPanels } from "./js-tiled.ts";
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

interface Loaded {
  memory: WasmMemory;
  gemmF32: GemmFn;
  gemmF64: GemmFn;
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
): void {
  if (m === 0 || n === 0) return;
  if (k === 0) {
    c.fill(0, 0, m * n);
    return;
  }
  const NR = f64 ? NR_F64 : NR_F32;
  const es = f64 ? 8 : 4;
  const kcMax = Math.min(KC, k);
  const aElems = roundUp(Math.min(MC, m), MR) * kcMax;
  const bElems = roundUp(Math.min(NC, n), NR) * kcMax;
  const ldc = roundUp(n, NR);
  const cElems = roundUp(m, MR) * ldc;
  // Layout (elements, each region 16-byte aligned): [A block][B block][C padded].
  const aOff = 0;
  const bOff = roundUp(aElems, 4);
  const cOff = bOff + roundUp(bElems, 4);
  if (!ensureBytes(l, (cOff + cElems) * es)) {
    // C does not fit in a 32-bit linear memory: use the JS kernel (same contract, no size limit).
    if (f64) matmulTiledF64(a as Float64Array, b as Float64Array, c as Float64Array, m, k, n, transA, transB);
    else matmulTiledF32(a as Float32Array, b as Float32Array, c as Float32Array, m, k, n, transA, transB);
    return;
  }
  const mem = f64 ? l.f64 : l.f32;
  const gemm = f64 ? l.gemmF64 : l.gemmF32;
  const ars = transA ? 1 : k;
  const acs = transA ? m : 1;
  const brs = transB ? k : 1;
  const bcs = transB ? 1 : n;
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    const ncp = roundUp(nc, NR);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      const first = pc === 0 ? 1 : 0;
      packPanels(mem, bOff, b, brs, bcs, jc, nc, pc, kc, NR);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic);
        packPanels(mem, aOff, a, ars, acs, ic, mc, pc, kc, MR);
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
    matmul(a, b, c, m, k, n, transA, transB) {
      drive(l, false, a, b, c, m, k, n, transA, transB);
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
    matmul(a, b, c, m, k, n, transA, transB) {
      drive(l, true, a, b, c, m, k, n, transA, transB);
    },
  };
}
