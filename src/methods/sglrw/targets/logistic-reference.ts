// Reference posterior of Bayesian logistic regression by a long full-batch run (spec sglrw.md §3, issue 7
// item 2): the unadjusted Langevin algorithm (full-batch SGLD, no Metropolis correction) started at the MAP
// with a small step δt = c/λmax (c = 0.01 by default), λmax the largest eigenvalue of the negative Hessian at
// the MAP. On a Gaussian the ULA variance bias is 1/(1 − λδt/2) (spec §2.4), so ≤ 0.5 % for c = 0.01.
// Cross-check: the Laplace approximation N(MAP, H⁻¹) (e.g. Bishop, PRML 2006, §4.4), which the reference
// mean/covariance should be close to when n ≫ d (the posterior is then nearly Gaussian).
import { assertInt, assertPositive } from "../../../core/check.ts";
import { inverse } from "../../../core/linalg.ts";
import type { Mat } from "../../../core/matrix.ts";
import { chooseSettings, momentErrors, runChain } from "../chain.ts";
import { posteriorPrecision } from "../sample-posterior.ts";
import type { RegressionData } from "./linear-regression.ts";
import { logisticRegressionTarget } from "./logistic-regression.ts";

/** Options of the reference run: step factor c (δt = c/λmax), length in slowest relaxation times, seed. */
export interface LogisticReferenceOptions {
  priorVar: number;
  /** δt = stepFactor/λmax (default 0.01). */
  stepFactor?: number;
  /** Collected length in relaxation times 1/(λmin δt) (default 300); burn-in is 10 relaxation times. */
  relaxations?: number;
  /** Cap on the number of steps (default 400 000). */
  maxSteps?: number;
  seed: number;
}

/** The reference posterior and its Laplace cross-check. */
export interface LogisticReference {
  mean: Float64Array;
  cov: Mat;
  map: Float64Array;
  laplaceCov: Mat;
  lr: number;
  steps: number;
  /** Reference vs Laplace: max |Δmean| in Laplace SDs and relative Frobenius covariance difference. */
  laplaceGap: { meanError: number; covError: number };
}

/** Long full-batch ULA run from the MAP at δt = c/λmax: the reference posterior mean/covariance. */
export function logisticReferencePosterior(
  data: RegressionData,
  options: LogisticReferenceOptions,
): LogisticReference {
  assertPositive(options.priorVar, "--prior-var");
  const c = options.stepFactor ?? 0.01;
  assertPositive(c, "reference stepFactor");
  const relax = options.relaxations ?? 300;
  assertPositive(relax, "reference relaxations");
  const maxSteps = options.maxSteps ?? 400_000;
  assertInt(maxSteps, "reference maxSteps", 2);
  const target = logisticRegressionTarget(data, { priorVar: options.priorVar });
  const map = target.map();
  const H = posteriorPrecision(data, "logistic-regression", options.priorVar, 1, map);
  const s = chooseSettings(H, target.n, target.n);
  const lr = c / s.lambdaMax;
  const tau = 1 / (s.lambdaMin * lr);
  const burnIn = Math.ceil(10 * tau);
  const steps = Math.min(maxSteps, burnIn + Math.ceil(relax * tau));
  const r = runChain(target, {
    sampler: "sgld",
    lr,
    steps,
    burnIn: Math.min(burnIn, Math.floor(steps / 2)),
    batch: target.n,
    seed: options.seed,
    init: map,
  });
  const laplaceCov = inverse(H);
  const laplaceGap = momentErrors(r.mean, r.cov, map, laplaceCov);
  return { mean: r.mean, cov: r.cov, map, laplaceCov, lr, steps, laplaceGap };
}
