// Registers the SGLRW module with the framework: the reproduction `sglrw` (`ansatz repro sglrw`), the
// `sample-posterior` challenge and the four samplers (sglrw, sgld, sgld-clipped, lrw) as models.
import { challenges, models, reproductions } from "../../ctf/registry.ts";
import { SAMPLER_MODELS, samplePosteriorChallenge } from "./challenge.ts";
import { runSglrwRepro } from "./repro.ts";

/** Adds the SGLRW reproduction, challenge and models to the registry. */
export function registerSglrw(): void {
  reproductions.add({
    id: "sglrw",
    title:
      "SGLRW: Ehrenfest exactness, SGLD bias, Gaussian test, Cauchy robustness, minibatch robustness on Bayesian linear regression, predictive performance (logistic and linear regression)",
    run: ({ quick }) => runSglrwRepro({ quick }),
  });
  challenges.add(samplePosteriorChallenge);
  for (const m of SAMPLER_MODELS) models.add(m);
}
