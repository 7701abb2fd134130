// Fitting a VAE with a conditionally independent decoder to ±1 spin samples and reading the mean-field
// parameters off it (issue 6 items 2–4; spec vae-meanfield.md §2.3–2.4): train (rate and distortion logged
// per epoch), evaluate the negative ELBO = distortion + rate on the data, read the K patterns off the decoder
// by cluster decoding (k-means with k = 2K on the encoder means, ξ̂ = sign ℓ(centre), sign duplicates
// merged, ordered by cluster mass; completed by the signs of W's columns if fewer than K are distinct), and
// the couplings βJ_ij, βh_i by the field regression of coupling-readout.ts.
import { assertInt } from "../../core/check.ts";
import { AnsatzError } from "../../core/errors.ts";
import { Mat } from "../../core/matrix.ts";
import { Rng } from "../../core/random.ts";
import { type CouplingReadout, regressFields } from "./coupling-readout.ts";
import { posteriorFields } from "./posterior-fields.ts";
import { clusterReadout } from "./readout.ts";
import { binaryPatternsInSpan } from "./span-patterns.ts";
import { to01 } from "./spin-statistics.ts";
import { type DecoderKind, Vae, type VaeParams } from "./vae.ts";
import { decodeLogitsMat, encodeMeans, readoutMatrix } from "./vae-sample.ts";
import { type EpochLog, evaluateVae, trainVae } from "./vae-train.ts";

export interface SpinFitOptions {
  /** Number of latents K (1 ≤ K ≤ N). */
  latents: number;
  /** Training epochs (default 30). */
  epochs?: number;
  /** Seed of the initialisation, shuffling, noise and read-out (default 0). */
  seed?: number;
  /** Hidden width H of the encoder and of the decoder's latent MLP (default 64). */
  hidden?: number;
  /** Adam learning rate (default 2e-3). */
  lr?: number;
  /** Minibatch size (default 100). */
  batchSize?: number;
  /** Epochs of linear KL warm-up (default 5). */
  warmupEpochs?: number;
  /** Decoder form (default "linear-readout"). */
  decoder?: DecoderKind;
  onEpoch?: (log: EpochLog) => void;
}

export interface SpinFit {
  vae: Vae;
  params: VaeParams;
  history: EpochLog[];
  /** Rate, distortion and negative ELBO per sample in nats, evaluated on the training data after training. */
  rate: number;
  distortion: number;
  negElbo: number;
  /** K recovered ±1 patterns as columns, N × K. */
  patterns: Mat;
  /** Linear read-out: the binarity ‖P_span ξ̂‖/√N of each pattern (1 = exactly in span(W)); else null. */
  binarity: number[] | null;
  /** "span": the ±1 vectors of span(W) (span-patterns.ts); "cluster": cluster decoding (mlp decoder). */
  patternMethod: "span" | "cluster";
  /** The couplings read off the decoder. */
  couplings: CouplingReadout;
}

/** K patterns: the most binary directions of span(W) (linear read-out) or cluster decoding (mlp decoder). */
function readPatterns(
  vae: Vae,
  params: VaeParams,
  x01: Mat,
  k: number,
  rng: Rng,
): { patterns: Mat; binarity: number[] | null; patternMethod: "span" | "cluster" } {
  const n = vae.config.sites;
  const out = new Mat(n, k);
  out.data.fill(1);
  const copy = (src: Mat, from: number) => {
    for (let c = 0; c + from < k && c < src.cols; c++)
      for (let i = 0; i < n; i++) out.data[i * k + from + c] = src.data[i * src.cols + c]!;
  };
  if (vae.config.decoder === "linear-readout") {
    const sp = binaryPatternsInSpan(readoutMatrix(vae, params).w, k, rng);
    copy(sp.patterns, 0);
    return { patterns: out, binarity: sp.binarity, patternMethod: "span" };
  }
  const means = encodeMeans(vae, params, x01);
  const cr = clusterReadout(means, (z) => decodeLogitsMat(vae, params, z), Math.min(2 * k, x01.rows), rng);
  copy(cr.patterns, 0);
  return { patterns: out, binarity: null, patternMethod: "cluster" };
}

/** Trains a VAE on ±1 samples [rows, N] and reads off patterns and couplings. */
export function fitSpinVae(pm1: Mat, opts: SpinFitOptions): SpinFit {
  const n = pm1.cols;
  assertInt(opts.latents, "latents", 1);
  if (opts.latents > n) {
    throw AnsatzError.expected(
      "bad-argument",
      "latents",
      `at most the number of sites (${n})`,
      `${opts.latents}`,
    );
  }
  const rng = new Rng(opts.seed ?? 0);
  const x01 = to01(pm1);
  const vae = new Vae(
    { sites: n, latents: opts.latents, hidden: opts.hidden ?? 64, decoder: opts.decoder ?? "linear-readout" },
    rng.split(),
  );
  const { params, history } = trainVae(vae, x01, {
    epochs: opts.epochs ?? 30,
    batchSize: opts.batchSize ?? 100,
    lr: opts.lr ?? 2e-3,
    warmupEpochs: opts.warmupEpochs ?? 5,
    rng: rng.split(),
    onEpoch: opts.onEpoch,
  });
  const evalRng = rng.split();
  const ev = evaluateVae(vae, params, x01, evalRng);
  const k = opts.latents;
  const { patterns, binarity, patternMethod } = readPatterns(vae, params, x01, k, rng.split());
  const fields = posteriorFields(vae, params, x01, 8, rng.split());
  const couplings = regressFields(pm1, fields);
  return {
    vae,
    params,
    history,
    rate: ev.rate,
    distortion: ev.distortion,
    negElbo: ev.negElbo,
    patterns,
    binarity,
    patternMethod,
    couplings,
  };
}
