// Posterior sampling of Bayesian linear or logistic regression from a data set with one of the four samplers:
// the library call behind the `sample-posterior` models and `ansatz sglrw sample` (issue 7 item 6).
// Prior N(0, v I); linear regression with known noise variance s² (exact posterior, Bishop PRML eq. 3.53–3.54),
// logistic regression with the Bernoulli likelihood. Without lr/steps they are chosen by `chooseSettings`
// from the posterior precision (linear) or the negative Hessian at the MAP (logistic, Laplace approximation).
import { assertInt, assertPositive } from "../../core/check.ts";
import { AnsatzError } from "../../core/errors.ts";
import { Mat } from "../../core/matrix.ts";
import { chooseSettings, type DataTarget, runChain, type SamplerName } from "./chain.ts";
import { linearRegressionTarget, type RegressionData } from "./targets/linear-regression.ts";
import { logisticRegressionTarget } from "./targets/logistic-regression.ts";

/** The two regression models. */
export type RegressionModel = "linear-regression" | "logistic-regression";

/** Options of `samplePosterior`. */
export interface SamplePosteriorOptions {
  model: RegressionModel;
  sampler: SamplerName;
  /** Minibatch size (default: all rows). */
  batch?: number;
  /** Step size δt (default: chosen from the data). */
  lr?: number;
  /** Number of updates (default: chosen from the data). */
  steps?: number;
  priorVar: number;
  /** Known noise variance (linear regression only). */
  noiseVar: number;
  seed: number;
}

/** What was chosen automatically, and why. */
export interface Chosen {
  lr?: number;
  steps?: number;
  burnIn: number;
  lambdaMax: number;
  lambdaMin: number;
  rule: string;
}

/** Posterior moments from a sampler run. */
export interface SamplePosteriorResult {
  mean: Float64Array;
  cov: Mat;
  samples: number;
  lr: number;
  steps: number;
  chosen: Chosen | null;
}

/** Negative Hessian of the log posterior: XᵀWX + I/v with W = 1/s² (linear) or σ(1 − σ) at θ (logistic). */
export function posteriorPrecision(
  data: RegressionData,
  model: RegressionModel,
  priorVar: number,
  noiseVar: number,
  theta?: Float64Array,
): Mat {
  const { X } = data;
  const n = X.rows;
  const d = X.cols;
  const P = new Mat(d, d);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    let w = 1 / noiseVar;
    if (model === "logistic-regression") {
      let z = 0;
      for (let j = 0; j < d; j++) z += X.data[o + j]! * (theta?.[j] ?? 0);
      const s = 1 / (1 + Math.exp(-z));
      w = s * (1 - s);
    }
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < d; b++)
        P.data[a * d + b] = P.data[a * d + b]! + w * X.data[o + a]! * X.data[o + b]!;
    }
  }
  for (let a = 0; a < d; a++) P.data[a * d + a] = P.data[a * d + a]! + 1 / priorVar;
  return P;
}

/** Samples the posterior of `model` on `data` with the named sampler and returns its mean and covariance. */
export function samplePosterior(
  data: RegressionData,
  options: SamplePosteriorOptions,
): SamplePosteriorResult {
  assertPositive(options.priorVar, "--prior-var");
  const n = data.X.rows;
  const batch = options.batch ?? n;
  assertInt(batch, "--batch (minibatch size)", 1);
  if (batch > n) {
    throw AnsatzError.expected(
      "bad-value",
      "--batch (minibatch size)",
      `a batch size <= the number of data rows ${n}`,
      String(batch),
    );
  }
  if (options.lr !== undefined) assertPositive(options.lr, "--lr (step size)");
  if (options.steps !== undefined) assertInt(options.steps, "--steps", 2);
  let target: DataTarget;
  let init: Float64Array | undefined;
  let precision: Mat;
  if (options.model === "linear-regression") {
    assertPositive(options.noiseVar, "--noise-var");
    target = linearRegressionTarget(data, { priorVar: options.priorVar, noiseVar: options.noiseVar });
    precision = posteriorPrecision(data, "linear-regression", options.priorVar, options.noiseVar);
  } else if (options.model === "logistic-regression") {
    const t = logisticRegressionTarget(data, { priorVar: options.priorVar });
    target = t;
    init = t.map();
    precision = posteriorPrecision(data, "logistic-regression", options.priorVar, 1, init);
  } else {
    throw AnsatzError.expected(
      "bad-argument",
      "--model",
      "linear-regression or logistic-regression",
      JSON.stringify(options.model),
    );
  }
  let lr = options.lr;
  let steps = options.steps;
  let chosen: Chosen | null = null;
  let burnIn: number | undefined;
  if (lr === undefined || steps === undefined) {
    const s = chooseSettings(precision, n, batch);
    const lrGiven = lr !== undefined;
    lr ??= s.lr;
    // with a user lr the relaxation time is 1/(λmin lr)
    const tau = 1 / (s.lambdaMin * lr);
    const autoSteps = lrGiven ? Math.min(400_000, Math.ceil(1010 * tau)) : s.steps;
    const stepsGiven = steps !== undefined;
    steps ??= autoSteps;
    burnIn = Math.min(Math.ceil(10 * tau), Math.floor(steps / 2));
    chosen = {
      ...(lrGiven ? {} : { lr }),
      ...(stepsGiven ? {} : { steps }),
      burnIn,
      lambdaMax: s.lambdaMax,
      lambdaMin: s.lambdaMin,
      rule: "lr = 0.05/λmax · batch/n; steps = 10 + 1000 relaxation times 1/(λmin lr) (max 400000); λ: eigenvalues of the posterior precision (Hessian at the MAP for logistic)",
    };
  }
  const r = runChain(target, {
    sampler: options.sampler,
    lr,
    steps,
    burnIn,
    batch,
    seed: options.seed,
    init,
  });
  return { mean: r.mean, cov: r.cov, samples: r.samples, lr, steps, chosen };
}
