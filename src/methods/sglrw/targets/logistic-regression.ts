// Bayesian logistic regression, the classification problem of SGLRW (spec sglrw.md §3, §4.3 B7).
// Model P(y_i = 1 | x_i, θ) = σ(x_iᵀθ), prior θ ~ N(0, v I). Minibatch log-posterior gradient on a batch b
// of size m out of N:  ĝ = −θ/v + (N/m) Σ_{i∈b} x_i (y_i − σ(x_iᵀθ))   (÷N in the "mean" convention).
// MAP by Newton's method on the concave log posterior (Hessian −Xᵀ W X − I/v, W = diag σ(1−σ)).
// Predictive: log-likelihood of test data under the posterior predictive mean_s σ(x ᵀθ_s), and accuracy.
import { assertPositive } from "../../../core/check.ts";
import { AnsatzError } from "../../../core/errors.ts";
import { solve } from "../../../core/linalg.ts";
import { Mat } from "../../../core/matrix.ts";
import type { Rng } from "../../../core/random.ts";
import { checkRegressionData, type GradConvention, type RegressionData } from "./linear-regression.ts";

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Bayesian logistic regression target. */
export interface LogisticRegressionTarget {
  readonly dim: number;
  readonly n: number;
  /** Writes the (minibatch) log-posterior gradient into `out`; `batch` null = the full data. */
  grad(params: Float64Array, batch: Int32Array | null, out: Float64Array): void;
  /** The MAP estimate by Newton's method (full data). */
  map(maxIter?: number): Float64Array;
}

/** The Bayesian logistic regression target; labels must be 0 or 1. */
export function logisticRegressionTarget(
  data: RegressionData,
  options: { priorVar: number; convention?: GradConvention },
): LogisticRegressionTarget {
  checkRegressionData(data, "logistic regression data");
  assertPositive(options.priorVar, "--prior-var");
  const { X, y } = data;
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) {
      throw AnsatzError.expected(
        "bad-value",
        `logistic regression label (row ${i + 1})`,
        "0 or 1",
        String(y[i]),
      );
    }
  }
  const n = X.rows;
  const d = X.cols;
  const x = X.data;
  const v = options.priorVar;
  const div = (options.convention ?? "full") === "mean" ? n : 1;
  function grad(params: Float64Array, batch: Int32Array | null, out: Float64Array): void {
    if (params.length !== d) {
      throw AnsatzError.expected(
        "bad-shape",
        "logistic regression params",
        `length ${d}`,
        `length ${params.length}`,
      );
    }
    const m = batch === null ? n : batch.length;
    for (let j = 0; j < d; j++) out[j] = 0;
    for (let k = 0; k < m; k++) {
      const i = batch === null ? k : batch[k]!;
      const o = i * d;
      let z = 0;
      for (let j = 0; j < d; j++) z += x[o + j]! * params[j]!;
      const r = y[i]! - sigmoid(z);
      for (let j = 0; j < d; j++) out[j] = out[j]! + x[o + j]! * r;
    }
    const scale = n / m;
    for (let j = 0; j < d; j++) out[j] = (scale * out[j]! - params[j]! / v) / div;
  }
  return {
    dim: d,
    n,
    grad,
    map(maxIter = 50) {
      const theta = new Float64Array(d);
      const g = new Float64Array(d);
      for (let it = 0; it < maxIter; it++) {
        const H = new Mat(d, d);
        for (let i = 0; i < n; i++) {
          const o = i * d;
          let z = 0;
          for (let j = 0; j < d; j++) z += x[o + j]! * theta[j]!;
          const s = sigmoid(z);
          const w = s * (1 - s);
          for (let a = 0; a < d; a++) {
            for (let c = 0; c < d; c++) H.data[a * d + c] = H.data[a * d + c]! + w * x[o + a]! * x[o + c]!;
          }
        }
        for (let a = 0; a < d; a++) H.data[a * d + a] = H.data[a * d + a]! + 1 / v;
        const saved = div;
        grad(theta, null, g);
        if (saved !== 1) for (let j = 0; j < d; j++) g[j] = g[j]! * saved;
        const step = solve(H, g);
        let m = 0;
        for (let j = 0; j < d; j++) {
          theta[j] = theta[j]! + step[j]!;
          m = Math.max(m, Math.abs(step[j]!));
        }
        if (m < 1e-12) break;
      }
      return theta;
    },
  };
}

/** Mean test log-likelihood of the posterior predictive mean_s σ(xᵀθ_s) and the accuracy of its 0.5 threshold. */
export function logisticPredictive(samples: Mat, data: RegressionData): { logLik: number; accuracy: number } {
  const { X, y } = data;
  const d = X.cols;
  if (samples.cols !== d) {
    throw AnsatzError.expected("bad-shape", "logisticPredictive samples", `${d} columns`, `${samples.cols}`);
  }
  let ll = 0;
  let correct = 0;
  for (let i = 0; i < X.rows; i++) {
    let p = 0;
    for (let s = 0; s < samples.rows; s++) {
      let z = 0;
      for (let j = 0; j < d; j++) z += X.data[i * d + j]! * samples.data[s * d + j]!;
      p += sigmoid(z);
    }
    p /= samples.rows;
    const pc = Math.min(Math.max(p, 1e-300), 1 - 1e-16);
    ll += y[i] === 1 ? Math.log(pc) : Math.log(1 - pc);
    if ((p >= 0.5 ? 1 : 0) === y[i]) correct++;
  }
  return { logLik: ll / X.rows, accuracy: correct / X.rows };
}

/** Synthetic classification data: intercept column plus d−1 N(0,1) features, y ~ Bernoulli(σ(xᵀθ*)), θ* ~ N(0, I). */
export function syntheticLogisticData(
  n: number,
  d: number,
  rng: Rng,
): RegressionData & { theta: Float64Array } {
  const X = new Mat(n, d);
  const theta = new Float64Array(d);
  for (let j = 0; j < d; j++) theta[j] = rng.normal();
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = 0;
    for (let j = 0; j < d; j++) {
      const v = j === 0 ? 1 : rng.normal();
      X.data[i * d + j] = v;
      z += v * theta[j]!;
    }
    y[i] = rng.uniform() < sigmoid(z) ? 1 : 0;
  }
  return { X, y, theta };
}
