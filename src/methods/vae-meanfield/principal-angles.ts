// Cosines of the principal angles between the column spans of two matrices, the span comparison of
// read-out 2 (spec vae-meanfield.md §2.4: span(W) vs span(Ξ) "by the cosines of the principal angles (SVD
// of Q_Wᵀ Q_Ξ)"). Method: Björck & Golub, "Numerical methods for computing angles between linear
// subspaces", Math. Comp. 27 (1973); Golub & Van Loan, "Matrix Computations", 4th ed., §6.4.3. Each span
// gets an orthonormal basis from the thin SVD (the left singular vectors whose singular values exceed
// max(rows, cols)·eps·s_max, as numpy.linalg.matrix_rank counts them), and the cosines are the singular
// values of Q_aᵀ Q_b, clamped to [0, 1], in descending order.
import { assertFinite, formatShape } from "../../core/check.ts";
import { AnsatzError } from "../../core/errors.ts";
import { svd } from "../../core/linalg.ts";
import { Mat } from "../../core/matrix.ts";

const EPS = 2.220446049250313e-16;

/** An orthonormal basis (rows × rank) of the column span of `a` from its thin SVD. */
export function orthonormalBasis(a: Mat, where: string): Mat {
  assertFinite(a.data, where);
  const { U, s } = svd(a);
  const k = s.length;
  const tol = k > 0 ? Math.max(a.rows, a.cols) * EPS * s[0]! : 0;
  let rank = 0;
  while (rank < k && s[rank]! > tol) rank++;
  const q = new Mat(a.rows, rank);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < rank; j++) q.data[i * rank + j] = U.data[i * k + j]!;
  }
  return q;
}

/**
 * Cosines of the principal angles between span(a) and span(b) (same row count), descending, length
 * min(rank a, rank b); 1 means a shared direction, 0 an orthogonal one.
 */
export function principalAngleCosines(a: Mat, b: Mat): Float64Array {
  if (a.rows !== b.rows) {
    throw AnsatzError.expected(
      "bad-shape",
      "principalAngleCosines(a, b)",
      `the same number of rows (a is ${formatShape(a.shape)})`,
      `b of shape ${formatShape(b.shape)}`,
    );
  }
  const qa = orthonormalBasis(a, "principalAngleCosines(a)");
  const qb = orthonormalBasis(b, "principalAngleCosines(b)");
  const ra = qa.cols;
  const rb = qb.cols;
  const m = new Mat(ra, rb);
  for (let i = 0; i < a.rows; i++) {
    for (let p = 0; p < ra; p++) {
      const u = qa.data[i * ra + p]!;
      for (let q = 0; q < rb; q++) m.data[p * rb + q] = m.data[p * rb + q]! + u * qb.data[i * rb + q]!;
    }
  }
  const { s } = svd(m);
  const out = new Float64Array(Math.min(ra, rb));
  for (let j = 0; j < out.length; j++) out[j] = Math.min(1, Math.max(0, s[j]!));
  return out;
}
