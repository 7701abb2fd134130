// Thin singular value decomposition A = U diag(s) Vᵀ and minimum-norm least squares through it.
// The SVD is ml-matrix's SingularValueDecomposition (the Golub–Kahan–Reinsch algorithm of JAMA /
// LINPACK dsvdc; Golub & Van Loan, "Matrix Computations", 4th ed., §8.6), with autoTranspose for
// wide matrices. lstsq follows numpy.linalg.lstsq (LAPACK dgelsd): singular values s_i ≤ rcond·s_max
// count as zero, with rcond = eps·max(m, n) by default, and x = V diag(1/s_i) Uᵀ B over the rest.
import { SingularValueDecomposition } from "ml-matrix";
import { assertFiniteNumber, formatShape } from "../check.ts";
import { AnsatzError } from "../errors.ts";
import { Mat } from "../matrix.ts";
import { asColumnMat, assertMat } from "./guard.ts";

const EPS = 2.220446049250313e-16;

export interface Svd {
  /** m × k left singular vectors (k = min(m, n)), orthonormal columns. */
  U: Mat;
  /** k singular values, descending. */
  s: Float64Array;
  /** n × k right singular vectors, orthonormal columns. */
  V: Mat;
}

/** Thin SVD: A (m × n) = U diag(s) Vᵀ with k = min(m, n) singular values in descending order. */
export function svd(A: Mat): Svd {
  assertMat(A, "svd(A)");
  const m = A.rows;
  const n = A.cols;
  const k = Math.min(m, n);
  if (k === 0) return { U: new Mat(m, 0), s: new Float64Array(0), V: new Mat(n, 0) };
  const d = new SingularValueDecomposition(A.toMlMatrix(), { autoTranspose: true });
  const s = Float64Array.from(d.diagonal.slice(0, k));
  const Uf = d.leftSingularVectors;
  const Vf = d.rightSingularVectors;
  const U = new Mat(m, k);
  const V = new Mat(n, k);
  for (let i = 0; i < m; i++) for (let j = 0; j < k; j++) U.data[i * k + j] = Uf.get(i, j);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) V.data[i * k + j] = Vf.get(i, j);
  return { U, s, V };
}

/** The singular values of A, descending (length min(m, n)). */
export function singularValues(A: Mat): Float64Array {
  assertMat(A, "singularValues(A)");
  if (Math.min(A.rows, A.cols) === 0) return new Float64Array(0);
  const d = new SingularValueDecomposition(A.toMlMatrix(), {
    autoTranspose: true,
    computeLeftSingularVectors: false,
    computeRightSingularVectors: false,
  });
  return Float64Array.from(d.diagonal.slice(0, Math.min(A.rows, A.cols)));
}

export interface LstsqResult<X> {
  /** The minimum-norm least-squares solution (n × k, or length n for a vector right-hand side). */
  x: X;
  /**
   * Squared residual norms ‖b_j − A x_j‖² per column, as numpy: only when rank = n < m, else empty.
   */
  residuals: Float64Array;
  /** Numerical rank: the number of singular values > rcond · s_max. */
  rank: number;
  /** Singular values of A, descending. */
  s: Float64Array;
}

/** Minimum-norm least squares min ‖A x − b‖ via SVD, like numpy.linalg.lstsq (vector right-hand side). */
export function lstsq(A: Mat, b: Float64Array, rcond?: number): LstsqResult<Float64Array>;
/** Minimum-norm least squares min ‖A X − B‖_F via SVD, one solution column per column of B. */
export function lstsq(A: Mat, B: Mat, rcond?: number): LstsqResult<Mat>;
export function lstsq(
  A: Mat,
  B: Mat | Float64Array,
  rcond?: number,
): LstsqResult<Mat> | LstsqResult<Float64Array> {
  assertMat(A, "lstsq(A)");
  const m = A.rows;
  const n = A.cols;
  const Bm = asColumnMat(B, m, `lstsq(B) for A of shape ${formatShape(A.shape)}`);
  const nrhs = Bm.cols;
  if (rcond !== undefined) {
    assertFiniteNumber(rcond, "lstsq(rcond)");
    if (rcond < 0) throw AnsatzError.expected("bad-value", "lstsq(rcond)", "a number >= 0", String(rcond));
  }
  const rc = rcond ?? EPS * Math.max(m, n);
  const { U, s, V } = svd(A);
  const k = s.length;
  const cutoff = k > 0 ? rc * s[0]! : 0;
  let rank = 0;
  while (rank < k && s[rank]! > cutoff) rank++;
  // C = diag(1/s) Uᵀ B over the first `rank` singular triplets, then X = V C.
  const C = new Float64Array(rank * nrhs);
  for (let i = 0; i < m; i++) {
    for (let r = 0; r < rank; r++) {
      const u = U.data[i * k + r]!;
      if (u === 0) continue;
      for (let j = 0; j < nrhs; j++) C[r * nrhs + j] = C[r * nrhs + j]! + u * Bm.data[i * nrhs + j]!;
    }
  }
  for (let r = 0; r < rank; r++) {
    const inv = 1 / s[r]!;
    for (let j = 0; j < nrhs; j++) C[r * nrhs + j] = C[r * nrhs + j]! * inv;
  }
  const X = new Mat(n, nrhs);
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < rank; r++) {
      const v = V.data[i * k + r]!;
      if (v === 0) continue;
      for (let j = 0; j < nrhs; j++) X.data[i * nrhs + j] = X.data[i * nrhs + j]! + v * C[r * nrhs + j]!;
    }
  }
  let residuals = new Float64Array(0);
  if (rank === n && m > n) {
    residuals = new Float64Array(nrhs);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < nrhs; j++) {
        let ax = 0;
        for (let c = 0; c < n; c++) ax += A.data[i * n + c]! * X.data[c * nrhs + j]!;
        const e = Bm.data[i * nrhs + j]! - ax;
        residuals[j] = residuals[j]! + e * e;
      }
    }
  }
  if (B instanceof Float64Array) return { x: X.data, residuals, rank, s };
  return { x: X, residuals, rank, s };
}
