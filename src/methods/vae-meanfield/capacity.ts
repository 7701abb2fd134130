// The capacity diagnostic "is K latents enough?" for any binary data set (issue 6 item 3; spec
// vae-meanfield.md §1.7, reconstructed). A VAE whose decoder is conditionally independent makes X_A ⊥ X_B | Z
// for any bipartition, so a VAE that reproduces the data needs a rate R ≥ I(X_A; X_B) (data processing;
// the necessary condition of §1.7). For each candidate K the diagnostic trains a VAE on 80 % of the rows and
// reports the rate, the held-out negative ELBO, and the pairwise-correlation error of generated samples
// against the held-out rows (beside the same error of the training rows, the sampling-noise floor).
// I(X_A; X_B) is exact when the caller knows it (Curie–Weiss, Hopfield), otherwise the projection estimate of
// bipartite-mi-estimate.ts (a data-processing lower bound up to its bias correction).
// Verdict: K is enough when R ≥ I_bip and the held-out negative log-likelihood is within `tolerance` nats of
// the best K tried; the recommendation is the smallest such K.
import { AnsatzError } from "../../core/errors.ts";
import type { Mat } from "../../core/matrix.ts";
import { Rng } from "../../core/random.ts";
import { estimateBipartiteMi } from "./bipartite-mi-estimate.ts";
import { fitSpinVae } from "./fit.ts";
import { correlationError, pairCorrelations, to01, toPm1 } from "./spin-statistics.ts";
import { meanLogLikelihood } from "./vae-likelihood.ts";
import { sampleVae } from "./vae-sample.ts";
import { evaluateVae } from "./vae-train.ts";

export interface CapacityOptions {
  /** Candidate numbers of latents (default [1, 2, 3, 4], capped at N). */
  latents?: number[];
  /** The exact bipartite MI in nats when known (equal halves); otherwise it is estimated. */
  exactMI?: number;
  epochs?: number;
  seed?: number;
  /** Held-out negative log-likelihood slack in nats for "as good as the best K" (default 0.1). */
  tolerance?: number;
  onProgress?: (fraction: number, message: string) => void;
}

export interface CapacityRow {
  latents: number;
  rate: number;
  distortion: number;
  negElbo: number;
  heldOutNegElbo: number;
  heldOutNll: number;
  corrErrMean: number;
  corrErrMax: number;
  rateCoversMI: boolean;
  enough: boolean;
}

export interface CapacityReport {
  sites: number;
  trainRows: number;
  heldOutRows: number;
  mi: { value: number; kind: "exact" | "estimate" };
  /** The correlation error of the training rows against the held-out rows: the noise floor of corrErr. */
  noiseFloor: { corrErrMean: number; corrErrMax: number };
  rows: CapacityRow[];
  recommended: number | null;
  verdict: string;
}

/** Runs the capacity diagnostic on ±1 samples [rows, N]. */
export function capacityDiagnostic(pm1: Mat, opts: CapacityOptions = {}): CapacityReport {
  const n = pm1.cols;
  const ks = [...new Set((opts.latents ?? [1, 2, 3, 4]).filter((k) => k <= n))].sort((a, b) => a - b);
  if (ks.length === 0) {
    throw AnsatzError.expected(
      "bad-argument",
      "latents",
      `at least one K in [1, ${n}]`,
      JSON.stringify(opts.latents),
    );
  }
  if (pm1.rows < 10)
    throw AnsatzError.expected("too-little-data", "samples", "at least 10 rows", `${pm1.rows}`);
  const tolerance = opts.tolerance ?? 0.1;
  const nTrain = Math.floor(pm1.rows * 0.8);
  const train = pm1.sliceRows(0, nTrain);
  const held = pm1.sliceRows(nTrain, pm1.rows);
  const heldCorr = pairCorrelations(held);
  const floor = correlationError(pairCorrelations(train), heldCorr);
  const mi =
    opts.exactMI !== undefined
      ? { value: opts.exactMI, kind: "exact" as const }
      : { value: estimateBipartiteMi(pm1).estimate, kind: "estimate" as const };
  const rng = new Rng(opts.seed ?? 0);
  const rows: CapacityRow[] = [];
  for (const [i, k] of ks.entries()) {
    opts.onProgress?.(i / ks.length, `training K = ${k}`);
    const fit = fitSpinVae(train, { latents: k, epochs: opts.epochs, seed: opts.seed });
    const ho = evaluateVae(fit.vae, fit.params, to01(held), rng.split());
    const llRows = held.sliceRows(0, Math.min(held.rows, 2000));
    const nll = -meanLogLikelihood(fit.vae, fit.params, to01(llRows), 200, rng.split());
    const gen = toPm1(sampleVae(fit.vae, fit.params, Math.max(held.rows, 5000), rng.split()));
    const err = correlationError(pairCorrelations(gen), heldCorr);
    rows.push({
      latents: k,
      rate: fit.rate,
      distortion: fit.distortion,
      negElbo: fit.negElbo,
      heldOutNegElbo: ho.negElbo,
      heldOutNll: nll,
      corrErrMean: err.mean,
      corrErrMax: err.max,
      rateCoversMI: fit.rate >= mi.value,
      enough: false,
    });
  }
  const best = Math.min(...rows.map((r) => r.heldOutNll));
  for (const r of rows) r.enough = r.rateCoversMI && r.heldOutNll - best <= tolerance;
  const ok = rows.find((r) => r.enough);
  const recommended = ok ? ok.latents : null;
  const verdict = ok
    ? `K = ${ok.latents} is enough: rate ${ok.rate.toFixed(3)} ≥ I_bip ${mi.value.toFixed(3)} nats (${mi.kind}) and held-out −log-likelihood within ${tolerance} nats of the best K tried`
    : `no K tried is enough (rate below I_bip or held-out −log-likelihood more than ${tolerance} nats above the best); try larger K`;
  return {
    sites: n,
    trainRows: train.rows,
    heldOutRows: held.rows,
    mi,
    noiseFloor: { corrErrMean: floor.mean, corrErrMax: floor.max },
    rows,
    recommended,
    verdict,
  };
}
