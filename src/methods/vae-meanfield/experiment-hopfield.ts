// The Hopfield recovery experiment of spec vae-meanfield.md §4.2 A5/A6 (settings of the §4.1 prototype):
// N = 64 sites, P = 3 random patterns, temperature T, M exact equilibrium samples; a VAE with K latents and a
// linear read-out decoder; read-out 1 (cluster decoding with k = 2P centres) gives the pattern overlaps
// q_μ (maximised over permutations and signs), read-out 2 the principal-angle cosines between span(W) and
// span(Ξ); generated samples give the pairwise-correlation error against the data. The exact bipartite MI
// of the data (hopfield-mi.ts) is reported beside the VAE's rate (the capacity criterion, §1.7).
import type { Mat } from "../../core/matrix.ts";
import { Rng } from "../../core/random.ts";
import { fitSpinVae } from "./fit.ts";
import { hopfield, randomPatterns } from "./hopfield.ts";
import { hopfieldBipartiteMI } from "./hopfield-mi.ts";
import { sampleHopfield } from "./hopfield-samplers.ts";
import { matchPatterns } from "./pattern-match.ts";
import { principalAngleCosines } from "./principal-angles.ts";
import { clusterReadout } from "./readout.ts";
import { correlationError, pairCorrelations, to01, toPm1 } from "./spin-statistics.ts";
import type { DecoderKind } from "./vae.ts";
import { decodeLogitsMat, encodeMeans, readoutMatrix, sampleVae } from "./vae-sample.ts";
import type { EpochLog } from "./vae-train.ts";

export interface HopfieldRunOptions {
  temperature: number;
  latents: number;
  n?: number;
  p?: number;
  samples?: number;
  epochs?: number;
  decoder?: DecoderKind;
  /** Seed of the patterns and the data (the same seed gives the same data for every K). */
  dataSeed?: number;
  /** Seed of the VAE. */
  seed?: number;
  /** Also compute the exact bipartite MI (a few seconds at N = 64, P = 3). */
  exactMI?: boolean;
  onEpoch?: (log: EpochLog) => void;
}

export interface HopfieldRun {
  temperature: number;
  latents: number;
  negElbo: number;
  rate: number;
  distortion: number;
  overlaps: number[];
  minOverlap: number;
  meanOverlap: number;
  /** Principal-angle cosines between span(W) and span(Ξ) (linear read-out only). */
  cosines: number[] | null;
  corrErrMean: number;
  corrErrMax: number;
  exactMI: number | null;
  /** The true patterns (P rows of N ±1) and the matched read-out patterns, sign-aligned (0 where unmatched). */
  truth: number[][];
  recovered: number[][];
}

/** Exact Hopfield samples for the experiment: patterns and data from `dataSeed`. */
export function hopfieldData(opts: {
  n: number;
  p: number;
  temperature: number;
  samples: number;
  dataSeed: number;
}) {
  const rng = new Rng(opts.dataSeed);
  const model = hopfield(randomPatterns(opts.n, opts.p, rng.split()), 1 / opts.temperature);
  return { model, data: sampleHopfield(model, opts.samples, rng.split()) };
}

/** The columns of an N × P matrix as P arrays of length N. */
function columns(m: Mat): number[][] {
  return Array.from({ length: m.cols }, (_, c) =>
    Array.from({ length: m.rows }, (_, i) => m.data[i * m.cols + c]!),
  );
}

/** Runs one cell of the A5/A6 table. */
export function runHopfieldRecovery(opts: HopfieldRunOptions): HopfieldRun {
  const n = opts.n ?? 64;
  const p = opts.p ?? 3;
  const samples = opts.samples ?? 20000;
  const { model, data } = hopfieldData({
    n,
    p,
    temperature: opts.temperature,
    samples,
    dataSeed: opts.dataSeed ?? 1,
  });
  const fit = fitSpinVae(data, {
    latents: opts.latents,
    epochs: opts.epochs ?? 30,
    seed: opts.seed ?? 0,
    decoder: opts.decoder,
    onEpoch: opts.onEpoch,
  });
  const rng = new Rng((opts.seed ?? 0) + 7919);
  const x01 = to01(data);
  const means = encodeMeans(fit.vae, fit.params, x01);
  const cr = clusterReadout(means, (z) => decodeLogitsMat(fit.vae, fit.params, z), 2 * p, rng.split());
  const match = matchPatterns(model.patterns, cr.patterns);
  let cosines: number[] | null = null;
  if ((opts.decoder ?? "linear-readout") === "linear-readout") {
    cosines = Array.from(principalAngleCosines(readoutMatrix(fit.vae, fit.params).w, model.patterns));
  }
  const gen = toPm1(sampleVae(fit.vae, fit.params, samples, rng.split()));
  const err = correlationError(pairCorrelations(gen), pairCorrelations(data));
  return {
    temperature: opts.temperature,
    latents: opts.latents,
    negElbo: fit.negElbo,
    rate: fit.rate,
    distortion: fit.distortion,
    overlaps: Array.from(match.overlaps),
    minOverlap: match.min,
    meanOverlap: match.mean,
    cosines,
    corrErrMean: err.mean,
    corrErrMax: err.max,
    exactMI: opts.exactMI ? hopfieldBipartiteMI(model) : null,
    truth: columns(model.patterns),
    recovered: columns(model.patterns).map((_, mu) => {
      const col = match.assignment[mu]!;
      const q = cr.patterns.cols;
      return Array.from({ length: n }, (_, i) =>
        col < 0 ? 0 : match.signs[mu]! * cr.patterns.data[i * q + col]!,
      );
    }),
  };
}
