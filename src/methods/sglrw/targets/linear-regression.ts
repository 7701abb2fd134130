// Bayesian linear regression with a conjugate Gaussian prior: the exact-posterior test problem of SGLRW
// (spec sglrw.md §3, §4.3 B6). Model y_i = x_iᵀθ + e_i, e_i ~ N(0, s²), prior θ ~ N(0, v I). Exact posterior
// (e.g. Bishop, PRML 2006, eq. 3.53–3.54):  P = XᵀX / s² + I / v,   Σ = P⁻¹,   μ = Σ Xᵀy / s².
// Minibatch gradient of the log posterior on a batch b of size m out of N (unbiased estimate):
//   ĝ = −θ/v + (N/m) Σ_{i∈b} x_i (y_i − x_iᵀθ) / s²      ("full" convention, T = 1)
// or ĝ/N ("mean" convention of posteriors docs/log_posteriors.md, to be sampled with T = 1/N).
import { assertFinite, assertPositive, formatShape } from "../../../core/check.ts";
import { AnsatzError } from "../../../core/errors.ts";
import { inverse } from "../../../core/linalg.ts";
import { Mat } from "../../../core/matrix.ts";
import type { Rng } from "../../../core/random.ts";

/** Design matrix (rows = examples) and targets. */
export interface RegressionData {
  X: Mat;
  y: Float64Array;
}

/** "full": gradient of the full log posterior (sample with T = 1); "mean": divided by N (T = 1/N). */
export type GradConvention = "full" | "mean";

/** Options of the Bayesian linear regression target. */
export interface LinearRegressionOptions {
  priorVar: number;
  noiseVar: number;
  convention?: GradConvention;
}

/** Bayesian linear regression target with its exact posterior. */
export interface LinearRegressionTarget {
  readonly dim: number;
  readonly n: number;
  /** Writes the (minibatch) log-posterior gradient into `out`; `batch` null = the full data. */
  grad(params: Float64Array, batch: Int32Array | null, out: Float64Array): void;
  /** Exact posterior mean and covariance. */
  posterior(): { mean: Float64Array; cov: Mat };
}

/** Checks that X is n×d and y has n finite entries. */
export function checkRegressionData(data: RegressionData, where: string): void {
  const { X, y } = data;
  if (X.rows !== y.length) {
    throw AnsatzError.expected(
      "bad-shape",
      `${where} y`,
      `length ${X.rows} (rows of X)`,
      `length ${y.length}`,
    );
  }
  if (X.rows < 1 || X.cols < 1) {
    throw AnsatzError.expected("bad-shape", `${where} X`, "a non-empty matrix", formatShape(X.shape));
  }
  assertFinite(X.data, `${where} X`);
  assertFinite(y, `${where} y`);
}

/** The Bayesian linear regression target (conjugate prior N(0, priorVar I), known noise variance). */
export function linearRegressionTarget(
  data: RegressionData,
  options: LinearRegressionOptions,
): LinearRegressionTarget {
  checkRegressionData(data, "linear regression data");
  assertPositive(options.priorVar, "--prior-var");
  assertPositive(options.noiseVar, "--noise-var");
  const { X, y } = data;
  const n = X.rows;
  const d = X.cols;
  const x = X.data;
  const v = options.priorVar;
  const s2 = options.noiseVar;
  const div = (options.convention ?? "full") === "mean" ? n : 1;
  return {
    dim: d,
    n,
    grad(params, batch, out) {
      if (params.length !== d) {
        throw AnsatzError.expected(
          "bad-shape",
          "linear regression params",
          `length ${d}`,
          `length ${params.length}`,
        );
      }
      const m = batch === null ? n : batch.length;
      for (let j = 0; j < d; j++) out[j] = 0;
      for (let k = 0; k < m; k++) {
        const i = batch === null ? k : batch[k]!;
        const o = i * d;
        let r = y[i]!;
        for (let j = 0; j < d; j++) r -= x[o + j]! * params[j]!;
        for (let j = 0; j < d; j++) out[j] = out[j]! + x[o + j]! * r;
      }
      const scale = n / m / s2;
      for (let j = 0; j < d; j++) out[j] = (scale * out[j]! - params[j]! / v) / div;
    },
    posterior() {
      const P = new Mat(d, d);
      const b = new Float64Array(d);
      for (let i = 0; i < n; i++) {
        const o = i * d;
        for (let a = 0; a < d; a++) {
          b[a] = b[a]! + (x[o + a]! * y[i]!) / s2;
          for (let c = 0; c < d; c++) P.data[a * d + c] = P.data[a * d + c]! + (x[o + a]! * x[o + c]!) / s2;
        }
      }
      for (let a = 0; a < d; a++) P.data[a * d + a] = P.data[a * d + a]! + 1 / v;
      const cov = inverse(P);
      for (let a = 0; a < d; a++) {
        for (let c = 0; c < a; c++) {
          const s = 0.5 * (cov.data[a * d + c]! + cov.data[c * d + a]!);
          cov.data[a * d + c] = s;
          cov.data[c * d + a] = s;
        }
      }
      const mean = new Float64Array(d);
      for (let a = 0; a < d; a++) {
        let s = 0;
        for (let c = 0; c < d; c++) s += cov.data[a * d + c]! * b[c]!;
        mean[a] = s;
      }
      return { mean, cov };
    },
  };
}

/**
 * Synthetic regression data: the first column is an intercept (1), the other d−1 columns N(0, 1);
 * y = Xθ* + N(0, noiseVar) with θ* ~ N(0, I). Returns the data and θ*.
 */
export function syntheticLinearData(
  n: number,
  d: number,
  noiseVar: number,
  rng: Rng,
): RegressionData & { theta: Float64Array } {
  const X = new Mat(n, d);
  const theta = new Float64Array(d);
  for (let j = 0; j < d; j++) theta[j] = rng.normal();
  const y = new Float64Array(n);
  const sd = Math.sqrt(noiseVar);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) {
      const v = j === 0 ? 1 : rng.normal();
      X.data[i * d + j] = v;
      s += v * theta[j]!;
    }
    y[i] = s + sd * rng.normal();
  }
  return { X, y, theta };
}
