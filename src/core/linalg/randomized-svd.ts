// Randomized truncated SVD (Halko, Martinsson & Tropp, "Finding structure with randomness",
// SIAM Review 53(2), 2011): a Gaussian sketch Ω of k + p columns, q subspace (power) iterations with
// re-orthonormalisation between products (Alg. 4.4), then the exact SVD of the small B = QᵀX (Alg. 5.1):
// X ≈ (Q·U_B) diag(s) V_Bᵀ. Orthonormalisation is modified Gram–Schmidt applied twice ("twice is
// enough", Giraud et al. 2005); a column in the span of the previous ones becomes zero.
import { AnsatzError } from "../errors.ts";
import { Mat } from "../matrix.ts";
import type { Rng } from "../random.ts";
import { svd } from "./svd.ts";

/** C (m × n) = op(A)·op(B), row-major (transA: `a` stored k × m; transB: `b` stored n × k); overwrites c. */
export type Gemm = (
  a: Float64Array,
  b: Float64Array,
  c: Float64Array,
  m: number,
  k: number,
  n: number,
  transA: boolean,
  transB: boolean,
) => void;

/** Options of randomizedSvd. */
export interface RandomizedSvdOptions {
  /** Extra sketch columns p (default 10). */
  oversample?: number;
  /** Subspace iterations q (default 4). */
  powerIterations?: number;
  /** Matrix product used for the large products (default a plain i-k-j loop). */
  gemm?: Gemm;
}

/** A truncated SVD X ≈ U diag(s) Vᵀ (U n × r, V m × r, s descending). */
export interface RandomizedSvd {
  U: Mat;
  s: Float64Array;
  V: Mat;
}

/** The plain row-major product behind the default `gemm`. */
export const naiveGemm: Gemm = (a, b, c, m, k, n, transA, transB) => {
  c.fill(0);
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    for (let q = 0; q < k; q++) {
      const aiq = transA ? a[q * m + i]! : a[i * k + q]!;
      if (aiq === 0) continue;
      if (transB) {
        for (let j = 0; j < n; j++) c[ci + j] = c[ci + j]! + aiq * b[j * k + q]!;
      } else {
        const bq = q * n;
        for (let j = 0; j < n; j++) c[ci + j] = c[ci + j]! + aiq * b[bq + j]!;
      }
    }
  }
};

/** Modified Gram–Schmidt, twice, on the `l` columns of an n × l row-major array, in place. */
export function orthonormaliseColumns(a: Float64Array, n: number, l: number): void {
  const col = new Float64Array(n);
  for (let j = 0; j < l; j++) {
    let norm0 = 0;
    for (let i = 0; i < n; i++) {
      col[i] = a[i * l + j]!;
      norm0 += col[i]! * col[i]!;
    }
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < j; k++) {
        let d = 0;
        for (let i = 0; i < n; i++) d += a[i * l + k]! * col[i]!;
        for (let i = 0; i < n; i++) col[i] = col[i]! - d * a[i * l + k]!;
      }
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += col[i]! * col[i]!;
    const s = norm > 1e-24 * norm0 && norm > 1e-300 ? 1 / Math.sqrt(norm) : 0;
    for (let i = 0; i < n; i++) a[i * l + j] = col[i]! * s;
  }
}

/**
 * The leading min(k, rows, cols) singular triplets of X (n × m) by a randomized range finder seeded
 * from `rng` (same rng state → same numbers).
 */
export function randomizedSvd(X: Mat, k: number, rng: Rng, opts: RandomizedSvdOptions = {}): RandomizedSvd {
  const { rows: n, cols: m } = X;
  const p = opts.oversample ?? 10;
  const q = opts.powerIterations ?? 4;
  if (!Number.isInteger(k) || k < 1) {
    throw AnsatzError.expected("bad-value", "randomizedSvd(k)", "an integer >= 1", String(k));
  }
  if (!Number.isInteger(p) || p < 0 || !Number.isInteger(q) || q < 0) {
    throw AnsatzError.expected(
      "bad-value",
      "randomizedSvd(options)",
      "integer oversample >= 0 and powerIterations >= 0",
      `oversample ${p}, powerIterations ${q}`,
    );
  }
  const gemm = opts.gemm ?? naiveGemm;
  const kk = Math.min(k, n, m);
  const l = Math.min(kk + p, n, m);
  const omega = new Float64Array(m * l);
  rng.fillNormal(omega);
  const Q = new Float64Array(n * l);
  const Z = new Float64Array(m * l);
  gemm(X.data, omega, Q, n, m, l, false, false); // X Ω
  orthonormaliseColumns(Q, n, l);
  for (let it = 0; it < q; it++) {
    gemm(X.data, Q, Z, m, n, l, true, false); // Xᵀ Q
    orthonormaliseColumns(Z, m, l);
    gemm(X.data, Z, Q, n, m, l, false, false); // X Z
    orthonormaliseColumns(Q, n, l);
  }
  const B = new Mat(l, m);
  gemm(Q, X.data, B.data, l, n, m, true, false); // Qᵀ X
  const small = svd(B);
  const r = Math.min(kk, small.s.length);
  const Ub = new Float64Array(l * r);
  for (let i = 0; i < l; i++) for (let j = 0; j < r; j++) Ub[i * r + j] = small.U.data[i * small.U.cols + j]!;
  const U = new Mat(n, r);
  gemm(Q, Ub, U.data, n, l, r, false, false);
  const V = new Mat(m, r);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < r; j++) V.data[i * r + j] = small.V.data[i * small.V.cols + j]!;
  return { U, s: small.s.slice(0, r), V };
}
