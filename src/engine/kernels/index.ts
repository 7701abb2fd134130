// Kernel selection: the matmul kernel used for each dtype. (Temporary naive kernel; replaced by the
// register-tiled JS kernel and the WASM-SIMD kernel.)
import type { FloatArray, MatmulKernel } from "./matmul-kernel.ts";

function naive(dtype: "float64" | "float32"): MatmulKernel {
  return {
    name: `js-naive-${dtype === "float64" ? "f64" : "f32"}`,
    dtype,
    matmul(a: FloatArray, b: FloatArray, c: FloatArray, m, k, n, transA, transB) {
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let p = 0; p < k; p++)
            s += a[transA ? p * m + i : i * k + p]! * b[transB ? j * k + p : p * n + j]!;
          c[i * n + j] = s;
        }
      }
    },
  };
}

const f64 = naive("float64");
const f32 = naive("float32");

export function getMatmulKernel(dtype: "float64" | "float32"): MatmulKernel {
  return dtype === "float64" ? f64 : f32;
}
