// Predictive performance of the samplers on Bayesian logistic regression under heavy-tailed gradient noise
// (spec sglrw.md §4.3 B7; the paper's claim that SGLRW "matches or improves predictive performance" where SGLD
// fails). Synthetic classification data split into train/test rows; minibatch gradients with Student-t(ν)
// noise injected per example: ĝ = −θ/v + (N/m) Σ_{i∈b} [x_i (y_i − σ(x_iᵀθ)) + s ε_i], ε_i ~ t_ν i.i.d. per
// coordinate. Each sampler runs from the MAP; thinned samples give the posterior predictive mean_s σ(xᵀθ_s),
// scored by mean test log-likelihood and accuracy (targets/logistic-regression.ts `logisticPredictive`).
import { assertInt, assertPositive } from "../../core/check.ts";
import { Mat } from "../../core/matrix.ts";
import { Rng } from "../../core/random.ts";
import { buildNamedSampler, chooseSettings, type SamplerName } from "./chain.ts";
import { posteriorPrecision } from "./sample-posterior.ts";
import type { RegressionData } from "./targets/linear-regression.ts";
import {
  logisticPredictive,
  logisticRegressionTarget,
  syntheticLogisticData,
} from "./targets/logistic-regression.ts";
import { MinibatchSampler } from "./targets/minibatch.ts";

/** Settings of the predictive experiment. */
export interface PredictiveOptions {
  nTrain: number;
  nTest: number;
  d: number;
  batch: number;
  steps: number;
  /** δt = stepFactor/λmax of the Hessian at the MAP (same for all samplers). */
  stepFactor: number;
  /** Student-t degrees of freedom and scale of the per-example noise. */
  nu: number;
  noiseScale: number;
  seed: number;
}

/** One row: a method's mean test log-likelihood and accuracy (NaN log-likelihood = diverged). */
export interface PredictiveRow {
  method: string;
  testLogLik: number;
  accuracy: number;
}

/** Splits rows [0, k) and [k, n) of a data set. */
export function splitRows(data: RegressionData, k: number): { train: RegressionData; test: RegressionData } {
  const { X, y } = data;
  const d = X.cols;
  const part = (a: number, b: number): RegressionData => {
    const Xp = new Mat(b - a, d);
    Xp.data.set(X.data.subarray(a * d, b * d));
    return { X: Xp, y: y.slice(a, b) };
  };
  return { train: part(0, k), test: part(k, X.rows) };
}

/** Runs `sampler` with Student-t per-example noise and returns thinned samples (rows); throws on divergence. */
export function noisyLogisticSamples(
  train: RegressionData,
  sampler: SamplerName,
  opts: {
    lr: number;
    steps: number;
    batch: number;
    nu: number;
    noiseScale: number;
    seed: number;
    init: Float64Array;
    priorVar: number;
  },
  thin = 10,
): Mat {
  assertPositive(opts.lr, "lr");
  assertInt(opts.steps, "steps", 2);
  const target = logisticRegressionTarget(train, { priorVar: opts.priorVar });
  const n = target.n;
  const d = target.dim;
  const rng = new Rng(opts.seed);
  const noiseRng = rng.split();
  const batches = new MinibatchSampler(n, opts.batch, rng.split());
  const smp = buildNamedSampler<Int32Array>(
    sampler,
    (p, b, out) => {
      target.grad(p, b, out);
      const f = (n / b.length) * opts.noiseScale;
      for (let k = 0; k < b.length; k++) {
        for (let j = 0; j < d; j++) out[j] = out[j]! + f * noiseRng.studentT(opts.nu);
      }
    },
    opts.lr,
    rng.int(2 ** 31),
  );
  const st = smp.init(opts.init);
  const burn = Math.floor(opts.steps / 5);
  const kept = Math.floor((opts.steps - burn) / thin);
  const out = new Mat(kept, d);
  let row = 0;
  for (let t = 0; t < opts.steps; t++) {
    smp.update(st, batches.next());
    if (t >= burn && (t - burn) % thin === 0 && row < kept) {
      out.data.set(st.params, row * d);
      row++;
    }
  }
  return out;
}

/** The B7 table: MAP plus SGLRW, SGLD and clipped SGLD under Student-t gradient noise, on held-out rows. */
export function logisticPredictiveTable(o: PredictiveOptions): { rows: PredictiveRow[]; lr: number } {
  const all = syntheticLogisticData(o.nTrain + o.nTest, o.d, new Rng(o.seed));
  const { train, test } = splitRows(all, o.nTrain);
  const target = logisticRegressionTarget(train, { priorVar: 1 });
  const map = target.map();
  const H = posteriorPrecision(train, "logistic-regression", 1, 1, map);
  const lr = o.stepFactor / chooseSettings(H, o.nTrain, o.nTrain).lambdaMax;
  const mapSample = new Mat(1, o.d);
  mapSample.data.set(map);
  const rows: PredictiveRow[] = [{ method: "map", ...toRow(logisticPredictive(mapSample, test)) }];
  for (const sampler of ["sglrw", "sgld", "sgld-clipped"] as const) {
    let r = { testLogLik: Number.NaN, accuracy: Number.NaN };
    try {
      const samples = noisyLogisticSamples(train, sampler, {
        lr,
        steps: o.steps,
        batch: o.batch,
        nu: o.nu,
        noiseScale: o.noiseScale,
        seed: o.seed + 7,
        init: map,
        priorVar: 1,
      });
      if (samples.data.every(Number.isFinite)) r = toRow(logisticPredictive(samples, test));
    } catch {
      // divergence: NaN row
    }
    rows.push({ method: sampler, ...r });
  }
  return { rows, lr };
}

function toRow(p: { logLik: number; accuracy: number }): { testLogLik: number; accuracy: number } {
  return { testLogLik: p.logLik, accuracy: p.accuracy };
}
