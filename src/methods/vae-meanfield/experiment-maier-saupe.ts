// The Maier–Saupe experiment of spec vae-meanfield.md §4.2 A9 (tensor order parameter): N sites on D
// discretised headless directions (Fibonacci hemisphere), block-Gibbs equilibrium samples at βJ; a VAE with
// K = 5 latents and a categorical head (linear read-out) is trained on the direction indices; the nematic
// order parameter S (largest eigenvalue of (1/N) Σ_i Q_i per configuration, averaged) of the data and of the
// VAE's generated samples are compared. Read-out (reconstructed, §1.5/§2.3): in the HS form the site
// logits are (3/2) n_dᵀ Λ n_d = Σ_j λ_j (3/2) n_dᵀ E_j n_d, linear in the 5 components of Λ; the span of the
// decoder's W (each site's block centred over categories: softmax ignores a per-site constant) is compared
// with the span of those 5 theoretical columns by principal-angle cosines.
import { Mat } from "../../core/matrix.ts";
import { Rng } from "../../core/random.ts";
import { fibonacciHemisphere } from "./directions.ts";
import { maierSaupe, maierSaupeBlockGibbs, meanOrderParameter, tracelessBasis } from "./maier-saupe.ts";
import { principalAngleCosines } from "./principal-angles.ts";
import { Vae } from "./vae.ts";
import { readoutMatrix, sampleVae } from "./vae-sample.ts";
import { type EpochLog, evaluateVae, trainVae } from "./vae-train.ts";

export interface MaierSaupeRunOptions {
  /** βJ. */
  beta: number;
  n?: number;
  directions?: number;
  samples?: number;
  epochs?: number;
  latents?: number;
  dataSeed?: number;
  seed?: number;
  /** Director-rotation moves in the sampler (default true: the exact law; false: plain block Gibbs, whose
   * chains keep the director where they first ordered, a non-equilibrium mixture of directors). */
  rotationMoves?: boolean;
  onEpoch?: (log: EpochLog) => void;
}

export interface MaierSaupeRun {
  beta: number;
  sData: number;
  sVae: number;
  deltaS: number;
  rate: number;
  negElbo: number;
  /** Principal-angle cosines between the centred decoder read-out and the 5 HS tensor columns. */
  tensorCosines: number[];
}

/** The theoretical HS read-out columns, centred per site: [(N·D) × 5]. */
export function maierSaupeReadoutColumns(n: number, dirs: Mat): Mat {
  const d = dirs.rows;
  const basis = tracelessBasis();
  const out = new Mat(n * d, basis.length);
  const col = new Float64Array(d);
  for (let j = 0; j < basis.length; j++) {
    const e = basis[j]!;
    let mean = 0;
    for (let c = 0; c < d; c++) {
      const v = dirs.data.subarray(c * 3, c * 3 + 3);
      let q = 0;
      for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) q += v[a]! * e[a * 3 + b]! * v[b]!;
      col[c] = 1.5 * q;
      mean += col[c]! / d;
    }
    for (let i = 0; i < n; i++)
      for (let c = 0; c < d; c++) out.data[(i * d + c) * basis.length + j] = col[c]! - mean;
  }
  return out;
}

/** Centres each site's block of rows (its D categories) of a read-out matrix [(N·D) × K]. */
function centrePerSite(w: Mat, n: number, d: number): Mat {
  const out = w.clone();
  const k = w.cols;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      let mean = 0;
      for (let c = 0; c < d; c++) mean += w.data[(i * d + c) * k + j]! / d;
      for (let c = 0; c < d; c++) out.data[(i * d + c) * k + j]! -= mean;
    }
  }
  return out;
}

/** Runs one temperature of the A9 experiment. */
export function runMaierSaupe(opts: MaierSaupeRunOptions): MaierSaupeRun {
  const n = opts.n ?? 64;
  const dcount = opts.directions ?? 32;
  const samples = opts.samples ?? 20000;
  const dirs = fibonacciHemisphere(dcount);
  const model = maierSaupe(n, opts.beta, dirs);
  const data = maierSaupeBlockGibbs(model, samples, new Rng(opts.dataSeed ?? 1), {
    rotationMoves: opts.rotationMoves ?? true,
  });
  const rng = new Rng(opts.seed ?? 0);
  const vae = new Vae(
    { sites: n, latents: opts.latents ?? 5, hidden: 64, head: { kind: "categorical", categories: dcount } },
    rng.split(),
  );
  const { params } = trainVae(vae, data, {
    epochs: opts.epochs ?? 30,
    batchSize: 100,
    lr: 2e-3,
    warmupEpochs: 5,
    rng: rng.split(),
    onEpoch: opts.onEpoch,
  });
  const ev = evaluateVae(vae, params, data, rng.split());
  const gen = sampleVae(vae, params, samples, rng.split());
  const sData = meanOrderParameter(dirs, data);
  const sVae = meanOrderParameter(dirs, gen);
  const w = centrePerSite(readoutMatrix(vae, params).w, n, dcount);
  return {
    beta: opts.beta,
    sData,
    sVae,
    deltaS: sVae - sData,
    rate: ev.rate,
    negElbo: ev.negElbo,
    tensorCosines: Array.from(principalAngleCosines(w, maierSaupeReadoutColumns(n, dirs))),
  };
}
