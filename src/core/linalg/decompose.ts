// Dense square solvers: LU with partial pivoting (solve, inverse) and Cholesky (cholesky, logDet).
// LU: Doolittle elimination with row pivoting on the largest |a_ij| in the column (Golub & Van Loan,
// "Matrix Computations", 4th ed., Alg. 3.4.1); like numpy.linalg.solve (LAPACK dgesv), a matrix is
// refused as singular only when a pivot is exactly zero. Cholesky: A = L Lᵀ by the row-oriented
// Cholesky–Banachiewicz algorithm (Golub & Van Loan Alg. 4.2.1); a pivot ≤ 0 means A is not
// positive definite. logDet(A) = 2 Σ log L_ii.
import { formatShape } from "../check.ts";
import { AnsatzError } from "../errors.ts";
import { Mat } from "../matrix.ts";
import { asColumnMat, assertSquare, assertSymmetric } from "./guard.ts";

export interface Lu {
  /** Packed factors: strictly lower part is L (unit diagonal implied), upper part is U. */
  lu: Mat;
  /** Row permutation: row i of P·A is row piv[i] of A. */
  piv: Int32Array;
  /** Determinant sign of the permutation (+1 or −1). */
  sign: number;
}

/** LU factorisation P·A = L·U with partial pivoting; throws `bad-value` if A is exactly singular. */
export function lu(A: Mat, where = "lu(A)"): Lu {
  assertSquare(A, where);
  const n = A.rows;
  const a = A.data.slice();
  const piv = new Int32Array(n);
  for (let i = 0; i < n; i++) piv[i] = i;
  let sign = 1;
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = Math.abs(a[k * n + k]!);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(a[i * n + k]!);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    if (best === 0) {
      throw AnsatzError.expected(
        "bad-value",
        where,
        "a non-singular matrix",
        `a zero pivot in column ${k} of the ${n}×${n} LU factorisation (the matrix is singular)`,
      );
    }
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        const t = a[k * n + j]!;
        a[k * n + j] = a[p * n + j]!;
        a[p * n + j] = t;
      }
      const t = piv[k]!;
      piv[k] = piv[p]!;
      piv[p] = t;
      sign = -sign;
    }
    const pivot = a[k * n + k]!;
    for (let i = k + 1; i < n; i++) {
      const f = a[i * n + k]! / pivot;
      a[i * n + k] = f;
      if (f === 0) continue;
      for (let j = k + 1; j < n; j++) a[i * n + j] = a[i * n + j]! - f * a[k * n + j]!;
    }
  }
  return { lu: new Mat(n, n, a), piv, sign };
}

function luSolveInPlace(f: Lu, X: Mat): void {
  const n = f.lu.rows;
  const a = f.lu.data;
  const k = X.cols;
  const x = X.data;
  // Forward substitution with unit L.
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < i; c++) {
      const l = a[i * n + c]!;
      if (l === 0) continue;
      for (let j = 0; j < k; j++) x[i * k + j] = x[i * k + j]! - l * x[c * k + j]!;
    }
  }
  // Back substitution with U.
  for (let i = n - 1; i >= 0; i--) {
    for (let c = i + 1; c < n; c++) {
      const u = a[i * n + c]!;
      if (u === 0) continue;
      for (let j = 0; j < k; j++) x[i * k + j] = x[i * k + j]! - u * x[c * k + j]!;
    }
    const inv = 1 / a[i * n + i]!;
    for (let j = 0; j < k; j++) x[i * k + j] = x[i * k + j]! * inv;
  }
}

/** Solves A x = b for square non-singular A (vector right-hand side). */
export function solve(A: Mat, b: Float64Array): Float64Array;
/** Solves A X = B for square non-singular A, one column of X per column of B. */
export function solve(A: Mat, B: Mat): Mat;
export function solve(A: Mat, B: Mat | Float64Array): Mat | Float64Array {
  const f = lu(A, "solve(A)");
  const n = A.rows;
  const Bm = asColumnMat(B, n, `solve(B) for A of shape ${formatShape(A.shape)}`);
  const k = Bm.cols;
  const X = new Mat(n, k);
  for (let i = 0; i < n; i++) {
    const src = f.piv[i]!;
    for (let j = 0; j < k; j++) X.data[i * k + j] = Bm.data[src * k + j]!;
  }
  luSolveInPlace(f, X);
  return B instanceof Float64Array ? X.data : X;
}

/** A⁻¹ for square non-singular A (LU with partial pivoting, like numpy.linalg.inv). */
export function inverse(A: Mat): Mat {
  const f = lu(A, "inverse(A)");
  const n = A.rows;
  const X = new Mat(n, n);
  for (let i = 0; i < n; i++) X.data[i * n + f.piv[i]!] = 1;
  luSolveInPlace(f, X);
  return X;
}

/** Lower-triangular L with A = L Lᵀ; throws `bad-value` naming the pivot if A is not SPD. */
export function cholesky(A: Mat, where = "cholesky(A)"): Mat {
  assertSquare(A, where);
  assertSymmetric(A, where);
  const n = A.rows;
  const a = A.data;
  const L = new Mat(n, n);
  const l = L.data;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j]!;
      for (let c = 0; c < j; c++) s -= l[i * n + c]! * l[j * n + c]!;
      if (i === j) {
        if (!(s > 0)) {
          throw AnsatzError.expected(
            "bad-value",
            where,
            "a symmetric positive-definite matrix",
            `pivot ${s} <= 0 at row ${i} (the leading ${i + 1}×${i + 1} minor is not positive definite)`,
          );
        }
        l[i * n + i] = Math.sqrt(s);
      } else {
        l[i * n + j] = s / l[j * n + j]!;
      }
    }
  }
  return L;
}

/** log det A of a symmetric positive-definite A, as 2 Σ log L_ii of its Cholesky factor. */
export function logDet(A: Mat): number {
  const L = cholesky(A, "logDet(A)");
  const n = A.rows;
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.log(L.data[i * n + i]!);
  return 2 * s;
}
