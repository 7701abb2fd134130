// Kullback–Leibler divergence KL(N1 || N2) between Gaussians, in closed form (e.g. C. M. Bishop,
// "Pattern Recognition and Machine Learning", 2006, exercise 2.13):
//   KL = ½ [ tr(Σ2⁻¹ Σ1) + (μ2 - μ1)ᵀ Σ2⁻¹ (μ2 - μ1) - k + ln det Σ2 - ln det Σ1 ].
// Computed through Cholesky factors Σ = L Lᵀ: tr(Σ2⁻¹Σ1) = |L2⁻¹ L1|_F², the Mahalanobis term is
// |L2⁻¹(μ2 - μ1)|², ln det Σ = 2 Σ ln L_ii. In 1-D: ½ [ln(σ2²/σ1²) + (σ1² + (μ1 - μ2)²)/σ2² - 1].
import { assertFinite, assertFiniteNumber, assertPositive, formatShape } from "../check.ts";
import { AnsatzError } from "../errors.ts";
import type { Mat } from "../matrix.ts";

/** KL(N(mu1, var1) || N(mu2, var2)) for 1-D Gaussians given by their variances. */
export function klGaussian1d(mu1: number, var1: number, mu2: number, var2: number): number {
  assertFiniteNumber(mu1, "klGaussian1d(mu1)");
  assertPositive(var1, "klGaussian1d(var1)");
  assertFiniteNumber(mu2, "klGaussian1d(mu2)");
  assertPositive(var2, "klGaussian1d(var2)");
  const dm = mu1 - mu2;
  return 0.5 * (Math.log(var2 / var1) + (var1 + dm * dm) / var2 - 1);
}

/** Lower Cholesky factor of a symmetric positive-definite matrix (row-major k×k), or throws naming `where`. */
function cholesky(S: Mat, where: string): Float64Array {
  const k = S.rows;
  const a = S.data;
  let scale = 0;
  for (let i = 0; i < k * k; i++) scale = Math.max(scale, Math.abs(a[i]!));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < i; j++) {
      if (Math.abs(a[i * k + j]! - a[j * k + i]!) > 1e-12 * scale) {
        throw AnsatzError.expected(
          "bad-value",
          where,
          "a symmetric matrix",
          `entries [${i}, ${j}] = ${a[i * k + j]} and [${j}, ${i}] = ${a[j * k + i]}`,
        );
      }
    }
  }
  const L = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    let s = a[j * k + j]!;
    for (let p = 0; p < j; p++) s -= L[j * k + p]! * L[j * k + p]!;
    if (!(s > 0)) {
      throw AnsatzError.expected(
        "bad-value",
        where,
        "a positive-definite covariance matrix",
        `a non-positive pivot ${s} at row ${j} of its Cholesky factorisation`,
      );
    }
    const ljj = Math.sqrt(s);
    L[j * k + j] = ljj;
    for (let i = j + 1; i < k; i++) {
      let t = a[i * k + j]!;
      for (let p = 0; p < j; p++) t -= L[i * k + p]! * L[j * k + p]!;
      L[i * k + j] = t / ljj;
    }
  }
  return L;
}

/** Solves L x = b in place (L lower triangular, row-major k×k). */
function forwardSolve(L: Float64Array, k: number, b: Float64Array): void {
  for (let i = 0; i < k; i++) {
    let s = b[i]!;
    for (let p = 0; p < i; p++) s -= L[i * k + p]! * b[p]!;
    b[i] = s / L[i * k + i]!;
  }
}

/** KL(N(mu1, cov1) || N(mu2, cov2)) for k-dimensional Gaussians; covariances must be symmetric positive definite. */
export function klGaussian(mu1: ArrayLike<number>, cov1: Mat, mu2: ArrayLike<number>, cov2: Mat): number {
  const k = mu1.length;
  if (k < 1)
    throw AnsatzError.expected("bad-shape", "klGaussian(mu1)", "a non-empty mean vector", "length 0");
  if (mu2.length !== k) {
    throw AnsatzError.expected(
      "bad-shape",
      "klGaussian(mu2)",
      `length ${k} like mu1`,
      `length ${mu2.length}`,
    );
  }
  for (const [name, c] of [
    ["cov1", cov1],
    ["cov2", cov2],
  ] as const) {
    if (c.rows !== k || c.cols !== k) {
      throw AnsatzError.expected(
        "bad-shape",
        `klGaussian(${name})`,
        `shape [${k}, ${k}]`,
        `shape ${formatShape(c.shape)}`,
      );
    }
  }
  assertFinite(mu1, "klGaussian(mu1)");
  assertFinite(cov1.data, "klGaussian(cov1)");
  assertFinite(mu2, "klGaussian(mu2)");
  assertFinite(cov2.data, "klGaussian(cov2)");
  const L1 = cholesky(cov1, "klGaussian(cov1)");
  const L2 = cholesky(cov2, "klGaussian(cov2)");
  // tr(Σ2⁻¹ Σ1) = |L2⁻¹ L1|_F²: solve column by column.
  let trace = 0;
  const col = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    for (let i = 0; i < k; i++) col[i] = L1[i * k + j]!;
    forwardSolve(L2, k, col);
    for (let i = 0; i < k; i++) trace += col[i]! * col[i]!;
  }
  for (let i = 0; i < k; i++) col[i] = mu2[i]! - mu1[i]!;
  forwardSolve(L2, k, col);
  let maha = 0;
  for (let i = 0; i < k; i++) maha += col[i]! * col[i]!;
  let logdet = 0;
  for (let i = 0; i < k; i++) logdet += 2 * (Math.log(L2[i * k + i]!) - Math.log(L1[i * k + i]!));
  return 0.5 * (trace + maha - k + logdet);
}
