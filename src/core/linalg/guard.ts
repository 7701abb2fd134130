// Input guards shared by the linear-algebra routines: a value must be a Mat with finite entries and,
// where asked, a given shape (square, matching rows). Each throws an AnsatzError naming the function
// and argument, what was expected and what was found.
import { assertFinite, formatShape } from "../check.ts";
import { AnsatzError } from "../errors.ts";
import { Mat } from "../matrix.ts";

/** Throws unless `a` is a Mat whose entries are all finite. */
export function assertMat(a: unknown, where: string): asserts a is Mat {
  if (!(a instanceof Mat)) {
    throw AnsatzError.expected("bad-argument", where, "a Mat", a === null ? "null" : typeof a);
  }
  assertFinite(a.data, where);
}

/** Throws unless `a` is a finite square Mat. */
export function assertSquare(a: unknown, where: string): asserts a is Mat {
  assertMat(a, where);
  if (a.rows !== a.cols) {
    throw AnsatzError.expected("bad-shape", where, "a square matrix", `shape ${formatShape(a.shape)}`);
  }
}

/**
 * Throws unless the square `a` is symmetric up to rounding: |a_ij − a_ji| ≤ 1e-10 · max|a|.
 * (Rounding in a product such as XᵀX leaves asymmetries of order 1e-16 · max|a|.)
 */
export function assertSymmetric(a: Mat, where: string): void {
  const n = a.rows;
  const d = a.data;
  let maxAbs = 0;
  for (let i = 0; i < d.length; i++) maxAbs = Math.max(maxAbs, Math.abs(d[i]!));
  const tol = 1e-10 * maxAbs;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const diff = Math.abs(d[i * n + j]! - d[j * n + i]!);
      if (diff > tol) {
        throw AnsatzError.expected(
          "bad-value",
          where,
          "a symmetric matrix",
          `A[${i}][${j}] = ${d[i * n + j]} but A[${j}][${i}] = ${d[j * n + i]}`,
        );
      }
    }
  }
}

/** A right-hand side given as a vector is treated as a one-column matrix. */
export function asColumnMat(b: Mat | Float64Array, rows: number, where: string): Mat {
  if (b instanceof Float64Array) {
    assertFinite(b, where);
    if (b.length !== rows) {
      throw AnsatzError.expected("bad-shape", where, `a vector of length ${rows}`, `length ${b.length}`);
    }
    return new Mat(rows, 1, b.slice());
  }
  assertMat(b, where);
  if (b.rows !== rows) {
    throw AnsatzError.expected("bad-shape", where, `${rows} rows`, `shape ${formatShape(b.shape)}`);
  }
  return b;
}
