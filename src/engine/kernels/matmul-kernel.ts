// The matmul kernel interface: every engine matmul goes through one of these. Implementations live
// beside this file (JS register-tiled, WASM-SIMD); index.ts chooses one per dtype.

export type FloatArray = Float64Array | Float32Array;

export interface MatmulKernel {
  /** Short name shown by `ansatz info` and the benchmark, e.g. `js-tiled-f64`, `wasm-simd-f32`. */
  readonly name: string;
  readonly dtype: "float64" | "float32";
  /**
   * C (m×n) = op(A) · op(B), row-major and contiguous, where op(A) is m×k and op(B) is k×n.
   * With transA, `a` holds A stored as k×m; with transB, `b` holds B stored as n×k.
   * C is overwritten, or with `accumulate` (default false) the product is added to C's values.
   * `a`, `b`, `c` must not overlap.
   */
  matmul(
    a: FloatArray,
    b: FloatArray,
    c: FloatArray,
    m: number,
    k: number,
    n: number,
    transA: boolean,
    transB: boolean,
    accumulate?: boolean,
  ): void;
}
