// Solving G X = B for a symmetric positive definite G by its Cholesky factor G = L Lᵀ (Golub & Van Loan,
// "Matrix Computations", 4th ed., Alg. 4.2.1), then forward and back substitution, column by column: the
// normal equations of ridge regressions (ESN read-out, learned-data baselines). What happens when a pivot is
// not positive (G only semidefinite, or rounding) is the caller's choice: "guard" clamps the pivot to
// 1e-14 · max diag(G) (a tiny ridge on that direction), "lu" solves by LU with partial pivoting instead.
import type { Mat } from "../matrix.ts";
import { solve } from "./decompose.ts";

export interface CholeskySolveOptions {
  /** On a non-positive pivot: clamp it ("guard", default) or fall back to LU ("lu"). */
  ifNotPositive?: "guard" | "lu";
}

/** X with G X = B (G symmetric, n × n; B n × d). */
export function choleskySolve(G: Mat, B: Mat, opts: CholeskySolveOptions = {}): Mat {
  const n = G.rows;
  const lu = opts.ifNotPositive === "lu";
  const L = new Float64Array(n * n);
  let maxDiag = 0;
  for (let i = 0; i < n; i++) maxDiag = Math.max(maxDiag, G.data[i * n + i]!);
  const guard = 1e-14 * maxDiag;
  for (let j = 0; j < n; j++) {
    let s = G.data[j * n + j]!;
    for (let k = 0; k < j; k++) s -= L[j * n + k]! ** 2;
    if (lu && !(s > 0)) return solve(G, B);
    const ljj = lu ? Math.sqrt(s) : Math.sqrt(Math.max(s, guard, 1e-300));
    L[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let t = G.data[i * n + j]!;
      for (let k = 0; k < j; k++) t -= L[i * n + k]! * L[j * n + k]!;
      L[i * n + j] = t / ljj;
    }
  }
  const d = B.cols;
  const X = B.clone();
  for (let c = 0; c < d; c++) {
    for (let i = 0; i < n; i++) {
      let t = X.data[i * d + c]!;
      for (let k = 0; k < i; k++) t -= L[i * n + k]! * X.data[k * d + c]!;
      X.data[i * d + c] = t / L[i * n + i]!;
    }
    for (let i = n - 1; i >= 0; i--) {
      let t = X.data[i * d + c]!;
      for (let k = i + 1; k < n; k++) t -= L[k * n + i]! * X.data[k * d + c]!;
      X.data[i * d + c] = t / L[i * n + i]!;
    }
  }
  return X;
}
