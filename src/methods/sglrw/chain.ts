// Running a sampler on a data-set target and collecting posterior moments: the driver shared by the
// reproduction, the `sample-posterior` models and the `ansatz sglrw sample` command (spec sglrw.md §3).
// Moments are accumulated online (Welford's algorithm; Knuth, TAOCP vol. 2, §4.2.2), so no samples are
// stored. The automatic step size follows the stability/accuracy scale of Langevin samplers on a Gaussian
// with precision eigenvalues λ (spec §2.3–2.4: the SGLD variance bias is ≈ λδt/2 and the minibatch term
// ≈ δt s²/2, so δt = c/λmax · m/N keeps both at a few per cent); the length is a multiple of the slowest
// relaxation time 1/(λmin δt).
import { assertInt, assertPositive } from "../../core/check.ts";
import { AnsatzError } from "../../core/errors.ts";
import { eigSym } from "../../core/linalg.ts";
import { Mat } from "../../core/matrix.ts";
import { Rng } from "../../core/random.ts";
import { buildLrw } from "./lrw.ts";
import type { LogPosteriorGrad, Sampler } from "./sampler.ts";
import { buildSgld } from "./sgld.ts";
import { buildSglrw } from "./sglrw.ts";
import { MinibatchSampler } from "./targets/minibatch.ts";

/** The four samplers by name. */
export const SAMPLER_NAMES = ["sglrw", "sgld", "sgld-clipped", "lrw"] as const;
export type SamplerName = (typeof SAMPLER_NAMES)[number];

/** Builds the named sampler with constant step `lr` and temperature 1 (clipped SGLD clips per coordinate). */
export function buildNamedSampler<B>(
  name: SamplerName,
  grad: LogPosteriorGrad<B>,
  lr: number,
  seed: number,
): Sampler<B> {
  switch (name) {
    case "sglrw":
      return buildSglrw(grad, { lr, rng: seed });
    case "sgld":
      return buildSgld(grad, { lr, rng: seed });
    case "sgld-clipped":
      return buildSgld(grad, { lr, rng: seed, clip: "coordinate" });
    case "lrw":
      return buildLrw(grad, { lr, rng: seed });
    default:
      throw AnsatzError.expected(
        "bad-argument",
        "--sampler",
        `one of ${SAMPLER_NAMES.join(", ")}`,
        JSON.stringify(name),
      );
  }
}

/** A data-set target: dimension, number of rows and a minibatch log-posterior gradient (full convention). */
export interface DataTarget {
  readonly dim: number;
  readonly n: number;
  grad(params: Float64Array, batch: Int32Array | null, out: Float64Array): void;
}

/** Settings of one chain. */
export interface ChainOptions {
  sampler: SamplerName;
  /** Step size δt > 0. */
  lr: number;
  /** Total number of updates (burn-in included). */
  steps: number;
  /** Updates discarded before collecting moments (default steps/10). */
  burnIn?: number;
  /** Minibatch size, 1..n. */
  batch: number;
  seed: number;
  /** Initial parameters (default zeros). */
  init?: ArrayLike<number>;
}

/** Posterior moments estimated from a chain. */
export interface ChainResult {
  mean: Float64Array;
  cov: Mat;
  samples: number;
}

/** Runs one chain of `options.sampler` on `target` and returns the running mean and covariance after burn-in. */
export function runChain(target: DataTarget, options: ChainOptions): ChainResult {
  const { n, dim: d } = target;
  assertPositive(options.lr, "--lr (step size)");
  assertInt(options.steps, "--steps", 2);
  const burnIn = options.burnIn ?? Math.floor(options.steps / 10);
  assertInt(burnIn, "burn-in", 0, options.steps - 1);
  const rng = new Rng(options.seed);
  const batches = new MinibatchSampler(n, options.batch, rng.split());
  const full = options.batch === n;
  const sampler = buildNamedSampler<Int32Array | null>(
    options.sampler,
    (p, b, out) => target.grad(p, b, out),
    options.lr,
    rng.int(2 ** 31),
  );
  const state = sampler.init(options.init ?? new Float64Array(d));
  const mean = new Float64Array(d);
  const m2 = new Float64Array(d * d);
  const delta = new Float64Array(d);
  let count = 0;
  for (let t = 0; t < options.steps; t++) {
    sampler.update(state, full ? null : batches.next());
    if (t < burnIn) continue;
    count++;
    const p = state.params;
    for (let i = 0; i < d; i++) {
      delta[i] = p[i]! - mean[i]!;
      mean[i] = mean[i]! + delta[i]! / count;
    }
    for (let i = 0; i < d; i++) {
      const di = delta[i]!;
      for (let j = 0; j < d; j++) m2[i * d + j] = m2[i * d + j]! + di * (p[j]! - mean[j]!);
    }
  }
  const cov = new Mat(d, d);
  for (let k = 0; k < d * d; k++) cov.data[k] = m2[k]! / Math.max(count - 1, 1);
  return { mean, cov, samples: count };
}

/** A step size and a length chosen from the posterior precision (or Hessian at the mode). */
export interface ChosenSettings {
  lr: number;
  steps: number;
  burnIn: number;
  lambdaMax: number;
  lambdaMin: number;
}

/**
 * Chooses δt = 0.05/λmax · (batch/n) and steps = burn-in (10 slowest relaxation times 1/(λmin δt)) plus
 * 1000 relaxation times, capped at `maxSteps` (default 400 000); `precision` is the negative Hessian of the
 * log posterior (exact for linear regression, at the MAP for logistic regression).
 */
export function chooseSettings(precision: Mat, n: number, batch: number, maxSteps = 400_000): ChosenSettings {
  const sym = precision.clone();
  const d = sym.rows;
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < i; j++) {
      const s = 0.5 * (sym.data[i * d + j]! + sym.data[j * d + i]!);
      sym.data[i * d + j] = s;
      sym.data[j * d + i] = s;
    }
  }
  const ev = eigSym(sym).values;
  const lambdaMax = ev[0]!;
  const lambdaMin = ev[d - 1]!;
  if (!(lambdaMin > 0) || !Number.isFinite(lambdaMax)) {
    throw AnsatzError.expected(
      "bad-value",
      "posterior precision",
      "a positive definite matrix",
      `eigenvalues in [${lambdaMin}, ${lambdaMax}]`,
    );
  }
  const lr = (0.05 / lambdaMax) * (batch / n);
  const tau = 1 / (lambdaMin * lr);
  const burnIn = Math.ceil(10 * tau);
  const steps = Math.min(maxSteps, burnIn + Math.ceil(1000 * tau));
  return { lr, steps, burnIn: Math.min(burnIn, Math.floor(steps / 2)), lambdaMax, lambdaMin };
}

/** KL(N(m1, C1) ‖ N(m0, C0)) between Gaussians (standard closed form: ½[tr(C0⁻¹C1) + Δmᵀ C0⁻¹ Δm − d + ln det C0 − ln det C1]). */
export function gaussianKl(m1: Float64Array, c1: Mat, m0: Float64Array, c0: Mat): number {
  const d = m1.length;
  const ev0 = eigSym(symmetrised(c0));
  const ev1 = eigSym(symmetrised(c1));
  let logDet0 = 0;
  let logDet1 = 0;
  for (let i = 0; i < d; i++) {
    logDet0 += Math.log(ev0.values[i]!);
    logDet1 += Math.log(Math.max(ev1.values[i]!, 1e-300));
  }
  // C0⁻¹ = V diag(1/λ) Vᵀ
  const V = ev0.vectors.data;
  const inv = new Float64Array(d * d);
  for (let a = 0; a < d; a++) {
    for (let b = 0; b < d; b++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += (V[a * d + k]! * V[b * d + k]!) / ev0.values[k]!;
      inv[a * d + b] = s;
    }
  }
  let tr = 0;
  let quad = 0;
  for (let a = 0; a < d; a++) {
    for (let b = 0; b < d; b++) {
      tr += inv[a * d + b]! * c1.data[b * d + a]!;
      quad += (m1[a]! - m0[a]!) * inv[a * d + b]! * (m1[b]! - m0[b]!);
    }
  }
  return 0.5 * (tr + quad - d + logDet0 - logDet1);
}

function symmetrised(A: Mat): Mat {
  const d = A.rows;
  const S = A.clone();
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < i; j++) {
      const s = 0.5 * (S.data[i * d + j]! + S.data[j * d + i]!);
      S.data[i * d + j] = s;
      S.data[j * d + i] = s;
    }
  }
  return S;
}

/** Errors of estimated moments against exact ones: max |Δmean| in posterior SDs, max relative |Δcov| (Frobenius). */
export function momentErrors(
  mean: Float64Array,
  cov: Mat,
  exactMean: Float64Array,
  exactCov: Mat,
): { meanError: number; covError: number } {
  const d = exactMean.length;
  let meanError = 0;
  for (let i = 0; i < d; i++) {
    const sd = Math.sqrt(exactCov.data[i * d + i]!);
    meanError = Math.max(meanError, Math.abs(mean[i]! - exactMean[i]!) / sd);
  }
  let num = 0;
  let den = 0;
  for (let k = 0; k < d * d; k++) {
    num += (cov.data[k]! - exactCov.data[k]!) ** 2;
    den += exactCov.data[k]! ** 2;
  }
  const covError = Math.sqrt(num / den);
  return {
    meanError: Number.isFinite(meanError) ? meanError : Number.POSITIVE_INFINITY,
    covError: Number.isFinite(covError) ? covError : Number.POSITIVE_INFINITY,
  };
}
