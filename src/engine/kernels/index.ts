// Kernel selection: which matmul kernel the engine uses for each dtype, and what `ansatz info` shows.
// Default ("auto"): the WASM-SIMD kernel (build/matmul.wasm, assembled from matmul.wat at install)
// when it is built and the runtime has WebAssembly SIMD, for every product of at least
// WASM_MIN_MACS multiply-adds; smaller products, and every product when WASM is unavailable, use
// the JS register-tiled kernel (whose direct loops serve tiny shapes without packing).
// The threshold was measured on x86-64 / Node 20 (bench, 2 cores): WASM including its copy in and
// out already wins at 8×8×8 (0.4–0.7 µs against 1–2 µs) and ties at 6×6×6.
//
// Environment: ANSATZ_KERNEL=js forces the JS kernels for all sizes; ANSATZ_KERNEL=wasm forces the
// WASM kernels for all sizes (an AnsatzError if they cannot be loaded); unset or "auto" chooses as
// above. It is read once, at the first call. The same module's float64 ReLU (getReluKernelF64) follows
// the same switch: off with ANSATZ_KERNEL=js.
import { AnsatzError } from "../../core/errors.ts";
import { jsTiledF32, jsTiledF64 } from "./js-tiled.ts";
import type { MatmulKernel } from "./matmul-kernel.ts";
import {
  type ReluKernelF64,
  WASM_PATH,
  wasmKernelF32,
  wasmKernelF64,
  wasmReluF64,
  wasmStatus,
} from "./wasm-simd.ts";

export type { FloatArray, MatmulKernel } from "./matmul-kernel.ts";

type Dtype = "float64" | "float32";
type Choice = "auto" | "js" | "wasm";

/** Products with fewer multiply-adds (m·n·k) than this go to the JS kernel in auto mode. */
export const WASM_MIN_MACS = 512;

let choice: Choice | undefined;
const selected: Partial<Record<Dtype, MatmulKernel>> = {};

function readChoice(): Choice {
  if (choice !== undefined) return choice;
  const raw = process.env.ANSATZ_KERNEL;
  const v = raw === undefined || raw === "" ? "auto" : raw.trim().toLowerCase();
  if (v !== "auto" && v !== "js" && v !== "wasm") {
    throw AnsatzError.expected("bad-config", "ANSATZ_KERNEL", `"js", "wasm" or "auto"`, JSON.stringify(raw));
  }
  choice = v;
  return choice;
}

function jsKernel(dtype: Dtype): MatmulKernel {
  return dtype === "float64" ? jsTiledF64 : jsTiledF32;
}

function wasmKernel(dtype: Dtype): MatmulKernel | null {
  return dtype === "float64" ? wasmKernelF64() : wasmKernelF32();
}

/** WASM for products of at least WASM_MIN_MACS multiply-adds, JS below (named after the WASM one). */
function autoKernel(wasm: MatmulKernel, js: MatmulKernel): MatmulKernel {
  return {
    name: wasm.name,
    dtype: wasm.dtype,
    matmul(a, b, c, m, k, n, transA, transB, accumulate = false) {
      if (m * n * k < WASM_MIN_MACS) js.matmul(a, b, c, m, k, n, transA, transB, accumulate);
      else wasm.matmul(a, b, c, m, k, n, transA, transB, accumulate);
    },
  };
}

/** The matmul kernel the engine uses for `dtype` (chosen once; see the header for the rule). */
export function getMatmulKernel(dtype: Dtype): MatmulKernel {
  const have = selected[dtype];
  if (have) return have;
  const mode = readChoice();
  const js = jsKernel(dtype);
  let k: MatmulKernel;
  if (mode === "js") {
    k = js;
  } else {
    const w = wasmKernel(dtype);
    if (mode === "wasm" && !w) {
      throw AnsatzError.expected(
        "bad-config",
        "ANSATZ_KERNEL=wasm",
        "a loadable WASM-SIMD kernel",
        wasmStatus().reason || "none",
      );
    }
    k = w === null ? js : mode === "wasm" ? w : autoKernel(w, js);
  }
  selected[dtype] = k;
  return k;
}

let relu64: ReluKernelF64 | null | undefined;

/**
 * The WASM float64 ReLU (forward and gradient mask) under the same rule as the matmuls: null with
 * ANSATZ_KERNEL=js or when the module is unavailable (the caller then runs its JS loop).
 */
export function getReluKernelF64(): ReluKernelF64 | null {
  if (relu64 === undefined) relu64 = readChoice() === "js" ? null : wasmReluF64();
  return relu64;
}

/** Every kernel available for `dtype`, for benchmarks and tests: JS always, WASM when loadable. */
export function listMatmulKernels(dtype: Dtype): MatmulKernel[] {
  const w = wasmKernel(dtype);
  return w ? [jsKernel(dtype), w] : [jsKernel(dtype)];
}

export interface KernelInfo {
  /** Kernel used for float64 / float32 products (e.g. `wasm-simd-f64`). */
  float64: string;
  float32: string;
  /** Which kernel takes the small products in auto mode (`js-tiled below 512 multiply-adds`), or `none`. */
  smallProducts: string;
  /** `auto`, or the value of ANSATZ_KERNEL that forces a choice. */
  mode: Choice;
  /** Whether this runtime supports WebAssembly fixed-width SIMD. */
  wasmSimd: boolean;
  /** Whether build/matmul.wasm exists (built from matmul.wat at install), and where it is expected. */
  wasmBuilt: boolean;
  wasmPath: string;
  /** Whether the WASM module loaded; if not, `wasmProblem` says why. */
  wasmLoaded: boolean;
  wasmProblem?: string;
  /** Threads a matmul uses (the kernels are single-threaded). */
  threads: number;
}

/** What `ansatz info` prints about the kernels. */
export function kernelInfo(): KernelInfo {
  const st = wasmStatus();
  const mode = readChoice();
  const k64 = getMatmulKernel("float64");
  const k32 = getMatmulKernel("float32");
  const auto = mode === "auto" && k64 !== jsTiledF64;
  return {
    float64: k64.name,
    float32: k32.name,
    smallProducts: auto ? `js-tiled below ${WASM_MIN_MACS} multiply-adds` : "none",
    mode,
    wasmSimd: st.simd,
    wasmBuilt: st.built,
    wasmPath: WASM_PATH,
    wasmLoaded: st.loaded,
    ...(st.loaded ? {} : { wasmProblem: st.reason }),
    threads: 1,
  };
}
