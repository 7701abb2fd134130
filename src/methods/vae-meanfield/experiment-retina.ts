// The retina stand-in experiment (spec vae-meanfield.md §1.1 claim 4, §1.8, §1.9, A10; the real recording is
// not available offline): a synthetic data set in the published `bint` layout (160 cells, repeats × time
// bins, sparse binary firing) drawn from a two-latent generalized Hopfield model s_i | z ~ Bernoulli(σ(w_i·z +
// b_i)), z ~ N(0, I_2) (retina.ts), is read back through the loader, split 80/20, and a K = 2 VAE with a linear
// read-out is trained on it. Reported: the held-out negative log-likelihood of the VAE (importance sampling)
// beside that of the true generating model (2-D trapezoid quadrature over z on [−6, 6]², 121² nodes), the
// principal-angle cosines between the decoder's span(W) and the true stored patterns span(w), and the
// generated pairwise-correlation error against the held-out rows beside the training rows' (the noise floor).
import { join } from "node:path";
import type { Mat } from "../../core/matrix.ts";
import { Rng } from "../../core/random.ts";
import { logSumExp } from "../../core/stats.ts";
import { loadSpinSamples } from "./binary-data.ts";
import { fitSpinVae } from "./fit.ts";
import { principalAngleCosines } from "./principal-angles.ts";
import { writeSyntheticRetina } from "./retina.ts";
import { correlationError, pairCorrelations, to01, toPm1 } from "./spin-statistics.ts";
import { meanLogLikelihood } from "./vae-likelihood.ts";
import { readoutMatrix, sampleVae } from "./vae-sample.ts";

export interface RetinaRunOptions {
  /** Folder for the synthetic files. */
  dir: string;
  repeats?: number;
  time?: number;
  epochs?: number;
  latents?: number;
  seed?: number;
  dataSeed?: number;
  /** Held-out rows used for the likelihoods (default 500). */
  likelihoodRows?: number;
}

export interface RetinaRun {
  samples: number;
  neurons: number;
  latents: number;
  epochs: number;
  firingRate: number;
  heldOutNll: number;
  trueNll: number;
  rate: number;
  cosines: number[];
  corrErrMean: number;
  corrErrMax: number;
  noiseFloorMean: number;
  noiseFloorMax: number;
}

/** Mean negative log-likelihood of 0/1 rows under the two-latent model, by trapezoid quadrature over z. */
export function twoLatentNll(weights: Mat, bias: Float64Array, x01: Mat): number {
  const g = 121;
  const lo = -6;
  const h = 12 / (g - 1);
  const n = bias.length;
  const logits = new Float64Array(g * g * n);
  const logBase = new Float64Array(g * g);
  for (let a = 0; a < g; a++) {
    for (let c = 0; c < g; c++) {
      const z0 = lo + a * h;
      const z1 = lo + c * h;
      const k = a * g + c;
      const wa = (a === 0 || a === g - 1 ? 0.5 : 1) * (c === 0 || c === g - 1 ? 0.5 : 1);
      logBase[k] = -0.5 * (z0 * z0 + z1 * z1) - Math.log(2 * Math.PI) + 2 * Math.log(h) + Math.log(wa);
      for (let i = 0; i < n; i++)
        logits[k * n + i] = weights.data[2 * i]! * z0 + weights.data[2 * i + 1]! * z1 + bias[i]!;
    }
  }
  const lw = new Float64Array(g * g);
  let total = 0;
  for (let r = 0; r < x01.rows; r++) {
    const x = x01.data.subarray(r * n, r * n + n);
    for (let k = 0; k < g * g; k++) {
      let s = logBase[k]!;
      const o = k * n;
      for (let i = 0; i < n; i++) {
        const v = logits[o + i]!;
        s += x[i]! * v - (Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v))));
      }
      lw[k] = s;
    }
    total -= logSumExp(lw);
  }
  return total / x01.rows;
}

/** Runs the stand-in experiment. */
export function runRetinaStandIn(opts: RetinaRunOptions): RetinaRun {
  const gen = writeSyntheticRetina(join(opts.dir, "synthetic-retina"), {
    repeats: opts.repeats ?? 20,
    time: opts.time ?? 953,
    seed: opts.dataSeed ?? 1,
  });
  const { pm1 } = loadSpinSamples(gen.matPath);
  const nTrain = Math.floor(pm1.rows * 0.8);
  const train = pm1.sliceRows(0, nTrain);
  const held = pm1.sliceRows(nTrain, pm1.rows);
  const epochs = opts.epochs ?? 100;
  const latents = opts.latents ?? 2;
  const fit = fitSpinVae(train, { latents, epochs, seed: opts.seed ?? 0 });
  const llRows = to01(held.sliceRows(0, Math.min(held.rows, opts.likelihoodRows ?? 500)));
  const rng = new Rng((opts.seed ?? 0) + 31);
  const heldCorr = pairCorrelations(held);
  const generated = toPm1(sampleVae(fit.vae, fit.params, held.rows, rng.split()));
  const err = correlationError(pairCorrelations(generated), heldCorr);
  const floor = correlationError(pairCorrelations(train), heldCorr);
  let ones = 0;
  for (let i = 0; i < pm1.data.length; i++) if (pm1.data[i]! > 0) ones++;
  return {
    samples: pm1.rows,
    neurons: pm1.cols,
    latents,
    epochs,
    firingRate: ones / pm1.data.length,
    heldOutNll: -meanLogLikelihood(fit.vae, fit.params, llRows, 500, rng.split()),
    trueNll: twoLatentNll(gen.weights, gen.bias, llRows),
    rate: fit.rate,
    cosines: Array.from(principalAngleCosines(readoutMatrix(fit.vae, fit.params).w, gen.weights)),
    corrErrMean: err.mean,
    corrErrMax: err.max,
    noiseFloorMean: floor.mean,
    noiseFloorMax: floor.max,
  };
}
