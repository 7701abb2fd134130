// Gaussian target N(μ, Σ) in any dimension, the exact-moment test problem of SGLRW (spec sglrw.md §2.4,
// §4.2). log p(θ) = −½ (θ − μ)ᵀ P (θ − μ) + const with P = Σ⁻¹, so ∇ log p(θ) = −P (θ − μ).
// At temperature T the samplers target N(μ, T Σ).
import { assertFinite, formatShape } from "../../../core/check.ts";
import { AnsatzError } from "../../../core/errors.ts";
import { cholesky, inverse } from "../../../core/linalg.ts";
import { Mat } from "../../../core/matrix.ts";

/** A Gaussian target with its exact moments and log-density gradient. */
export interface GaussianTarget {
  readonly dim: number;
  readonly mean: Float64Array;
  readonly cov: Mat;
  readonly precision: Mat;
  /** Writes ∇ log p(θ) = −P(θ − μ) into `out`. */
  grad(params: Float64Array, out: Float64Array): void;
  /** log p(θ) up to the normalising constant: −½(θ − μ)ᵀP(θ − μ). */
  logDensity(params: Float64Array): number;
}

/** The Gaussian target N(mean, cov); `cov` must be symmetric positive definite. */
export function gaussianTarget(mean: ArrayLike<number>, cov: Mat): GaussianTarget {
  const d = mean.length;
  assertFinite(mean, "gaussianTarget mean");
  if (cov.rows !== d || cov.cols !== d) {
    throw AnsatzError.expected(
      "bad-shape",
      "gaussianTarget cov",
      `shape [${d}, ${d}]`,
      formatShape(cov.shape),
    );
  }
  assertFinite(cov.data, "gaussianTarget cov");
  cholesky(cov, "gaussianTarget cov");
  const mu = Float64Array.from(mean);
  const P = inverse(cov);
  // symmetrise the inverse so that the gradient is an exact gradient
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < i; j++) {
      const s = 0.5 * (P.data[i * d + j]! + P.data[j * d + i]!);
      P.data[i * d + j] = s;
      P.data[j * d + i] = s;
    }
  }
  const p = P.data;
  const r = new Float64Array(d);
  function centred(params: Float64Array): void {
    if (params.length !== d) {
      throw AnsatzError.expected(
        "bad-shape",
        "gaussianTarget params",
        `length ${d}`,
        `length ${params.length}`,
      );
    }
    for (let i = 0; i < d; i++) r[i] = params[i]! - mu[i]!;
  }
  return {
    dim: d,
    mean: mu,
    cov: cov.clone(),
    precision: P,
    grad(params, out) {
      centred(params);
      for (let i = 0; i < d; i++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += p[i * d + j]! * r[j]!;
        out[i] = -s;
      }
    },
    logDensity(params) {
      centred(params);
      let q = 0;
      for (let i = 0; i < d; i++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += p[i * d + j]! * r[j]!;
        q += r[i]! * s;
      }
      return -0.5 * q;
    },
  };
}

/** N independent copies of the 1-D target N(0, 1/λ) as one separable target: ∇ log p = −λ θ (spec §2.4). */
export function isotropicGradient(lambda: number): (params: Float64Array, out: Float64Array) => void {
  return (params, out) => {
    for (let i = 0; i < params.length; i++) out[i] = -lambda * params[i]!;
  };
}

/** Mat from a row-major array of rows (convenience for tests and repro). */
export function matFrom(rows: number[][]): Mat {
  return Mat.from(rows);
}
