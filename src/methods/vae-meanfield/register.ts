// Registers the VAE mean-field module with the framework: the reproduction `vae-meanfield`
// (`ansatz repro vae-meanfield`), the two spin `generate` challenges and the three models entering them.
import { challenges, models, reproductions } from "../../ctf/registry.ts";
import { runVaeMeanfieldRepro } from "./repro.ts";
import { SPIN_CHALLENGES } from "./spin-challenge.ts";
import { SPIN_MODELS } from "./spin-models.ts";

/** Adds the VAE mean-field reproduction, challenges and models to the registry. */
export function registerVaeMeanfield(): void {
  reproductions.add({
    id: "vae-meanfield",
    title:
      "VAE capacity and mean-field read-out: exact Curie–Weiss MI, HS identity, Hopfield pattern recovery (K = P) and failure (K < P), rate vs I_bip, Curie–Weiss and Maier–Saupe read-outs",
    run: ({ quick, onProgress }) => runVaeMeanfieldRepro({ quick, onProgress }),
  });
  for (const c of SPIN_CHALLENGES) challenges.add(c);
  for (const m of SPIN_MODELS) models.add(m);
}
