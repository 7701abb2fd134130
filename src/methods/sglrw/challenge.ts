// The `sample-posterior` challenge of the SGLRW module and its four sampler models (DESIGN.md "Framework";
// issue 7 item 5). prepare: synthetic Bayesian linear regression (intercept + N(0,1) features, y = Xθ* + noise,
// prior N(0, I), noise variance 1); the hidden truth is the exact conjugate posterior (Bishop PRML eq. 3.53–3.54).
// score: meanError = max_i |m̂_i − μ_i| / sqrt(Σ_ii) (in posterior SDs), covError = ‖Ĉ − Σ‖_F / ‖Σ‖_F, and
// kl = KL(N(m̂, Ĉ) ‖ N(μ, Σ)), and predictiveLogLik = mean over held-out rows (x, y) of the Gaussian posterior
// predictive log density log N(y; xᵀm̂, xᵀĈx + s²) (Bishop PRML eq. 3.58–3.59 with the submitted moments;
// higher is better). The held-out rows are drawn after the training rows from the same θ* and noise.
import { z } from "zod";
import { formatShape } from "../../core/check.ts";
import { AnsatzError } from "../../core/errors.ts";
import { Mat } from "../../core/matrix.ts";
import { Rng } from "../../core/random.ts";
import type { Challenge, ScoreSheet } from "../../ctf/challenge.ts";
import type { Model } from "../../ctf/model.ts";
import { parseModelConfig } from "../../ctf/model-config.ts";
import { gaussianKl, momentErrors, SAMPLER_NAMES, type SamplerName } from "./chain.ts";
import { splitRows } from "./predictive.ts";
import { samplePosterior } from "./sample-posterior.ts";
import {
  linearRegressionTarget,
  type RegressionData,
  syntheticLinearData,
} from "./targets/linear-regression.ts";

/** Public data of the challenge: the regression data set and the model's known variances. */
export interface PosteriorPublic {
  data: RegressionData;
  priorVar: number;
  noiseVar: number;
}

/** The hidden exact posterior. */
export interface PosteriorHidden {
  mean: Float64Array;
  cov: Mat;
  /** Held-out rows and the known noise variance for the predictive score (absent: no predictive score). */
  test?: RegressionData;
  noiseVar?: number;
}

/** Mean Gaussian predictive log density of held-out rows: log N(y; xᵀm, xᵀCx + s²) (PRML eq. 3.58–3.59). */
export function gaussianPredictiveLogLik(
  mean: Float64Array,
  cov: Mat,
  test: RegressionData,
  noiseVar: number,
): number {
  const { X, y } = test;
  const d = X.cols;
  let ll = 0;
  for (let i = 0; i < X.rows; i++) {
    const o = i * d;
    let mu = 0;
    let q = 0;
    for (let a = 0; a < d; a++) {
      mu += X.data[o + a]! * mean[a]!;
      let s = 0;
      for (let b = 0; b < d; b++) s += cov.data[a * d + b]! * X.data[o + b]!;
      q += X.data[o + a]! * s;
    }
    const v = q + noiseVar;
    ll += -0.5 * (Math.log(2 * Math.PI * v) + (y[i]! - mu) ** 2 / v);
  }
  const r = ll / X.rows;
  return Number.isFinite(r) ? r : Number.NEGATIVE_INFINITY;
}

/** A submission: posterior mean and covariance. */
export interface PosteriorSubmission {
  mean: ArrayLike<number>;
  cov: Mat | number[][];
}

/** Scores a submitted mean/covariance against the exact posterior; wrong shapes throw, non-finite values score ∞. */
export function scorePosterior(submission: PosteriorSubmission, hidden: PosteriorHidden): ScoreSheet {
  const d = hidden.mean.length;
  if (submission.mean.length !== d) {
    throw AnsatzError.expected(
      "bad-shape",
      "submission mean",
      `length ${d}`,
      `length ${submission.mean.length}`,
    );
  }
  const cov = submission.cov instanceof Mat ? submission.cov : Mat.from(submission.cov);
  if (cov.rows !== d || cov.cols !== d) {
    throw AnsatzError.expected("bad-shape", "submission cov", `shape [${d}, ${d}]`, formatShape(cov.shape));
  }
  const mean = Float64Array.from(submission.mean);
  const finite = mean.every(Number.isFinite) && cov.data.every(Number.isFinite);
  if (!finite) {
    const inf = Number.POSITIVE_INFINITY;
    return {
      scores: { meanError: inf, covError: inf, kl: inf, ...(hidden.test ? { predictiveLogLik: -inf } : {}) },
      notes: ["submission has non-finite values"],
    };
  }
  const { meanError, covError } = momentErrors(mean, cov, hidden.mean, hidden.cov);
  let kl = gaussianKl(mean, cov, hidden.mean, hidden.cov);
  const notes = ["meanError in posterior SDs (max over coordinates); covError relative Frobenius"];
  if (!Number.isFinite(kl)) {
    kl = Number.POSITIVE_INFINITY;
    notes.push("submitted covariance is not positive definite: kl = ∞");
  }
  const scores: Record<string, number> = { meanError, covError, kl };
  if (hidden.test) {
    scores.predictiveLogLik = gaussianPredictiveLogLik(mean, cov, hidden.test, hidden.noiseVar ?? 1);
    notes.push(
      `predictiveLogLik: mean log N(y; xᵀm, xᵀCx + s²) over ${hidden.test.X.rows} held-out rows (higher is better)`,
    );
  }
  return { scores, notes };
}

/** The `sample-posterior` challenge: Bayesian linear regression with its exact posterior hidden. */
export const samplePosteriorChallenge: Challenge<PosteriorPublic, PosteriorHidden, PosteriorSubmission> = {
  id: "sample-posterior",
  title: "Sample a Bayesian linear-regression posterior: mean and covariance vs the exact posterior",
  kind: "sample-posterior",
  source: "methods/sglrw",
  prepare({ seed, size }) {
    const [n, d] = size === "quick" ? [200, 3] : [1000, 5];
    const nTest = size === "quick" ? 200 : 1000;
    // training rows are the first n (the same rows as an n-row draw: θ* first, then rows in order)
    const { train: data, test } = splitRows(syntheticLinearData(n + nTest, d, 1, new Rng(seed)), n);
    const exact = linearRegressionTarget(data, { priorVar: 1, noiseVar: 1 }).posterior();
    return { public: { data, priorVar: 1, noiseVar: 1 }, hidden: { ...exact, test, noiseVar: 1 } };
  },
  score: scorePosterior,
};

const configSchema = z.object({
  batch: z.number().int().positive().optional(),
  lr: z.number().positive().optional(),
  steps: z.number().int().min(2).optional(),
  seed: z.number().int().default(0),
});

/** Config of a sampler model: minibatch size, step size, length (chosen from the data when absent), seed. */
export type SamplerConfig = z.output<typeof configSchema>;

/** A sampler entering `sample-posterior` challenges. */
export interface PosteriorSamplerModel extends Model<SamplerConfig> {
  sample(pub: PosteriorPublic, config: SamplerConfig): { mean: Float64Array; cov: Mat };
}

const TITLES: Record<SamplerName, string> = {
  sglrw: "SGLRW: stochastic-gradient lattice random walk (binary, clipped)",
  sgld: "SGLD: stochastic-gradient Langevin dynamics",
  "sgld-clipped": "Clipped SGLD (per-coordinate drift clip at sqrt(2Tδt))",
  lrw: "Lattice random walk (ternary, δx = sqrt(2Tδt))",
};

/** The sampler model `name` (id = the sampler name). */
export function samplerModel(name: SamplerName): PosteriorSamplerModel {
  return {
    id: name,
    title: TITLES[name],
    kind: "sample-posterior",
    source: "methods/sglrw",
    defaultConfig: { seed: 0 },
    parseConfig: (raw) => parseModelConfig(configSchema, raw, name),
    sample(pub, config) {
      const r = samplePosterior(pub.data, {
        model: "linear-regression",
        sampler: name,
        batch: config.batch,
        lr: config.lr,
        steps: config.steps,
        priorVar: pub.priorVar,
        noiseVar: pub.noiseVar,
        seed: config.seed,
      });
      return { mean: r.mean, cov: r.cov };
    },
  };
}

/** The four sampler models. */
export const SAMPLER_MODELS: readonly PosteriorSamplerModel[] = SAMPLER_NAMES.map(samplerModel);
