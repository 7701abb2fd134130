// Held-out predictive performance on Bayesian linear regression under heavy-tailed gradient noise (spec
// sglrw.md §4.3 B7, regression counterpart of predictive.ts; issue 7). Synthetic data (targets/
// linear-regression.ts) split into train/test rows; minibatch gradients with Student-t(ν) noise of scale s
// per example: ĝ = −θ/v + (N/m) Σ_{i∈b} [x_i (y_i − x_iᵀθ)/s² + s ε_i], ε_i ~ t_ν. Each sampler's running
// Gaussian fit N(ŝ, Ĉ) is scored by the mean Gaussian predictive log density of the test rows,
// log N(y; xᵀŝ, xᵀĈx + s²) (PRML eq. 3.58–3.59, challenge.ts `gaussianPredictiveLogLik`), against the same
// score of the exact conjugate posterior.
import { inverse } from "../../core/linalg.ts";
import { Rng } from "../../core/random.ts";
import { chooseSettings, runChain } from "./chain.ts";
import { gaussianPredictiveLogLik } from "./challenge.ts";
import { splitRows } from "./predictive.ts";
import { linearRegressionTarget, syntheticLinearData } from "./targets/linear-regression.ts";

/** Settings of the regression predictive experiment (noise variance 1, prior N(0, I)). */
export interface RegressionPredictiveOptions {
  nTrain: number;
  nTest: number;
  d: number;
  batch: number;
  steps: number;
  /** δt = stepFactor/λmax of the exact posterior precision (same for all samplers). */
  stepFactor: number;
  nu: number;
  noiseScale: number;
  seed: number;
}

/** One row: a method's mean held-out Gaussian predictive log-likelihood (NaN = diverged). */
export interface RegressionPredictiveRow {
  method: string;
  testLogLik: number;
}

/** The regression predictive table: the exact posterior, then SGLRW, SGLD and clipped SGLD under Student-t noise. */
export function linearPredictiveTable(o: RegressionPredictiveOptions): {
  rows: RegressionPredictiveRow[];
  lr: number;
} {
  const all = syntheticLinearData(o.nTrain + o.nTest, o.d, 1, new Rng(o.seed));
  const { train, test } = splitRows(all, o.nTrain);
  const target = linearRegressionTarget(train, { priorVar: 1, noiseVar: 1 });
  const exact = target.posterior();
  const lr = o.stepFactor / chooseSettings(inverse(exact.cov), o.nTrain, o.nTrain).lambdaMax;
  const rows: RegressionPredictiveRow[] = [
    { method: "exact", testLogLik: gaussianPredictiveLogLik(exact.mean, exact.cov, test, 1) },
  ];
  for (const sampler of ["sglrw", "sgld", "sgld-clipped"] as const) {
    let ll = Number.NaN;
    const noiseRng = new Rng(o.seed + 13);
    const d = target.dim;
    const n = target.n;
    const noisy = {
      dim: d,
      n,
      grad(p: Float64Array, b: Int32Array | null, out: Float64Array) {
        target.grad(p, b, out);
        const m = b === null ? n : b.length;
        const f = (n / m) * o.noiseScale;
        for (let k = 0; k < m; k++) {
          for (let j = 0; j < d; j++) out[j] = out[j]! + f * noiseRng.studentT(o.nu);
        }
      },
    };
    try {
      const r = runChain(noisy, {
        sampler,
        lr,
        steps: o.steps,
        burnIn: Math.floor(o.steps / 5),
        batch: o.batch,
        seed: o.seed + 7,
        init: exact.mean,
      });
      if (r.mean.every(Number.isFinite) && r.cov.data.every(Number.isFinite)) {
        ll = gaussianPredictiveLogLik(r.mean, r.cov, test, 1);
      }
    } catch {
      // divergence: NaN row
    }
    rows.push({ method: sampler, testLogLik: Number.isFinite(ll) ? ll : Number.NaN });
  }
  return { rows, lr };
}
