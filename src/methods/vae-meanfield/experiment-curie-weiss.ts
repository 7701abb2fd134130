// The Curie–Weiss capacity and read-out experiment of spec vae-meanfield.md §4.2 A7/A8: N = 64, J = 1, h = 0,
// M exact i.i.d. samples at inverse temperature β; a K = 1 VAE with a linear read-out decoder and KL warm-up.
// Reported: the final rate against the exact bipartite MI (the necessary condition R ≥ I_bip, §1.7), the
// total-variation distance between the generated and the exact distribution of the number of up spins,
// the coefficient of variation of the read-out column W across sites (uniform coupling, A8), the generated
// ⟨M⟩/N and the asymmetry TV(P(k), P(N − k)) at h = 0, and the coupling βJ read off by field regression
// (coupling-readout.ts; the truth is β).
import { Rng } from "../../core/random.ts";
import { curieWeiss, cwBipartiteMI, cwCountPmf, sampleCurieWeiss } from "./curie-weiss.ts";
import { fitSpinVae } from "./fit.ts";
import { uniformCouplingReadout } from "./readout.ts";
import { magnetisationPmf, toPm1, totalVariation } from "./spin-statistics.ts";
import { readoutMatrix, sampleVae } from "./vae-sample.ts";
import type { EpochLog } from "./vae-train.ts";

export interface CurieWeissRunOptions {
  beta: number;
  n?: number;
  samples?: number;
  epochs?: number;
  warmupEpochs?: number;
  dataSeed?: number;
  seed?: number;
  onEpoch?: (log: EpochLog) => void;
}

export interface CurieWeissRun {
  beta: number;
  rate: number;
  negElbo: number;
  exactMI: number;
  magTV: number;
  /** TV between the data's empirical P(k) and the exact one: the sampling-noise floor of magTV. */
  dataMagTV: number;
  couplingCV: number;
  generatedMeanM: number;
  asymmetryTV: number;
  betaJ: number;
  /** Generated and exact P(k), k = number of up spins. */
  generatedPmf: number[];
  exactPmf: number[];
}

/** Runs one β of the A7/A8 experiment. */
export function runCurieWeissCapacity(opts: CurieWeissRunOptions): CurieWeissRun {
  const n = opts.n ?? 64;
  const samples = opts.samples ?? 20000;
  const model = curieWeiss(n, opts.beta);
  const data = sampleCurieWeiss(model, samples, new Rng(opts.dataSeed ?? 1));
  const fit = fitSpinVae(data, {
    latents: 1,
    epochs: opts.epochs ?? 30,
    warmupEpochs: opts.warmupEpochs ?? 5,
    seed: opts.seed ?? 0,
    onEpoch: opts.onEpoch,
  });
  const exact = cwCountPmf(model);
  const gen = toPm1(sampleVae(fit.vae, fit.params, samples, new Rng((opts.seed ?? 0) + 104729)));
  const pk = magnetisationPmf(gen);
  const mirrored = Float64Array.from(pk).reverse();
  let meanM = 0;
  for (let k = 0; k <= n; k++) meanM += pk[k]! * (2 * k - n);
  return {
    beta: opts.beta,
    rate: fit.rate,
    negElbo: fit.negElbo,
    exactMI: cwBipartiteMI(model),
    magTV: totalVariation(pk, exact),
    dataMagTV: totalVariation(magnetisationPmf(data), exact),
    couplingCV: uniformCouplingReadout(readoutMatrix(fit.vae, fit.params).w).cv,
    generatedMeanM: meanM / n,
    asymmetryTV: totalVariation(pk, mirrored),
    betaJ: fit.couplings.uniformBetaJ,
    generatedPmf: Array.from(pk),
    exactPmf: Array.from(exact),
  };
}
